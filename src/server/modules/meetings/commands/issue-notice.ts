import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCalendar } from '../../services/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { isSecretariat, isChair } from '../policy.ts';
import { conclusions, meetings } from '../tables.ts';
import { conclusionLagDays } from '../working-days.ts';

/**
 * The chair approves and issues the conclusion notice (thông báo kết luận); its lag after the meeting
 * is recorded in working days against the kind's limit (5 under Decision 45/2018).
 */
export async function issueNotice(db: Db, ctx: ActionContext, meetingId: string, number?: string) {
  const calendar = await loadCalendar(db);
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isChair(ctx.actor, l.participants) && !isSecretariat(ctx.actor, l.meeting))
      throw new AppError('forbidden');
    if (l.meeting.state !== 'ended') throw new AppError('invalid_state', { state: l.meeting.state });
    if (l.meeting.noticeIssuedAt) throw new AppError('invalid_state', { reason: 'notice_issued' });
    const [{ n } = { n: 0 }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(conclusions)
      .where(eq(conclusions.meetingId, meetingId));
    if (n === 0) throw new AppError('invalid_state', { reason: 'no_conclusions' });
    const now = new Date();
    const lag = conclusionLagDays(calendar, l.meeting.endedAt!, now);
    const compliant = lag <= l.rules.conclusionWorkingDays;
    const noticeNumber = number ?? `${String(now.getUTCFullYear())}-${meetingId.slice(0, 6)}/TB`;
    await tx.update(meetings).set({ noticeNumber, noticeIssuedAt: now }).where(eq(meetings.id, meetingId));
    await appendLedger(tx, meetingId, {
      kind: 'notice.issued',
      data: { lagWorkingDays: lag, compliant, noticeNumber },
    });
    await audit(tx, ctx, {
      action: 'meeting.notice_issue',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { noticeNumber, lagWorkingDays: lag, compliant },
    });
    await emitMeeting(tx, l, 'notice_issued', { noticeNumber });
    return { noticeNumber, lagWorkingDays: lag, compliant };
  });
}
