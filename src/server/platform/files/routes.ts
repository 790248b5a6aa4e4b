import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Uuid } from '../../../contracts/common.ts';
import { AppError } from '../errors.ts';
import type { Db } from '../db/client.ts';
import { readableFile, uploadFile } from './index.ts';
import type { BlobStore } from './store.ts';

export const FileView = z.object({
  id: Uuid,
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  sha256: z.string(),
});

export async function fileRoutes(
  root: FastifyInstance,
  deps: { db: Db; blobs: BlobStore; maxUploadBytes: number },
) {
  const app = root.withTypeProvider<ZodTypeProvider>();
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
      });
      if (part.file.truncated) throw new AppError('payload_too_large');
      return { id: row.id, name: row.name, mime: row.mime, size: row.size, sha256: row.sha256 };
    },
  );
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
