// Who sees which figures: `stats.read` over an agency subtree. An agency sees its own subtree only;
// holders at the root (the city leader, administrators) see the whole city.
import { sql } from 'drizzle-orm';
import { type Principal, scopePaths } from '../../platform/access.ts';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listAgencies } from '../identity/index.ts';
import type { Slice } from './queries.ts';

export interface SliceQuery {
  agencyId?: string | undefined;
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
  new AppError('validation', {}, [{ field: `querystring.${field}`, key }]);

/**
 * The slice a caller asked for, narrowed to what they may see: null paths (the city) only for a
 * holder at the root; an agency outside the caller's subtrees is refused.
 * `principal` null = the public page (the whole city, no drill-down).
 */
export async function resolveSlice(
  db: DbOrTx,
  principal: Principal | null,
  q: SliceQuery,
): Promise<{ slice: Slice; agencies: AgencyInfo[] }> {
  const agencies = await allAgencies(db);
  const root = agencies.find((a) => a.parentId === null);
  const scopes = principal ? scopePaths(principal, 'stats.read') : [root?.path ?? '/'];
  if (scopes.length === 0) throw new AppError('forbidden');
  let paths = scopes;
  if (q.agencyId) {
    const a = agencies.find((x) => x.id === q.agencyId);
    if (!a) throw fieldError('agencyId');
    if (!scopes.some((s) => a.path.startsWith(s))) throw new AppError('forbidden');
    paths = [a.path];
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
