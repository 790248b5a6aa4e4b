import { and, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { randomToken, sha256 } from '../../../platform/auth/tokens.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { t } from '../../../platform/i18n/index.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import { findUserByIdentifier, getUser } from '../queries.ts';
import type { SessionService } from '../sessions.ts';
import { passwordResets, users } from '../tables.ts';
import { assertPasswordAcceptable } from './checks.ts';

const RESET_TTL_MS = 60 * 60_000;

/** Sends a reset link if the account exists; answers the same either way (no enumeration). */
export async function requestPasswordReset(
  db: Db,
  ctx: ActionContext,
  identifier: string,
  publicUrl: string,
) {
  const user = await findUserByIdentifier(db, identifier);
  await db.transaction(async (tx) => {
    if (user && !user.disabledAt) {
      const token = randomToken();
      await tx.insert(passwordResets).values({
        tokenHash: sha256(token),
        userId: user.id,
        expiresAt: new Date(Date.now() + RESET_TTL_MS),
      });
      const lang = user.locale === 'en' ? 'en' : 'vi';
      const link = `${publicUrl}/dat-lai-mat-khau?token=${token}`;
      const body = t(lang, 'identity:reset.body', { name: user.fullName, link });
      if (user.email) {
        await queueMessage(tx, {
          channel: 'email',
          recipient: user.email,
          subject: t(lang, 'identity:reset.subject'),
          body,
          template: 'password_reset',
          secrets: [token],
        });
      } else if (user.phone) {
        await queueMessage(tx, {
          channel: 'sms',
          recipient: user.phone,
          body: t(lang, 'identity:reset.sms', { link }),
          template: 'password_reset',
          secrets: [token],
        });
      }
    }
    await audit(tx, ctx, {
      action: 'auth.password_reset_requested',
      targetType: 'user',
      targetId: user?.id ?? null,
      summary: { known: Boolean(user) },
    });
  });
}

/** Sets a new password from a valid, unused, unexpired token and ends every session of the account. */
export async function confirmPasswordReset(
  db: Db,
  sessions: SessionService,
  ctx: ActionContext,
  token: string,
  password: string,
) {
  const [reset] = await db
    .select()
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, sha256(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, new Date()),
      ),
    );
  if (!reset) throw new AppError('invalid_reset_token');
  const user = await getUser(db, reset.userId);
  if (!user || user.disabledAt) throw new AppError('invalid_reset_token');
  assertPasswordAcceptable(password, [user.fullName, user.email, user.phone]);
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.tokenHash, reset.tokenHash), isNull(passwordResets.usedAt)))
      .returning();
    if (used.length === 0) throw new AppError('invalid_reset_token');
    // Every other link sent to this account stops working too.
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, user.id));
    await sessions.revokeAll(tx, user.id);
    await audit(
      tx,
      { ...ctx, actorLabel: user.fullName },
      { action: 'auth.password_reset', targetType: 'user', targetId: user.id },
    );
  });
}
