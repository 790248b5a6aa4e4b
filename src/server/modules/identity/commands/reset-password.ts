import { and, eq, gt, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { randomToken, sha256 } from '../../../platform/auth/tokens.ts';
import { type ActionContext, deferredContext, requestTrace } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { contactMessage } from '../contact-message.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import { findUserByIdentifier, getUser } from '../queries.ts';
import type { SessionService } from '../sessions.ts';
import { passwordResets, users } from '../tables.ts';
import { assertPasswordAcceptable } from './checks.ts';

const RESET_TTL_MS = 60 * 60_000;
export const RESET_QUEUE = 'identity.password_reset';

/**
 * Asks for a reset link. The request only queues the work, the same whether or not the account exists,
 * so neither the answer nor the time it takes tells which accounts exist; the job sends the link.
 */
export async function requestPasswordReset(db: Db, ctx: ActionContext, identifier: string) {
  await db.transaction(async (tx) => {
    await enqueue(tx, RESET_QUEUE, { identifier, ...requestTrace(ctx) });
    await audit(tx, ctx, { action: 'auth.password_reset_requested', targetType: 'user', targetId: null });
  });
}

/** The reset's job: a link (valid an hour) to the account the identifier names, if it may sign in. */
export async function sendPasswordReset(db: Db, publicUrl: string, payload: Record<string, unknown>) {
  const user = await findUserByIdentifier(db, String(payload.identifier ?? ''));
  if (!user || user.disabledAt || (!user.email && !user.phone)) return;
  await db.transaction(async (tx) => {
    const token = randomToken();
    await tx.insert(passwordResets).values({
      tokenHash: sha256(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_TTL_MS),
    });
    const lang = user.locale === 'en' ? 'en' : 'vi';
    const link = `${publicUrl}/dat-lai-mat-khau?token=${token}`;
    const message = contactMessage(lang, user, 'reset', { name: user.fullName, link });
    await queueMessage(tx, { ...message, template: 'password_reset', secrets: [token] });
    await audit(tx, deferredContext(payload), {
      action: 'auth.password_reset_sent',
      targetType: 'user',
      targetId: user.id,
      summary: { channel: message.channel },
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
