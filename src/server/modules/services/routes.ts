import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../contracts/services.ts';
import type { Deps } from '../../platform/module.ts';
import type { Principal } from '../../platform/access.ts';
import { getAgency } from '../identity/index.ts';
import { AppError } from '../../platform/errors.ts';
import { acceptDossier } from './commands/accept-dossier.ts';
import { handOverResult, refuseDossier, stopDossier, withdrawDossier } from './commands/close-dossier.ts';
import { submitDossier } from './commands/submit-dossier.ts';
import { submissionReceipt } from './receipt-notice.ts';
import { renderDeclaration } from './eform-declaration.ts';
import { answerSupplement, requestSupplement } from './commands/supplement.ts';
import { takeStep } from './commands/take-step.ts';
import { answerConsultation } from './commands/consultations.ts';
import { renderDossierDocument } from './documents-for-dossier.ts';
import { issueApology } from './commands/apology.ts';
import { confirmPayment, requestPayment } from './commands/payment.ts';
import { rateDossier } from './commands/rate-dossier.ts';
import { trackDossier } from './commands/track-dossier.ts';
import { registerEntries, registerTable } from './register.ts';
import { tableCsv, tableXlsx } from '../../platform/spreadsheet.ts';
import { renderForm } from './documents/index.ts';
import { toAppError } from '../../platform/http/errors.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import {
  classifyLookup,
  dossierView,
  findDossiers,
  inbox,
  myDossiers,
  procedureInForce,
  popularProcedures,
  searchProcedures,
} from './queries.ts';

const tags = {
  procedures: ['Thủ tục hành chính (procedures)'],
  dossiers: ['Hồ sơ (dossiers)'],
  tracking: ['Tra cứu hồ sơ (tracking)'],
};
const IdParams = z.object({ id: z.uuid() });

