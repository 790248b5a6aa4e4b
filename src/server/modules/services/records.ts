// A read API for other modules (the DVCQG sync, the integration API): a dossier with everything that
// describes it (procedure, timeline, pauses, files, the agencies involved), loaded in a few queries
// for a whole batch of dossiers.
import { inArray, sql } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import { type DbOrTx, pgArray, queryRows } from '../../platform/db/client.ts';
import { files } from '../../platform/files/tables.ts';
import { keysetTime } from '../../platform/http/cursor.ts';
import { agencies } from '../identity/index.ts';
import {
  dossierEvents,
  dossierFiles,
  dossierPauses,
  dossiers,
  procedures,
  procedureVersions,
} from './tables.ts';

export interface DossierRecord {
  dossier: typeof dossiers.$inferSelect;
  procedure: { code: string; name: string; sectorCode: string; sectorName: string };
  definition: ProcedureDefinition;
  events: (typeof dossierEvents.$inferSelect)[];
  pauses: (typeof dossierPauses.$inferSelect)[];
  files: { fileId: string; componentKey: string; role: string; name: string; addedAt: Date }[];
  /** agency id → code and name, for every agency the dossier and its timeline mention */
  agencies: Map<string, { code: string; name: string }>;
}

/** The records of the given dossiers, in no particular order; unknown ids are left out. */
export async function loadDossierRecords(db: DbOrTx, ids: readonly string[]): Promise<DossierRecord[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(dossiers)
    .where(inArray(dossiers.id, [...ids]));
  if (rows.length === 0) return [];
  const versionIds = [...new Set(rows.map((r) => r.procedureVersionId))];
  const versions = await db
    .select({
      id: procedureVersions.id,
      definition: procedureVersions.definition,
      code: procedures.code,
      name: procedures.name,
      sectorCode: procedures.sectorCode,
      sectorName: procedures.sectorName,
    })
    .from(procedureVersions)
    .innerJoin(procedures, sql`${procedures.id} = ${procedureVersions.procedureId}`)
    .where(inArray(procedureVersions.id, versionIds));
  const byVersion = new Map(versions.map((v) => [v.id, v]));
  const dossierIds = rows.map((r) => r.id);
  const events = await db
    .select()
    .from(dossierEvents)
    .where(inArray(dossierEvents.dossierId, dossierIds))
    .orderBy(dossierEvents.dossierId, dossierEvents.id);
  const pauses = await db
    .select()
    .from(dossierPauses)
    .where(inArray(dossierPauses.dossierId, dossierIds))
    .orderBy(dossierPauses.id);
  const attached = await db
    .select({
      dossierId: dossierFiles.dossierId,
      fileId: dossierFiles.fileId,
      componentKey: dossierFiles.componentKey,
      role: dossierFiles.role,
      addedAt: dossierFiles.addedAt,
      name: files.name,
    })
    .from(dossierFiles)
    .innerJoin(files, sql`${files.id} = ${dossierFiles.fileId}`)
    .where(inArray(dossierFiles.dossierId, dossierIds));
  const agencyIds = new Set<string>();
  for (const r of rows)
    for (const id of [r.receivingAgencyId, r.competentAgencyId, r.holderAgencyId, r.helpedAgencyId])
      if (id) agencyIds.add(id);
  for (const e of events) for (const id of [e.fromAgencyId, e.toAgencyId]) if (id) agencyIds.add(id);
  const agencyRows = await queryRows<{ id: string; code: string; name: string }>(
    db,
    sql`select id, code, name from ${agencies} where id = any(${pgArray([...agencyIds])}::uuid[])`,
  );
  const agencyMap = new Map(agencyRows.map((a) => [a.id, { code: a.code, name: a.name }]));
  const group = <T extends { dossierId: string }>(list: T[]) => {
    const m = new Map<string, T[]>();
    for (const item of list) {
      const l = m.get(item.dossierId);
      if (l) l.push(item);
      else m.set(item.dossierId, [item]);
    }
    return m;
  };
  const eventsBy = group(events);
  const pausesBy = group(pauses);
  const filesBy = group(attached);
  return rows.flatMap((d) => {
    const v = byVersion.get(d.procedureVersionId);
    if (!v) return [];
    return [
      {
        dossier: d,
        procedure: { code: v.code, name: v.name, sectorCode: v.sectorCode, sectorName: v.sectorName },
        definition: v.definition,
        events: eventsBy.get(d.id) ?? [],
        pauses: pausesBy.get(d.id) ?? [],
        files: (filesBy.get(d.id) ?? []).map(({ dossierId: _d, ...f }) => f),
        agencies: agencyMap,
      },
    ];
  });
}

