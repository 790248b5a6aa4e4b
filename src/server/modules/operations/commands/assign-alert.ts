import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getUser } from '../../identity/index.ts';
import { emitAlert } from '../alerts/incidents.ts';
import { alertLog, alerts } from '../tables.ts';
import { actorOf, alertForUpdate } from './load.ts';

/** Hands the incident to an official (or takes it back with null). */
export async function assignAlert(db: Db, ctx: ActionContext, id: string, assigneeId: string | null) {
  return db.transaction(async (tx) => {
    const { alert, ruleName } = await alertForUpdate(tx, ctx, id);
    if (alert.resolvedAt) throw new AppError('invalid_state', { reason: 'resolved' });
    let name: string | null = null;
    if (assigneeId) {
      const user = await getUser(tx, assigneeId);
      if (user?.kind !== 'official')
        throw new AppError('validation', {}, [{ field: 'body.assigneeId', key: 'field.not_found' }]);
      name = user.fullName;
    }
    const now = new Date();
    const [row] = await tx
      .update(alerts)
      .set({ assigneeId, updatedAt: now })
      .where(eq(alerts.id, id))
      .returning();
    await tx.insert(alertLog).values({ alertId: id, at: now, kind: 'assigned', note: name, ...actorOf(ctx) });
    await audit(tx, ctx, {
      action: 'ops_alert.assign',
      targetType: 'ops_alert',
      targetId: id,
      summary: { assigneeId },
    });
    await emitAlert(tx, 'assigned', row!, ruleName);
    return row!;
  });
}
