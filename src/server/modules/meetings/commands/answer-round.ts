import { and, eq, isNull, sql } from 'drizzle-orm';
import type { RoundAnswerBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitTo } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { isUniqueViolation, lockMeeting } from '../load.ts';
import { participantOf } from '../policy.ts';
import { roundAnswers, roundElectors, roundQuestions, rounds } from '../tables.ts';

/**
 * An elector answers a written round: every question at once, each with one of its options, before the
 * deadline; once only (the elector row is claimed, and one answer per question is a unique index). The
 * answers stay hidden until the round closes: only the number who answered is announced.
 */
export async function answerRound(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  roundId: string,
  input: RoundAnswerBody,
) {
  try {
    return await db.transaction(async (tx) => {
      const l = await lockMeeting(tx, meetingId, ctx.actor, 'share');
      const [round] = await tx.select().from(rounds).where(eq(rounds.id, roundId));
      if (!round || round.meetingId !== meetingId) throw new AppError('not_found');
      const me = participantOf(ctx.actor, l.participants);
      if (!me) throw new AppError('meeting_not_elector');
      const [elector] = await tx
        .select()
        .from(roundElectors)
        .where(and(eq(roundElectors.roundId, roundId), eq(roundElectors.participantId, me.id)));
      if (!elector) throw new AppError('meeting_not_elector');
      if (round.state !== 'open' || round.deadline <= new Date()) throw new AppError('meeting_round_closed');
      if (elector.answeredAt) throw new AppError('meeting_round_answered');
      const questions = await tx.select().from(roundQuestions).where(eq(roundQuestions.roundId, roundId));
      const byId = new Map(input.answers.map((a) => [a.questionId, a]));
      if (
        byId.size !== input.answers.length ||
        questions.length !== input.answers.length ||
        questions.some((q) => !byId.has(q.id) || !q.options.includes(byId.get(q.id)!.choice))
      )
        throw new AppError('meeting_round_incomplete');
      // Claim the elector's one answer: a second, concurrent submission finds it taken.
      const claimed = await tx
        .update(roundElectors)
        .set({ answeredAt: new Date() })
        .where(
          and(
            eq(roundElectors.roundId, roundId),
            eq(roundElectors.participantId, me.id),
            isNull(roundElectors.answeredAt),
          ),
        )
        .returning({ id: roundElectors.participantId });
      if (!claimed.length) throw new AppError('meeting_round_answered');
      await tx.insert(roundAnswers).values(
        input.answers.map((a) => ({
          questionId: a.questionId,
          participantId: me.id,
          choice: a.choice,
          comment: a.comment ?? null,
        })),
      );
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(roundElectors)
        .where(and(eq(roundElectors.roundId, roundId), sql`${roundElectors.answeredAt} is not null`));
      await appendLedger(tx, meetingId, {
        kind: 'round.answered',
        participantId: me.id,
        data: { roundId },
      });
      await audit(tx, ctx, {
        action: 'meeting.round_answer',
        targetType: 'meeting',
        targetId: meetingId,
        agencyId: l.meeting.agencyId,
        summary: { roundId, questions: questions.length },
      });
      await emitTo(tx, l, 'drafts', 'round_answered', { roundId, answered: n });
      return { ok: true as const, answered: n };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('meeting_round_answered');
    throw err;
  }
}