/** Coded dossiers (accepted at some point) received in [from, to), as id, code and revision. */
export async function codedDossiersReceivedBetween(
  db: DbOrTx,
  from: Date,
  to: Date,
): Promise<{ id: string; code: string; revision: number; status: number }[]> {
  return queryRows(
    db,
    sql`select id, code, revision, status from ${dossiers}
        where code is not null and accepted_at >= ${from.toISOString()}::timestamptz
          and accepted_at < ${to.toISOString()}::timestamptz
        order by code`,
  );
}

/** The code and revision of one dossier (null when it has no code yet). */
export async function dossierRevision(
  db: DbOrTx,
  id: string,
): Promise<{ code: string | null; revision: number; acceptedAt: Date | null } | undefined> {
  const [row] = await db
    .select({ code: dossiers.code, revision: dossiers.revision, acceptedAt: dossiers.acceptedAt })
    .from(dossiers)
    .where(sql`${dossiers.id} = ${id}`);
  return row;
}

export interface DossierSummaryForApi {
  id: string;
  code: string;
  procedureCode: string;
  status: number;
  channel: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  receivingAgencyCode: string;
  competentAgencyCode: string;
  holderAgencyCode: string;
  revision: number;
  updatedAt: Date;
  /** updated_at to the microsecond, for the keyset cursor */
  updatedAtExact: string;
}

/**
 * Coded dossiers that concern an agency subtree (held, received or decided there), changed at or after
 * `changedSince`, in (updatedAt, id) order after the keyset cursor; or the one with `code`.
 */
export async function dossiersForAgencySubtree(
  db: DbOrTx,
  q: {
    pathPrefix: string;
    code?: string;
    changedSince?: Date;
    /** the last row handed out: its updated_at to the microsecond (as `updatedAtExact`) and id */
    after?: { updatedAt: string; id: string };
    limit: number;
  },
): Promise<DossierSummaryForApi[]> {
  const like = `${q.pathPrefix.replace(/[%_\\]/g, '\\$&')}%`;
  return queryRows<DossierSummaryForApi>(
    db,
    sql`select d.id, d.code, p.code as "procedureCode", d.status, d.channel, d.submitted_at as "submittedAt",
          d.accepted_at as "acceptedAt", d.due_at as "dueAt", d.finished_at as "finishedAt",
          d.returned_at as "returnedAt", r.code as "receivingAgencyCode", c.code as "competentAgencyCode",
          h.code as "holderAgencyCode", d.revision, d.updated_at as "updatedAt",
          ${keysetTime(sql`d.updated_at`)} as "updatedAtExact"
        from ${dossiers} d
        join ${procedures} p on p.id = d.procedure_id
        join ${agencies} r on r.id = d.receiving_agency_id
        join ${agencies} c on c.id = d.competent_agency_id
        join ${agencies} h on h.id = d.holder_agency_id
        where d.code is not null
          and (d.holder_agency_path like ${like} or r.path like ${like} or c.path like ${like})
          ${q.code ? sql`and d.code = ${q.code}` : sql``}
          ${q.changedSince ? sql`and d.updated_at >= ${q.changedSince.toISOString()}::timestamptz` : sql``}
          ${q.after ? sql`and (d.updated_at, d.id) > (${q.after.updatedAt}::timestamptz, ${q.after.id}::uuid)` : sql``}
        order by d.updated_at, d.id
        limit ${q.limit}`,
  );
}

/** The timeline of one dossier, without the names of the officials. */
export async function dossierTimelineForApi(db: DbOrTx, dossierId: string) {
  return queryRows<{
    at: Date;
    action: string;
    fromStatus: number | null;
    toStatus: number;
    step: string | null;
    agencyCode: string | null;
    timeliness: string | null;
  }>(
    db,
    sql`select e.at, e.action, e.from_status as "fromStatus", e.to_status as "toStatus", e.to_step as step,
          a.code as "agencyCode", e.step_timeliness as timeliness
        from ${dossierEvents} e left join ${agencies} a on a.id = e.to_agency_id
        where e.dossier_id = ${dossierId} order by e.id`,
  );
}

/** Published procedures (code, name, sector), for other systems. */
export async function procedureList(db: DbOrTx) {
  return db
    .select({
      code: procedures.code,
      name: procedures.name,
      sectorCode: procedures.sectorCode,
      sectorName: procedures.sectorName,
      active: procedures.active,
    })
    .from(procedures)
    .orderBy(procedures.code);
}

/** The agency paths a dossier concerns: where it is held, where it was received, who decides. */
export async function dossierAgencyPaths(db: DbOrTx, id: string): Promise<string[]> {
  const rows = await queryRows<{ holder: string; receiving: string | null; competent: string | null }>(
    db,
    sql`select d.holder_agency_path as holder, r.path as receiving, c.path as competent
        from ${dossiers} d
        left join ${agencies} r on r.id = d.receiving_agency_id
        left join ${agencies} c on c.id = d.competent_agency_id
        where d.id = ${id}`,
  );
  const row = rows[0];
  return row ? [row.holder, row.receiving, row.competent].filter((p): p is string => !!p) : [];
}
