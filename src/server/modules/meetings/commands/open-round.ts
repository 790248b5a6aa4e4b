import { and, eq, inArray } from 'drizzle-orm';
import type { OpenRoundBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { isMemberRole } from '../rules.ts';
import { items, roundElectors, roundQuestions, rounds } from '../tables.ts';

/**
 * The chair (or the secretariat for the chair) opens a written opinion round (phiếu lấy ý kiến) on
 * contents of a meeting not yet held: a question per content, its options and a deadline. The
 * electorate is snapshotted now: the participants whose role the kind lets vote (ADR 17's rule for
 * polls), with the number of members the kind's majority counts.
 */
export async function openRound(db: Db, ctx: ActionContext, meetingId: string, input: OpenRoundBody) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
    requireLive(l.meeting);
    const itemIds = input.questions.flatMap((q) => (q.itemId ? [q.itemId] : []));
    const found = itemIds.length
      ? await tx
          .select({ id: items.id, state: items.state })
          .from(items)
          .where(and(eq(items.meetingId, meetingId), inArray(items.id, itemIds)))
      : [];
    for (const [i, q] of input.questions.entries()) {
      if (!q.itemId) continue;
      const item = found.find((f) => f.id === q.itemId);
      const once = itemIds.indexOf(q.itemId) === itemIds.lastIndexOf(q.itemId);
      if (item?.state !== 'planned' || !once)
        throw new AppError('validation', {}, [
          { field: `body.questions.${i}.itemId`, key: item ? 'field.invalid' : 'field.not_found' },
        ]);
    }
    const voters = new Set<string>(l.rules.voters);
    const electors = l.participants.filter((p) => p.userId && voters.has(p.role) && p.role !== 'substitute');
    const members = l.participants.filter((p) => isMemberRole(p.role)).length;
    const [round] = await tx
      .insert(rounds)
      .values({
        meetingId,
        title: input.title,
        deadline: new Date(input.deadline),
        rules: l.rules,
        members,
        openedBy: ctx.actor!.userId,
      })
      .returning();
    await tx.insert(roundQuestions).values(
      input.questions.map((q, i) => ({
        roundId: round!.id,
        position: i + 1,
        itemId: q.itemId ?? null,
        question: q.question,
        options: q.options,
      })),
    );
    if (electors.length)
      await tx
        .insert(roundElectors)
        .values(electors.map((p) => ({ roundId: round!.id, participantId: p.id })));
    await appendLedger(tx, meetingId, {
      kind: 'round.opened',
      data: {
        roundId: round!.id,
        questions: input.questions.length,
        items: itemIds,
        electorate: electors.length,
        deadline: input.deadline,
      },
    });
    await audit(tx, ctx, {
      action: 'meeting.round_open',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { roundId: round!.id, questions: input.questions.length, electorate: electors.length },
    });
    await emitMeeting(tx, l, 'round_opened', { roundId: round!.id, deadline: input.deadline });
    return { id: round!.id, electorate: electors.length };
  });
}
