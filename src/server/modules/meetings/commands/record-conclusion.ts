import { and, eq } from 'drizzle-orm';
import type { ConclusionBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { getAgency } from '../../identity/index.ts';
import { loadCalendar } from '../../services/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger, type LedgerEntry } from '../ledger.ts';
import { isUniqueViolation, lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { conclusions, items, tasks } from '../tables.ts';
import { taskDeadline } from '../working-days.ts';

/**
 * The chair's conclusion on a discussed content, with the tasks it sets: each to a responsible
 * agency with a deadline in working days (closing on the n-th working day after today).
 */
export async function recordConclusion(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  itemId: string,
  input: ConclusionBody,
) {
  const calendar = await loadCalendar(db);
  try {
    return await db.transaction(async (tx) => {
      const l = await lockMeeting(tx, meetingId, ctx.actor);
      if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
      if (!['in_session', 'paused', 'ended'].includes(l.meeting.state))
        throw new AppError('meeting_not_in_session', { state: l.meeting.state });
      const [item] = await tx
        .select()
        .from(items)
        .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
      if (!item) throw new AppError('not_found');
      if (item.state !== 'closed' && item.state !== 'deferred')
        throw new AppError('invalid_state', { state: item.state });
      const now = new Date();
      const agencies: NonNullable<Awaited<ReturnType<typeof getAgency>>>[] = [];
      for (const [i, t] of input.tasks.entries()) {
        const agency = await getAgency(tx, t.responsibleAgencyId);
        if (!agency)
          throw new AppError('validation', {}, [
            { field: `body.tasks.${i}.responsibleAgencyId`, key: 'field.not_found' },
          ]);
        agencies.push(agency);
      }
      const [conclusion] = await tx
        .insert(conclusions)
        .values({
          meetingId,
          itemId,
          outcome: input.outcome,
          text: input.text,
          decidedBy: ctx.actor?.userId ?? null,
        })
        .returning();
      await tx.update(items).set({ outcome: input.outcome }).where(eq(items.id, itemId));
      const created = input.tasks.length
        ? await tx
            .insert(tasks)
            .values(
              input.tasks.map((t, i) => ({
                meetingId,
                conclusionId: conclusion!.id,
                title: t.title,
                responsibleAgencyId: agencies[i]!.id,
                responsibleAgencyPath: agencies[i]!.path,
                responsibleName: agencies[i]!.name,
                workingDays: t.workingDays,
                dueAt: taskDeadline(calendar, now, t.workingDays),
              })),
            )
            .returning()
        : [];
      const entries: LedgerEntry[] = [
        { kind: 'conclusion.recorded', itemId, data: { outcome: input.outcome, tasks: created.length } },
        ...created.map((t) => ({
          kind: 'task.created' as const,
          itemId,
          data: { taskId: t.id, dueAt: t.dueAt.toISOString(), workingDays: t.workingDays },
        })),
      ];
      await appendLedger(tx, meetingId, ...entries);
      await audit(tx, ctx, {
        action: 'meeting.conclusion',
        targetType: 'meeting',
        targetId: meetingId,
        agencyId: l.meeting.agencyId,
        summary: { itemId, outcome: input.outcome, tasks: created.map((t) => t.id) },
      });
      await emitMeeting(tx, l, 'conclusion', { itemId, outcome: input.outcome });
      for (const t of created)
        await emit(tx, {
          type: 'meeting.task_assigned',
          aggregateType: 'meeting',
          aggregateId: meetingId,
          payload: { meetingId, taskId: t.id, dueAt: t.dueAt.toISOString() },
          audience: { agencyPaths: [t.responsibleAgencyPath] },
        });
      return { id: conclusion!.id, tasks: created.map((t) => ({ id: t.id, dueAt: t.dueAt.toISOString() })) };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('invalid_state', { reason: 'already_concluded' });
    throw err;
  }
}
