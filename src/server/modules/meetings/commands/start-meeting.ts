import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { attendance } from '../attendance.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { meetings } from '../tables.ts';

/** The chair opens the meeting; an urgent meeting may open without invitations having gone out. */
export async function startMeeting(db: Db, ctx: ActionContext, meetingId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    const ok = l.meeting.state === 'invited' || (l.meeting.state === 'draft' && l.meeting.urgent);
    if (!ok) throw new AppError('invalid_state', { state: l.meeting.state });
    const now = new Date();
    await tx.update(meetings).set({ state: 'in_session', startedAt: now }).where(eq(meetings.id, meetingId));
    const quorum = attendance(l.rules, l.participants);
    await appendLedger(tx, meetingId, {
      kind: 'meeting.started',
      data: {
        plannedStart: l.meeting.startsAt.toISOString(),
        present: quorum.present,
        members: quorum.members,
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.start',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { present: quorum.present, quorate: quorum.quorate },
    });
    await emitMeeting(tx, l, 'started', { startedAt: now.toISOString(), quorum });
  });
}
