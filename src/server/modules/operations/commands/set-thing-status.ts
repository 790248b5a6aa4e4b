import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { ALERT_AUDIENCE } from '../alerts/incidents.ts';
import { type SensorStatus, things } from '../tables.ts';

/** A station goes into calibration (its silence is then expected), back to measuring, or is in error. */
export async function setThingStatus(db: Db, ctx: ActionContext, id: string, status: SensorStatus) {
  requirePermission(ctx.actor, 'operations.operate');
  return db.transaction(async (tx) => {
    const [thing] = await tx.select().from(things).where(eq(things.id, id)).for('update');
    if (!thing) throw new AppError('not_found');
    if (thing.status === status) return thing;
    const [row] = await tx.update(things).set({ status }).where(eq(things.id, id)).returning();
    await audit(tx, ctx, {
      action: 'ops_thing.status',
      targetType: 'ops_thing',
      targetId: id,
      summary: { from: thing.status, to: status },
    });
    await emit(tx, {
      type: 'operations.thing.status',
      aggregateType: 'ops_thing',
      aggregateId: id,
      payload: { code: thing.code, status },
      audience: ALERT_AUDIENCE,
    });
    return row!;
  });
}
