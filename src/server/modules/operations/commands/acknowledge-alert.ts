import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emitAlert } from '../alerts/incidents.ts';
import { alertLog, alerts } from '../tables.ts';
import { actorOf, alertForUpdate } from './load.ts';

/** An operator has seen the alert: it leaves the wall's ticker. Acknowledging twice changes nothing. */
export async function acknowledgeAlert(db: Db, ctx: ActionContext, id: string) {
  return db.transaction(async (tx) => {
    const { alert, ruleName } = await alertForUpdate(tx, ctx, id);
    if (alert.acknowledged) return alert;
    const now = new Date();
    const [row] = await tx
      .update(alerts)
      .set({
        acknowledged: true,
        acknowledgedAt: now,
        acknowledgedBy: ctx.actor?.userId ?? null,
        updatedAt: now,
      })
      .where(eq(alerts.id, id))
      .returning();
    await tx.insert(alertLog).values({ alertId: id, at: now, kind: 'acknowledged', ...actorOf(ctx) });
    await audit(tx, ctx, { action: 'ops_alert.acknowledge', targetType: 'ops_alert', targetId: id });
    await emitAlert(tx, 'acknowledged', row!, ruleName);
    return row!;
  });
}
