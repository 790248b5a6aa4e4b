import { eq } from 'drizzle-orm';
import { PERMISSIONS } from '../../../../contracts/identity.ts';
import { hasRootPermission, requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { SessionService } from '../sessions.ts';
import { roles } from '../tables.ts';

function checkPermissions(list: string[]) {
  list.forEach((p, i) => {
    if (!(PERMISSIONS as readonly string[]).includes(p))
      throw new AppError('validation', {}, [
        { field: `body.permissions.${i}`, key: 'field.unknown_permission', params: { value: p } },
      ]);
  });
}

// Roles apply everywhere, so only holders of roles.manage at the root of the agency tree edit them.
function requireRoot(ctx: ActionContext) {
  requirePermission(ctx.actor, 'roles.manage');
  if (!hasRootPermission(ctx.actor, 'roles.manage')) throw new AppError('forbidden');
}

export async function createRole(
  db: Db,
  ctx: ActionContext,
  input: { code: string; name: string; nameEn: string; permissions: string[] },
) {
  requireRoot(ctx);
  checkPermissions(input.permissions);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select().from(roles).where(eq(roles.code, input.code));
    if (existing) throw new AppError('role_code_taken', {}, [{ field: 'body.code', key: 'field.taken' }]);
    const [role] = await tx
      .insert(roles)
      .values({ ...input, permissions: [...new Set(input.permissions)] })
      .returning();
    await audit(tx, ctx, { action: 'role.create', targetType: 'role', targetId: input.code, summary: input });
    await emit(tx, {
      type: 'identity.role_created',
      aggregateType: 'role',
      aggregateId: input.code,
      audience: { permission: 'roles.manage' },
    });
    return role!;
  });
}

export async function updateRole(
  db: Db,
  ctx: ActionContext,
  code: string,
  input: { name?: string | undefined; nameEn?: string | undefined; permissions?: string[] | undefined },
) {
  requireRoot(ctx);
  if (input.permissions) checkPermissions(input.permissions);
  return db.transaction(async (tx) => {
    const [role] = await tx.select().from(roles).where(eq(roles.code, code));
    if (!role) throw new AppError('not_found');
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    if (input.permissions) set.permissions = [...new Set(input.permissions)];
    const [updated] = await tx
      .update(roles)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(roles.code, code))
      .returning();
    await SessionService.invalidate(tx, '*');
    await audit(tx, ctx, {
      action: 'role.update',
      targetType: 'role',
      targetId: code,
      summary: {
        before: { name: role.name, nameEn: role.nameEn, permissions: role.permissions },
        after: input,
      },
    });
    await emit(tx, {
      type: 'identity.role_updated',
      aggregateType: 'role',
      aggregateId: code,
      audience: { permission: 'roles.manage' },
    });
    return updated!;
  });
}
