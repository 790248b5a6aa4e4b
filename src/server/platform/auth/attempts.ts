// Limits on guessing a secret: failures per key in a window, then a cool-down, counted in the database.
// An attempt takes its number before the secret is checked, so guesses sent at once cannot all slip
// in before the lock: the ones beyond the limit are refused unchecked.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { attemptLimits } from './tables.ts';

export { attemptLimits };

export interface AttemptPolicy {
  /** failures allowed in a window; the last of them locks the key */
  max: number;
  windowMs: number;
  /** how long the key stays locked */
  lockMs: number;
}

/** 429 while a key is locked: how long is left, in the message (minutes) and in Retry-After (seconds). */
export function lockedError(until: Date, now = new Date()): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('too_many_attempts', { minutes: Math.ceil(seconds / 60), retryAfter: seconds });
}

/**
 * Takes one attempt at `key` and returns its number in the window. Throws too_many_attempts while the
 * key is locked, or when this attempt is beyond the limit.
 */
export async function takeAttempt(db: DbOrTx, key: string, policy: AttemptPolicy): Promise<number> {
  const now = new Date();
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const a = attemptLimits;
  // A window that has passed, or a lock that has ended, starts the count afresh.
  const fresh = sql`(${a.windowStartedAt} <= ${windowStart} or ${a.lockedUntil} is not null)`;
  const [taken] = await db
    .insert(a)
    .values({ key, attempts: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: a.key,
      set: {
        attempts: sql`case when ${fresh} then 1 else ${a.attempts} + 1 end`,
        windowStartedAt: sql`case when ${fresh} then ${now}::timestamptz else ${a.windowStartedAt} end`,
        lockedUntil: null,
      },
      setWhere: sql`${a.lockedUntil} is null or ${a.lockedUntil} <= ${now}`,
    })
    .returning({ attempts: a.attempts });
  if (!taken) {
    const [row] = await db.select({ until: a.lockedUntil }).from(a).where(eq(a.key, key));
    throw lockedError(row?.until ?? new Date(now.getTime() + policy.lockMs), now);
  }
  if (taken.attempts > policy.max) throw lockedError(new Date(now.getTime() + policy.lockMs), now);
  return taken.attempts;
}

/**
 * Attempt number `n` failed. The last one allowed locks the key; true when this call locked it (so the
 * caller audits and tells someone once per lock).
 */
export async function attemptFailed(db: DbOrTx, key: string, policy: AttemptPolicy, n: number) {
  if (n < policy.max) return false;
  const locked = await db
    .update(attemptLimits)
    .set({ lockedUntil: new Date(Date.now() + policy.lockMs) })
    .where(and(eq(attemptLimits.key, key), isNull(attemptLimits.lockedUntil)))
    .returning({ key: attemptLimits.key });
  return locked.length > 0;
}

/** The secret was right: the key's failures are forgotten. */
export async function attemptSucceeded(db: DbOrTx, key: string): Promise<void> {
  await db.delete(attemptLimits).where(eq(attemptLimits.key, key));
}

/** Forgets keys whose window and lock are long over (windows and locks are shorter than a day). */
export async function forgetOldAttempts(db: DbOrTx): Promise<void> {
  await db.execute(
    sql`delete from attempt_limits where window_started_at < now() - interval '1 day'
        and (locked_until is null or locked_until < now())`,
  );
}
