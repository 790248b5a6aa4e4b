// "Is it still fixed?": for categories with `follow_up_days`, that many days after a report closed the
// followers are asked (by the scheduled work; `now` is a parameter so tests drive it with a fake clock).
// A follower answers with their tracking link (or signed in): fixed is recorded on the public timeline;
// not fixed sends the report back to the operators' triage queue.
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, lockReport } from '../change.ts';
import { hashSecret } from '../codes.ts';
import { canTransition } from '../lifecycle.ts';
import { allCategories } from '../reference.ts';
import { fbFollowers, fbReports } from '../tables.ts';

const DAY_MS = 86_400_000;

/** Asks once per report; returns how many reports were asked. */
export async function askFollowUps(db: Db, now = new Date()): Promise<number> {
  let asked = 0;
  for (const c of await allCategories(db)) {
    if (!c.followUpDays) continue;
    const cutoff = new Date(now.getTime() - c.followUpDays * DAY_MS);
    const due = await db
      .select({ id: fbReports.id })
      .from(fbReports)
      .where(
        and(
          eq(fbReports.status, 'closed'),
          eq(fbReports.categoryId, c.id),
          lt(fbReports.closedAt, cutoff),
          isNull(fbReports.followUpAskedAt),
        ),
      )
      .limit(500);
    for (const { id } of due) {
      await db.transaction(async (tx) => {
        const r = await lockReport(tx, id);
        if (r.status !== 'closed' || r.followUpAskedAt) return;
        await applyChange(tx, systemContext('feedback-follow-up'), r, {
          action: 'follow_up',
          at: now,
          set: { followUpAskedAt: now },
          auditSummary: { days: c.followUpDays },
        });
        asked++;
      });
    }
  }
  return asked;
}

/** A follower's answer, once, while the question stands (the report closed and asked). */
export async function answerFollowUp(
  db: Db,
  ctx: ActionContext,
  code: string,
  input: { fixed: boolean; secret?: string | undefined },
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
    if (!r.followUpAskedAt || r.status !== 'closed')
      throw new AppError('invalid_state', { status: r.status, reason: 'no_follow_up' });
    if (follower.followUpFixed !== null) throw new AppError('invalid_state', { reason: 'already_answered' });
    await tx.update(fbFollowers).set({ followUpFixed: input.fixed }).where(eq(fbFollowers.id, follower.id));
    const now = new Date();
    if (input.fixed || !canTransition(r.status, 'still_broken'))
      return applyChange(tx, ctx, r, {
        action: 'follow_up_answer',
        at: now,
        auditSummary: { fixed: true },
      });
    // Back to the operators: a new question will be asked after it closes again, and a new round of
    // ratings after the new answer (a second "not satisfied" then goes to the agency's leader).
    await tx.update(fbFollowers).set({ followUpFixed: null }).where(eq(fbFollowers.reportId, r.id));
    return applyChange(tx, ctx, r, {
      action: 'still_broken',
      to: 'returned',
      at: now,
      set: {
        closedAt: null,
        followUpAskedAt: null,
        escalation: null,
        publishedAt: null,
        reopenCount: r.reopenCount + 1,
      },
      auditSummary: { fixed: false },
    });
  });
}
