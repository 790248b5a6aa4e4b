import { and, eq, gt, lt } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { randomToken, sha256 } from '../../../platform/auth/tokens.ts';
import { type ActionContext, deferredContext, requestTrace } from '../../../platform/context.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { contactMessage } from '../contact-message.ts';
import { queueMessage } from '../../../platform/messages/index.ts';
import { contactHolders, normalizePhone, type UserRow } from '../queries.ts';
import type { SessionService } from '../sessions.ts';
import { registrations, users } from '../tables.ts';
import { assertPasswordAcceptable } from './checks.ts';

export const REGISTRATION_QUEUE = 'identity.registration';
const LINK_TTL_MS = 24 * 60 * 60_000;

export interface RegisterInput {
  fullName: string;
  email?: string | undefined;
  phone?: string | undefined;
  password: string;
  locale: 'vi' | 'en';
}

/**
 * A citizen asks for an account. The answer, and the work done before it, are the same whether the
 * e-mail or phone is free or taken: the password is checked and hashed, the registration kept and a
 * job queued. The job (`continueRegistration`) sends the confirmation link, or tells the holder.
 */
export async function requestRegistration(db: Db, ctx: ActionContext, input: RegisterInput) {
  const email = input.email?.toLowerCase() ?? null;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  assertPasswordAcceptable(input.password, [input.fullName, email, phone]);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(registrations)
      .values({
        fullName: input.fullName,
        email,
        phone,
        passwordHash,
        locale: input.locale,
        expiresAt: new Date(Date.now() + LINK_TTL_MS),
      })
      .returning({ id: registrations.id });
    await enqueue(tx, REGISTRATION_QUEUE, { id: row!.id, ...requestTrace(ctx) });
    await audit(tx, ctx, {
      action: 'user.register_requested',
      targetType: 'registration',
      targetId: row!.id,
      summary: { email: Boolean(email), phone: Boolean(phone) },
    });
  });
}

/**
 * The registration's job: a confirmation link to the new contact, or, when the e-mail or phone
 * already belongs to an account, a message to that account's holder instead (and no account).
 */
export async function continueRegistration(db: Db, publicUrl: string, payload: Record<string, unknown>) {
  const ctx = deferredContext(payload);
  await db.transaction(async (tx) => {
    const [reg] = await tx
      .select()
      .from(registrations)
      .where(eq(registrations.id, String(payload.id)))
      .for('update');
    // Gone (expired and swept) or already sent (a retried job): nothing to do.
    if (!reg || reg.tokenHash) return;
    const holders = await contactHolders(tx, reg.email, reg.phone);
    if (holders.length > 0) {
      await tx.delete(registrations).where(eq(registrations.id, reg.id));
      for (const holder of holders) {
        await tellAlreadyRegistered(tx, holder, publicUrl);
        await audit(tx, ctx, {
          action: 'user.register_contact_taken',
          targetType: 'user',
          targetId: holder.id,
          summary: {
            email: Boolean(reg.email && holder.email?.toLowerCase() === reg.email),
            phone: Boolean(reg.phone && holder.phone === reg.phone),
          },
        });
      }
      return;
    }
    const token = randomToken();
    await tx
      .update(registrations)
      .set({ tokenHash: sha256(token) })
      .where(eq(registrations.id, reg.id));
    const lang = reg.locale === 'en' ? 'en' : 'vi';
    const link = `${publicUrl}/xac-nhan-dang-ky?token=${token}`;
    const message = contactMessage(lang, reg, 'register', { name: reg.fullName, link });
    await queueMessage(tx, { ...message, template: 'registration_confirm', secrets: [token] });
  });
}

/** The holder of a contact someone tried to register again: how to sign in, or reset the password. */
async function tellAlreadyRegistered(tx: DbOrTx, holder: UserRow, publicUrl: string) {
  const lang = holder.locale === 'en' ? 'en' : 'vi';
  const params = {
    name: holder.fullName,
    login: `${publicUrl}/dang-nhap`,
    forgot: `${publicUrl}/quen-mat-khau`,
  };
  if (!holder.email && !holder.phone) return;
  await queueMessage(tx, {
    ...contactMessage(lang, holder, 'register_existing', params),
    template: 'registration_existing',
  });
}

/** Opens the confirmation link: the account is created from the registration and its holder signed in. */
export async function confirmRegistration(
  db: Db,
  sessions: SessionService,
  ctx: ActionContext,
  token: string,
  userAgent: string | null,
) {
  return db.transaction(async (tx) => {
    const [reg] = await tx
      .delete(registrations)
      .where(and(eq(registrations.tokenHash, sha256(token)), gt(registrations.expiresAt, new Date())))
      .returning();
    if (!reg) throw new AppError('invalid_registration_token');
    // Taken since the link was sent (another registration of the same contact was confirmed first).
    if ((await contactHolders(tx, reg.email, reg.phone)).length > 0)
      throw new AppError('invalid_registration_token');
    const [user] = await tx
      .insert(users)
      .values({
        kind: 'citizen',
        fullName: reg.fullName,
        email: reg.email,
        phone: reg.phone,
        passwordHash: reg.passwordHash,
        locale: reg.locale,
      })
      .returning();
    const created = await sessions.create(tx, user!.id, { ip: ctx.ip, userAgent });
    await audit(
      tx,
      { ...ctx, actorLabel: user!.fullName },
      {
        action: 'user.register',
        targetType: 'user',
        targetId: user!.id,
        summary: { kind: 'citizen', email: Boolean(reg.email), phone: Boolean(reg.phone) },
      },
    );
    await emit(tx, { type: 'identity.user_registered', aggregateType: 'user', aggregateId: user!.id });
    return { ...created, user: user! };
  });
}

/** Forgets registrations whose link has expired. */
export async function forgetExpiredRegistrations(db: DbOrTx): Promise<void> {
  await db.delete(registrations).where(lt(registrations.expiresAt, new Date()));
}
