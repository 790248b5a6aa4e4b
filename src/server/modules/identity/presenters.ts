import type { Principal } from '../../platform/access.ts';
import { allPermissions } from '../../platform/access.ts';
import type { AgencyRow, MembershipRow, UserRow } from './queries.ts';
import type { roles, units } from './tables.ts';

// Allow-lists of what leaves the server: password hashes, TOTP secrets and session data never do.
export function presentMembership(m: MembershipRow, lang: string) {
  return {
    agencyId: m.agencyId,
    agencyName: m.agencyName,
    agencyCode: m.agencyCode,
    roleCode: m.roleCode,
    roleName: lang === 'en' ? m.roleNameEn : m.roleName,
  };
}

export function presentUser(u: UserRow, ms: MembershipRow[], lang: string) {
  return {
    id: u.id,
    kind: u.kind,
    fullName: u.fullName,
    title: u.title,
    email: u.email,
    phone: u.phone,
    disabled: u.disabledAt !== null,
    totpEnabled: u.totpEnabledAt !== null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    memberships: ms.map((m) => presentMembership(m, lang)),
  };
}

export function presentSessionUser(
  u: UserRow,
  ms: MembershipRow[],
  principal: Principal | null,
  lang: string,
) {
  return {
    id: u.id,
    kind: u.kind,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    locale: (u.locale === 'en' ? 'en' : 'vi') as 'vi' | 'en',
    totpEnabled: u.totpEnabledAt !== null,
    totpRequired: principal?.mustSetUpTotp === true,
    memberships: ms.map((m) => presentMembership(m, lang)),
    permissions: allPermissions(principal),
  };
}

export function presentAgency(a: AgencyRow, unitName: string | null) {
  return {
    id: a.id,
    code: a.code,
    name: a.name,
    nameEn: a.nameEn,
    kind: a.kind,
    parentId: a.parentId,
    unitCode: a.unitCode,
    unitName,
    phone: a.phone,
    active: a.active,
  };
}

export function presentRole(r: typeof roles.$inferSelect) {
  return { code: r.code, name: r.name, nameEn: r.nameEn, permissions: r.permissions, builtIn: r.builtIn };
}

export function presentUnit(u: typeof units.$inferSelect) {
  return {
    code: u.code,
    level: u.level,
    name: u.name,
    fullName: u.fullName,
    nameEn: u.nameEn,
    parentCode: u.parentCode,
    validFrom: u.validFrom,
    validTo: u.validTo,
    areaKm2: u.areaKm2,
    tags: u.tags,
  };
}
