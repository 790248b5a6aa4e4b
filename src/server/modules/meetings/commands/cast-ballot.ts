import { and, eq } from 'drizzle-orm';
import type { BallotChoice } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { appendLedger } from '../ledger.ts';
import { MANAGE } from '../policy.ts';
import { ballots, meetings, pollElectors, polls, secretBallots } from '../tables.ts';

/**
 * One ballot per elector and vote, enforced by the database: the ballot is written only by the
 * statement that flips the elector's `voted` from false to true, so of two concurrent submissions
 * exactly one flips it. The vote row is held FOR SHARE, so closing (FOR UPDATE) waits for ballots in
 * flight and counts them. A secret ballot is stored without voter or time (ADR 17).
 */
export async function castBallot(db: Db, ctx: ActionContext, pollId: string, choice: BallotChoice) {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ poll: polls, agencyPath: meetings.agencyPath, agencyId: meetings.agencyId })
      .from(polls)
      .innerJoin(meetings, eq(meetings.id, polls.meetingId))
      .where(eq(polls.id, pollId))
      .for('share', { of: polls });
    if (!row) throw new AppError('not_found');
    const { poll } = row;
    if (poll.state !== 'open') throw new AppError('meeting_vote_closed');
    const flipped = await tx
      .update(pollElectors)
      .set({ voted: true })
      .where(
        and(
          eq(pollElectors.pollId, pollId),
          eq(pollElectors.userId, actor.userId),
          eq(pollElectors.voted, false),
        ),
      )
      .returning({ participantId: pollElectors.participantId });
    if (flipped.length === 0) {
      const [elector] = await tx
        .select({ voted: pollElectors.voted })
        .from(pollElectors)
        .where(and(eq(pollElectors.pollId, pollId), eq(pollElectors.userId, actor.userId)));
      throw new AppError(elector ? 'meeting_already_voted' : 'meeting_not_elector');
    }
    const participantId = flipped[0]!.participantId;
    if (poll.secret) await tx.insert(secretBallots).values({ pollId, choice });
    else await tx.insert(ballots).values({ pollId, participantId, choice });
    await appendLedger(tx, poll.meetingId, {
      kind: 'ballot.cast',
      itemId: poll.itemId,
      participantId: poll.secret ? null : participantId,
      data: { pollId },
    });
    await audit(tx, ctx, {
      action: 'meeting.ballot_cast',
      targetType: 'meeting_poll',
      targetId: pollId,
      agencyId: row.agencyId,
      summary: poll.secret ? { secret: true } : { choice },
    });
    // Only the voter and the secretariat hear of each ballot; everyone hears the tally at close.
    await emit(tx, {
      type: 'meeting.ballot_cast',
      aggregateType: 'meeting',
      aggregateId: poll.meetingId,
      payload: { meetingId: poll.meetingId, pollId },
      audience: { userIds: [actor.userId], agencyPaths: [row.agencyPath], permission: MANAGE },
    });
    return { pollId };
  });
}
