// Thin handlers of the feedback API: citizens (anonymous or signed in), operators, agencies, the public.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { AppError, tooLarge } from '../../platform/errors.ts';
import { answerFollowUp } from './commands/follow-up.ts';
import { importReports, MAX_IMPORT_BYTES } from './commands/import-reports.ts';
import { joinReport } from './commands/join-report.ts';
import { acceptReport, extendDeadline, returnReport, transferReport } from './commands/handle-report.ts';
import { rateReport } from './commands/rate-report.ts';
import { publishReply, replyToReport, sendBackReply } from './commands/reply-report.ts';
import { routeReport, routingProposal } from './commands/route-report.ts';
import { submitReport } from './commands/submit-report.ts';
import { correctReport, mergeReport, rejectReport } from './commands/triage.ts';
import { uploadPhoto } from './commands/upload-photo.ts';
import { MAX_PHOTO_BYTES } from './media.ts';
import { createApiKey, listApiKeys } from './open311/api-keys.ts';
import { revokeApiKey } from './commands/revoke-api-key.ts';
import { uploadVideo } from './commands/upload-video.ts';
import { MAX_VIDEO_BYTES, MAX_VIDEO_SECONDS } from './video.ts';
import { isOperator, PERMISSIONS } from './policy.ts';
import {
  agencyInbox,
  mapPoints,
  nearbyOpen,
  operatorQueue,
  privateReport,
  publicList,
  publicReport,
  readableMedia,
  reportByCode,
} from './queries.ts';
import { allCategories, categoryByCode } from './reference.ts';
import { monthStart } from './indicators.ts';
import { feedbackStatistics, hotspots } from './stats.ts';
import * as S from './schema.ts';
import { uploadRoutes } from '../../platform/http/uploads.ts';

const tags = ['Phản ánh hiện trường (feedback)'];
const CodeParams = z.object({ code: z.string().regex(/^PA-\d{6}-[0-9A-Z]{6}$/) });
const IdParams = z.object({ id: z.uuid() });

