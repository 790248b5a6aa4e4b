import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { stopItem } from '../item-clock.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireInSession } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { items, meetings } from '../tables.ts';

/** The chair opens a content (closing the one under discussion); its timer runs against its budget. */
export async function openItem(db: Db, ctx: ActionContext, meetingId: string, itemId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    requireInSession(l.meeting);
    const rows = await tx.select().from(items).where(eq(items.meetingId, meetingId));
    const item = rows.find((i) => i.id === itemId);
    if (!item) throw new AppError('not_found');
    if (item.state === 'open') return { openedAt: item.openedAt!.toISOString() };
    if (item.state !== 'planned' && item.state !== 'closed')
      throw new AppError('invalid_state', { state: item.state });
    const now = new Date();
    const entries = [];
    const current = rows.find((i) => i.state === 'open');
    if (current) entries.push(...(await stopItem(tx, current, 'closed', null, now)));
    await tx
      .update(items)
      .set({ state: 'open', openedAt: now, closedAt: null })
      .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
    await tx.update(meetings).set({ currentItemId: itemId }).where(eq(meetings.id, meetingId));
    entries.push({ kind: 'item.opened' as const, itemId, data: { plannedMinutes: item.plannedMinutes } });
    await appendLedger(tx, meetingId, ...entries);
    await audit(tx, ctx, {
      action: 'meeting.item_open',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { itemId },
    });
    await emitMeeting(tx, l, 'item_opened', {
      itemId,
      openedAt: now.toISOString(),
      usedSeconds: item.usedSeconds,
      plannedMinutes: item.plannedMinutes,
    });
    return { openedAt: now.toISOString() };
  });
}
