import { and, eq, lt, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { isWorkingDay, localDayOf, startOfLocalDay } from '../../../platform/calendar/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { type Language, t } from '../../../platform/i18n/index.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import { formatDate } from '../../../platform/pdf/index.ts';
import { activeOfficials, getUser } from '../../identity/index.ts';
import { loadCalendar } from '../../services/index.ts';
import { meetingLink } from '../invitations.ts';
import { appendLedger } from '../ledger.ts';
import { ledger, meetings, tasks } from '../tables.ts';

/** Who answers for a task at its agency: the agency's leaders. */
const LEADER_ROLES = new Set(['agency_leader', 'city_leader']);

/**
 * The task reminders job (hourly on the platform's queue): on working days, every open task due by the
 * end of the next working day or already overdue is reminded once a day to the leaders of the
 * responsible agency (e-mail, and the app through an event to the agency). The ledger row of the
 * reminder names the local day, so a second run the same day sends nothing.
 */
export async function remindTasks(db: Db, settings: { publicUrl: string }, now = new Date()) {
  const calendar = await loadCalendar(db);
  const today = localDayOf(calendar, now);
  if (!isWorkingDay(calendar, today)) return 0;
  let horizon = today + 1;
  while (!isWorkingDay(calendar, horizon) && horizon < today + 15) horizon++;
  const until = startOfLocalDay(calendar, horizon + 1);
  const due = await db
    .select({ task: tasks, meetingTitle: meetings.title })
    .from(tasks)
    .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
    .where(and(eq(tasks.state, 'open'), lt(tasks.dueAt, until)));
  if (due.length === 0) return 0;
  const officials = await activeOfficials(db);
  let sent = 0;
  for (const { task, meetingTitle } of due) {
    sent += await db.transaction(async (tx) => {
      const [done] = await tx
        .select({ id: ledger.id })
        .from(ledger)
        .where(
          and(
            eq(ledger.meetingId, task.meetingId),
            eq(ledger.kind, 'task.reminded'),
            sql`${ledger.data}->>'taskId' = ${task.id} and (${ledger.data}->>'day')::int = ${today}`,
          ),
        );
      if (done) return 0;
      const overdue = task.dueAt <= now;
      const leaders = [
        ...new Set(
          officials
            .filter((o) => o.agency_id === task.responsibleAgencyId && LEADER_ROLES.has(o.role_code))
            .map((o) => o.id),
        ),
      ];
      let emails = 0;
      for (const id of leaders) {
        const user = await getUser(tx, id);
        if (!user?.email) continue;
        const lang: Language = user.locale === 'en' ? 'en' : 'vi';
        const params = {
          name: user.fullName,
          title: task.title,
          meeting: meetingTitle,
          due: formatDate(task.dueAt),
          url: meetingLink(task.meetingId, settings.publicUrl),
        };
        await queueMessage(tx, {
          channel: 'email',
          recipient: user.email,
          subject: t(lang, `meetings:task_${overdue ? 'overdue' : 'due'}.subject`, params),
          body: t(lang, `meetings:task_${overdue ? 'overdue' : 'due'}.body`, params),
          template: overdue ? 'meeting_task_overdue' : 'meeting_task_due',
          meta: { meetingId: task.meetingId, taskId: task.id },
        });
        emails++;
      }
      await appendLedger(tx, task.meetingId, {
        kind: 'task.reminded',
        data: { taskId: task.id, day: today, overdue, emails },
      });
      await audit(tx, systemContext('meetings.task_reminders'), {
        action: 'meeting.task_remind',
        targetType: 'meeting_task',
        targetId: task.id,
        agencyId: task.responsibleAgencyId,
        summary: { overdue, emails },
      });
      await emit(tx, {
        type: 'meeting.task_reminder',
        aggregateType: 'meeting',
        aggregateId: task.meetingId,
        payload: { meetingId: task.meetingId, taskId: task.id, overdue, dueAt: task.dueAt.toISOString() },
        audience: { agencyPaths: [task.responsibleAgencyPath] },
      });
      return 1;
    });
  }
  return sent;
}
