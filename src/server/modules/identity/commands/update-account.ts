import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword, verifyPassword } from '../../../platform/auth/passwords.ts';
import { newTotpSecret, otpauthUrl, verifyTotp } from '../../../platform/auth/totp.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { SecretBox } from '../../../platform/auth/secret-box.ts';
import { getUser } from '../queries.ts';
import { SessionService } from '../sessions.ts';
import { users } from '../tables.ts';
import { checkAccount } from './account-checks.ts';
import { assertPasswordAcceptable } from './checks.ts';

async function currentUser(db: Db, ctx: ActionContext) {
  if (!ctx.actor) throw new AppError('unauthenticated');
  const user = await getUser(db, ctx.actor.userId);
  if (!user) throw new AppError('unauthenticated');
  return user;
}

/** Changes one's own name or language. */
export async function updateAccount(
  db: Db,
  ctx: ActionContext,
  input: { fullName?: string | undefined; locale?: 'vi' | 'en' | undefined },
) {
  const user = await currentUser(db, ctx);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) return user;
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(users)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(users.id, user.id))
      .returning();
    await audit(tx, ctx, {
      action: 'account.update',
      targetType: 'user',
      targetId: user.id,
      summary: { before: { fullName: user.fullName, locale: user.locale }, after: changes },
    });
    await SessionService.invalidate(tx, user.id);
    return updated!;
  });
}

/** Changes one's own password; every other session of the account ends. */
export async function changePassword(db: Db, ctx: ActionContext, current: string, next: string) {
  const user = await currentUser(db, ctx);
  if (
    !(await checkAccount(db, ctx, user, 'password_change', () => verifyPassword(user.passwordHash, current)))
  )
    // 400 naming the field, not 401: the user is signed in, only this field is wrong.
    throw new AppError('validation', {}, [{ field: 'body.currentPassword', key: 'field.wrong_password' }]);
  assertPasswordAcceptable(next, [user.fullName, user.email, user.phone], 'body.newPassword');
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    // End the others, keep this one.
    const keep = ctx.actor!.sessionTokenHash;
    await tx.execute(
      keep
        ? sql`delete from id_sessions where user_id = ${user.id} and token_hash <> ${keep}`
        : sql`delete from id_sessions where user_id = ${user.id}`,
    );
    await SessionService.invalidate(tx, user.id);
    await audit(tx, ctx, { action: 'account.password_change', targetType: 'user', targetId: user.id });
  });
}

/** Starts TOTP set-up: stores a new secret (encrypted), not enforced until a code confirms it. */
export async function setupTotp(db: Db, box: SecretBox, ctx: ActionContext) {
  const user = await currentUser(db, ctx);
  if (user.totpEnabledAt) throw new AppError('invalid_state', { reason: 'totp_enabled' });
  const secret = newTotpSecret();
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpSecret: box.seal(secret), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'account.totp_setup', targetType: 'user', targetId: user.id });
  });
  return { secret, otpauthUrl: otpauthUrl(secret, user.email ?? user.phone ?? user.fullName) };
}

export async function enableTotp(db: Db, box: SecretBox, ctx: ActionContext, code: string) {
  const user = await currentUser(db, ctx);
  if (!user.totpSecret || user.totpEnabledAt)
    throw new AppError('invalid_state', { reason: 'totp_not_pending' });
  if (!verifyTotp(box.open(user.totpSecret), code))
    throw new AppError('totp_invalid', {}, [{ field: 'body.code', key: 'field.totp_wrong' }]);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: new Date(), updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'account.totp_enable', targetType: 'user', targetId: user.id });
    await SessionService.invalidate(tx, user.id);
  });
}

export async function disableTotp(db: Db, box: SecretBox, ctx: ActionContext, code: string) {
  const user = await currentUser(db, ctx);
  const secret = user.totpSecret;
  if (!secret || !user.totpEnabledAt) throw new AppError('invalid_state', { reason: 'totp_not_enabled' });
  if (!(await checkAccount(db, ctx, user, 'totp_disable', () => verifyTotp(box.open(secret), code))))
    throw new AppError('totp_invalid', {}, [{ field: 'body.code', key: 'field.totp_wrong' }]);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: null, totpSecret: null, updatedAt: new Date() })
      .where(eq(users.id, user.id));
    await audit(tx, ctx, { action: 'account.totp_disable', targetType: 'user', targetId: user.id });
  });
}
