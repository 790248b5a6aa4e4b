import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { deliverInvitations, type InvitationSettings, invitees } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { meetings } from '../tables.ts';

/**
 * The secretariat cancels a meeting that has not opened. Invitees are told by the app, SMS and an
 * e-mail whose iCalendar object (METHOD:CANCEL, the same UID, SEQUENCE raised) removes the entry from
 * their calendars. Cancelling twice is refused: the meeting is closed.
 */
export async function cancelMeeting(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  reason: string,
  settings: InvitationSettings,
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    if (l.meeting.state === 'cancelled' || l.meeting.state === 'ended')
      throw new AppError('meeting_closed', { state: l.meeting.state });
    if (!['draft', 'invited'].includes(l.meeting.state))
      throw new AppError('invalid_state', { state: l.meeting.state });
    const now = new Date();
    const invited = l.meeting.invitedAt !== null;
    const [updated] = await tx
      .update(meetings)
      .set({
        state: 'cancelled',
        cancelledAt: now,
        cancelReason: reason,
        icalSequence: invited ? l.meeting.icalSequence + 1 : l.meeting.icalSequence,
        version: l.meeting.version + 1,
      })
      .where(eq(meetings.id, meetingId))
      .returning();
    const next = { ...l, meeting: updated! };
    const sent = invited
      ? await deliverInvitations(tx, next, invitees(l.participants), 'cancel', settings, { now, reason })
      : { app: 0, email: 0, sms: 0 };
    await appendLedger(tx, meetingId, {
      kind: 'meeting.cancelled',
      data: { reason, sequence: updated!.icalSequence, ...sent },
    });
    await audit(tx, ctx, {
      action: 'meeting.cancel',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { reason, ...sent },
    });
    await emitMeeting(tx, next, 'cancelled', { reason });
    return { state: 'cancelled' as const, sequence: updated!.icalSequence, ...sent };
  });
}
