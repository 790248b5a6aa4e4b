import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { alertLog } from '../tables.ts';
import { actorOf, alertForUpdate } from './load.ts';

/** A note in the incident log (what was done, who was called). */
export async function commentAlert(db: Db, ctx: ActionContext, id: string, note: string) {
  return db.transaction(async (tx) => {
    await alertForUpdate(tx, ctx, id);
    const [row] = await tx
      .insert(alertLog)
      .values({ alertId: id, at: new Date(), kind: 'commented', note, ...actorOf(ctx) })
      .returning();
    await audit(tx, ctx, { action: 'ops_alert.comment', targetType: 'ops_alert', targetId: id });
    return row!;
  });
}
