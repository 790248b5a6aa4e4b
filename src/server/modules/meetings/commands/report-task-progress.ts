import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { appendLedger } from '../ledger.ts';
import { MANAGE, mayCompleteTask } from '../policy.ts';
import { meetings, taskReports, tasks } from '../tables.ts';

/** The responsible agency reports progress on an open task (percent and what was done). */
export async function reportTaskProgress(
  db: Db,
  ctx: ActionContext,
  taskId: string,
  input: { percent: number; note: string },
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ task: tasks, agencyPath: meetings.agencyPath })
      .from(tasks)
      .innerJoin(meetings, eq(meetings.id, tasks.meetingId))
      .where(eq(tasks.id, taskId))
      .for('update', { of: tasks });
    if (!row) throw new AppError('not_found');
    if (!mayCompleteTask(ctx.actor, row.task, row)) throw new AppError('forbidden');
    if (row.task.state !== 'open') throw new AppError('invalid_state', { state: row.task.state });
    const [report] = await tx
      .insert(taskReports)
      .values({
        taskId,
        byUserId: ctx.actor!.userId,
        byName: ctx.actor!.fullName,
        percent: input.percent,
        note: input.note,
      })
      .returning();
    await appendLedger(tx, row.task.meetingId, {
      kind: 'task.progress',
      data: { taskId, percent: input.percent },
    });
    await audit(tx, ctx, {
      action: 'meeting.task_progress',
      targetType: 'meeting_task',
      targetId: taskId,
      agencyId: row.task.responsibleAgencyId,
      summary: { percent: input.percent },
    });
    await emit(tx, {
      type: 'meeting.task_progress',
      aggregateType: 'meeting',
      aggregateId: row.task.meetingId,
      payload: { meetingId: row.task.meetingId, taskId, percent: input.percent },
      audience: { agencyPaths: [row.agencyPath, row.task.responsibleAgencyPath], permission: MANAGE },
    });
    return { id: report!.id, at: report!.at.toISOString() };
  });
}
