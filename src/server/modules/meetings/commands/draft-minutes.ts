import { asc, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getAgency } from '../../identity/index.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { draftMinutes } from '../minutes.ts';
import { isSecretariat } from '../policy.ts';
import { conclusions, items, minutes, polls, speeches, tasks } from '../tables.ts';

/**
 * The secretariat drafts the minutes of an ended meeting from its record. Drafting again replaces the
 * draft (and its edits) only when asked (`redraft`); signed minutes are frozen.
 */
export async function draftMeetingMinutes(db: Db, ctx: ActionContext, meetingId: string, redraft: boolean) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    if (l.meeting.state !== 'ended') throw new AppError('invalid_state', { state: l.meeting.state });
    const [existing] = await tx.select().from(minutes).where(eq(minutes.meetingId, meetingId));
    if (existing?.state === 'signed') throw new AppError('meeting_minutes_signed');
    if (existing && !redraft) throw new AppError('invalid_state', { state: 'drafted' });
    const [agenda, said, votes, concl, taskRows, agency] = await Promise.all([
      tx.select().from(items).where(eq(items.meetingId, meetingId)).orderBy(asc(items.position)),
      tx.select().from(speeches).where(eq(speeches.meetingId, meetingId)).orderBy(asc(speeches.begunAt)),
      tx.select().from(polls).where(eq(polls.meetingId, meetingId)).orderBy(asc(polls.openedAt)),
      tx.select().from(conclusions).where(eq(conclusions.meetingId, meetingId)),
      tx.select().from(tasks).where(eq(tasks.meetingId, meetingId)).orderBy(asc(tasks.dueAt)),
      getAgency(tx, l.meeting.agencyId),
    ]);
    const body = draftMinutes('vi', {
      meeting: l.meeting,
      agencyName: agency?.name ?? '',
      people: l.participants,
      items: agenda,
      speeches: said,
      polls: votes,
      conclusions: concl,
      tasks: taskRows,
    });
    const now = new Date();
    const by = ctx.actor!.userId;
    const [row] = existing
      ? await tx
          .update(minutes)
          .set({
            body,
            version: existing.version + 1,
            draftedAt: now,
            draftedBy: by,
            updatedAt: now,
            updatedBy: by,
          })
          .where(eq(minutes.meetingId, meetingId))
          .returning()
      : await tx.insert(minutes).values({ meetingId, body, draftedBy: by, updatedBy: by }).returning();
    await appendLedger(tx, meetingId, { kind: 'minutes.drafted', data: { version: row!.version } });
    await audit(tx, ctx, {
      action: 'meeting.minutes_draft',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { version: row!.version, redraft },
    });
    await emitMeeting(tx, l, 'minutes_drafted', { version: row!.version });
    return { body: row!.body, version: row!.version, state: row!.state };
  });
}
