import { and, eq, inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { attendance, isPresent } from '../attendance.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { isUniqueViolation, lockMeeting, requireInSession } from '../load.ts';
import { mayRunSession } from '../policy.ts';
import { items, pollElectors, polls, rounds } from '../tables.ts';

/**
 * The chair opens a vote. The electorate is snapshotted now: the participants present (in the hall or
 * remotely) whose role the kind lets vote. Members and presence are frozen with the kind's rules.
 * With `consentFrom` (a closed written round), the vote adopts the round's consent block as a whole.
 */
export async function openPoll(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  input: { itemId?: string | undefined; question: string; secret: boolean; consentFrom?: string },
) {
  try {
    return await db.transaction(async (tx) => {
      const l = await lockMeeting(tx, meetingId, ctx.actor);
      if (!mayRunSession(ctx.actor, l.meeting, l.participants)) throw new AppError('forbidden');
      requireInSession(l.meeting);
      if (input.itemId) {
        const [item] = await tx
          .select({ id: items.id })
          .from(items)
          .where(and(eq(items.id, input.itemId), eq(items.meetingId, meetingId)));
        if (!item) throw new AppError('validation', {}, [{ field: 'body.itemId', key: 'field.not_found' }]);
      }
      // A consent block: the contents a closed written round found without objection, one named vote.
      let consentItemIds: string[] = [];
      if (input.consentFrom) {
        const [round] = await tx.select().from(rounds).where(eq(rounds.id, input.consentFrom));
        if (!round || round.meetingId !== meetingId) throw new AppError('not_found');
        consentItemIds = round.consentItemIds.length
          ? (
              await tx
                .select({ id: items.id })
                .from(items)
                .where(and(inArray(items.id, round.consentItemIds), eq(items.state, 'planned')))
            ).map((r) => r.id)
          : [];
        if (round.state !== 'closed' || consentItemIds.length === 0)
          throw new AppError('meeting_no_consent_block');
      }
      const voters = new Set<string>(l.rules.voters);
      const electors = l.participants.filter((p) => p.userId && isPresent(p) && voters.has(p.role));
      const quorum = attendance(l.rules, l.participants);
      const [poll] = await tx
        .insert(polls)
        .values({
          meetingId,
          itemId: input.itemId ?? null,
          question: input.question,
          secret: input.secret,
          rules: l.rules,
          members: quorum.members,
          present: quorum.present,
          electorate: electors.length,
          consentItemIds,
        })
        .returning();
      if (electors.length)
        await tx
          .insert(pollElectors)
          .values(electors.map((p) => ({ pollId: poll!.id, participantId: p.id, userId: p.userId! })));
      await appendLedger(tx, meetingId, {
        kind: 'poll.opened',
        itemId: input.itemId ?? null,
        data: {
          pollId: poll!.id,
          secret: input.secret,
          electorate: electors.length,
          present: quorum.present,
          ...(consentItemIds.length ? { consentItemIds } : {}),
        },
      });
      await audit(tx, ctx, {
        action: 'meeting.poll_open',
        targetType: 'meeting',
        targetId: meetingId,
        agencyId: l.meeting.agencyId,
        summary: { pollId: poll!.id, secret: input.secret, electorate: electors.length },
      });
      await emitMeeting(tx, l, 'poll_opened', {
        pollId: poll!.id,
        question: input.question,
        secret: input.secret,
        electorate: electors.length,
      });
      return { id: poll!.id, electorate: electors.length };
    });
  } catch (err) {
    // One open vote per meeting (partial unique index).
    if (isUniqueViolation(err)) throw new AppError('invalid_state', { reason: 'poll_open' });
    throw err;
  }
}
