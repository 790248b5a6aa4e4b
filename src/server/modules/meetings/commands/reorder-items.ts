import { asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { items } from '../tables.ts';

/** The secretariat puts the agenda in a new order: the list must name every content exactly once. */
export async function reorderItems(db: Db, ctx: ActionContext, meetingId: string, itemIds: string[]) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    requireLive(l.meeting);
    const current = await tx
      .select({ id: items.id })
      .from(items)
      .where(eq(items.meetingId, meetingId))
      .orderBy(asc(items.position));
    const known = new Set(current.map((i) => i.id));
    if (
      itemIds.length !== known.size ||
      new Set(itemIds).size !== itemIds.length ||
      !itemIds.every((i) => known.has(i))
    )
      throw new AppError('validation', {}, [{ field: 'body.itemIds', key: 'field.meeting_items_mismatch' }]);
    // One statement: positions from the array's order.
    await tx.execute(sql`update mtg_items set position = o.ord::int
      from unnest(${`{${itemIds.join(',')}}`}::uuid[]) with ordinality as o(id, ord)
      where mtg_items.id = o.id and mtg_items.meeting_id = ${meetingId}`);
    await appendLedger(tx, meetingId, { kind: 'item.reordered', data: { order: itemIds } });
    await audit(tx, ctx, {
      action: 'meeting.items_reorder',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { order: itemIds },
    });
    await emitMeeting(tx, l, 'agenda_changed', {});
  });
}
