import { AppError } from './errors.ts';

// Who is acting, and what they may do where. Permissions are plain strings owned by the modules;
// a membership grants its role's permissions over its agency and every agency below it (path prefix).
export interface Membership {
  agencyId: string;
  /** "/rootId/…/agencyId/" */
  agencyPath: string;
  roleCode: string;
  permissions: readonly string[];
}

export interface Principal {
  userId: string;
  kind: 'official' | 'citizen';
  fullName: string;
  locale: string;
  memberships: readonly Membership[];
  /** set when authenticated by a session cookie (CSRF applies) */
  sessionTokenHash?: string;
  csrfToken?: string;
  /** a role of theirs requires a second factor they have not set up: only TOTP set-up is open to them */
  mustSetUpTotp?: boolean;
  /** set when an API client calls with a bearer token: its id and per-minute limit (issue 4) */
  apiClient?: { id: string; rateLimitPerMinute: number };
}

export function hasPermission(p: Principal | null, permission: string): boolean {
  return !!p && p.memberships.some((m) => m.permissions.includes(permission));
}

/** Whether the principal holds `permission` over the agency at `agencyPath`. */
export function can(p: Principal | null, permission: string, agencyPath: string): boolean {
  return (
    !!p &&
    p.memberships.some((m) => m.permissions.includes(permission) && agencyPath.startsWith(m.agencyPath))
  );
}

export function requirePermission(p: Principal | null, permission: string, agencyPath?: string): Principal {
  if (!p) throw new AppError('unauthenticated');
  const ok = agencyPath === undefined ? hasPermission(p, permission) : can(p, permission, agencyPath);
  if (!ok) throw new AppError('forbidden');
  return p;
}

/** Whether the principal holds `permission` at the root of the agency tree (over the whole deployment). */
export function hasRootPermission(p: Principal | null, permission: string): boolean {
  return (
    !!p &&
    p.memberships.some((m) => m.permissions.includes(permission) && m.agencyPath.split('/').length === 3)
  );
}

/** City-wide objects (procedures, the working calendar, the unit tree, roles): the permission at the root. */
export function requireCityPermission(p: Principal | null, permission: string): Principal {
  if (!p) throw new AppError('unauthenticated');
  if (!hasRootPermission(p, permission)) throw new AppError('forbidden');
  return p;
}

/** The agency subtrees where the principal holds `permission`, for scoping list queries. */
export function scopePaths(p: Principal | null, permission: string): string[] {
  if (!p) return [];
  const paths = p.memberships.filter((m) => m.permissions.includes(permission)).map((m) => m.agencyPath);
  // Drop paths already covered by a shorter one.
  return paths.filter((path) => !paths.some((other) => other !== path && path.startsWith(other)));
}

const permissionLists = new WeakMap<Principal, string[]>();
/** Every permission the principal holds anywhere, sorted (computed once per principal). */
export function allPermissions(p: Principal | null): string[] {
  if (!p) return [];
  let list = permissionLists.get(p);
  if (!list) {
    list = [...new Set(p.memberships.flatMap((m) => m.permissions))].sort();
    permissionLists.set(p, list);
  }
  return list;
}
