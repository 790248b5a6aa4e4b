import { pgArray, queryRows } from '../../platform/db/client.ts';
import { and, asc, eq, ilike, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import { agencies, memberships, roles, unitLineage, units, users } from './tables.ts';
import { sortVietnamese } from '../../../contracts/collation.ts';

export type UserRow = typeof users.$inferSelect;
export type AgencyRow = typeof agencies.$inferSelect;

export async function findUserByIdentifier(db: DbOrTx, identifier: string): Promise<UserRow | undefined> {
  const id = identifier.trim();
  const [row] = await db
    .select()
    .from(users)
    .where(
      id.includes('@') ? sql`lower(${users.email}) = lower(${id})` : eq(users.phone, normalizePhone(id)),
    );
  return row;
}

/** The accounts an e-mail address or a phone number (as stored) already belongs to. */
export async function contactHolders(
  db: DbOrTx,
  email: string | null,
  phone: string | null,
): Promise<UserRow[]> {
  if (!email && !phone) return [];
  return db
    .select()
    .from(users)
    .where(
      or(
        email ? sql`lower(${users.email}) = lower(${email})` : undefined,
        phone ? eq(users.phone, phone) : undefined,
      ),
    );
}

/**
 * The key of a per-account limit: the account the identifier resolves to, or the identifier normalised
 * as the lookup would (an unknown account is limited all the same), with the caller's address.
 */
export async function loginLimitKey(db: DbOrTx, ip: string, identifier: unknown): Promise<string> {
  const text = typeof identifier === 'string' ? identifier.trim().slice(0, 320) : '';
  if (!text) return `${ip}|`;
  const user = await findUserByIdentifier(db, text);
  if (user) return `${ip}|user:${user.id}`;
  return `${ip}|${text.includes('@') ? text.toLowerCase() : normalizePhone(text)}`;
}

/** 0912345678 and +84912345678 are the same number; stored as 0xxxxxxxxx. */
export function normalizePhone(phone: string): string {
  const p = phone.replace(/[\s.()-]/g, '');
  return p.startsWith('+84') ? `0${p.slice(3)}` : p;
}

export async function getUser(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function getAgency(db: DbOrTx, id: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.id, id));
  return row;
}

export async function getAgencyByCode(db: DbOrTx, code: string): Promise<AgencyRow | undefined> {
  const [row] = await db.select().from(agencies).where(eq(agencies.code, code));
  return row;
}

/** Agencies inside any of the given subtrees (all when paths is undefined). */
export async function listAgencies(db: DbOrTx, paths?: string[], onlyActive = false) {
  const where: SQL[] = [];
  if (paths) {
    if (paths.length === 0) return [];
    where.push(or(...paths.map((p) => sql`${agencies.path} like ${`${p}%`}`))!);
  }
  if (onlyActive) where.push(eq(agencies.active, true));
  return db
    .select({ agency: agencies, unitName: units.fullName })
    .from(agencies)
    .leftJoin(units, and(eq(units.code, agencies.unitCode), isNull(units.validTo)))
    .where(and(...where))
    .orderBy(asc(agencies.path));
}

export async function membershipViews(db: DbOrTx, userIds: string[]) {
  if (userIds.length === 0) return new Map<string, MembershipRow[]>();
  const rows = await db
    .select({
      userId: memberships.userId,
      agencyId: memberships.agencyId,
      agencyName: agencies.name,
      agencyCode: agencies.code,
      agencyPath: agencies.path,
      roleCode: memberships.roleCode,
      roleName: roles.name,
      roleNameEn: roles.nameEn,
      permissions: roles.permissions,
    })
    .from(memberships)
    .innerJoin(agencies, eq(agencies.id, memberships.agencyId))
    .innerJoin(roles, eq(roles.code, memberships.roleCode))
    .where(sql`${memberships.userId} = any(${pgArray(userIds)}::uuid[])`);
  const map = new Map<string, MembershipRow[]>();
  // by agency name in Vietnamese order (the database sorts by bytes)
  for (const r of sortVietnamese(rows, (x) => x.agencyName))
    map.set(r.userId, [...(map.get(r.userId) ?? []), r]);
  return map;
}
export type MembershipRow = {
  userId: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  agencyPath: string;
  roleCode: string;
  roleName: string;
  roleNameEn: string;
  permissions: string[];
};

export interface UserListFilter {
  q?: string | undefined;
  agencyId?: string | undefined;
  kind?: 'official' | 'citizen' | undefined;
  limit: number;
  offset: number;
  /** officials with a membership inside these subtrees; citizens are listed only when null (all) */
  scopePaths: string[] | null;
}

