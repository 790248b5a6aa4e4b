import { and, eq, gt, gte, inArray, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { isWorkingDay, localDayOf, startOfLocalDay } from '../../../platform/calendar/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { loadCalendar } from '../../services/index.ts';
import { deliverInvitations, type InvitationSettings, invitees } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { invitations, meetingKinds, meetings, participants } from '../tables.ts';

/**
 * The reminders job (every 15 minutes on the platform's job queue): on each working day after the day
 * of the invitation, until the meeting starts, every invitee who has not replied is reminded once by
 * the app, e-mail and SMS. A reminder already sent today, or an invitation sent today (a substitute
 * named this morning), means none is sent. Each meeting is one transaction, its row locked (SKIP
 * LOCKED: a meeting being changed is reminded on the next run). Returns the reminders sent.
 */
export async function remindNonRepliers(db: Db, settings: InvitationSettings, now = new Date()) {
  const calendar = await loadCalendar(db);
  const today = localDayOf(calendar, now);
  if (!isWorkingDay(calendar, today)) return 0;
  const startOfToday = startOfLocalDay(calendar, today);
  const due = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(
      and(eq(meetings.state, 'invited'), gt(meetings.startsAt, now), lt(meetings.invitedAt, startOfToday)),
    );
  let reminded = 0;
  for (const { id } of due) {
    reminded += await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ meeting: meetings, rules: meetingKinds.rules, kindCode: meetingKinds.code })
        .from(meetings)
        .innerJoin(meetingKinds, eq(meetingKinds.id, meetings.kindId))
        .where(and(eq(meetings.id, id), eq(meetings.state, 'invited')))
        .for('update', { of: meetings, skipLocked: true });
      if (!row) return 0;
      const people = await tx.select().from(participants).where(eq(participants.meetingId, id));
      const pending = invitees(people).filter((p) => p.reply === 'pending');
      if (pending.length === 0) return 0;
      const toldToday = new Set(
        (
          await tx
            .select({ participantId: invitations.participantId })
            .from(invitations)
            .where(
              and(
                eq(invitations.meetingId, id),
                inArray(
                  invitations.participantId,
                  pending.map((p) => p.id),
                ),
                gte(invitations.sentAt, startOfToday),
              ),
            )
        ).map((r) => r.participantId),
      );
      const to = pending.filter((p) => !toldToday.has(p.id));
      if (to.length === 0) return 0;
      const l = { ...row, participants: people };
      const sent = await deliverInvitations(tx, l, to, 'reminder', settings, { now });
      await appendLedger(tx, id, {
        kind: 'invitation.reminded',
        data: { recipients: to.length, ...sent },
      });
      await audit(tx, systemContext('meetings.reminders'), {
        action: 'meeting.remind',
        targetType: 'meeting',
        targetId: id,
        agencyId: row.meeting.agencyId,
        summary: { recipients: to.length, participantIds: to.map((p) => p.id), ...sent },
      });
      return to.length;
    });
  }
  return reminded;
}
