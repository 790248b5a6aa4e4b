import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../contracts/payments.ts';
import type { Deps } from '../../platform/module.ts';
import { hasRootPermission, scopePaths } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { getAgency } from '../identity/index.ts';
import { procedureInForce, quoteFees } from '../services/index.ts';
import { ANSWER, handleIpn, refreshFromGateway, requireGateway } from './commands/apply-gateway-result.ts';
import { recordCounterPayment } from './commands/record-counter-payment.ts';
import { startOnlinePayment } from './commands/start-online-payment.ts';
import type { PaymentGateway } from './gateway/index.ts';
import { RECONCILE } from './policy.ts';
import { dossierPayments, paymentById, presentRequest, readableDossier, readableRequest } from './queries.ts';
import { renderReceipt } from './receipt.ts';
import { reconcile, reconciliationCsv } from './reconciliation.ts';

const tags = ['Phí, lệ phí và thanh toán (payments)'];
const IdParams = z.object({ id: z.uuid() });

export async function paymentRoutes(root: FastifyInstance, deps: Deps, gateway: PaymentGateway | null) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  app.post(
    '/api/payments/quote',
    {
      config: { access: 'public', rateLimit: { max: 120, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Tính phí, lệ phí của thủ tục theo các câu trả lời trên tờ khai (trước khi nộp)',
        body: C.FeeQuoteBody,
        response: { 200: C.FeeQuote },
      },
    },
    async (req) => {
      const found = await procedureInForce(db, req.body.procedureCode);
      if (!found) throw new AppError('not_found');
      return quoteFees(found.definition, req.body.formData);
    },
  );

  app.get(
    '/api/dossiers/:id/payments',
    {
      schema: {
        tags,
        summary: 'Phí, lệ phí của hồ sơ: số tiền phải nộp, các yêu cầu thanh toán và biên lai',
        params: IdParams,
        response: { 200: C.DossierPayments },
      },
    },
    async (req) => {
      const view = await dossierPayments(db, req.principal!, req.params.id, gateway);
      if (!view) throw new AppError('not_found');
      return view;
    },
  );

  app.post(
    '/api/payments/requests/:id/pay-online',
    {
      config: { access: { kind: 'citizen' } },
      schema: {
        tags,
        summary: 'Bắt đầu thanh toán trực tuyến: trả về địa chỉ trang thanh toán của cổng',
        params: IdParams,
        response: { 200: C.StartPaymentResult },
      },
    },
    async (req) =>
      startOnlinePayment(db, req.ctx(), requireGateway(gateway), req.params.id, {
        publicUrl: deps.config.publicUrl,
      }),
  );

  app.post(
    '/api/payments/requests/:id/refresh',
    {
      schema: {
        tags,
        summary: 'Hỏi lại cổng thanh toán trạng thái của yêu cầu (khi quay về từ cổng)',
        params: IdParams,
        response: { 200: C.PaymentRequestView },
      },
    },
    async (req) => {
      const found = await readableRequest(db, req.principal!, req.params.id);
      if (!found) throw new AppError('not_found');
      if (found.r.status === 'pending' && found.r.gatewayPaymentId)
        await refreshFromGateway(db, requireGateway(gateway), found.r.reference);
      const view = await dossierPayments(db, req.principal!, found.r.dossierId, gateway);
      return view!.requests.find((r) => r.id === found.r.id)!;
    },
  );

  app.post(
    '/api/payments/requests/:id/counter',
    {
      config: { access: { kind: 'official' } },
      schema: {
        tags,
        summary: 'Ghi nhận nộp phí tại quầy (tiền mặt hoặc chuyển khoản)',
        params: IdParams,
        body: C.CounterPaymentBody,
        response: { 200: C.PaymentView },
      },
    },
    async (req) => {
      const p = await recordCounterPayment(db, req.ctx(), req.params.id, req.body);
      const row = await paymentById(db, p.id);
      return presentRequest(row!.r, row!.p, row!.code).payment!;
    },
  );

  app.get(
    '/api/payments/:id/receipt',
    {
      schema: { tags, summary: 'Biên lai điện tử (PDF)', params: IdParams },
    },
    async (req, reply) => {
      const row = await paymentById(db, req.params.id);
      if (!row || !(await readableDossier(db, req.principal!, row.p.dossierId)))
        throw new AppError('not_found');
      const agency = await getAgency(db, row.r.agencyId);
      const parent = agency?.parentId ? await getAgency(db, agency.parentId) : undefined;
      const pdf = await renderReceipt({
        payment: row.p,
        request: row.r,
        dossierCode: row.code,
        payerName: row.dossier.applicant.fullName,
        agency: { name: agency?.name ?? '', parentName: parent?.name ?? null },
        sandbox: gateway?.sandbox ?? false,
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="bien-lai-${row.p.receiptNo}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );

  // The gateway's server-to-server notification: public, believed only with a valid signature.
  app.post(
    '/api/payments/ipn',
    {
      // A gateway sends from a few addresses; the limit only stops someone filling the notice log.
      config: { access: 'public', rateLimit: { max: 600, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'IPN: thông báo kết quả thanh toán từ cổng (chữ ký HMAC-SHA256)',
        body: z
          .record(z.string().max(60), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
          .refine((o) => Object.keys(o).length <= 40, 'field.too_many_keys'),
        response: { 200: z.object({ code: z.string(), message: z.string() }) },
      },
    },
    async (req) => ANSWER[await handleIpn(db, requireGateway(gateway), req.body)],
  );

  app.get(
    '/api/payments/reconciliation',
    {
      config: { access: { permission: RECONCILE } },
      schema: {
        tags,
        summary: 'Đối soát yêu cầu thanh toán với giao dịch tại cổng trong một kỳ (JSON hoặc CSV)',
        querystring: C.ReconciliationQuery,
      },
    },
    async (req, reply) => {
      const { from, to, format } = req.query;
      if (from > to) throw new AppError('validation', {}, [{ field: 'query.to', key: 'field.period_order' }]);
      const p = req.principal!;
      const paths = hasRootPermission(p, RECONCILE) ? null : scopePaths(p, RECONCILE);
      const report = await reconcile(db, gateway, from, to, paths);
      if (format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="doi-soat-thanh-toan-${from}-${to}.csv"`)
          .send(reconciliationCsv(report, (o) => t(req.lang, `payments:outcome.${o}`)));
      return C.ReconciliationReport.parse(report);
    },
  );
}
