import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { verifyDummy, verifyPassword } from '../../../platform/auth/passwords.ts';
import { matchTotp } from '../../../platform/auth/totp.ts';
import type { SecretBox } from '../../../platform/auth/secret-box.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { findUserByIdentifier } from '../queries.ts';
import { checkAccount } from './account-checks.ts';
import type { SessionService } from '../sessions.ts';
import { users } from '../tables.ts';

export interface LoginInput {
  identifier: string;
  password: string;
  totp?: string | undefined;
  userAgent: string | null;
}

/**
 * Signs a user in with a new session (a fresh token: the session id is renewed at every login).
 * Unknown user, wrong password, disabled account and demo account outside demo mode all give the
 * same answer and take the same time, so nobody learns which accounts exist.
 */
export async function login(
  db: Db,
  sessions: SessionService,
  box: SecretBox,
  ctx: ActionContext,
  input: LoginInput,
  demo: boolean,
) {
  const user = await findUserByIdentifier(db, input.identifier);
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyDummy(input.password);
  const usable = user && passwordOk && !user.disabledAt && (demo || !user.demo);
  if (!usable) {
    await db.transaction((tx) =>
      audit(tx, ctx, {
        action: 'auth.login_failed',
        targetType: 'user',
        targetId: user?.id ?? null,
        summary: {
          reason: !user ? 'unknown' : !passwordOk ? 'password' : user.disabledAt ? 'disabled' : 'demo',
        },
      }),
    );
    throw new AppError('invalid_credentials');
  }
  if (user.totpEnabledAt && user.totpSecret) {
    const { totp } = input;
    if (!totp) throw new AppError('totp_required');
    const secret = box.open(user.totpSecret);
    // A code already used is as wrong as a wrong one. The second step is limited per account, so
    // someone who knows the password cannot try codes from many addresses.
    const fresh = () => {
      const step = matchTotp(secret, totp);
      return step !== null && (user.totpLastStep === null || step > user.totpLastStep);
    };
    if (!(await checkAccount(db, ctx, user, 'login_totp', fresh))) throw new AppError('totp_invalid');
  }
  return db.transaction(async (tx) => {
    const created = await sessions.create(tx, user.id, { ip: ctx.ip, userAgent: input.userAgent });
    await tx
      .update(users)
      .set({
        lastLoginAt: new Date(),
        ...(input.totp && user.totpEnabledAt
          ? { totpLastStep: matchTotp(box.open(user.totpSecret!), input.totp) }
          : {}),
      })
      .where(eq(users.id, user.id));
    await audit(
      tx,
      { ...ctx, actorLabel: user.fullName },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        summary: { totp: Boolean(user.totpEnabledAt) },
      },
    );
    return { ...created, user };
  });
}
