import { and, asc, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type { PaymentRequestView } from '../../../contracts/payments.ts';
import type { Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import {
  definitionOf,
  dossierCodes,
  type DossierRow,
  dossierRow,
  mayReadDossier,
  quoteFees,
} from '../services/index.ts';
import type { PaymentGateway } from './gateway/index.ts';
import { mayPayOnline, mayRecordCounter } from './policy.ts';
import type { PaymentRequestRow, PaymentRow } from './requests.ts';
import { paymentRequests, payments } from './tables.ts';

export function presentRequest(
  r: PaymentRequestRow,
  p: PaymentRow | null,
  dossierCode: string | null,
): PaymentRequestView {
  return {
    id: r.id,
    reference: r.reference,
    dossierId: r.dossierId,
    dossierCode,
    purpose: r.purpose,
    amount: r.amount,
    description: r.description,
    lines: r.lines,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    paidAt: r.paidAt?.toISOString() ?? null,
    payment: p
      ? {
          id: p.id,
          requestId: p.requestId,
          amount: p.amount,
          channel: p.channel,
          method: p.method,
          paidAt: p.paidAt.toISOString(),
          receiptNo: p.receiptNo,
          gatewayTransactionId: p.gatewayTransactionId,
          recordedBy: p.recordedByLabel,
        }
      : null,
  };
}

/** A dossier the principal may read, or undefined (the caller answers 404 either way). */
export async function readableDossier(db: DbOrTx, p: Principal, id: string): Promise<DossierRow | undefined> {
  const d = await dossierRow(db, id);
  return d && (await mayReadDossier(db, p, d)) ? d : undefined;
}

/** The fee quote, the requests with their payments, and what the caller may do. */
export async function dossierPayments(db: DbOrTx, p: Principal, id: string, gateway: PaymentGateway | null) {
  const d = await readableDossier(db, p, id);
  if (!d) return undefined;
  const def = await definitionOf(db, d.procedureVersionId);
  const rows = await db
    .select({ r: paymentRequests, p: payments })
    .from(paymentRequests)
    .leftJoin(payments, eq(payments.requestId, paymentRequests.id))
    .where(eq(paymentRequests.dossierId, id))
    .orderBy(desc(paymentRequests.createdAt));
  const pending = rows.filter((x) => x.r.status === 'pending').map((x) => x.r);
  return {
    quote: quoteFees(def, d.formData),
    requests: rows.map((x) => presentRequest(x.r, x.p, d.code)),
    onlineAvailable: gateway !== null,
    sandbox: gateway?.sandbox ?? false,
    mayRecordCounter: pending.some((r) => mayRecordCounter(p, d, r)),
    mayPayOnline: gateway !== null && pending.some((r) => mayPayOnline(p, r)),
  };
}

/** A request with its dossier, when the principal may read the dossier. */
export async function readableRequest(db: DbOrTx, p: Principal, requestId: string) {
  const [r] = await db.select().from(paymentRequests).where(eq(paymentRequests.id, requestId));
  if (!r) return undefined;
  const d = await readableDossier(db, p, r.dossierId);
  return d ? { r, d } : undefined;
}

export async function paymentById(db: DbOrTx, id: string) {
  const [row] = await db
    .select({ p: payments, r: paymentRequests })
    .from(payments)
    .innerJoin(paymentRequests, eq(paymentRequests.id, payments.requestId))
    .where(eq(payments.id, id));
  const dossier = row && (await dossierRow(db, row.p.dossierId));
  return row && dossier ? { ...row, code: dossier.code, dossier } : undefined;
}

/** Rows with the code of their dossier (read from services in one query). */
async function withCodes<T extends { r: { dossierId: string } }>(db: DbOrTx, rows: T[]) {
  const codes = await dossierCodes(
    db,
    rows.map((x) => x.r.dossierId),
  );
  return rows.filter((x) => codes.has(x.r.dossierId)).map((x) => ({ ...x, code: codes.get(x.r.dossierId)! }));
}

/** Requests created, or paid, in [from, to) in the given agency subtrees (all when paths is null). */
export async function requestsForPeriod(db: DbOrTx, from: Date, to: Date, paths: string[] | null) {
  const inPeriod = or(
    and(gte(paymentRequests.createdAt, from), lt(paymentRequests.createdAt, to)),
    and(gte(paymentRequests.paidAt, from), lt(paymentRequests.paidAt, to)),
  );
  const scope =
    paths === null
      ? undefined
      : or(...paths.map((path) => sql`${paymentRequests.agencyPath} like ${`${path}%`}`));
  const rows = await db
    .select({ r: paymentRequests, p: payments })
    .from(paymentRequests)
    .leftJoin(payments, eq(payments.requestId, paymentRequests.id))
    .where(scope ? and(inPeriod, scope) : inPeriod)
    .orderBy(asc(paymentRequests.createdAt));
  return withCodes(db, rows);
}

export async function requestsByReference(db: DbOrTx, references: string[]) {
  if (references.length === 0) return [];
  const rows = await db
    .select({ r: paymentRequests, p: payments })
    .from(paymentRequests)
    .leftJoin(payments, eq(payments.requestId, paymentRequests.id))
    .where(inArray(paymentRequests.reference, references));
  return withCodes(db, rows);
}

/**
 * Pending requests whose payment was started at the gateway, least recently checked first. A started
 * payment expires at the gateway after a day: after three nothing more can arrive, so they are left out.
 */
export async function pendingToCheck(db: DbOrTx, limit: number) {
  return db
    .select({ reference: paymentRequests.reference })
    .from(paymentRequests)
    .where(
      and(
        eq(paymentRequests.status, 'pending'),
        sql`${paymentRequests.gatewayPaymentId} is not null`,
        sql`${paymentRequests.createdAt} > now() - interval '3 days'`,
      ),
    )
    .orderBy(sql`${paymentRequests.checkedAt} asc nulls first`)
    .limit(limit);
}
