import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession, participantOf } from '../policy.ts';
import { speeches } from '../tables.ts';

/** The speaker or the chair ends a speech; a waiting request may be withdrawn by its author. */
export async function endSpeech(db: Db, ctx: ActionContext, meetingId: string, speechId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    const [s] = await tx
      .select()
      .from(speeches)
      .where(and(eq(speeches.id, speechId), eq(speeches.meetingId, meetingId)));
    if (!s) throw new AppError('not_found');
    const own = participantOf(ctx.actor, l.participants)?.id === s.participantId;
    if (!own && !mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    if (s.state !== 'speaking' && s.state !== 'waiting')
      throw new AppError('invalid_state', { state: s.state });
    const now = new Date();
    const speaking = s.state === 'speaking';
    await tx
      .update(speeches)
      .set(speaking ? { state: 'done', endedAt: now } : { state: 'withdrawn' })
      .where(eq(speeches.id, speechId));
    if (speaking)
      await appendLedger(tx, meetingId, {
        kind: 'speech.ended',
        itemId: s.itemId,
        participantId: s.participantId,
        data: { speechId },
      });
    await audit(tx, ctx, {
      action: speaking ? 'meeting.speech_end' : 'meeting.speech_withdraw',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { speechId },
    });
    await emitMeeting(tx, l, speaking ? 'speaker' : 'queue_changed', { speechId, ended: speaking });
  });
}
