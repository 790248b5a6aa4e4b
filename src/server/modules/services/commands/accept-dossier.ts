import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getAgency } from '../../identity/index.ts';
import { dueDateOf, loadCalendar, pausesOf } from '../clock.ts';
import { nextDossierCode } from '../codes.ts';
import { LIFECYCLE } from '../lifecycle.ts';
import { mayAct } from '../policy.ts';
import { applyTransition, type DossierRow, lockDossier } from '../transition.ts';
import { refusal } from './load.ts';
import { enterStep } from './step-routing.ts';
import { definitionOf } from '../definitions.ts';
import { requireFeesPaid } from '../contributions.ts';

/** The one-stop desk accepts: dossier code, clock started (status 2), routed into its workflow (status 4). */
export async function acceptDossier(db: Db, ctx: ActionContext, id: string, expectedRevision?: number) {
  return db.transaction(async (tx) => {
    const d = await lockDossier(tx, id);
    if (!mayAct(ctx.actor, d, LIFECYCLE.accept.actors)) throw await refusal(tx, ctx.actor, d);
    if (!LIFECYCLE.accept.from.includes(d.status as 1))
      throw new AppError('invalid_state', { status: d.status });
    if (expectedRevision !== undefined && expectedRevision !== d.revision) throw new AppError('conflict');
    // Counter intake accepts in the submission's own transaction, where the desk takes the money.
    await requireFeesPaid(tx, ctx.lang, d.id, 'accept');
    return acceptLocked(tx, ctx, d, new Date());
  });
}

export async function acceptLocked(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  now: Date,
): Promise<DossierRow> {
  const def = await definitionOf(tx, d.procedureVersionId);
  const competent = await getAgency(tx, d.competentAgencyId);
  const code = await nextDossierCode(tx, competent!.code, now);
  const calendar = await loadCalendar(tx);
  const due = dueDateOf(calendar, def, d.channel, now, await pausesOf(tx, d.id));
  const accepted = await applyTransition(tx, ctx, d, {
    action: 'accept',
    toStatus: 2,
    now,
    changes: { code, acceptedAt: now, dueAt: due.dueAt, dueExplanation: due.explanation },
    data: { code, dueAt: due.dueAt?.toISOString() ?? null },
  });
  const step = def.workflow.steps.find((s) => s.key === def.workflow.start)!;
  return enterStep(tx, ctx, accepted, step, { action: 'route', now });
}
