import { eq } from 'drizzle-orm';
import type { ReplyBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/i18n/index.ts';
import { getUser } from '../../identity/index.ts';
import { emitMeeting } from '../events.ts';
import { deliverInvitations, type InvitationSettings } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { participantOf } from '../policy.ts';
import { bridgePoints, participants } from '../tables.ts';

/**
 * A participant answers the invitation: attend (in person, online or at one of the meeting's bridge
 * points), absent with a reason, or a named substitute (dự thay), who is invited at once by the app,
 * e-mail with the calendar entry and SMS. A later answer replaces the earlier one.
 */
export async function replyInvitation(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  input: ReplyBody,
  settings: InvitationSettings,
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    const me = participantOf(ctx.actor, l.participants);
    if (!me || me.role === 'secretary') throw new AppError('forbidden');
    requireLive(l.meeting);
    if (l.meeting.state === 'draft') throw new AppError('invalid_state', { state: l.meeting.state });
    const now = new Date();
    let substituteId: string | null = null;
    // A substitute named earlier and still standing in: naming another is refused; any other answer
    // releases them (told by a cancellation of their calendar entry), unless they already checked in.
    const standing = l.participants.filter((p) => p.substituteFor === me.id && p.reply === 'attend');
    if (standing.length && input.reply === 'substitute')
      throw new AppError('validation', {}, [
        { field: 'body.substituteUserId', key: 'field.meeting_substitute_named' },
      ]);
    if (standing.some((p) => p.checkedInAt !== null))
      throw new AppError('invalid_state', { reason: 'substitute_checked_in' });
    let released = 0;
    if (standing.length) {
      for (const p of standing) {
        await tx
          .update(participants)
          .set({ reply: 'absent', reason: t(ctx.lang, 'meetings:substitute_released'), repliedAt: now })
          .where(eq(participants.id, p.id));
        p.reply = 'absent';
      }
      if (l.meeting.invitedAt)
        await deliverInvitations(tx, l, standing, 'cancel', settings, {
          now,
          reason: t(ctx.lang, 'meetings:substitute_released'),
        });
      released = standing.length;
    }
    if (input.reply === 'attend') {
      if (input.mode === 'bridge') {
        const [bp] = input.bridgePointId
          ? await tx.select().from(bridgePoints).where(eq(bridgePoints.id, input.bridgePointId))
          : [];
        if (!bp || bp.meetingId !== meetingId)
          throw new AppError('validation', {}, [{ field: 'body.bridgePointId', key: 'field.not_found' }]);
      }
      await tx
        .update(participants)
        .set({
          reply: 'attend',
          attendMode: input.mode,
          bridgePointId: input.mode === 'bridge' ? input.bridgePointId! : null,
          reason: null,
          repliedAt: now,
        })
        .where(eq(participants.id, me.id));
    } else if (input.reply === 'absent') {
      await tx
        .update(participants)
        .set({ reply: 'absent', attendMode: null, bridgePointId: null, reason: input.reason, repliedAt: now })
        .where(eq(participants.id, me.id));
    } else {
      if (me.role !== 'member' && me.role !== 'chair') throw new AppError('forbidden');
      const user = await getUser(tx, input.substituteUserId);
      const taken = l.participants.some((p) => p.userId === input.substituteUserId);
      if (user?.kind !== 'official' || taken)
        throw new AppError('validation', {}, [
          { field: 'body.substituteUserId', key: taken ? 'field.taken' : 'field.not_found' },
        ]);
      await tx
        .update(participants)
        .set({ reply: 'substitute', attendMode: null, reason: input.reason, repliedAt: now })
        .where(eq(participants.id, me.id));
      const [sub] = await tx
        .insert(participants)
        .values({
          meetingId,
          userId: user.id,
          name: user.fullName,
          title: user.title,
          role: 'substitute',
          substituteFor: me.id,
          reply: 'attend',
          attendMode: 'in_person',
          repliedAt: now,
        })
        .returning();
      substituteId = sub!.id;
      l.participants.push(sub!);
      if (l.meeting.invitedAt) await deliverInvitations(tx, l, [sub!], 'invite', settings, { now });
    }
    await appendLedger(tx, meetingId, {
      kind: 'reply',
      participantId: me.id,
      data: { reply: input.reply, mode: input.reply === 'attend' ? input.mode : null },
    });
    await audit(tx, ctx, {
      action: 'meeting.reply',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { reply: input.reply, substituteId, releasedSubstitutes: released },
    });
    await emitMeeting(tx, l, 'reply', { participantId: me.id, reply: input.reply });
    return { reply: input.reply, substituteId };
  });
}
