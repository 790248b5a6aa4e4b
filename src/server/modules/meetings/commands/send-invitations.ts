import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCalendar } from '../../services/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { invitations, meetings } from '../tables.ts';
import { invitationLeadDays } from '../working-days.ts';

/**
 * The secretariat invites every participant (in the app; e-mail and SMS later through the message
 * adapters). The lead time in working days is recorded with the first invitation; fewer than the
 * kind's minimum (3 under Decision 45/2018) is flagged unless the meeting is marked urgent. Sending
 * again after a change is an update.
 */
export async function sendInvitations(db: Db, ctx: ActionContext, meetingId: string) {
  const calendar = await loadCalendar(db);
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    if (!['draft', 'invited'].includes(l.meeting.state))
      throw new AppError('invalid_state', { state: l.meeting.state });
    const now = new Date();
    const first = l.meeting.invitedAt === null;
    const lead = first ? invitationLeadDays(calendar, now, l.meeting.startsAt) : l.meeting.leadWorkingDays!;
    const tooShort = lead < l.rules.leadWorkingDays;
    const kind = first ? ('invite' as const) : ('update' as const);
    const invited = l.participants.filter((p) => p.userId !== null && p.role !== 'secretary');
    if (invited.length)
      await tx.insert(invitations).values(
        invited.map((p) => ({
          meetingId,
          participantId: p.id,
          channel: 'app' as const,
          kind,
          sentAt: now,
        })),
      );
    if (first)
      await tx
        .update(meetings)
        .set({ state: 'invited', invitedAt: now, leadWorkingDays: lead, leadTooShort: tooShort })
        .where(eq(meetings.id, meetingId));
    await appendLedger(tx, meetingId, {
      kind: 'meeting.invited',
      data: { kind, recipients: invited.length, leadWorkingDays: lead, tooShort, urgent: l.meeting.urgent },
    });
    await audit(tx, ctx, {
      action: first ? 'meeting.invite' : 'meeting.invite_update',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { recipients: invited.length, leadWorkingDays: lead, tooShort, urgent: l.meeting.urgent },
    });
    await emitMeeting(tx, l, 'invited', { kind, startsAt: l.meeting.startsAt.toISOString() });
    return { recipients: invited.length, leadWorkingDays: lead, tooShort, urgent: l.meeting.urgent };
  });
}
