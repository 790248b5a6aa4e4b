import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { Principal } from '../../../platform/access.ts';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { type LifecycleAction, LIFECYCLE } from '../lifecycle.ts';
import { mayReadDossier } from '../queries.ts';
import { mayAct } from '../policy.ts';
import { type DossierRow, lockDossier } from '../transition.ts';
import { definitionOf } from '../definitions.ts';

/** Lock → check the status allows the action → check the actor may take it → check the revision. */
export async function loadForAction(
  tx: Tx,
  ctx: ActionContext,
  id: string,
  action: LifecycleAction,
  expectedRevision?: number,
) {
  if (!ctx.actor) throw new AppError('unauthenticated');
  const d: DossierRow = await lockDossier(tx, id);
  const rule = LIFECYCLE[action];
  if (!mayAct(ctx.actor, d, rule.actors)) throw await refusal(tx, ctx.actor, d);
  if (!rule.from.includes(d.status as never)) throw new AppError('invalid_state', { status: d.status });
  if (expectedRevision !== undefined && expectedRevision !== d.revision) throw new AppError('conflict');
  return { d, def: await definitionOf(tx, d.procedureVersionId) };
}

/**
 * The error for an actor who may not take an action on a dossier: "forbidden" only to those who may see
 * it; to anyone else the dossier does not exist (404, as for an unknown id), so that write routes do not
 * tell outsiders which ids are real. Costs a query only when refusing.
 */
export async function refusal(db: DbOrTx, p: Principal | null, d: DossierRow): Promise<AppError> {
  return (await mayReadDossier(db, p, d)) ? new AppError('forbidden') : new AppError('not_found');
}
