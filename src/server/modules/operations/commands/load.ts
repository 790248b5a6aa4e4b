import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { alertRules, alerts } from '../tables.ts';

/** An alert locked for a change by an operator (operations.operate), with its rule's name. */
export async function alertForUpdate(tx: Tx, ctx: ActionContext, id: string) {
  requirePermission(ctx.actor, 'operations.operate');
  const [row] = await tx
    .select({ alert: alerts, ruleName: alertRules.name })
    .from(alerts)
    .innerJoin(alertRules, eq(alertRules.id, alerts.ruleId))
    .where(eq(alerts.id, id))
    .for('update', { of: alerts });
  if (!row) throw new AppError('not_found');
  return row;
}

export const actorOf = (ctx: ActionContext) => ({
  actorId: ctx.actor?.userId ?? null,
  actorLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? 'system',
});
