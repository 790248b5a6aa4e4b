import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { meetings } from '../tables.ts';

/** A break: the ledger's pauses are deducted from the net duration and from the content's timer. */
export async function pauseMeeting(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  action: 'pause' | 'resume',
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    const from = action === 'pause' ? 'in_session' : 'paused';
    if (l.meeting.state !== from) throw new AppError('invalid_state', { state: l.meeting.state });
    const state = action === 'pause' ? 'paused' : 'in_session';
    await tx.update(meetings).set({ state }).where(eq(meetings.id, meetingId));
    await appendLedger(tx, meetingId, { kind: action === 'pause' ? 'meeting.paused' : 'meeting.resumed' });
    await audit(tx, ctx, {
      action: `meeting.${action}`,
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
    });
    await emitMeeting(tx, l, action === 'pause' ? 'paused' : 'resumed', { at: new Date().toISOString() });
  });
}
