import { and, asc, eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger, type LedgerEntry } from '../ledger.ts';
import { lockMeeting, requireInSession } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { speeches } from '../tables.ts';

/** Default cap per speech, seconds *(confirm: the kind's working rules may set it)*. */
export const SPEECH_CAP_SECONDS = 300;

/**
 * The chair gives the floor: to the speech named, or the next in the queue (points of order first,
 * then in the order asked). Whoever was speaking is stopped.
 */
export async function callSpeaker(db: Db, ctx: ActionContext, meetingId: string, speechId?: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    requireInSession(l.meeting);
    const [next] = await tx
      .select()
      .from(speeches)
      .where(
        and(
          eq(speeches.meetingId, meetingId),
          eq(speeches.state, 'waiting'),
          speechId ? eq(speeches.id, speechId) : undefined,
        ),
      )
      .orderBy(sql`(${speeches.kind} = 'point_of_order') desc`, asc(speeches.requestedAt))
      .limit(1);
    if (!next) throw new AppError(speechId ? 'not_found' : 'invalid_state', { reason: 'queue_empty' });
    const now = new Date();
    const entries: LedgerEntry[] = [];
    const stopped = await tx
      .update(speeches)
      .set({ state: 'done', endedAt: now })
      .where(and(eq(speeches.meetingId, meetingId), eq(speeches.state, 'speaking')))
      .returning();
    for (const s of stopped)
      entries.push({
        kind: 'speech.ended',
        itemId: s.itemId,
        participantId: s.participantId,
        data: { speechId: s.id },
      });
    await tx
      .update(speeches)
      .set({ state: 'speaking', begunAt: now, capSeconds: SPEECH_CAP_SECONDS })
      .where(eq(speeches.id, next.id));
    entries.push({
      kind: 'speech.begun',
      itemId: next.itemId,
      participantId: next.participantId,
      data: { speechId: next.id, type: next.kind },
    });
    await appendLedger(tx, meetingId, ...entries);
    await audit(tx, ctx, {
      action: 'meeting.speech_call',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { speechId: next.id },
    });
    const speaker = l.participants.find((p) => p.id === next.participantId);
    await emitMeeting(tx, l, 'speaker', {
      speechId: next.id,
      participantId: next.participantId,
      name: speaker?.name ?? null,
      begunAt: now.toISOString(),
      capSeconds: SPEECH_CAP_SECONDS,
    });
    return { speechId: next.id };
  });
}
