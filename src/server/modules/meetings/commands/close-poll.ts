import { and, eq, inArray, sql } from 'drizzle-orm';
import type { BallotChoice, PollResult } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { countChoices, type Counts, tally } from '../rules.ts';
import { ballots, items, polls, secretBallots } from '../tables.ts';

/**
 * The chair closes a vote: ballots are counted once, here (no shared counter updated per ballot),
 * the result is stored and announced. Secret ballots are deleted once counted. Closing a closed vote
 * returns the stored result and writes nothing. An adopted consent block closes its contents as approved.
 */
export async function closePoll(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  pollId: string,
): Promise<{ result: PollResult; replayed: boolean }> {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    const [poll] = await tx.select().from(polls).where(eq(polls.id, pollId)).for('update');
    if (!poll || poll.meetingId !== meetingId) throw new AppError('not_found');
    if (poll.state === 'closed') return { result: poll.result!, replayed: true };
    const source = poll.secret ? secretBallots : ballots;
    const rows = await tx
      .select({ choice: source.choice, n: sql<number>`count(*)::int` })
      .from(source)
      .where(eq(source.pollId, pollId))
      .groupBy(source.choice);
    const counts: Counts = countChoices([]);
    for (const r of rows) counts[r.choice as BallotChoice] = r.n;
    const result = tally(poll.rules, poll, counts);
    if (poll.secret) await tx.delete(secretBallots).where(eq(secretBallots.pollId, pollId));
    await tx.update(polls).set({ state: 'closed', closedAt: new Date(), result }).where(eq(polls.id, pollId));
    // An adopted consent block settles its contents: approved without discussion, settled beforehand.
    const settled =
      poll.consentItemIds.length && result.adopted
        ? await tx
            .update(items)
            .set({ state: 'closed', outcome: 'approved', settledBeforehand: true, closedAt: new Date() })
            .where(and(inArray(items.id, poll.consentItemIds), eq(items.state, 'planned')))
            .returning({ id: items.id })
        : [];
    for (const s of settled)
      await appendLedger(tx, meetingId, {
        kind: 'item.settled',
        itemId: s.id,
        data: { via: 'consent_block', pollId, outcome: 'approved' },
      });
    await appendLedger(tx, meetingId, {
      kind: 'poll.closed',
      itemId: poll.itemId,
      data: { pollId, ...result },
    });
    await audit(tx, ctx, {
      action: 'meeting.poll_close',
      targetType: 'meeting_poll',
      targetId: pollId,
      agencyId: l.meeting.agencyId,
      summary: { ...result },
    });
    await emitMeeting(tx, l, 'poll_closed', { pollId, question: poll.question, secret: poll.secret, result });
    return { result, replayed: false };
  });
}
