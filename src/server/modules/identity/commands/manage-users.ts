import { pgArray } from '../../../platform/db/client.ts';
import { eq, sql } from 'drizzle-orm';
import { can, hasRootPermission, requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { getUser, membershipViews, normalizePhone } from '../queries.ts';
import { SessionService } from '../sessions.ts';
import { agencies, memberships, roles, users } from '../tables.ts';
import { assertContactFree, assertPasswordAcceptable } from './checks.ts';

export interface MembershipInput {
  agencyId: string;
  roleCode: string;
}

/** Every agency must exist and lie in the actor's users.manage scope; every role must exist. */
async function checkMemberships(tx: Tx, ctx: ActionContext, list: MembershipInput[]) {
  const ids = [...new Set(list.map((m) => m.agencyId))];
  const found = ids.length
    ? await tx
        .select({ id: agencies.id, path: agencies.path })
        .from(agencies)
        .where(sql`${agencies.id} = any(${pgArray(ids)}::uuid[])`)
    : [];
  const codes = [...new Set(list.map((m) => m.roleCode))];
  const knownRoles = codes.length
    ? await tx
        .select({ code: roles.code })
        .from(roles)
        .where(sql`${roles.code} = any(${pgArray(codes)}::text[])`)
    : [];
  list.forEach((m, i) => {
    const agency = found.find((a) => a.id === m.agencyId);
    if (!agency)
      throw new AppError('validation', {}, [
        { field: `body.memberships.${i}.agencyId`, key: 'field.not_found' },
      ]);
    if (!can(ctx.actor, 'users.manage', agency.path)) throw new AppError('forbidden');
    if (!knownRoles.some((r) => r.code === m.roleCode))
      throw new AppError('validation', {}, [
        { field: `body.memberships.${i}.roleCode`, key: 'field.not_found' },
      ]);
  });
}

/** The actor may manage a user only when every agency the user belongs to is in the actor's scope. */
async function assertManageable(tx: Tx, ctx: ActionContext, userId: string) {
  const ms = (await membershipViews(tx, [userId])).get(userId) ?? [];
  const inScope = ms.length > 0 && ms.every((m) => can(ctx.actor, 'users.manage', m.agencyPath));
  const rootAdmin = hasRootPermission(ctx.actor, 'users.manage');
  if (!inScope && !rootAdmin) throw new AppError('forbidden');
}

export interface CreateUserInput {
  fullName: string;
  title?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  password: string;
  memberships: MembershipInput[];
}

/** An administrator creates an official with memberships in agencies within their scope. */
export async function createOfficial(db: Db, ctx: ActionContext, input: CreateUserInput) {
  requirePermission(ctx.actor, 'users.manage');
  const email = input.email?.toLowerCase() ?? null;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  assertPasswordAcceptable(input.password, [input.fullName, email, phone]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await checkMemberships(tx, ctx, input.memberships);
    await assertContactFree(tx, email, phone);
    const [user] = await tx
      .insert(users)
      .values({
        kind: 'official',
        fullName: input.fullName,
        title: input.title ?? null,
        email,
        phone,
        passwordHash,
      })
      .returning();
    await tx
      .insert(memberships)
      .values(input.memberships.map((m) => ({ ...m, userId: user!.id })))
      .onConflictDoNothing();
    await audit(tx, ctx, {
      action: 'user.create',
      targetType: 'user',
      targetId: user!.id,
      agencyId: input.memberships[0]?.agencyId ?? null,
      summary: { fullName: input.fullName, email, phone, memberships: input.memberships },
    });
    await emit(tx, {
      type: 'identity.user_created',
      aggregateType: 'user',
      aggregateId: user!.id,
      audience: { permission: 'users.manage' },
    });
    return user!;
  });
}

export interface UpdateUserInput {
  fullName?: string | undefined;
  title?: string | null | undefined;
  memberships?: MembershipInput[] | undefined;
  disabled?: boolean | undefined;
}

/** Edits an official or citizen; disabling ends every session at once. Changes are audited with before/after. */
export async function updateUser(db: Db, ctx: ActionContext, userId: string, input: UpdateUserInput) {
  requirePermission(ctx.actor, 'users.manage');
  return db.transaction(async (tx) => {
    const user = await getUser(tx, userId);
    if (!user) throw new AppError('not_found');
    await assertManageable(tx, ctx, userId);
    if (input.disabled && userId === ctx.actor!.userId)
      throw new AppError('invalid_state', { reason: 'self_disable' });
    const before = (await membershipViews(tx, [userId])).get(userId) ?? [];
    const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
    if (input.fullName !== undefined) set.fullName = input.fullName;
    if (input.title !== undefined) set.title = input.title;
    if (input.disabled !== undefined)
      set.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
    const [updated] = await tx.update(users).set(set).where(eq(users.id, userId)).returning();
    if (input.memberships) {
      if (user.kind !== 'official') throw new AppError('invalid_state', { reason: 'citizen_memberships' });
      await checkMemberships(tx, ctx, input.memberships);
      await tx.delete(memberships).where(eq(memberships.userId, userId));
      if (input.memberships.length)
        await tx
          .insert(memberships)
          .values(input.memberships.map((m) => ({ ...m, userId })))
          .onConflictDoNothing();
    }
    if (input.disabled) await tx.execute(sql`delete from id_sessions where user_id = ${userId}`);
    await SessionService.invalidate(tx, userId);
    await audit(tx, ctx, {
      action:
        input.disabled === true
          ? 'user.disable'
          : input.disabled === false && user.disabledAt
            ? 'user.enable'
            : 'user.update',
      targetType: 'user',
      targetId: userId,
      agencyId: before[0]?.agencyId ?? null,
      summary: {
        before: {
          fullName: user.fullName,
          title: user.title,
          disabled: user.disabledAt !== null,
          memberships: before.map((m) => ({ agencyId: m.agencyId, roleCode: m.roleCode })),
        },
        after: input,
      },
    });
    await emit(tx, {
      type: 'identity.user_updated',
      aggregateType: 'user',
      aggregateId: userId,
      audience: { permission: 'users.manage' },
    });
    return updated!;
  });
}