export async function feedbackRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db, config } = deps;
  const idOf = async (code: string) => (await reportByCode(db, code)).id;

  // ---- Public -------------------------------------------------------------------------------------
  app.get(
    '/api/feedback/categories',
    { config: { access: 'public' }, schema: { tags, summary: 'Lĩnh vực phản ánh' } },
    async () => ({
      items: (await allCategories(db))
        .filter((c) => c.active)
        .map((c) => ({
          code: c.code,
          name: c.name,
          nameEn: c.nameEn,
          description: c.description,
          duplicateRadiusM: c.duplicateRadiusM,
          allowAnonymousToAgency: c.allowAnonymousToAgency,
        })),
    }),
  );
  app.get(
    '/api/feedback/nearby',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Phản ánh đang mở cùng lĩnh vực gần điểm', querystring: S.NearbyQuery },
    },
    async (req) => nearbyOpen(db, req.query.category, req.query.lat, req.query.lng),
  );
  await uploadRoutes(app, (app) => {
    app.post(
      '/api/feedback/photos',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Tải ảnh (mã hóa lại, xóa siêu dữ liệu; trả về vị trí EXIF để gợi ý)',
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file({ limits: { fileSize: MAX_PHOTO_BYTES } });
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const data = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(MAX_PHOTO_BYTES);
        return uploadPhoto(db, deps.blobs, req.ctx(), data);
      },
    );
  });
  await uploadRoutes(app, (app) => {
    app.post(
      '/api/feedback/videos',
      {
        config: { access: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: `Tải video ngắn (MP4/MOV, tối đa ${MAX_VIDEO_SECONDS} giây; xóa siêu dữ liệu, cả vị trí)`,
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file({ limits: { fileSize: MAX_VIDEO_BYTES } });
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const data = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(MAX_VIDEO_BYTES);
        return uploadVideo(db, deps.blobs, req.ctx(), data);
      },
    );
  });
  app.post(
    '/api/feedback/reports',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Gửi phản ánh (ẩn danh hoặc đã đăng nhập). Header Idempotency-Key chống gửi lặp.',
        body: S.SubmitReportBody,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
      },
    },
    async (req) =>
      submitReport(db, req.ctx(), config.provinceCode, {
        ...req.body,
        channel: 'web',
        idempotencyKey: req.headers['idempotency-key'],
        publicUrl: config.publicUrl,
      }),
  );
  app.post(
    '/api/feedback/reports/:code/join',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: { tags, summary: '"Tôi cũng gặp vấn đề này"', params: CodeParams, body: S.JoinBody },
    },
    async (req) => joinReport(db, req.ctx(), req.params.code, req.body.contact ?? {}, config.publicUrl),
  );
  app.post(
    '/api/feedback/reports/:code/rating',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: { tags, summary: 'Đánh giá kết quả', params: CodeParams, body: S.RateBody },
    },
    async (req) => {
      const r = await rateReport(db, req.ctx(), req.params.code, req.body);
      return { status: r.status };
    },
  );
  app.post(
    '/api/feedback/reports/:code/follow-up',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: 60_000 } },
      schema: { tags, summary: '"Vấn đề vẫn được khắc phục?"', params: CodeParams, body: S.FollowUpBody },
    },
    async (req) => ({ status: (await answerFollowUp(db, req.ctx(), req.params.code, req.body)).status }),
  );
  app.get(
    '/api/feedback/reports',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Danh sách phản ánh công khai', querystring: S.PublicListQuery },
    },
    async (req) =>
      publicList(db, {
        unitCode: req.query.unit,
        categoryCode: req.query.category,
        status: req.query.status,
        limit: req.query.limit,
        offset: req.query.offset,
      }),
  );
  // The desk's figures: volume, on time, satisfaction by agency, commune and category; the hotspot grid.
  const period = (q: { from?: string | undefined; to?: string | undefined }) => {
    const local = (d: string) => new Date(`${d}T00:00:00+07:00`);
    const now = new Date();
    const from = q.from ? local(q.from) : monthStart(now);
    const to = q.to ? new Date(local(q.to).getTime() + 86_400_000) : now;
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from >= to)
      throw new AppError('validation', {}, [{ field: 'query.from', key: 'feedback.bad_period' }]);
    return { from, to };
  };
  app.get(
    '/api/feedback/stats',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Thống kê: số lượng, đúng hạn, hài lòng theo cơ quan, xã phường, lĩnh vực; xếp hạng',
        querystring: S.StatsQuery,
      },
    },
    async (req) => feedbackStatistics(db, period(req.query), { minVolume: req.query.minVolume }),
  );
  app.get(
    '/api/feedback/stats/hotspots',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Điểm nóng: số phản ánh theo ô lưới', querystring: S.HotspotQuery },
    },
    async (req) => {
      const category = req.query.category
        ? (await categoryByCode(db, req.query.category, 'query.category')).id
        : undefined;
      return hotspots(db, period(req.query), req.query.cell, category);
    },
  );
  app.get(
    '/api/feedback/map',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Điểm trên bản đồ, gom cụm phía máy chủ', querystring: S.MapQuery },
    },
    async (req) => {
      const q = req.query;
      if (q.minLat >= q.maxLat || q.minLng >= q.maxLng)
        throw new AppError('validation', {}, [{ field: 'query.minLat', key: 'feedback.bad_view' }]);
      return mapPoints(db, q, { unitCode: q.unit, categoryCode: q.category, status: q.status });
    },
  );
  app.get(
    '/api/feedback/reports/:code',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Trang công khai của một phản ánh', params: CodeParams },
    },
    async (req) => publicReport(db, req.params.code),
  );
  app.get(
    '/api/feedback/media/:id',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Ảnh (đã duyệt: công khai)', params: IdParams },
    },
    async (req, reply) => {
      const m = await readableMedia(db, req.principal, req.params.id);
      return reply
        .header('content-type', m.mime)
        .header('content-length', String(m.size))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', m.publicApproved ? 'public, max-age=86400' : 'private, no-store')
        .send(await deps.blobs.open(m.sha256));
    },
  );

  // ---- Operators ----------------------------------------------------------------------------------
  const operator = { access: { permission: PERMISSIONS.triage } } as const;
  app.get(
    '/api/feedback/queue',
    {
      config: operator,
      schema: {
        tags,
        summary: 'Hàng đợi phân loại / duyệt trả lời',
        querystring: z.strictObject({ stage: z.enum(['triage', 'review']).default('triage') }),
      },
    },
    async (req) => operatorQueue(db, req.principal, req.query.stage),
  );
  app.post(
    '/api/feedback/intake',
    {
      config: operator,
      schema: {
        tags,
        summary: 'Điều hành viên nhập phản ánh từ đường dây nóng, Zalo, mạng xã hội',
        body: S.OperatorReportBody,
      },
    },
    async (req) => {
      if (!isOperator(req.principal)) throw new AppError('forbidden');
      return submitReport(db, req.ctx(), config.provinceCode, { ...req.body, publicUrl: config.publicUrl });
    },
  );
  await uploadRoutes(app, (app) => {
    app.post(
      '/api/feedback/import',
      {
        config: operator,
        schema: {
          tags,
          summary:
            'Nhập phản ánh từ hệ thống khác (CSV): kiểm tra mọi dòng trước, một dòng lỗi thì không ghi gì; dryRun=true chỉ kiểm tra',
          consumes: ['multipart/form-data'],
          querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).optional() }),
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const data = await part.toBuffer();
        if (part.file.truncated) throw tooLarge(MAX_IMPORT_BYTES);
        return importReports(db, req.ctx(), config.provinceCode, data.toString('utf8'), {
          dryRun: req.query.dryRun === 'true',
          fileName: part.filename,
        });
      },
    );
  });
  app.get(
    '/api/feedback/manage/:code',
    {
      config: { access: { kind: 'official' } },
      schema: { tags, summary: 'Chi tiết để xử lý (có thông tin liên hệ)', params: CodeParams },
    },
    async (req) => {
      const view = await privateReport(db, req.principal, req.params.code);
      const proposal = view.canTriage
        ? await routingProposal(db, await reportByCode(db, req.params.code))
        : null;
      return {
        ...view,
        proposal: proposal?.agency
          ? { agencyId: proposal.agency.id, agencyName: proposal.agency.name, rule: proposal.rule }
          : null,
      };
    },
  );
  app.post(
    '/api/feedback/manage/:code/correct',
    {
      config: operator,
      schema: { tags, summary: 'Sửa lĩnh vực, vị trí, mức khẩn', params: CodeParams, body: S.CorrectBody },
    },
    async (req) => ({
      status: (await correctReport(db, req.ctx(), config.provinceCode, await idOf(req.params.code), req.body))
        .status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/reject',
    {
      config: operator,
      schema: { tags, summary: 'Từ chối có lý do', params: CodeParams, body: S.RejectBody },
    },
    async (req) => ({
      status: (await rejectReport(db, req.ctx(), await idOf(req.params.code), req.body.reason, req.body.note))
        .status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/merge',
    {
      config: operator,
      schema: { tags, summary: 'Gộp vào phản ánh trùng', params: CodeParams, body: S.MergeBody },
    },
    async (req) => ({
      status: (await mergeReport(db, req.ctx(), await idOf(req.params.code), req.body.intoCode)).status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/route',
    {
      config: operator,
      schema: {
        tags,
        summary: 'Chuyển cơ quan xử lý (đề xuất hoặc chọn)',
        params: CodeParams,
        body: S.RouteBody,
      },
    },
    async (req) => {
      const r = await routeReport(db, req.ctx(), await idOf(req.params.code), req.body.agencyId);
      return { status: r.status, dueAt: r.dueAt?.toISOString() ?? null };
    },
  );
  app.post(
    '/api/feedback/manage/:code/publish',
    {
      config: operator,
      schema: {
        tags,
        summary: 'Duyệt và công khai trả lời (đã ẩn thông tin cá nhân)',
        params: CodeParams,
        body: S.PublishBody,
      },
    },
    async (req) => ({
      status: (await publishReply(db, req.ctx(), await idOf(req.params.code), req.body)).status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/send-back',
    {
      config: operator,
      schema: { tags, summary: 'Trả lại trả lời để bổ sung', params: CodeParams, body: S.SendBackBody },
    },
    async (req) => ({
      status: (await sendBackReply(db, req.ctx(), await idOf(req.params.code), req.body.note)).status,
    }),
  );

  // ---- Agencies -----------------------------------------------------------------------------------
  const official = { access: { kind: 'official' } } as const;
  app.get(
    '/api/feedback/inbox',
    { config: official, schema: { tags, summary: 'Phản ánh cơ quan đang xử lý' } },
    async (req) => agencyInbox(db, req.principal),
  );
  app.post(
    '/api/feedback/manage/:code/accept',
    { config: official, schema: { tags, summary: 'Tiếp nhận xử lý', params: CodeParams } },
    async (req) => ({ status: (await acceptReport(db, req.ctx(), await idOf(req.params.code))).status }),
  );
  app.post(
    '/api/feedback/manage/:code/return',
    {
      config: official,
      schema: { tags, summary: 'Trả lại (không đúng thẩm quyền)', params: CodeParams, body: S.ReasonBody },
    },
    async (req) => ({
      status: (await returnReport(db, req.ctx(), await idOf(req.params.code), req.body.reason)).status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/transfer',
    {
      config: official,
      schema: { tags, summary: 'Chuyển cơ quan khác', params: CodeParams, body: S.TransferBody },
    },
    async (req) => ({
      status: (
        await transferReport(db, req.ctx(), await idOf(req.params.code), req.body.agencyId, req.body.reason)
      ).status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/extend',
    {
      config: official,
      schema: { tags, summary: 'Gia hạn có lý do (công khai)', params: CodeParams, body: S.ExtendBody },
    },
    async (req) => ({
      status: (
        await extendDeadline(
          db,
          req.ctx(),
          await idOf(req.params.code),
          new Date(req.body.dueAt),
          req.body.reason,
        )
      ).status,
    }),
  );
  app.post(
    '/api/feedback/manage/:code/reply',
    {
      config: official,
      schema: {
        tags,
        summary: 'Trả lời chính thức (văn bản, ảnh khắc phục)',
        params: CodeParams,
        body: S.ReplyBody,
      },
    },
    async (req) => {
      const reply = await replyToReport(
        db,
        req.ctx(),
        await idOf(req.params.code),
        req.body.text,
        req.body.media ?? [],
      );
      return { id: reply.id };
    },
  );

  // ---- Administration -----------------------------------------------------------------------------
  app.post(
    '/api/feedback/api-keys',
    {
      config: { access: { permission: PERMISSIONS.manage } },
      schema: { tags, summary: 'Cấp khóa API Open311 (hiện một lần)', body: S.ApiKeyBody },
    },
    async (req) => createApiKey(db, req.ctx(), req.body),
  );
  app.get(
    '/api/feedback/api-keys',
    {
      config: { access: { permission: PERMISSIONS.manage } },
      schema: { tags, summary: 'Danh sách khóa API Open311 (không hiện khóa)' },
    },
    async (req) => listApiKeys(db, req.ctx()),
  );
  app.post(
    '/api/feedback/api-keys/:id/revoke',
    {
      config: { access: { permission: PERMISSIONS.manage } },
      schema: { tags, summary: 'Thu hồi khóa API Open311 (ngừng có hiệu lực ngay)', params: IdParams },
    },
    async (req) => revokeApiKey(db, req.ctx(), req.params.id),
  );
}
