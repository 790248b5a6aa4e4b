import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCalendar } from '../../services/index.ts';
import { emitMeeting } from '../events.ts';
import { deliverInvitations, type InvitationSettings, invitees } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat, MANAGE } from '../policy.ts';
import { invitations, meetings } from '../tables.ts';
import { invitationLeadDays } from '../working-days.ts';

/**
 * The secretariat invites every participant by the app, by e-mail with the meeting's iCalendar
 * object (METHOD:REQUEST) and by SMS. The lead time in working days is recorded with the first
 * invitation; fewer than the kind's minimum (3 under Decision 45/2018) is flagged to the secretariat
 * and recorded, with whether the meeting was marked urgent. Sending again invites only those who were
 * never invited (changes go out as updates: `updateMeeting`).
 */
export async function sendInvitations(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  settings: InvitationSettings,
) {
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
    const already = new Set(
      (
        await tx
          .select({ participantId: invitations.participantId })
          .from(invitations)
          .where(eq(invitations.meetingId, meetingId))
      ).map((r) => r.participantId),
    );
    const to = invitees(l.participants).filter((p) => !already.has(p.id));
    const sent = await deliverInvitations(tx, l, to, 'invite', settings, { now });
    if (first)
      await tx
        .update(meetings)
        .set({ state: 'invited', invitedAt: now, leadWorkingDays: lead, leadTooShort: tooShort })
        .where(eq(meetings.id, meetingId));
    const summary = {
      recipients: to.length,
      ...sent,
      leadWorkingDays: lead,
      minimumWorkingDays: l.rules.leadWorkingDays,
      tooShort,
      urgent: l.meeting.urgent,
    };
    await appendLedger(tx, meetingId, { kind: 'meeting.invited', data: { kind: 'invite', ...summary } });
    await audit(tx, ctx, {
      action: first ? 'meeting.invite' : 'meeting.invite_more',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary,
    });
    await emitMeeting(tx, l, 'invited', { kind: 'invite', startsAt: l.meeting.startsAt.toISOString() });
    if (first && tooShort)
      // Flagged to the secretariat of the organising agency, whether or not the meeting is urgent.
      await emit(tx, {
        type: 'meeting.lead_too_short',
        aggregateType: 'meeting',
        aggregateId: meetingId,
        payload: {
          meetingId,
          leadWorkingDays: lead,
          minimum: l.rules.leadWorkingDays,
          urgent: l.meeting.urgent,
        },
        audience: { agencyPaths: [l.meeting.agencyPath], permission: MANAGE },
      });
    return summary;
  });
}
