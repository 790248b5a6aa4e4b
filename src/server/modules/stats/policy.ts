// Who sees which figures: `stats.read` over an agency subtree. An agency sees its own subtree only;
// holders at the root (the city leader, administrators) see the whole city.
import { sql } from 'drizzle-orm';
import { type Principal, scopePaths } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listAgencies } from '../identity/index.ts';
import { type Period, parsePeriod } from './period.ts';
import { isCurrent, type Slice } from './queries.ts';

export interface SliceQuery {
  agencyId?: string | undefined;
  /** the same by its electronic identifier code (the API for other systems speaks codes) */
  agencyCode?: string | undefined;
  /** a commune by its administrative unit code */
  commune?: string | undefined;
  sector?: string | undefined;
  procedure?: string | undefined;
  channel?: string | undefined;
}

export interface AgencyInfo {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  path: string;
  parentId: string | null;
  unitCode: string;
}

export async function allAgencies(db: DbOrTx): Promise<AgencyInfo[]> {
  return (await listAgencies(db)).map(({ agency: a }) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    nameEn: a.nameEn,
    kind: a.kind,
    path: a.path,
    parentId: a.parentId,
    unitCode: a.unitCode,
  }));
}

const fieldError = (field: string, key = 'field.not_found') =>
  new AppError('validation', {}, [{ field: `query.${field}`, key }]);

/**
 * The slice a caller asked for, narrowed to what they may see: null paths (the city) only for a
 * holder at the root; an agency outside the caller's subtrees is refused.
 * `principal` null = the public page (the whole city, no drill-down). `permission` is `stats.read` for
 * people and the `stats:read` scope for API clients (ADR 10: scopes are permissions over the client's subtree).
 */
export async function resolveSlice(
  db: DbOrTx,
  principal: Principal | null,
  q: SliceQuery,
  permission = 'stats.read',
): Promise<{ slice: Slice; agencies: AgencyInfo[]; agency: AgencyInfo | undefined }> {
  const agencies = await allAgencies(db);
  const root = agencies.find((a) => a.parentId === null);
  const scopes = principal ? scopePaths(principal, permission) : [root?.path ?? '/'];
  if (scopes.length === 0) throw new AppError('forbidden');
  let paths = scopes;
  let agency: AgencyInfo | undefined;
  if (q.agencyId || q.agencyCode) {
    agency = q.agencyId
      ? agencies.find((x) => x.id === q.agencyId)
      : agencies.find((x) => x.code === q.agencyCode);
    if (!agency) throw fieldError(q.agencyId ? 'agencyId' : 'agencyCode');
    const path = agency.path;
    if (!scopes.some((s) => path.startsWith(s))) throw new AppError('forbidden');
    paths = [path];
  }
  let ids: string[] | null = null;
  const whole = root && paths.length === 1 && paths[0] === root.path;
  if (!whole) ids = agencies.filter((a) => paths.some((p) => a.path.startsWith(p))).map((a) => a.id);
  if (q.commune) {
    const commune = agencies.filter((a) => a.unitCode === q.commune && a.parentId !== null);
    if (commune.length === 0) throw fieldError('commune');
    const inCommune = new Set(
      commune.flatMap((c) => agencies.filter((a) => a.path.startsWith(c.path)).map((a) => a.id)),
    );
    ids = (ids ?? agencies.map((a) => a.id)).filter((id) => inCommune.has(id));
  }
  let procedureId: string | undefined;
  if (q.procedure) {
    const [p] = await queryRows<{ id: string }>(
      db,
      sql`select id from svc_procedures where code = ${q.procedure}`,
    );
    if (!p) throw fieldError('procedure');
    procedureId = p.id;
  }
  return {
    slice: { agencyIds: ids, procedureId, sectorCode: q.sector, channel: q.channel },
    agencies,
    agency,
  };
}

/** What one statistics request reads: the period, the slice the caller may see, and one instant for "now". */
export interface StatsRequest {
  period: Period;
  slice: Slice;
  agencies: AgencyInfo[];
  /** the agency asked for, if any */
  agency: AgencyInfo | undefined;
  now: Date;
}

/** The prologue of every statistics answer: parse the period, resolve and authorize the slice. */
export async function statsRequest(
  db: DbOrTx,
  principal: Principal | null,
  q: SliceQuery & { period: string },
  permission = 'stats.read',
): Promise<StatsRequest> {
  const period = parsePeriod(q.period);
  const { slice, agencies, agency } = await resolveSlice(db, principal, q, permission);
  return { period, slice, agencies, agency, now: new Date() };
}

/** The period as answers show it. */
export function periodView(r: Pick<StatsRequest, 'period' | 'now'>) {
  const p = r.period;
  return {
    label: p.label,
    unit: p.unit,
    from: p.from,
    to: p.to,
    firstDay: p.firstDay,
    lastDay: p.lastDay,
    current: isCurrent(p, r.now),
  };
}

/** The top-level unit (a department, a commune's People's Committee, the service centre) an agency belongs to. */
export function topUnitOf(agencies: AgencyInfo[], agencyId: string): AgencyInfo | undefined {
  const a = agencies.find((x) => x.id === agencyId);
  if (!a) return undefined;
  const ids = a.path.split('/').filter(Boolean);
  if (ids.length < 2) return a;
  return agencies.find((x) => x.id === ids[1]);
}
