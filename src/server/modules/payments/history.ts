// The demo history's fees (issue 11, item 18): for each generated dossier whose procedure collects fees
// with the submission, the request and, as the applicant paid, the payment: online through the gateway
// minutes after an online submission, cash at the counter, a transfer for a postal dossier. A dossier
// still waiting for the desk may still owe (its acceptance waits for the money); one refused or
// withdrawn before it paid has its request cancelled. One statement per batch, like the history itself.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, queryRows } from '../../platform/db/client.ts';
import { type HistoricalDossier, quoteFees } from '../services/index.ts';
import { recordDossiersPaidOnline } from '../stats/index.ts';
import { newReference } from './requests.ts';

const MINUTE_MS = 60_000;
/** online applicants who paid with the submission; the others paid at the desk when it accepted */
const PAID_ONLINE_SHARE = 0.85;

interface RequestRow {
  reference: string;
  dossier_id: string;
  agency_id: string;
  agency_path: string;
  amount: number;
  description: string;
  lines: unknown;
  status: 'pending' | 'paid' | 'cancelled';
  created_at: string;
  paid_at: string | null;
  cancelled_at: string | null;
}
interface PaymentRow {
  reference: string;
  dossier_id: string;
  amount: number;
  channel: 'online' | 'counter';
  method: 'gateway' | 'cash' | 'bank_transfer';
  gateway_transaction_id: string | null;
  paid_at: string;
  recorded_by_label: string | null;
  receipt_no: string;
}

/** A stable number in [0, 1) from the dossier's id: the same history pays the same way. */
const draw = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(-8), 16) / 2 ** 32;

export async function seedPaymentHistory(db: Db, dossiers: readonly HistoricalDossier[]): Promise<void> {
  const owing = dossiers
    .map((d) => ({ d, quote: quoteFees(d.definition, d.formData) }))
    .filter((x) => x.quote.atSubmission > 0);
  if (owing.length === 0) return;
  const agencies = await queryRows<{ id: string; path: string }>(
    db,
    sql`select id, path from id_agencies where id = any(${pgArray([...new Set(owing.map((x) => x.d.receivingAgencyId))])}::uuid[])`,
  );
  const pathOf = new Map(agencies.map((a) => [a.id, a.path]));
  const requests: RequestRow[] = [];
  const paid: PaymentRow[] = [];
  for (const { d, quote } of owing) {
    const reference = newReference(d.submittedAt);
    const payment = paymentOf(d);
    const ended = d.closedAt !== null && d.acceptedAt === null;
    requests.push({
      reference,
      dossier_id: d.id,
      agency_id: d.receivingAgencyId,
      agency_path: pathOf.get(d.receivingAgencyId) ?? '/',
      amount: quote.atSubmission,
      description: `Phí, lệ phí: ${d.definition.name}`.slice(0, 255),
      lines: quote.lines.filter((l) => l.collect === 'at_submission'),
      status: payment ? 'paid' : ended ? 'cancelled' : 'pending',
      created_at: d.submittedAt.toISOString(),
      paid_at: payment?.at.toISOString() ?? null,
      cancelled_at: !payment && ended ? d.closedAt!.toISOString() : null,
    });
    if (payment)
      paid.push({
        reference,
        dossier_id: d.id,
        amount: quote.atSubmission,
        channel: payment.method === 'gateway' ? 'online' : 'counter',
        method: payment.method,
        gateway_transaction_id: payment.method === 'gateway' ? `HIS${reference}` : null,
        paid_at: payment.at.toISOString(),
        recorded_by_label: payment.method === 'gateway' ? 'payment-gateway' : null,
        receipt_no: `${payment.at.getUTCFullYear()}-${reference}`,
      });
  }
  await queryRows(
    db,
    sql`with r as (
      insert into pay_requests (reference, dossier_id, agency_id, agency_path, purpose, amount, description,
        lines, status, created_at, paid_at, cancelled_at)
      select reference, dossier_id, agency_id, agency_path, 'submission', amount, description, lines, status,
        created_at, paid_at, cancelled_at
      from jsonb_to_recordset(${JSON.stringify(requests)}::jsonb) as x(reference text, dossier_id uuid,
        agency_id uuid, agency_path text, amount bigint, description text, lines jsonb, status text,
        created_at timestamptz, paid_at timestamptz, cancelled_at timestamptz)
      returning id, reference
    ), p as (
      insert into pay_payments (request_id, dossier_id, amount, channel, method, gateway_transaction_id,
        paid_at, recorded_by_label, receipt_no, created_at)
      select r.id, x.dossier_id, x.amount, x.channel, x.method, x.gateway_transaction_id, x.paid_at,
        x.recorded_by_label, x.receipt_no, x.paid_at
      from jsonb_to_recordset(${JSON.stringify(paid)}::jsonb) as x(reference text, dossier_id uuid,
        amount bigint, channel text, method text, gateway_transaction_id text, paid_at timestamptz,
        recorded_by_label text, receipt_no text)
      join r on r.reference = x.reference
      returning 1
    )
    select (select count(*) from r) as requests, (select count(*) from p) as payments`,
  );
  const online = paid.filter((p) => p.channel === 'online').map((p) => p.dossier_id);
  await db.transaction((tx) => recordDossiersPaidOnline(tx, online, { recount: false }));
}

/** How and when this dossier's submission fee was paid, or null while (or because) it was not. */
function paymentOf(d: HistoricalDossier): { at: Date; method: PaymentRow['method'] } | null {
  const at = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MINUTE_MS);
  if (d.channel === 'counter') return { at: at(d.submittedAt, 5), method: 'cash' };
  if (d.channel === 'post') return d.acceptedAt ? { at: d.acceptedAt, method: 'bank_transfer' } : null;
  if (draw(d.id) < PAID_ONLINE_SHARE) return { at: at(d.submittedAt, 3), method: 'gateway' };
  // Paid at the desk: acceptance waited for it.
  return d.acceptedAt ? { at: d.acceptedAt, method: 'cash' } : null;
}
