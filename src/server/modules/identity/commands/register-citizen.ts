import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import type { SessionService } from '../sessions.ts';
import { users } from '../tables.ts';
import { assertContactFree, assertPasswordAcceptable } from './checks.ts';
import { normalizePhone } from '../queries.ts';

export interface RegisterInput {
  fullName: string;
  email?: string | undefined;
  phone?: string | undefined;
  password: string;
  locale: 'vi' | 'en';
  userAgent: string | null;
}

/** A citizen creates their own account and is signed in. */
export async function registerCitizen(
  db: Db,
  sessions: SessionService,
  ctx: ActionContext,
  input: RegisterInput,
) {
  const email = input.email?.toLowerCase() ?? null;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  assertPasswordAcceptable(input.password, [input.fullName, email, phone]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await assertContactFree(tx, email, phone);
    const [user] = await tx
      .insert(users)
      .values({ kind: 'citizen', fullName: input.fullName, email, phone, passwordHash, locale: input.locale })
      .returning();
    const created = await sessions.create(tx, user!.id, { ip: ctx.ip, userAgent: input.userAgent });
    await audit(
      tx,
      { ...ctx, actorLabel: user!.fullName },
      {
        action: 'user.register',
        targetType: 'user',
        targetId: user!.id,
        summary: { kind: 'citizen', email: Boolean(email), phone: Boolean(phone) },
      },
    );
    await emit(tx, { type: 'identity.user_registered', aggregateType: 'user', aggregateId: user!.id });
    return { ...created, user: user! };
  });
}
