// Payment requests and payments at the transaction level: the services module calls these from its own
// commands (submission, financial obligation, manual confirmation) so that asking for money and the
// dossier's change are one transaction.
import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FeeLine } from '../../../contracts/payments.ts';
import { audit } from '../../platform/audit/index.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { emit } from '../../platform/events/index.ts';
import { getAgency } from '../identity/index.ts';
import { recordDossiersPaidOnline } from '../stats/index.ts';
import { paymentRequests, payments } from './tables.ts';

export type PaymentRequestRow = typeof paymentRequests.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;

interface DossierLike {
  id: string;
  code: string | null;
  receivingAgencyId: string;
  holderAgencyPath: string;
  applicantUserId: string | null;
}

// No 0/O or 1/I: references are read out over the phone and typed from receipts.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** "LP" + yymmdd + 8 random characters: unique by index, short enough for a bank transfer note. */
export function newReference(now = new Date()): string {
  const day = now.toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 8; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `LP${day}${tail}`;
}

/** Opens a request for the dossier (one pending request per dossier and purpose at a time). */
export async function openPaymentRequest(
  tx: Tx,
  ctx: ActionContext,
  d: DossierLike,
  input: { purpose: 'submission' | 'obligation'; amount: number; description: string; lines: FeeLine[] },
): Promise<PaymentRequestRow> {
  const open = await pendingRequestOf(tx, d.id, input.purpose);
  // A second obligation while one is unpaid replaces it: the officer corrected the amount. (An unpaid
  // submission fee stays open beside an obligation: they are different debts.)
  if (open) await cancelRequest(tx, ctx, open, 'replaced');
  // The receiving agency collects (its one-stop desk takes the money and issues the receipt), whoever
  // asked for it: its desk and finance staff see and reconcile the request.
  const collector = await getAgency(tx, d.receivingAgencyId);
  if (!collector) throw new AppError('not_found');
  const [row] = await tx
    .insert(paymentRequests)
    .values({
      reference: newReference(),
      dossierId: d.id,
      agencyId: collector.id,
      agencyPath: collector.path,
      applicantUserId: d.applicantUserId,
      purpose: input.purpose,
      amount: input.amount,
      description: input.description,
      lines: input.lines,
      createdBy: ctx.actor?.userId ?? null,
    })
    .returning();
  const r = row!;
  await audit(tx, ctx, {
    action: 'payment.request',
    targetType: 'payment_request',
    targetId: r.id,
    agencyId: r.agencyId,
    summary: { reference: r.reference, dossierId: d.id, code: d.code, amount: r.amount, purpose: r.purpose },
  });
  await emit(tx, {
    type: 'payments.requested',
    aggregateType: 'dossier',
    aggregateId: d.id,
    payload: { reference: r.reference, amount: r.amount, purpose: r.purpose },
    audience: {
      userIds: d.applicantUserId ? [d.applicantUserId] : [],
      agencyPaths: [d.holderAgencyPath, collector.path],
    },
  });
  return r;
}

export async function cancelRequest(tx: Tx, ctx: ActionContext, r: PaymentRequestRow, reason: string) {
  await tx
    .update(paymentRequests)
    .set({ status: 'cancelled', cancelledAt: new Date() })
    .where(and(eq(paymentRequests.id, r.id), eq(paymentRequests.status, 'pending')));
  await audit(tx, ctx, {
    action: 'payment.cancel',
    targetType: 'payment_request',
    targetId: r.id,
    agencyId: r.agencyId,
    summary: { reference: r.reference, reason },
  });
}

/** The pending request of a dossier for one purpose, locked for the rest of the transaction. */
export async function pendingRequestOf(
  tx: Tx,
  dossierId: string,
  purpose: PaymentRequestRow['purpose'],
): Promise<PaymentRequestRow | undefined> {
  const [r] = await tx
    .select()
    .from(paymentRequests)
    .where(
      and(
        eq(paymentRequests.dossierId, dossierId),
        eq(paymentRequests.purpose, purpose),
        eq(paymentRequests.status, 'pending'),
      ),
    )
    .for('update');
  return r;
}

