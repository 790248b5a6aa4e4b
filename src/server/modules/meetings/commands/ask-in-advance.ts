import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AdvanceQuestionBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitTo } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting } from '../load.ts';
import { participantOf } from '../policy.ts';
import { advanceQuestions, items } from '../tables.ts';

/**
 * A participant sends a question or an opinion on a content before the meeting (issue 12, item 4):
 * gathered for the chair, the secretariat and the presenting unit. Once the meeting opens, questions
 * are asked by registering to speak.
 */
export async function askInAdvance(
  db: Db,
  ctx: ActionContext,
  meetingId: string,
  itemId: string,
  input: z.infer<typeof AdvanceQuestionBody>,
) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor, 'share');
    const me = participantOf(ctx.actor, l.participants);
    if (!me || me.role === 'secretary') throw new AppError('forbidden');
    if (l.meeting.state !== 'draft' && l.meeting.state !== 'invited')
      throw new AppError('meeting_closed', { state: l.meeting.state });
    const [item] = await tx
      .select()
      .from(items)
      .where(and(eq(items.id, itemId), eq(items.meetingId, meetingId)));
    if (!item) throw new AppError('not_found');
    if (item.state !== 'planned') throw new AppError('invalid_state', { reason: item.state });
    const [row] = await tx
      .insert(advanceQuestions)
      .values({ meetingId, itemId, participantId: me.id, kind: input.kind, text: input.text })
      .returning({ id: advanceQuestions.id });
    await appendLedger(tx, meetingId, {
      kind: 'item.question',
      itemId,
      participantId: me.id,
      data: { type: input.kind, chars: input.text.length },
    });
    await audit(tx, ctx, {
      action: 'meeting.question_ask',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { itemId, questionId: row!.id, kind: input.kind },
    });
    await emitTo(tx, l, 'drafts', 'question_asked', { itemId, questionId: row!.id });
    return { id: row!.id };
  });
}
