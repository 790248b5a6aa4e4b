import { and, eq } from 'drizzle-orm';
import type { SpeechKind } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isPresent } from '../attendance.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { isUniqueViolation, lockMeeting } from '../load.ts';
import { participantOf } from '../policy.ts';
import { items, speeches } from '../tables.ts';

/** A participant who is present (in the hall or remotely) asks to speak on the content under discussion. */
export async function requestSpeech(db: Db, ctx: ActionContext, meetingId: string, kind: SpeechKind) {
  try {
    return await db.transaction(async (tx) => {
      const l = await lockMeeting(tx, meetingId, ctx.actor);
      const me = participantOf(ctx.actor, l.participants);
      if (!me || me.role === 'secretary') throw new AppError('forbidden');
      if (l.meeting.state !== 'in_session' && l.meeting.state !== 'paused')
        throw new AppError('meeting_not_in_session', { state: l.meeting.state });
      if (!isPresent(me)) throw new AppError('meeting_not_elector');
      const [item] = await tx
        .select()
        .from(items)
        .where(and(eq(items.meetingId, meetingId), eq(items.state, 'open')));
      if (!item) throw new AppError('meeting_item_not_open');
      const [speech] = await tx
        .insert(speeches)
        .values({ meetingId, itemId: item.id, participantId: me.id, kind })
        .returning();
      await appendLedger(tx, meetingId, {
        kind: 'speech.requested',
        itemId: item.id,
        participantId: me.id,
        data: { speechId: speech!.id, type: kind },
      });
      await audit(tx, ctx, {
        action: 'meeting.speech_request',
        targetType: 'meeting',
        targetId: meetingId,
        agencyId: l.meeting.agencyId,
        summary: { speechId: speech!.id, kind },
      });
      await emitMeeting(tx, l, 'queue_changed', { itemId: item.id, speechId: speech!.id });
      return { id: speech!.id };
    });
  } catch (err) {
    // The partial unique index allows one waiting request per person and content.
    if (isUniqueViolation(err)) throw new AppError('meeting_already_queued');
    throw err;
  }
}
