import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { appendLedger } from '../ledger.ts';
import { mayCompleteTask, MANAGE } from '../policy.ts';
import { meetings, tasks } from '../tables.ts';

/** The responsible agency closes a task with its evidence; whether it was on time is recorded. */
export async function completeTask(db: Db, ctx: ActionContext, taskId: string, evidence: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ task: tasks, agencyPath: meetings.agencyPath, agencyId: meetings.agencyId })
      .from(tasks)
      .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
      .where(eq(tasks.id, taskId))
      .for('update', { of: tasks });
    if (!row) throw new AppError('not_found');
    if (!mayCompleteTask(ctx.actor, row.task, row)) throw new AppError('forbidden');
    if (row.task.state !== 'open') throw new AppError('invalid_state', { state: row.task.state });
    const now = new Date();
    const onTime = now.getTime() <= row.task.dueAt.getTime();
    await tx.update(tasks).set({ state: 'done', doneAt: now, evidence }).where(eq(tasks.id, taskId));
    await appendLedger(tx, row.task.meetingId, { kind: 'task.done', data: { taskId, onTime } });
    await audit(tx, ctx, {
      action: 'meeting.task_done',
      targetType: 'meeting_task',
      targetId: taskId,
      agencyId: row.task.responsibleAgencyId,
      summary: { onTime },
    });
    await emit(tx, {
      type: 'meeting.task_done',
      aggregateType: 'meeting',
      aggregateId: row.task.meetingId,
      payload: { meetingId: row.task.meetingId, taskId, onTime },
      audience: { agencyPaths: [row.agencyPath, row.task.responsibleAgencyPath], permission: MANAGE },
    });
    return { onTime };
  });
}
