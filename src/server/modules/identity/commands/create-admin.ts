import { eq, isNull } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { agencies, memberships, users } from '../tables.ts';
import { assertContactFree, assertPasswordAcceptable } from './checks.ts';

/** The first administrator of a deployment (CLI): an official with the admin role at the root agency. */
export async function createAdmin(
  db: Db,
  ctx: ActionContext,
  input: { email: string; fullName: string; password: string },
) {
  assertPasswordAcceptable(input.password, [input.fullName, input.email]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [root] = await tx.select().from(agencies).where(isNull(agencies.parentId)).limit(1);
    if (!root) throw new AppError('invalid_state', { reason: 'no_root_agency' });
    const email = input.email.toLowerCase();
    await assertContactFree(tx, email, null);
    const [user] = await tx
      .insert(users)
      .values({ kind: 'official', email, fullName: input.fullName, passwordHash })
      .returning();
    await tx.insert(memberships).values({ userId: user!.id, agencyId: root.id, roleCode: 'admin' });
    await audit(tx, ctx, {
      action: 'user.create_admin',
      targetType: 'user',
      targetId: user!.id,
      agencyId: root.id,
      summary: { email },
    });
    const [check] = await tx.select().from(users).where(eq(users.id, user!.id));
    return check!;
  });
}
