// The attempt limiter: failures per key in the database, a lock after the last one allowed.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttemptPolicy,
  attemptFailed,
  attemptSucceeded,
  takeAttempt,
} from '../../src/server/platform/auth/attempts.ts';
import type { AppError } from '../../src/server/platform/errors.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
const POLICY: AttemptPolicy = { max: 5, windowMs: 60_000, lockMs: 15 * 60_000 };

/** One wrong guess at `key`: its number, or the error that refused it. */
async function guessWrong(key: string): Promise<number | string> {
  try {
    const n = await takeAttempt(db(), key, POLICY);
    await attemptFailed(db(), key, POLICY, n);
    return n;
  } catch (err) {
    return (err as AppError).code;
  }
}

describe('attempt limits', () => {
  it('guesses sent at once: only as many as allowed are checked, then the key is locked', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => guessWrong('test:at-once')));
    expect(outcomes.filter((o) => typeof o === 'number').sort()).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.filter((o) => o === 'too_many_attempts')).toHaveLength(7);
    await expect(takeAttempt(db(), 'test:at-once', POLICY)).rejects.toMatchObject({
      code: 'too_many_attempts',
      params: { minutes: 15 },
    });
  });

  it('a success forgets the failures; a window that has passed starts afresh', async () => {
    for (let i = 0; i < 4; i++) await guessWrong('test:success');
    await attemptSucceeded(db(), 'test:success');
    expect(await takeAttempt(db(), 'test:success', POLICY)).toBe(1);

    for (let i = 0; i < 3; i++) await guessWrong('test:window');
    await db().execute(
      sql`update attempt_limits set window_started_at = now() - interval '61 seconds' where key = 'test:window'`,
    );
    expect(await takeAttempt(db(), 'test:window', POLICY)).toBe(1);
  });

  it('a lock that has ended lets guessing start again from one', async () => {
    for (let i = 0; i < 5; i++) await guessWrong('test:cooled');
    expect(await guessWrong('test:cooled')).toBe('too_many_attempts');
    await db().execute(
      sql`update attempt_limits set locked_until = now() - interval '1 second' where key = 'test:cooled'`,
    );
    expect(await guessWrong('test:cooled')).toBe(1);
  });
});
