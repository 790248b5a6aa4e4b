import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger, type LedgerEntry } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { isSecretariat, mayRunSession } from '../policy.ts';
import { stopItem } from '../item-clock.ts';
import { items } from '../tables.ts';

/**
 * Defer a content (to a later meeting: the chair may do so mid-discussion) or withdraw it (the
 * secretariat, before it is discussed). Time already spent on a deferred content stays counted.
 */
export async function setItemAside(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  itemId: string,
  action: 'defer' | 'withdraw',
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    const allowed =
      action === 'defer'
        ? mayRunSession(ctx.actor, l.meeting, l.participants)
        : isSecretariat(ctx.actor, l.meeting);
    if (!allowed) throw new AppError('forbidden');
    requireLive(l.meeting);
    const [item] = await tx
      .select()
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
    if (!item) throw new AppError('not_found');
    const from = action === 'defer' ? ['planned', 'open'] : ['planned'];
    if (!from.includes(item.state)) throw new AppError('invalid_state', { state: item.state });
    let entries: LedgerEntry[] = [];
    if (item.state === 'open') entries = await stopItem(tx, item, 'deferred', 'deferred', new Date());
    else
      await tx
        .update(items)
        .set({
          state: action === 'defer' ? 'deferred' : 'withdrawn',
          outcome: action === 'defer' ? 'deferred' : null,
        })
        .where(eq(items.id, itemId));
    await appendLedger(tx, meetingId, ...entries, {
      kind: action === 'defer' ? 'item.deferred' : 'item.withdrawn',
      itemId,
    });
    await audit(tx, ctx, {
      action: `meeting.item_${action}`,
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { itemId },
    });
    await emitMeeting(tx, l, 'agenda_changed', {
      itemId,
      state: action === 'defer' ? 'deferred' : 'withdrawn',
    });
  });
}
