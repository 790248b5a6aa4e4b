// Requests against what the gateway says it received, for a period (Vietnam calendar days): matched,
// unpaid, amount mismatches, gateway payments without a request, and IPNs that never arrived.
import type {
  ReconciliationOutcome,
  ReconciliationReport,
  ReconciliationRow,
} from '../../../contracts/payments.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { GatewayTransaction, PaymentGateway } from './gateway/index.ts';
import { requestsByReference, requestsForPeriod } from './queries.ts';

const OUTCOMES: ReconciliationOutcome[] = [
  'matched',
  'unpaid',
  'amount_mismatch',
  'payment_without_request',
  'paid_not_recorded',
  'recorded_not_at_gateway',
  'paid_at_counter',
  'paid_after_cancellation',
];

/** [00:00 of `from`, 00:00 after `to`) in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function periodBounds(from: string, to: string): { start: Date; end: Date } {
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(new Date(`${to}T00:00:00+07:00`).getTime() + 86_400_000);
  return { start, end };
}

type Joined = Awaited<ReturnType<typeof requestsForPeriod>>[number];

function classify(x: Joined, t: GatewayTransaction | undefined): ReconciliationOutcome | null {
  const { r, p } = x;
  if (r.status === 'cancelled' && (p || t)) return 'paid_after_cancellation';
  if (p?.channel === 'counter') return t ? 'amount_mismatch' : 'paid_at_counter';
  if (t && t.amount !== r.amount) return 'amount_mismatch';
  if (t && p) return 'matched';
  if (t) return 'paid_not_recorded';
  if (p) return 'recorded_not_at_gateway';
  return r.status === 'pending' ? 'unpaid' : null;
}

/**
 * `paths` limits the requests to agency subtrees; gateway payments whose reference is not a request
 * of ours are shown only to a deployment-wide caller (paths null): they belong to no agency.
 */
export async function reconcile(
  db: DbOrTx,
  gateway: PaymentGateway | null,
  from: string,
  to: string,
  paths: string[] | null,
): Promise<ReconciliationReport> {
  const { start, end } = periodBounds(from, to);
  const requests = await requestsForPeriod(db, start, end, paths);
  const txns = gateway ? await gateway.listTransactions(start, end) : [];
  const byRef = new Map(txns.map((t) => [t.reference, t]));
  const ours = new Set(requests.map((x) => x.r.reference));
  // Gateway payments in the period for requests made before it.
  const earlier = await requestsByReference(
    db,
    txns.map((t) => t.reference).filter((ref) => !ours.has(ref)),
  );
  const inScope = (path: string) => paths === null || paths.some((p) => path.startsWith(p));
  const rows: ReconciliationRow[] = [];
  for (const x of [...requests, ...earlier.filter((e) => inScope(e.r.agencyPath))]) {
    const t = byRef.get(x.r.reference);
    const outcome = classify(x, t);
    if (!outcome) continue;
    rows.push({
      outcome,
      reference: x.r.reference,
      dossierCode: x.code,
      requestAmount: x.r.amount,
      gatewayAmount: t?.amount ?? null,
      requestStatus: x.r.status,
      gatewayStatus: t ? 'paid' : null,
      gatewayTransactionId: t?.transactionId ?? x.p?.gatewayTransactionId ?? null,
      createdAt: x.r.createdAt.toISOString(),
      paidAt: x.p?.paidAt.toISOString() ?? t?.paidAt ?? null,
    });
  }
  const known = new Set([...ours, ...earlier.map((e) => e.r.reference)]);
  if (paths === null) {
    for (const t of txns.filter((t) => !known.has(t.reference)))
      rows.push({
        outcome: 'payment_without_request',
        reference: t.reference,
        dossierCode: null,
        requestAmount: null,
        gatewayAmount: t.amount,
        requestStatus: null,
        gatewayStatus: 'paid',
        gatewayTransactionId: t.transactionId,
        createdAt: null,
        paidAt: t.paidAt,
      });
  }
  const counts = Object.fromEntries(
    OUTCOMES.map((o) => [o, rows.filter((r) => r.outcome === o).length]),
  ) as Record<ReconciliationOutcome, number>;
  return {
    from,
    to,
    counts,
    totals: {
      requested: rows.reduce((s, r) => s + (r.requestAmount ?? 0), 0),
      collectedAtGateway: txns.reduce((s, t) => s + t.amount, 0),
    },
    rows,
  };
}

const cell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** CSV with Vietnamese headers and a BOM (spreadsheets then read UTF-8). */
export function reconciliationCsv(report: ReconciliationReport, outcomeName: (o: string) => string): string {
  const header = [
    'Kết quả đối soát',
    'Mã thanh toán',
    'Mã hồ sơ',
    'Số tiền yêu cầu (đồng)',
    'Số tiền tại cổng (đồng)',
    'Trạng thái yêu cầu',
    'Mã giao dịch',
    'Thời điểm tạo',
    'Thời điểm thanh toán',
  ];
  const lines = report.rows.map((r) =>
    [
      outcomeName(r.outcome),
      r.reference,
      r.dossierCode,
      r.requestAmount,
      r.gatewayAmount,
      r.requestStatus,
      r.gatewayTransactionId,
      r.createdAt,
      r.paidAt,
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
}