export async function servicesRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  /** The register is issued by the official's (first) agency. */
  const registerAgency = async (p: Principal) => {
    const agency = p.memberships[0] ? await getAgency(db, p.memberships[0].agencyId) : undefined;
    return { code: agency?.code ?? '', name: agency?.name ?? '' };
  };

  app.get(
    '/api/procedures',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.procedures,
        summary: 'Tìm thủ tục (không phân biệt dấu, hoa thường)',
        querystring: z.strictObject({
          q: z.string().max(200).optional(),
          /** the most submitted in the last year first, at most 8 */
          sort: z.enum(['name', 'popular']).optional(),
        }),
        response: { 200: z.object({ items: z.array(C.ProcedureSummary) }) },
      },
    },
    async (req) => ({
      items:
        req.query.sort === 'popular' && !req.query.q
          ? await popularProcedures(db)
          : await searchProcedures(db, req.query.q, 50, req.query.sort === 'popular'),
    }),
  );
  app.get(
    '/api/procedures/:code',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.procedures,
        summary: 'Thủ tục đang có hiệu lực, với bảy bộ phận công khai',
        params: z.object({ code: z.string().max(60) }),
      },
    },
    async (req) => {
      const found = await procedureInForce(db, req.params.code);
      if (!found) throw new AppError('not_found');
      return {
        code: found.procedure.code,
        version: found.version,
        effectiveFrom: found.effectiveFrom.toISOString(),
        definition: found.definition,
        offeredBy: found.offeredBy,
      };
    },
  );

  app.post(
    '/api/dossiers',
    {
      schema: {
        tags: tags.dossiers,
        summary:
          'Nộp hồ sơ trực tuyến (công dân) hoặc tiếp nhận tại quầy (cán bộ Một cửa). Header Idempotency-Key chống gửi lặp.',
        body: C.SubmitDossierBody,
        headers: z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough(),
        response: { 200: C.SubmitAnswer },
      },
    },
    async (req) => {
      const r = await submitDossier(db, req.ctx(), {
        ...req.body,
        idempotencyKey: req.headers['idempotency-key'],
      });
      const receipt = r.receiptNo
        ? await submissionReceipt(db, req.lang, { receiptNo: r.receiptNo, submittedAt: r.submittedAt })
        : null;
      return {
        id: r.id,
        replayed: r.replayed,
        code: r.code,
        receiptNo: r.receiptNo,
        submittedAt: r.submittedAt.toISOString(),
        answerBy: receipt?.answerBy ?? null,
        nextSteps: receipt?.nextSteps ?? null,
      };
    },
  );

  app.get(
    '/api/dossiers/mine',
    {
      config: { access: { kind: 'citizen' } },
      schema: {
        tags: tags.dossiers,
        summary: 'Hồ sơ của tôi',
        response: { 200: z.object({ items: z.array(C.DossierSummary) }) },
      },
    },
    async (req) => ({ items: await myDossiers(db, req.principal!.userId, req.lang) }),
  );
  app.get(
    '/api/dossiers/inbox',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags: tags.dossiers,
        summary: 'Hồ sơ chờ tôi xử lý, khẩn cấp trước',
        querystring: z.strictObject({
          status: z.coerce.number().int().min(1).max(10).optional(),
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(C.DossierSummary) }) },
      },
    },
    async (req) => ({ items: await inbox(db, req.principal!, req.query) }),
  );
  app.get(
    '/api/dossiers/search',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags: tags.dossiers,
        summary:
          'Tìm hồ sơ mà cơ quan của tôi đã tiếp nhận, giữ, quyết định hoặc được hỏi ý kiến, ở mọi trạng thái: theo số biên nhận, mã hồ sơ, số điện thoại, số định danh hoặc tên người nộp',
        querystring: z.strictObject({
          q: z.string().min(2).max(100),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            kind: z.enum(['receipt', 'code', 'phone', 'id_number', 'name']),
            items: z.array(C.DossierSummary),
          }),
        },
      },
    },
    async (req) => {
      const lookup = classifyLookup(req.query.q);
      if (!lookup)
        throw new AppError('validation', {}, [
          { field: 'query.q', key: 'field.too_short', params: { min: 2 } },
        ]);
      return { kind: lookup.kind, items: await findDossiers(db, req.principal!, lookup, req.query.limit) };
    },
  );
  app.get(
    '/api/dossiers/:id',
    {
      schema: {
        tags: tags.dossiers,
        summary: 'Một hồ sơ: dữ liệu, thành phần, quá trình, hạn và các thao tác được phép',
        params: IdParams,
        response: { 200: C.DossierView },
      },
    },
    async (req) => {
      const view = await dossierView(db, req.principal!, req.params.id, req.lang);
      if (!view) throw new AppError('not_found');
      return view;
    },
  );

  const Result = z.object({
    id: z.uuid(),
    status: z.number(),
    code: z.string().nullable(),
    revision: z.number(),
  });
  const present = (d: { id: string; status: number; code: string | null; revision: number }) => ({
    id: d.id,
    status: d.status,
    code: d.code,
    revision: d.revision,
  });
  const act = (summary: string) => ({
    tags: tags.dossiers,
    summary,
    params: IdParams,
    response: { 200: Result },
  });

  app.post(
    '/api/dossiers/:id/accept',
    {
      schema: {
        ...act('Tiếp nhận hồ sơ (cấp mã, bắt đầu tính hạn)'),
        body: z.strictObject({ revision: z.number().int().optional() }),
      },
    },
    async (req) => present(await acceptDossier(db, req.ctx(), req.params.id, req.body.revision)),
  );
  app.post(
    '/api/dossiers/:id/refuse',
    { schema: { ...act('Từ chối tiếp nhận (Mẫu 03)'), body: C.RefuseBody } },
    async (req) =>
      present(await refuseDossier(db, req.ctx(), req.params.id, req.body.reasons, req.body.revision)),
  );
  app.post(
    '/api/dossiers/:id/request-supplement',
    { schema: { ...act('Yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)'), body: C.SupplementRequestBody } },
    async (req) =>
      present(await requestSupplement(db, req.ctx(), req.params.id, req.body.items, req.body.revision)),
  );
  app.post(
    '/api/dossiers/:id/supplement',
    { schema: { ...act('Bổ sung hồ sơ (kèm các tệp đã tải lên)'), body: C.SupplementAnswerBody } },
    async (req) =>
      present(
        await answerSupplement(db, req.ctx(), req.params.id, {
          note: req.body.note,
          files: req.body.files,
          expectedRevision: req.body.revision,
        }),
      ),
  );
  app.post(
    '/api/dossiers/:id/step',
    { schema: { ...act('Thực hiện một bước của quy trình'), body: C.StepBody } },
    async (req) =>
      present(
        await takeStep(db, req.ctx(), req.params.id, {
          action: req.body.action,
          comment: req.body.comment,
          fileId: req.body.fileId,
          expectedRevision: req.body.revision,
        }),
      ),
  );
  app.post(
    '/api/dossiers/:id/consultations/:step',
    {
      schema: {
        ...act('Trả lời lấy ý kiến liên thông song song'),
        params: z.object({ id: z.uuid(), step: z.string().min(1).max(60) }),
        body: C.ConsultationBody,
      },
    },
    async (req) =>
      present(
        await answerConsultation(db, req.ctx(), req.params.id, req.params.step, {
          action: req.body.action,
          comment: req.body.comment,
          fileId: req.body.fileId,
          expectedRevision: req.body.revision,
        }),
      ),
  );
  app.post(
    '/api/dossiers/:id/hand-over',
    { schema: { ...act('Trả kết quả'), body: C.HandOverBody } },
    async (req) =>
      present(await handOverResult(db, req.ctx(), req.params.id, req.body.method, req.body.revision)),
  );
  app.post(
    '/api/dossiers/:id/withdraw',
    { schema: { ...act('Rút hồ sơ'), body: C.WithdrawBody } },
    async (req) =>
      present(await withdrawDossier(db, req.ctx(), req.params.id, req.body.reason, req.body.revision)),
  );
  app.post(
    '/api/dossiers/:id/stop',
    { schema: { ...act('Dừng xử lý (Mẫu 05)'), body: C.ReasonsBody } },
    async (req) =>
      present(await stopDossier(db, req.ctx(), req.params.id, req.body.reasons, req.body.revision)),
  );

  app.post(
    '/api/dossiers/:id/apology',
    {
      schema: {
        ...act('Xin lỗi và gia hạn (Mẫu 04): đổi ngày hẹn bằng văn bản có lý do'),
        body: C.ApologyBody,
      },
    },
    async (req) =>
      present(
        await issueApology(db, req.ctx(), req.params.id, {
          reason: req.body.reason,
          newDueAt: new Date(req.body.newDueAt),
          revision: req.body.revision,
        }),
      ),
  );
  app.post(
    '/api/dossiers/:id/request-payment',
    { schema: { ...act('Yêu cầu thực hiện nghĩa vụ tài chính'), body: C.PaymentRequestBody } },
    async (req) => present(await requestPayment(db, req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/api/dossiers/:id/confirm-payment',
    { schema: { ...act('Xác nhận đã thực hiện nghĩa vụ tài chính'), body: C.PaymentConfirmBody } },
    async (req) => present(await confirmPayment(db, req.ctx(), req.params.id, req.body)),
  );
  app.post(
    '/api/dossiers/:id/rating',
    {
      schema: {
        tags: tags.dossiers,
        summary: 'Đánh giá mức độ hài lòng (điểm 1–5, tùy chọn 9 tiêu chí)',
        params: IdParams,
        body: C.RatingBody,
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await rateDossier(db, req.ctx(), req.params.id, req.body);
      return { ok: true as const };
    },
  );

  // Bulk acceptance and hand-over: each dossier in its own transaction, failures reported one by one.
  const bulk = async (
    ids: string[],
    lang: Language,
    run: (id: string) => Promise<{ id: string; status: number; code: string | null }>,
  ) => {
    const done: { id: string; status: number; code: string | null }[] = [];
    const failed: { id: string; code: string; message: string }[] = [];
    for (const id of ids) {
      try {
        const d = await run(id);
        done.push({ id: d.id, status: d.status, code: d.code });
      } catch (err) {
        const e = toAppError(err);
        failed.push({ id, code: e.code, message: t(lang, `errors:${e.code}`, e.params) });
      }
    }
    return { done, failed };
  };
  app.post(
    '/api/dossiers/bulk/accept',
    {
      config: { access: { permission: 'dossiers.receive' } },
      schema: {
        tags: tags.dossiers,
        summary: 'Tiếp nhận nhiều hồ sơ',
        body: C.BulkBody,
        response: { 200: C.BulkResult },
      },
    },
    async (req) => bulk(req.body.ids, req.lang, (id) => acceptDossier(db, req.ctx(), id)),
  );
  app.post(
    '/api/dossiers/bulk/hand-over',
    {
      config: { access: { permission: 'dossiers.handover' } },
      schema: {
        tags: tags.dossiers,
        summary: 'Trả kết quả nhiều hồ sơ',
        body: C.BulkHandOverBody,
        response: { 200: C.BulkResult },
      },
    },
    async (req) => bulk(req.body.ids, req.lang, (id) => handOverResult(db, req.ctx(), id, req.body.method)),
  );

  app.get(
    '/api/register',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags: tags.dossiers,
        summary: 'Sổ theo dõi hồ sơ (Mẫu 07): JSON, CSV, Excel (.xlsx) hoặc PDF',
        querystring: C.RegisterQuery,
      },
    },
    async (req, reply) => {
      const entries = await registerEntries(db, req.principal!, req.query);
      const name = `so-theo-doi-ho-so-${req.query.from}-${req.query.to}`;
      const table = () => registerTable(entries, (s) => t(req.lang, `services:status.${s}`), req.query);
      if (req.query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(tableCsv(table()));
      }
      if (req.query.format === 'xlsx') {
        return reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .send(await tableXlsx(table(), 'so-theo-doi'));
      }
      if (req.query.format === 'pdf') {
        const pdf = await renderForm('07', {
          agency: await registerAgency(req.principal!),
          placeName: '',
          issuedAt: new Date().toISOString(),
          period: { from: `${req.query.from}T00:00:00+07:00`, to: `${req.query.to}T23:59:59+07:00` },
          entries: entries.map((e) => ({
            ...e,
            dueAt: e.dueAt,
            applicantAddress: e.applicantAddress,
            applicantPhone: e.applicantPhone,
          })),
        });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `attachment; filename="${name}.pdf"`)
          .send(pdf);
      }
      return {
        items: entries.map((e) => ({ ...e, statusName: t(req.lang, `services:status.${e.status}`) })),
      };
    },
  );

  app.get(
    '/api/dossiers/:id/documents/:form',
    {
      schema: {
        tags: tags.dossiers,
        summary:
          'Văn bản của hồ sơ (PDF): 01 giấy tiếp nhận, 02 yêu cầu bổ sung, 03 từ chối, 04 xin lỗi và hẹn lại, 05 dừng, 06 phiếu kiểm soát',
        params: z.object({ id: z.uuid(), form: z.enum(['01', '02', '03', '04', '05', '06']) }),
      },
    },
    async (req, reply) => {
      const pdf = await renderDossierDocument(
        db,
        req.principal!,
        req.params.id,
        req.params.form,
        deps.config.publicUrl,
      );
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="mau-${req.params.form}-${pdf.code ?? req.params.id}.pdf"`,
        )
        .header('cache-control', 'private, no-store')
        .send(pdf.buffer);
    },
  );

  app.get(
    '/api/dossiers/:id/declaration.pdf',
    {
      schema: {
        tags: tags.dossiers,
        summary:
          'Tờ khai (PDF) kết xuất từ biểu mẫu điện tử, là thành phần hồ sơ khi biểu mẫu điện tử thay tờ khai',
        params: IdParams,
      },
    },
    async (req, reply) => {
      const pdf = await renderDeclaration(db, req.principal!, req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${pdf.name}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf.buffer);
    },
  );

  app.get(
    '/api/track',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: tags.tracking,
        summary: 'Tra cứu tiến độ bằng mã hồ sơ và 4 số cuối điện thoại hoặc giấy tờ tùy thân',
        querystring: z.strictObject({
          code: z.string().min(10).max(60),
          pin: z.string().regex(/^\d{4}$/, 'field.pin'),
        }),
        response: { 200: C.TrackingView },
      },
    },
    async (req) => {
      return trackDossier(db, req.ctx(), req.query.code, req.query.pin, req.lang);
    },
  );
}