/** What a dossier still owes: its pending requests, for the dossier page (no lock). */
export async function unpaidRequestsOf(db: DbOrTx, dossierId: string) {
  return db
    .select({
      id: paymentRequests.id,
      reference: paymentRequests.reference,
      amount: paymentRequests.amount,
      purpose: paymentRequests.purpose,
    })
    .from(paymentRequests)
    .where(and(eq(paymentRequests.dossierId, dossierId), eq(paymentRequests.status, 'pending')));
}

export async function lockRequest(tx: Tx, where: { id: string } | { reference: string }) {
  const [r] = await tx
    .select()
    .from(paymentRequests)
    .where('id' in where ? eq(paymentRequests.id, where.id) : eq(paymentRequests.reference, where.reference))
    .for('update');
  return r;
}

/**
 * Records money received against a pending request and marks it paid. The amount must be the
 * requested one; a request is settled once (the unique index on request_id holds across nodes).
 */
export async function recordPayment(
  tx: Tx,
  ctx: ActionContext,
  r: PaymentRequestRow,
  input: {
    channel: 'online' | 'counter';
    method: 'gateway' | 'cash' | 'bank_transfer';
    amount: number;
    transactionId?: string | null;
    paidAt: Date;
    note?: string | undefined;
  },
): Promise<PaymentRow> {
  if (r.status === 'paid') throw new AppError('payment_already_paid');
  if (input.amount !== r.amount)
    throw new AppError('payment_amount_mismatch', { expected: r.amount, received: input.amount });
  const [p] = await tx
    .insert(payments)
    .values({
      requestId: r.id,
      dossierId: r.dossierId,
      amount: input.amount,
      channel: input.channel,
      method: input.method,
      gatewayTransactionId: input.transactionId ?? null,
      paidAt: input.paidAt,
      recordedBy: ctx.actor?.userId ?? null,
      recordedByLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? null,
      receiptNo: `${input.paidAt.getUTCFullYear()}-${r.reference}`,
      note: input.note ?? null,
    })
    .returning();
  // The 766 index counts dossiers paid online, whatever the fee was for.
  if (input.channel === 'online') await recordDossiersPaidOnline(tx, [r.dossierId]);
  // Money for a cancelled request (the dossier ended meanwhile) is recorded, but the request stays
  // cancelled: reconciliation shows it for a person to refund.
  await tx
    .update(paymentRequests)
    .set({ status: r.status === 'cancelled' ? 'cancelled' : 'paid', paidAt: input.paidAt })
    .where(eq(paymentRequests.id, r.id));
  await audit(tx, ctx, {
    action: 'payment.record',
    targetType: 'payment_request',
    targetId: r.id,
    agencyId: r.agencyId,
    summary: {
      reference: r.reference,
      amount: input.amount,
      channel: input.channel,
      method: input.method,
      transactionId: input.transactionId ?? null,
      wasCancelled: r.status === 'cancelled',
    },
  });
  await emit(tx, {
    type: 'payments.paid',
    aggregateType: 'dossier',
    aggregateId: r.dossierId,
    payload: { reference: r.reference, amount: input.amount, channel: input.channel },
    audience: { userIds: r.applicantUserId ? [r.applicantUserId] : [], agencyPaths: [r.agencyPath] },
  });
  return p!;
}

/** A dossier that ends (refused, withdrawn, stopped, expired) owes nothing more: its open request is cancelled. */
export async function cancelPendingRequests(tx: Tx, ctx: ActionContext, dossierId: string, reason: string) {
  for (const purpose of ['submission', 'obligation'] as const) {
    const open = await pendingRequestOf(tx, dossierId, purpose);
    if (open) await cancelRequest(tx, ctx, open, reason);
  }
}
