import type { ActionContext } from '../../../platform/context.ts';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { dossierPauses } from '../tables.ts';
import { applyTransition } from '../transition.ts';
import { loadForAction } from './load.ts';
import { paymentDesk, requireFeesPaid } from '../contributions.ts';

/** Mẫu 03: the desk refuses at intake, giving every reason. */
export async function refuseDossier(
  db: Db,
  ctx: ActionContext,
  id: string,
  reasons: string[],
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d } = await loadForAction(tx, ctx, id, 'refuse', expectedRevision);
    await paymentDesk().cancelPending(tx, ctx, d.id, 'refused');
    return applyTransition(tx, ctx, d, {
      action: 'refuse',
      toStatus: 3,
      changes: { closedAt: new Date() },
      data: { reasons },
    });
  });
}

/** The applicant withdraws (or the desk records the withdrawal at the counter). */
export async function withdrawDossier(
  db: Db,
  ctx: ActionContext,
  id: string,
  reason: string | undefined,
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d } = await loadForAction(tx, ctx, id, 'withdraw', expectedRevision);
    await closeOpenPauses(tx, d.id);
    await paymentDesk().cancelPending(tx, ctx, d.id, 'withdrawn');
    return applyTransition(tx, ctx, d, {
      action: 'withdraw',
      toStatus: 7,
      comment: reason ?? null,
      changes: { closedAt: new Date(), stepRole: null },
    });
  });
}

/** Mẫu 05: processing stops (not eligible, or at the applicant's request). */
export async function stopDossier(
  db: Db,
  ctx: ActionContext,
  id: string,
  reasons: string[],
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d } = await loadForAction(tx, ctx, id, 'stop', expectedRevision);
    await closeOpenPauses(tx, d.id);
    await paymentDesk().cancelPending(tx, ctx, d.id, 'stopped');
    return applyTransition(tx, ctx, d, {
      action: 'stop',
      toStatus: 8,
      changes: { closedAt: new Date(), stepRole: null },
      data: { reasons },
    });
  });
}

/** The result reaches the applicant: at the counter, by post (VNPost) or electronically (status 10). */
export async function handOverResult(
  db: Db,
  ctx: ActionContext,
  id: string,
  method: 'counter' | 'post' | 'electronic',
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d } = await loadForAction(tx, ctx, id, 'hand_over', expectedRevision);
    await requireFeesPaid(tx, ctx.lang, d.id, 'hand_over');
    const now = new Date();
    return applyTransition(tx, ctx, d, {
      action: 'hand_over',
      toStatus: 10,
      now,
      changes: { returnedAt: now, closedAt: now },
      data: { method },
    });
  });
}

/** An ended dossier's clock stops for good: a pause still open (supplement, payment) is closed. */
async function closeOpenPauses(tx: Tx, dossierId: string) {
  await tx
    .update(dossierPauses)
    .set({ to: new Date() })
    .where(and(eq(dossierPauses.dossierId, dossierId), isNull(dossierPauses.to)));
}
