import { and, eq, isNull } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { dueDateOf, loadCalendar, pausesOf } from '../clock.ts';
import { dossierPauses } from '../tables.ts';
import { applyTransition } from '../transition.ts';
import { loadForAction } from './load.ts';

/** Status 6: the applicant must pay taxes or fees (integer đồng) before processing continues; the clock pauses. */
export async function requestPayment(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: { amount: number; description: string; revision?: number | undefined },
) {
  return db.transaction(async (tx) => {
    const { d } = await loadForAction(tx, ctx, id, 'request_payment', input.revision);
    const now = new Date();
    await tx
      .insert(dossierPauses)
      .values({ dossierId: d.id, reason: 'financial_obligation', from: now, data: { amount: input.amount } });
    return applyTransition(tx, ctx, d, {
      action: 'request_payment',
      toStatus: 6,
      now,
      data: { amount: input.amount, description: input.description },
    });
  });
}

/** The payment is confirmed (with how it was paid); the clock runs again and the due date moves by the pause. */
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
  });
}
