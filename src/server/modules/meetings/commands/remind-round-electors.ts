import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { isWorkingDay, localDayOf } from '../../../platform/calendar/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { type Language, t } from '../../../platform/i18n/index.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import { formatDate, formatTime } from '../../../platform/pdf/index.ts';
import { getUser } from '../../identity/index.ts';
import { loadCalendar } from '../../services/index.ts';
import { meetingLink } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { meetings, participants, roundElectors, rounds } from '../tables.ts';

/**
 * The written-round reminders job (hourly on the platform's queue): on working days, each elector of an
 * open round who has not answered is reminded once a day until the deadline — by e-mail and in the app.
 * The elector row keeps the local day of its last reminder, so a second run the same day sends nothing.
 * Each round is one transaction, its row locked (SKIP LOCKED). Returns the reminders sent.
 */
export async function remindRoundElectors(db: Db, settings: { publicUrl: string }, now = new Date()) {
  const calendar = await loadCalendar(db);
  const today = localDayOf(calendar, now);
  if (!isWorkingDay(calendar, today)) return 0;
  const open = await db
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.state, 'open'), gt(rounds.deadline, now)));
  let sent = 0;
  for (const { id } of open) {
    sent += await db.transaction(async (tx) => {
      const [row] = await tx
        .select({ round: rounds, meeting: meetings })
        .from(rounds)
        .innerJoin(meetings, eq(meetings.id, rounds.meetingId))
        .where(and(eq(rounds.id, id), eq(rounds.state, 'open')))
        .for('update', { of: rounds, skipLocked: true });
      if (!row) return 0;
      const due = await tx
        .select({ participantId: roundElectors.participantId, userId: participants.userId })
        .from(roundElectors)
        .innerJoin(participants, eq(participants.id, roundElectors.participantId))
        .where(
          and(
            eq(roundElectors.roundId, id),
            isNull(roundElectors.answeredAt),
            or(isNull(roundElectors.remindedDay), sql`${roundElectors.remindedDay} < ${today}`),
          ),
        );
      if (due.length === 0) return 0;
      let emails = 0;
      for (const d of due) {
        const user = d.userId ? await getUser(tx, d.userId) : undefined;
        if (!user?.email) continue;
        const lang: Language = user.locale === 'en' ? 'en' : 'vi';
        const params = {
          name: user.fullName,
          round: row.round.title,
          meeting: row.meeting.title,
          deadline: `${formatTime(row.round.deadline)} ${formatDate(row.round.deadline)}`,
          url: meetingLink(row.meeting.id, settings.publicUrl),
        };
        await queueMessage(tx, {
          channel: 'email',
          recipient: user.email,
          subject: t(lang, 'meetings:round_reminder.subject', params),
          body: t(lang, 'meetings:round_reminder.body', params),
          template: 'meeting_round_reminder',
          meta: { meetingId: row.meeting.id, roundId: id },
        });
        emails++;
      }
      await tx
        .update(roundElectors)
        .set({ remindedDay: today })
        .where(and(eq(roundElectors.roundId, id), isNull(roundElectors.answeredAt)));
      await appendLedger(tx, row.meeting.id, {
        kind: 'round.reminded',
        data: { roundId: id, day: today, recipients: due.length, emails },
      });
      await audit(tx, systemContext('meetings.round_reminders'), {
        action: 'meeting.round_remind',
        targetType: 'meeting',
        targetId: row.meeting.id,
        agencyId: row.meeting.agencyId,
        summary: { roundId: id, recipients: due.length, emails },
      });
      await emit(tx, {
        type: 'meeting.round_reminder',
        aggregateType: 'meeting',
        aggregateId: row.meeting.id,
        payload: { meetingId: row.meeting.id, roundId: id, deadline: row.round.deadline.toISOString() },
        audience: { userIds: due.flatMap((d) => (d.userId ? [d.userId] : [])) },
      });
      return due.length;
    });
  }
  return sent;
}