export async function listUsers(db: DbOrTx, f: UserListFilter) {
  const where: SQL[] = [];
  if (f.q) {
    const like = `%${f.q.replace(/[%_]/g, '\\$&')}%`;
    where.push(or(ilike(users.fullName, like), ilike(users.email, like), ilike(users.phone, like))!);
  }
  if (f.kind) where.push(eq(users.kind, f.kind));
  if (f.agencyId)
    where.push(
      sql`exists (select 1 from id_memberships m where m.user_id = ${users.id} and m.agency_id = ${f.agencyId})`,
    );
  if (f.scopePaths) {
    if (f.scopePaths.length === 0) return { items: [], total: 0 };
    const inScope = or(...f.scopePaths.map((p) => sql`a.path like ${`${p}%`}`));
    where.push(
      sql`exists (select 1 from id_memberships m join id_agencies a on a.id = m.agency_id where m.user_id = ${users.id} and ${inScope})`,
    );
  }
  const cond = and(...where);
  const [items, [count]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(cond)
      .orderBy(sql`${users.nameSort} collate "C"`, asc(users.id))
      .limit(f.limit)
      .offset(f.offset),
    db.select({ n: sql<number>`count(*)::int` }).from(users).where(cond),
  ]);
  return { items, total: count?.n ?? 0 };
}

export async function listRoles(db: DbOrTx) {
  return db.select().from(roles).orderBy(asc(roles.code));
}

/**
 * Today's unit (on `on`) of every unit that was merged into or renamed to another, followed through every
 * later change, so older figures re-aggregate to today's units. A unit split into several has no single
 * successor and is left out (its figures stay under its own code).
 */
export async function unitSuccessors(db: DbOrTx, on = new Date().toISOString().slice(0, 10)) {
  const rows = await db
    .select({ from: unitLineage.fromCode, to: unitLineage.toCode, kind: unitLineage.kind })
    .from(unitLineage)
    .where(lte(unitLineage.effectiveOn, on));
  const next = new Map<string, string | null>();
  for (const r of rows) {
    const known = next.get(r.from);
    next.set(r.from, r.kind === 'split' || (known !== undefined && known !== r.to) ? null : r.to);
  }
  const today = new Map<string, string>();
  for (const from of next.keys()) {
    let code: string | null | undefined = from;
    const seen = new Set<string>();
    while (code && next.has(code) && !seen.has(code)) {
      seen.add(code);
      code = next.get(code);
    }
    if (code && code !== from) today.set(from, code);
  }
  return today;
}

/** Units valid on a date (today by default). */
export async function listUnits(db: DbOrTx, f: { parent?: string; tag?: string; on?: string }) {
  const on = f.on ?? new Date().toISOString().slice(0, 10);
  const where: SQL[] = [lte(units.validFrom, on), or(isNull(units.validTo), sql`${units.validTo} > ${on}`)!];
  if (f.parent) where.push(or(eq(units.parentCode, f.parent), eq(units.code, f.parent))!);
  if (f.tag) where.push(sql`${f.tag} = any(${units.tags})`);
  return db
    .select()
    .from(units)
    .where(and(...where))
    .orderBy(asc(units.level), asc(units.code));
}

/** The codes of every role (roles are data: procedures name the roles of their steps). */
export async function roleCodes(db: DbOrTx): Promise<string[]> {
  return (await db.select({ code: roles.code }).from(roles)).map((r) => r.code);
}

/** Active officials holding a permission through any of their roles (e.g. the feedback operators). */
export async function officialsWithPermission(db: DbOrTx, permission: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select distinct u.id from id_memberships m
        join id_roles r on r.code = m.role_code
        join id_users u on u.id = m.user_id
        where u.kind = 'official' and u.disabled_at is null and ${permission} = any(r.permissions)`,
  );
  return rows.map((r) => r.id);
}

/** The language a user chose for messages ('vi' unless they chose English). */
export async function userLanguage(db: DbOrTx, userId: string): Promise<'vi' | 'en'> {
  const [u] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return u?.locale === 'en' ? 'en' : 'vi';
}

/** An administrative unit by code, as it is named on papers. */
export async function unitByCode(db: DbOrTx, code: string) {
  const [u] = await db
    .select({ name: units.name, fullName: units.fullName, nameEn: units.nameEn, level: units.level })
    .from(units)
    .where(eq(units.code, code))
    .limit(1);
  return u;
}

/** Every active official with each of their memberships, by agency and role. */
export async function activeOfficials(db: DbOrTx) {
  return queryRows<{
    agency_id: string;
    role_code: string;
    id: string;
    full_name: string;
    title: string | null;
  }>(
    db,
    sql`select m.agency_id, m.role_code, u.id, u.full_name, u.title
        from id_memberships m join id_users u on u.id = m.user_id
        where u.kind = 'official' and u.disabled_at is null
        order by m.agency_id, m.role_code, u.email`,
  );
}
