import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { minutes } from '../tables.ts';

/** The secretariat edits the drafted minutes; `version` is the one it read (a stale edit is refused). */
export async function editMinutes(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  input: { body: string; version: number },
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    const [row] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for('update');
    if (!row) throw new AppError('not_found');
    if (row.state === 'signed') throw new AppError('meeting_minutes_signed');
    if (row.version !== input.version)
      throw new AppError('meeting_minutes_conflict', { version: row.version });
    const [next] = await tx
      .update(minutes)
      .set({
        body: input.body,
        version: row.version + 1,
        updatedAt: new Date(),
        updatedBy: ctx.actor!.userId,
      })
      .where(and(eq(minutes.meetingId, meetingId), eq(minutes.version, row.version)))
      .returning();
    await audit(tx, ctx, {
      action: 'meeting.minutes_edit',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { version: next!.version, length: input.body.length },
    });
    await emitMeeting(tx, l, 'minutes_edited', { version: next!.version });
    return { version: next!.version, state: next!.state };
  });
}
