import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../../contracts/common.ts';
import { AppError, tooLarge } from '../errors.ts';
import type { Db } from '../db/client.ts';
import { readableFile, uploadFile } from './index.ts';
import type { UploadQuota } from './quota.ts';
import type { BlobStore } from './store.ts';
import type { ResumableUploads } from './resumable.ts';
import { uploadRoutes } from '../http/uploads.ts';

export const FileView = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export async function fileRoutes(
  root: FastifyInstance,
  deps: { db: Db; blobs: BlobStore; maxUploadBytes: number; quota: UploadQuota; resumable: ResumableUploads },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const CHUNK_LIMIT = 8 * 1024 * 1024;
  // Chunks of resumable uploads arrive as raw bytes.
  app.addContentTypeParser(
    'application/offset+octet-stream',
    { parseAs: 'buffer', bodyLimit: CHUNK_LIMIT },
    (_req, body, done) => done(null, body),
  );
  const UploadState = z.object({ id: Uuid, offset: z.number(), size: z.number() });
  const tagsUpload = ['Tệp tin (files)'];
  app.post(
    '/api/uploads',
    {
      schema: {
        tags: tagsUpload,
        summary: 'Bắt đầu tải lên từng phần (tiếp tục được khi mất kết nối)',
        body: z.strictObject({ name: z.string().min(1).max(200), size: z.number().int().min(1) }),
        response: { 200: UploadState },
      },
    },
    async (req) => deps.resumable.create(req.ctx(), req.body.name, req.body.size),
  );
  app.get(
    '/api/uploads/:id',
    {
      schema: {
        tags: tagsUpload,
        summary: 'Đã nhận đến byte nào (để tải tiếp)',
        params: z.object({ id: Uuid }),
        response: { 200: UploadState },
      },
    },
    async (req) => deps.resumable.offset(req.ctx(), req.params.id),
  );
  app.patch(
    '/api/uploads/:id',
    {
      schema: {
        tags: tagsUpload,
        summary: 'Gửi một phần (Content-Type: application/offset+octet-stream, header Upload-Offset)',
        params: z.object({ id: Uuid }),
        headers: z.object({ 'upload-offset': z.coerce.number().int().min(0) }).passthrough(),
        response: { 200: UploadState },
      },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type');
      return deps.resumable.append(req.ctx(), req.params.id, req.headers['upload-offset'], req.body);
    },
  );
  app.post(
    '/api/uploads/:id/complete',
    {
      schema: {
        tags: tagsUpload,
        summary: 'Hoàn tất tải lên: thành một tệp (kiểm tra kích thước và mã băm SHA-256 nếu gửi kèm)',
        params: z.object({ id: Uuid }),
        body: z
          .strictObject({
            sha256: z
              .string()
              .regex(/^[0-9a-fA-F]{64}$/)
              .optional(),
          })
          .optional(),
        response: { 200: FileView },
      },
    },
    async (req) => {
      const row = await deps.resumable.complete(req.ctx(), req.params.id, req.body?.sha256);
      return { id: row.id, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256 };
    },
  );
  await uploadRoutes(app, (app) => {
    app.post(
      '/api/files',
      {
        schema: {
          tags: ['Tệp tin (files)'],
          summary: 'Tải lên một tệp (multipart, trường "file")',
          consumes: ['multipart/form-data'],
          response: { 200: FileView },
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file();
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const row = await uploadFile(deps.db, deps.blobs, req.ctx(), {
          stream: part.file,
          fileName: part.filename,
          maxBytes: deps.maxUploadBytes,
          quota: deps.quota,
        });
        if (part.file.truncated) throw tooLarge(deps.maxUploadBytes);
        return { id: row.id, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256 };
      },
    );
  });
  app.get(
    '/api/files/:id',
    { schema: { tags: ['Tệp tin (files)'], summary: 'Tải xuống một tệp', params: z.object({ id: Uuid }) } },
    async (req, reply) => {
      const file = await readableFile(deps.db, req.principal, req.params.id);
      const stream = await deps.blobs.open(file.sha256);
      return reply
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="${file.name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
        )
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );
}
