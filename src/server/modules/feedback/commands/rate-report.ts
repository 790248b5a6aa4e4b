import { and, eq } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, lockReport } from '../change.ts';
import { hashSecret } from '../codes.ts';
import { afterUnsatisfied, canTransition } from '../lifecycle.ts';
import { redact } from '../redact.ts';
import { fbFollowers, fbRatings, fbReports } from '../tables.ts';
import { deadlineFrom } from './route-report.ts';

/**
 * A follower rates the published answer, signed in or with the secret of their tracking link.
 * Not satisfied reopens the report to the agency once, then sends it to the agency's leader.
 */
export async function rateReport(
  db: Db,
  ctx: ActionContext,
  code: string,
  input: { satisfied: boolean; comment?: string | undefined; secret?: string | undefined },
) {
  const [found] = await db.select({ id: fbReports.id }).from(fbReports).where(eq(fbReports.code, code));
  if (!found) throw new AppError('not_found');
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, found.id);
    const followers = await tx.select().from(fbFollowers).where(eq(fbFollowers.reportId, r.id));
    const follower = followers.find(
      (f) =>
        (input.secret && f.secretHash === hashSecret(input.secret)) ||
        (ctx.actor && f.userId !== null && f.userId === ctx.actor.userId),
    );
    if (!follower) throw new AppError('forbidden');
    const action = input.satisfied ? 'rate_satisfied' : 'rate_unsatisfied';
    if (!canTransition(r.status, action)) throw new AppError('invalid_state', { status: r.status });
    const [already] = await tx
      .select({ id: fbRatings.id })
      .from(fbRatings)
      .where(
        and(
          eq(fbRatings.reportId, r.id),
          eq(fbRatings.followerId, follower.id),
          eq(fbRatings.round, r.reopenCount),
        ),
      );
    if (already) throw new AppError('invalid_state', { reason: 'already_rated' });
    const now = new Date();
    await tx.insert(fbRatings).values({
      reportId: r.id,
      followerId: follower.id,
      round: r.reopenCount,
      satisfied: input.satisfied,
      comment: input.comment ?? null,
      createdAt: now,
    });
    const publicNote = input.comment ? redact(input.comment).text : null;
    if (input.satisfied)
      return applyChange(tx, ctx, r, { action, to: 'closed', at: now, set: { closedAt: now }, publicNote });
    const to = afterUnsatisfied(r.reopenCount);
    if (to === 'closed')
      return applyChange(tx, ctx, r, { action, to, at: now, set: { closedAt: now }, publicNote });
    const due = await deadlineFrom(tx, r, now);
    return applyChange(tx, ctx, r, {
      action,
      to,
      at: now,
      set: {
        reopenCount: r.reopenCount + 1,
        dueAt: due.dueAt,
        dueExplanation: due.explanation,
        escalation: null,
        publishedAt: null,
      },
      publicNote,
    });
  });
}
