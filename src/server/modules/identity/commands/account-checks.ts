import { audit } from '../../../platform/audit/index.ts';
import {
  type AttemptPolicy,
  attemptFailed,
  attemptSucceeded,
  takeAttempt,
} from '../../../platform/auth/attempts.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { t } from '../../../platform/i18n/index.ts';
import { contactMessage } from '../contact-message.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import type { UserRow } from '../queries.ts';

/**
 * The checks that guard an account once someone holds its password or a session of it: the current
 * password to change it, a TOTP code to turn TOTP off or to finish signing in. They share one limit
 * per account, whatever the session or address: five failures in 15 minutes lock them for 15 minutes.
 */
export const ACCOUNT_CHECKS: AttemptPolicy = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type AccountCheck = 'password_change' | 'totp_disable' | 'login_totp';

const FAILED: Record<AccountCheck, { action: string; summary?: Record<string, unknown> }> = {
  password_change: { action: 'account.password_change_failed' },
  totp_disable: { action: 'account.totp_disable_failed' },
  login_totp: { action: 'auth.login_failed', summary: { reason: 'totp' } },
};

/**
 * Runs `verify` under the account's limit: refused with 429 while locked. A failure is audited; the one
 * that locks the checks is audited too, and the account holder is told by e-mail (SMS without one).
 */
export async function checkAccount(
  db: Db,
  ctx: ActionContext,
  user: UserRow,
  check: AccountCheck,
  verify: () => boolean | Promise<boolean>,
): Promise<boolean> {
  const key = `account:${user.id}`;
  const n = await takeAttempt(db, key, ACCOUNT_CHECKS);
  if (await verify()) {
    await attemptSucceeded(db, key);
    return true;
  }
  await db.transaction(async (tx) => {
    const failed = FAILED[check];
    await audit(tx, ctx, {
      action: failed.action,
      targetType: 'user',
      targetId: user.id,
      summary: { ...failed.summary, attempt: n },
    });
    if (!(await attemptFailed(tx, key, ACCOUNT_CHECKS, n))) return;
    const minutes = ACCOUNT_CHECKS.lockMs / 60_000;
    await audit(tx, ctx, {
      action: 'account.checks_locked',
      targetType: 'user',
      targetId: user.id,
      summary: { check, failures: n, minutes },
    });
    await tellHolder(tx, user, check, n, minutes);
  });
  return false;
}

async function tellHolder(tx: DbOrTx, user: UserRow, check: AccountCheck, failures: number, minutes: number) {
  const lang = user.locale === 'en' ? 'en' : 'vi';
  const params = {
    name: user.fullName,
    failures,
    minutes,
    check: t(lang, `identity:checks_locked.${check}`),
  };
  if (!user.email && !user.phone) return;
  await queueMessage(tx, {
    ...contactMessage(lang, user, 'checks_locked', params),
    template: 'account_checks_locked',
  });
}
