import { and, eq } from 'drizzle-orm';
import type { ItemOutcome } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { stopItem } from '../item-clock.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { items } from '../tables.ts';

/** The chair closes the content under discussion; the time used is added to its record. */
export async function closeItem(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  itemId: string,
  outcome: ItemOutcome | undefined,
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    const [item] = await tx
      .select()
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
    if (!item) throw new AppError('not_found');
    if (item.state !== 'open') throw new AppError('meeting_item_not_open');
    const entries = await stopItem(tx, item, 'closed', outcome ?? null, new Date());
    await appendLedger(tx, meetingId, ...entries);
    await audit(tx, ctx, {
      action: 'meeting.item_close',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { itemId, outcome: outcome ?? null },
    });
    const closed = entries[entries.length - 1]!.data!;
    await emitMeeting(tx, l, 'item_closed', {
      itemId,
      usedSeconds: closed.usedSeconds,
      outcome: outcome ?? null,
    });
    return { usedSeconds: closed.usedSeconds as number };
  });
}
