import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emitAlert } from '../alerts/incidents.ts';
import { alertLog, alerts } from '../tables.ts';
import { actorOf, alertForUpdate } from './load.ts';

/**
 * Closes the incident: cleared (if the rule had not cleared it) and acknowledged, with a note.
 * Resolving twice changes nothing. `onResolved` lets the live rule engine forget the alert, so a
 * condition that persists raises a new one.
 */
export async function resolveAlert(
  db: Db,
  ctx: ActionContext,
  id: string,
  note: string,
  onResolved?: (ruleId: string, sourceKey: string) => void,
) {
  const row = await db.transaction(async (tx) => {
    const { alert, ruleName } = await alertForUpdate(tx, ctx, id);
    if (alert.resolvedAt) return alert;
    const now = new Date();
    const [row] = await tx
      .update(alerts)
      .set({
        status: 'cleared',
        clearedAt: alert.clearedAt ?? now,
        acknowledged: true,
        acknowledgedAt: alert.acknowledgedAt ?? now,
        acknowledgedBy: alert.acknowledgedBy ?? ctx.actor?.userId ?? null,
        resolvedAt: now,
        updatedAt: now,
      })
      .where(eq(alerts.id, id))
      .returning();
    await tx.insert(alertLog).values({ alertId: id, at: now, kind: 'resolved', note, ...actorOf(ctx) });
    await audit(tx, ctx, { action: 'ops_alert.resolve', targetType: 'ops_alert', targetId: id });
    await emitAlert(tx, 'resolved', row!, ruleName);
    return row!;
  });
  onResolved?.(row.ruleId, row.sourceKey);
  return row;
}
