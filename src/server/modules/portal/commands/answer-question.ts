// The competent agency's reviewers answer a question, publish it with its answer, or refuse it with a
// reason (a question that is not one for the portal). received → answered → published; received or
// answered → rejected.
import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { mayReview, PORTAL_PERMISSIONS } from '../policy.ts';
import { type QuestionState, questions } from '../tables.ts';

export type QuestionAction =
  | { action: 'answer'; answer: string }
  | { action: 'publish' }
  | { action: 'reject'; reason: string };

const FROM: Record<QuestionAction['action'], readonly QuestionState[]> = {
  answer: ['received', 'answered'],
  publish: ['answered'],
  reject: ['received', 'answered'],
};

export async function answerQuestion(
  tx: Tx,
  ctx: ActionContext,
  id: string,
  lockVersion: number,
  input: QuestionAction,
  now = new Date(),
) {
  const [q] = await tx.select().from(questions).where(eq(questions.id, id)).for('update');
  if (!q) throw new AppError('not_found');
  if (!ctx.actor) throw new AppError('unauthenticated');
  if (!mayReview(ctx.actor, q.agencyPath)) throw new AppError('forbidden');
  if (q.lockVersion !== lockVersion) throw new AppError('conflict');
  if (!FROM[input.action].includes(q.state)) throw new AppError('invalid_state');
  const set =
    input.action === 'answer'
      ? { state: 'answered' as const, answer: input.answer, answeredBy: ctx.actor.userId, answeredAt: now }
      : input.action === 'publish'
        ? { state: 'published' as const, publishedAt: now }
        : { state: 'rejected' as const, rejectReason: input.reason };
  const [row] = await tx
    .update(questions)
    .set({ ...set, lockVersion: sql`${questions.lockVersion} + 1` })
    .where(eq(questions.id, id))
    .returning();
  await audit(tx, ctx, {
    action: `portal.question_${input.action}`,
    targetType: 'portal_question',
    targetId: id,
    summary: { code: q.code, from: q.state, to: row!.state },
  });
  await emit(tx, {
    type: `portal.question_${row!.state}`,
    aggregateType: 'portal_question',
    aggregateId: id,
    payload: { code: q.code },
    audience:
      row!.state === 'published'
        ? { public: true }
        : { permission: PORTAL_PERMISSIONS.review, agencyPaths: [q.agencyPath] },
  });
  return row!;
}
