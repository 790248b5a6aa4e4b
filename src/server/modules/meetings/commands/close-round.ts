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
import { countChoices, tally } from '../rules.ts';
import { items, roundAnswers, roundElectors, roundQuestions, rounds } from '../tables.ts';

/**
 * The chair closes a written round: each question is tallied once with the kind's rule frozen at
 * opening (the quorum counts the electors who answered; the majority is of the kind's base, for a
 * People's Committee more than half of all members). Contents with no objection and adopted are
 * proposed to the meeting as one consent block. Closing a closed round returns what it found.
 */
export async function closeRound(db: Db, ctx: ActionContext, meetingId: string, roundId: string) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId)).for('update');
    if (!round || round.meetingId !== meetingId) throw new AppError('not_found');
    const questions = await tx
      .select()
      .from(roundQuestions)
      .where(eq(roundQuestions.roundId, roundId))
      .orderBy(roundQuestions.position);
    if (round.state === 'closed')
      return {
        replayed: true,
        consentItemIds: round.consentItemIds,
        results: questions.map((q) => q.result!),
      };
    const electors = await tx.select().from(roundElectors).where(eq(roundElectors.roundId, roundId));
    const answered = electors.filter((e) => e.answeredAt).length;
    const counts = questions.length
      ? await tx
          .select({
            questionId: roundAnswers.questionId,
            choice: roundAnswers.choice,
            n: sql<number>`count(*)::int`,
          })
          .from(roundAnswers)
          .where(
            inArray(
              roundAnswers.questionId,
              questions.map((q) => q.id),
            ),
          )
          .groupBy(roundAnswers.questionId, roundAnswers.choice)
      : [];
    const results: PollResult[] = [];
    const consent: string[] = [];
    for (const q of questions) {
      const c = countChoices([]);
      for (const r of counts) if (r.questionId === q.id) c[r.choice as BallotChoice] = r.n;
      const result = tally(
        round.rules,
        { members: round.members, present: answered, electorate: electors.length },
        c,
      );
      results.push(result);
      await tx.update(roundQuestions).set({ result }).where(eq(roundQuestions.id, q.id));
      if (q.itemId && result.adopted && result.disagree === 0) consent.push(q.itemId);
    }
    // Only contents still on the agenda, not yet discussed, go into the block.
    const open = consent.length
      ? (
          await tx
            .select({ id: items.id })
            .from(items)
            .where(and(inArray(items.id, consent), eq(items.state, 'planned')))
        ).map((r) => r.id)
      : [];
    const consentItemIds = consent.filter((id) => open.includes(id));
    await tx
      .update(rounds)
      .set({ state: 'closed', closedAt: new Date(), consentItemIds })
      .where(eq(rounds.id, roundId));
    await appendLedger(tx, meetingId, {
      kind: 'round.closed',
      data: {
        roundId,
        answered,
        electorate: electors.length,
        consentItemIds,
        early: round.deadline > new Date(),
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.round_close',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { roundId, answered, electorate: electors.length, consentItems: consentItemIds.length },
    });
    await emitMeeting(tx, l, 'round_closed', { roundId, consentItemIds });
    return { replayed: false, consentItemIds, results };
  });
}
