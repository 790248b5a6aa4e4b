import { and, eq, isNull } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { paymentDesk } from '../contributions.ts';
import { quoteFees } from '../fees.ts';
import { dueDateOf, loadCalendar, pausesOf } from '../clock.ts';
import { dossierPauses } from '../tables.ts';
import { applyTransition, type DossierRow } from '../transition.ts';
import { loadForAction } from './load.ts';

/**
 * Status 6: the applicant must pay taxes or fees (integer đồng) before processing continues; the clock
 * pauses and a payment request with its own reference is opened (payable online or at the counter).
 */
export async function requestPayment(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: { amount: number; description: string; revision?: number | undefined },
) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'request_payment', input.revision);
    const now = new Date();
    await tx
      .insert(dossierPauses)
      .values({ dossierId: d.id, reason: 'financial_obligation', from: now, data: { amount: input.amount } });
    const quote = quoteFees(def, d.formData);
    const lines = quote.lines.filter((l) => l.collect === 'on_request');
    // The catalogue lines explain the amount when they add up to it; otherwise the description does.
    const request = await paymentDesk().open(tx, ctx, d, {
      purpose: 'obligation',
      amount: input.amount,
      description: input.description,
      lines: quote.onRequest === input.amount ? lines : [],
    });
    return applyTransition(tx, ctx, d, {
      action: 'request_payment',
      toStatus: 6,
      now,
      data: { amount: input.amount, description: input.description, reference: request.reference },
    });
  });
}

/**
 * The payment is confirmed by an officer (with how it was paid). A counter or transfer payment is
 * recorded against the open request; "online" needs the gateway to have paid it already.
 */
export async function confirmPayment(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: {
    method: 'online' | 'counter' | 'bank_transfer';
    reference?: string | undefined;
    revision?: number | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'confirm_payment', input.revision);
    const open = await paymentDesk().pending(tx, d.id, 'obligation');
    if (open && input.method === 'online') throw new AppError('payment_not_received');
    if (open)
      await paymentDesk().recordAtDesk(tx, ctx, open.id, {
        method: input.method === 'counter' ? 'cash' : 'bank_transfer',
        note: input.reference,
      });
    return confirmPaymentInTx(tx, ctx, d, def, {
      method: input.method,
      reference: input.reference ?? open?.reference,
    });
  });
}

/**
 * The clock runs again and the due date moves by the pause (status 6 → 4). Called by confirmPayment and by
 * the payments module when money arrives for an obligation (the caller has authorized and locked `d`).
 */
export async function confirmPaymentInTx(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  def: ProcedureDefinition,
  input: { method: 'online' | 'counter' | 'bank_transfer'; reference?: string | undefined },
) {
  const now = new Date();
  await tx
    .update(dossierPauses)
    .set({ to: now })
    .where(
      and(
        eq(dossierPauses.dossierId, d.id),
        eq(dossierPauses.reason, 'financial_obligation'),
        isNull(dossierPauses.to),
      ),
    );
  const due = dueDateOf(await loadCalendar(tx), def, d.channel, d.acceptedAt!, await pausesOf(tx, d.id));
  return applyTransition(tx, ctx, d, {
    action: 'confirm_payment',
    toStatus: 4,
    now,
    changes: { dueAt: due.dueAt, dueExplanation: due.explanation },
    data: { method: input.method, reference: input.reference ?? null },
  });
}
