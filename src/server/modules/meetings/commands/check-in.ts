import { eq } from 'drizzle-orm';
import type { AttendMode } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { attendance } from '../attendance.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { isSecretariat, participantOf } from '../policy.ts';
import { participants } from '../tables.ts';

/**
 * Check-in (or out) by the participant, or by the clerk (the secretariat) for anyone; returns the
 * live quorum. Checking in twice changes nothing.
 */
export async function checkIn(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  input: { participantId?: string | undefined; mode: AttendMode; out?: boolean },
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    const me = participantOf(ctx.actor, l.participants);
    const target = input.participantId ? l.participants.find((p) => p.id === input.participantId) : me;
    if (!target) {
      if (input.participantId && isSecretariat(ctx.actor, l.meeting))
        throw new AppError('validation', {}, [
          { field: 'body.participantId', key: 'field.meeting_not_participant' },
        ]);
      throw new AppError('forbidden');
    }
    if (target.id !== me?.id && !isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    requireLive(l.meeting);
    if (l.meeting.state === 'draft') throw new AppError('invalid_state', { state: l.meeting.state });
    const present = target.checkedInAt !== null && target.checkedOutAt === null;
    if (present !== !input.out) {
      const now = new Date();
      const change = input.out
        ? { checkedOutAt: now }
        : { checkedInAt: now, checkedOutAt: null, attendMode: input.mode };
      await tx.update(participants).set(change).where(eq(participants.id, target.id));
      Object.assign(target, change);
      await appendLedger(tx, meetingId, {
        kind: input.out ? 'check_out' : 'check_in',
        participantId: target.id,
        data: { mode: input.mode, by: target.id === me?.id ? 'self' : 'clerk' },
      });
      await audit(tx, ctx, {
        action: input.out ? 'meeting.check_out' : 'meeting.check_in',
        targetType: 'meeting',
        targetId: meetingId,
        agencyId: l.meeting.agencyId,
        summary: { participantId: target.id, mode: input.mode },
      });
      await emitMeeting(tx, l, 'attendance', {
        participantId: target.id,
        present: !input.out,
        quorum: attendance(l.rules, l.participants),
      });
    }
    return attendance(l.rules, l.participants);
  });
}
