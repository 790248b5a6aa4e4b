import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { stopItem } from '../item-clock.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { items, meetings, participants } from '../tables.ts';

/** The chair closes the meeting: the open content stops, everyone still present is checked out. */
export async function endMeeting(db: Db, ctx: ActionContext, meetingId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    if (l.meeting.state !== 'in_session' && l.meeting.state !== 'paused')
      throw new AppError('invalid_state', { state: l.meeting.state });
    const now = new Date();
    const entries = [];
    if (l.meeting.state === 'paused') entries.push({ kind: 'meeting.resumed' as const });
    const [open] = await tx
      .select()
      .from(items)
      .where(and(eq(items.meetingId, meetingId), eq(items.state, 'open')));
    if (open) entries.push(...(await stopItem(tx, open, 'closed', null, now)));
    for (const p of l.participants)
      if (p.checkedInAt && !p.checkedOutAt) entries.push({ kind: 'check_out' as const, participantId: p.id });
    await tx
      .update(participants)
      .set({ checkedOutAt: now })
      .where(
        and(
          eq(participants.meetingId, meetingId),
          isNotNull(participants.checkedInAt),
          isNull(participants.checkedOutAt),
        ),
      );
    await tx
      .update(meetings)
      .set({ state: 'ended', endedAt: now, currentItemId: null })
      .where(eq(meetings.id, meetingId));
    await appendLedger(tx, meetingId, ...entries, { kind: 'meeting.ended' });
    await audit(tx, ctx, {
      action: 'meeting.end',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
    });
    await emitMeeting(tx, l, 'ended', { endedAt: now.toISOString() });
  });
}
