import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isChair } from '../policy.ts';
import { minutes } from '../tables.ts';

/** The chair signs the minutes off (the version read); from then on they are frozen. */
export async function signMinutes(db: Db, ctx: ActionContext, meetingId: string, version: number) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isChair(ctx.actor, l.participants)) throw new AppError('forbidden');
    const [row] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId)).for('update');
    if (!row) throw new AppError('not_found');
    if (row.state === 'signed') throw new AppError('meeting_minutes_signed');
    if (row.version !== version) throw new AppError('meeting_minutes_conflict', { version: row.version });
    const now = new Date();
    await tx
      .update(minutes)
      .set({ state: 'signed', signedAt: now, signedBy: ctx.actor!.userId })
      .where(eq(minutes.meetingId, meetingId));
    await appendLedger(tx, meetingId, { kind: 'minutes.signed', data: { version } });
    await audit(tx, ctx, {
      action: 'meeting.minutes_sign',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { version },
    });
    await emitMeeting(tx, l, 'minutes_signed', { version });
    return { state: 'signed' as const, signedAt: now.toISOString(), version };
  });
}
