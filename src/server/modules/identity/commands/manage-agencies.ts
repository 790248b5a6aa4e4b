import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { can, requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { getAgency, getAgencyByCode } from '../queries.ts';
import { SessionService } from '../sessions.ts';
import { type AgencyKind, agencies, units } from '../tables.ts';

/** The unit must exist and be valid today (commune codes do not start with their province's code). */
async function assertUnitExists(tx: Tx, unitCode: string) {
  const today = new Date().toISOString().slice(0, 10);
  const [found] = await tx
    .select({ code: units.code })
    .from(units)
    .where(
      and(
        eq(units.code, unitCode),
        lte(units.validFrom, today),
        or(isNull(units.validTo), gt(units.validTo, today)),
      ),
    )
    .limit(1);
  if (!found) throw new AppError('validation', {}, [{ field: 'body.unitCode', key: 'field.not_found' }]);
}

export interface CreateAgencyInput {
  code: string;
  name: string;
  nameEn?: string | undefined;
  kind: AgencyKind;
  parentId: string;
  unitCode: string;
  phone?: string | undefined;
}

/** Adds an agency under a parent within the actor's agencies.manage scope. */
export async function createAgency(db: Db, ctx: ActionContext, input: CreateAgencyInput) {
  requirePermission(ctx.actor, 'agencies.manage');
  return db.transaction(async (tx) => {
    const parent = await getAgency(tx, input.parentId);
    if (!parent) throw new AppError('validation', {}, [{ field: 'body.parentId', key: 'field.not_found' }]);
    if (!can(ctx.actor, 'agencies.manage', parent.path)) throw new AppError('forbidden');
    if (await getAgencyByCode(tx, input.code))
      throw new AppError('agency_code_taken', { code: input.code }, [
        { field: 'body.code', key: 'field.taken' },
      ]);
    await assertUnitExists(tx, input.unitCode);
    const id = randomUUID();
    const [agency] = await tx
      .insert(agencies)
      .values({ id, ...input, nameEn: input.nameEn ?? null, path: `${parent.path}${id}/` })
      .returning();
    await audit(tx, ctx, {
      action: 'agency.create',
      targetType: 'agency',
      targetId: id,
      agencyId: id,
      summary: { ...input },
    });
    await emit(tx, {
      type: 'identity.agency_created',
      aggregateType: 'agency',
      aggregateId: id,
      audience: { permission: 'agencies.manage', agencyPaths: [agency!.path] },
    });
    return agency!;
  });
}

export interface UpdateAgencyInput {
  name?: string | undefined;
  nameEn?: string | null | undefined;
  kind?: AgencyKind | undefined;
  parentId?: string | undefined;
  unitCode?: string | undefined;
  phone?: string | null | undefined;
  active?: boolean | undefined;
}

/** Renames, moves, re-attaches or (de)activates an agency; a move carries its whole subtree. */
export async function updateAgency(db: Db, ctx: ActionContext, id: string, input: UpdateAgencyInput) {
  requirePermission(ctx.actor, 'agencies.manage');
  return db.transaction(async (tx) => {
    const agency = await getAgency(tx, id);
    if (!agency) throw new AppError('not_found');
    if (!can(ctx.actor, 'agencies.manage', agency.path)) throw new AppError('forbidden');
    if (input.unitCode) await assertUnitExists(tx, input.unitCode);
    let path = agency.path;
    if (input.parentId && input.parentId !== agency.parentId) {
      const parent = await getAgency(tx, input.parentId);
      if (!parent) throw new AppError('validation', {}, [{ field: 'body.parentId', key: 'field.not_found' }]);
      if (!can(ctx.actor, 'agencies.manage', parent.path)) throw new AppError('forbidden');
      if (parent.path.startsWith(agency.path))
        throw new AppError('validation', {}, [{ field: 'body.parentId', key: 'field.cycle' }]);
      path = `${parent.path}${agency.id}/`;
      await tx.execute(sql`
        update id_agencies set path = ${path} || substr(path, ${agency.path.length + 1})
        where path like ${`${agency.path}%`}`);
    }
    const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const [updated] = await tx
      .update(agencies)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(agencies.id, id))
      .returning();
    // Paths and active flags feed every session's permissions.
    await SessionService.invalidate(tx, '*');
    await audit(tx, ctx, {
      action: input.active === false ? 'agency.deactivate' : 'agency.update',
      targetType: 'agency',
      targetId: id,
      agencyId: id,
      summary: {
        before: {
          name: agency.name,
          nameEn: agency.nameEn,
          kind: agency.kind,
          parentId: agency.parentId,
          unitCode: agency.unitCode,
          phone: agency.phone,
          active: agency.active,
        },
        after: input,
      },
    });
    await emit(tx, {
      type: 'identity.agency_updated',
      aggregateType: 'agency',
      aggregateId: id,
      audience: { permission: 'agencies.manage', agencyPaths: [path] },
    });
    return updated!;
  });
}
