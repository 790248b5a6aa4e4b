import { z } from 'zod';

// Fees, payment requests, payments and receipts: shared by the server and the web client.

export const FeeBasis = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed') }),
  z.object({
    kind: z.literal('per_unit'),
    units: z.number().int(),
    unitAmount: z.number().int(),
    free: z.number().int(),
  }),
  z.object({
    kind: z.literal('tiered'),
    units: z.number().int(),
    perSet: z.number().int(),
    max: z.number().int().nullable(),
    sets: z.number().int(),
  }),
]);
export type FeeBasis = z.infer<typeof FeeBasis>;

export const FeeLine = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(['fee', 'charge']),
  /** integer đồng, after the rule and any exemption */
  amount: z.number().int(),
  /** before the exemption */
  baseAmount: z.number().int(),
  /** how the amount was worked out (the web client puts it in words) */
  basis: FeeBasis,
  exemption: z.string().nullable(),
  collect: z.enum(['at_submission', 'on_request']),
});
export type FeeLine = z.infer<typeof FeeLine>;

export const FeeQuote = z.object({
  lines: z.array(FeeLine),
  total: z.number().int(),
  /** what is paid with an online submission */
  atSubmission: z.number().int(),
  /** what the officer will ask for later (financial obligation, status 6) */
  onRequest: z.number().int(),
});
export type FeeQuote = z.infer<typeof FeeQuote>;

export const FeeQuoteBody = z.strictObject({
  procedureCode: z.string().min(3).max(60),
  formData: z.record(z.string(), z.unknown()).default({}),
});

export const PaymentRequestStatus = z.enum(['pending', 'paid', 'cancelled']);
export const PaymentChannel = z.enum(['online', 'counter']);
export const PaymentMethod = z.enum(['gateway', 'cash', 'bank_transfer']);

export const PaymentView = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  amount: z.number().int(),
  channel: PaymentChannel,
  method: PaymentMethod,
  paidAt: z.string(),
  receiptNo: z.string(),
  gatewayTransactionId: z.string().nullable(),
  recordedBy: z.string().nullable(),
});

export const PaymentRequestView = z.object({
  id: z.uuid(),
  reference: z.string(),
  dossierId: z.uuid(),
  dossierCode: z.string().nullable(),
  purpose: z.enum(['submission', 'obligation']),
  amount: z.number().int(),
  description: z.string(),
  lines: z.array(FeeLine),
  status: PaymentRequestStatus,
  createdAt: z.string(),
  paidAt: z.string().nullable(),
  payment: PaymentView.nullable(),
});
export type PaymentRequestView = z.infer<typeof PaymentRequestView>;

export const DossierPayments = z.object({
  quote: FeeQuote,
  requests: z.array(PaymentRequestView),
  /** online payment through the configured gateway is possible */
  onlineAvailable: z.boolean(),
  /** the gateway is a sandbox (môi trường thử nghiệm): no real money moves */
  sandbox: z.boolean(),
  /** the caller may record a counter payment */
  mayRecordCounter: z.boolean(),
  /** the caller may pay online (the applicant) */
  mayPayOnline: z.boolean(),
});

export const StartPaymentResult = z.object({ payUrl: z.url(), reference: z.string() });

export const CounterPaymentBody = z.strictObject({
  method: z.enum(['cash', 'bank_transfer']),
  /** what the officer received, in đồng: must equal the request */
  amount: z.number().int().min(1).max(1_000_000_000_000),
  note: z.string().trim().max(500).optional(),
});

export const ReconciliationQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  format: z.enum(['json', 'csv']).default('json'),
});

export const ReconciliationOutcome = z.enum([
  'matched',
  'unpaid',
  'amount_mismatch',
  'payment_without_request',
  'paid_not_recorded',
  'recorded_not_at_gateway',
  'paid_at_counter',
  'paid_after_cancellation',
]);
export type ReconciliationOutcome = z.infer<typeof ReconciliationOutcome>;

export const ReconciliationRow = z.object({
  outcome: ReconciliationOutcome,
  reference: z.string(),
  dossierCode: z.string().nullable(),
  requestAmount: z.number().int().nullable(),
  gatewayAmount: z.number().int().nullable(),
  requestStatus: z.string().nullable(),
  gatewayStatus: z.string().nullable(),
  gatewayTransactionId: z.string().nullable(),
  createdAt: z.string().nullable(),
  paidAt: z.string().nullable(),
});
export type ReconciliationRow = z.infer<typeof ReconciliationRow>;

export const ReconciliationReport = z.object({
  from: z.string(),
  to: z.string(),
  counts: z.record(ReconciliationOutcome, z.number().int()),
  totals: z.object({ requested: z.number().int(), collectedAtGateway: z.number().int() }),
  rows: z.array(ReconciliationRow),
});
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;
