// Keeping the read model true: `recordDossiersStats` runs inside every transaction that changes a
// dossier and `newDossierStats` adds a new dossier's rows to its submission statement (both registered
// with services as dossier-write contributions, ADR 13); `foldDeltas` moves the
// deltas into the rollup; `rebuildStats` recomputes everything from the raw history (ADR 11).
import { getTableColumns, type SQLWrapper, sql } from 'drizzle-orm';
import { insertRows, oneStatement } from '../../platform/db/statement.ts';
import type { WorkingCalendar } from '../../platform/calendar/index.ts';
import { type DbOrTx, pgArray, queryRows, type Tx } from '../../platform/db/client.ts';
import type { Db } from '../../platform/db/client.ts';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import { loadCalendar, type Pause, type SubmittedDossier } from '../services/index.ts';
import { classifyDossier, type DossierFact, type DossierHistory, type ProcedureFacts } from './classify.ts';
import { statsSettings } from './settings.ts';
import { dossierFacts, rollup, rollupDeltas } from './tables.ts';

type Delta = typeof rollupDeltas.$inferInsert;

/** The history of dossiers, with what classification needs, read in one statement. */
function historySql(where: ReturnType<typeof sql>) {
  return sql`select d.id, d.code, d.status, d.channel, d.procedure_id, d.procedure_version_id,
      d.competent_agency_id, a.path as agency_path, d.submitted_at, d.accepted_at, d.due_at,
      d.finished_at, d.returned_at, d.closed_at, d.result,
      -- a supplement pause opens only for an accepted dossier: requests at intake do not count (ADR 11)
      (select count(*)::int from svc_dossier_pauses sp where sp.dossier_id = d.id and sp.reason = 'supplement') as supplement_count,
      (select pa.service_level from svc_procedure_agencies pa
        where pa.procedure_id = d.procedure_id and pa.agency_id = d.receiving_agency_id) as service_level,
      (select count(*)::int from svc_dossier_files f where f.dossier_id = d.id and f.role = 'component') as component_files,
      (exists (select 1 from stats_paid_online_dossiers p where p.dossier_id = d.id)
        or exists (select 1 from svc_dossier_events e where e.dossier_id = d.id and e.action = 'confirm_payment'
              and e.data->>'method' = 'online')) as paid_online,
      (select r.score from svc_ratings r where r.dossier_id = d.id) as rating,
      exists (select 1 from stats_synced_dossiers s where s.dossier_id = d.id) as synced
    from svc_dossiers d join id_agencies a on a.id = d.competent_agency_id
    where ${where}`;
}

interface HistoryRow {
  id: string;
  code: string | null;
  status: number;
  channel: DossierHistory['channel'];
  procedure_id: string;
  procedure_version_id: string;
  competent_agency_id: string;
  agency_path: string;
  submitted_at: Date | string;
  accepted_at: Date | string | null;
  due_at: Date | string | null;
  finished_at: Date | string | null;
  returned_at: Date | string | null;
  closed_at: Date | string | null;
  supplement_count: number;
  service_level: 'full' | 'partial' | null;
  result: Record<string, unknown> | string | null;
  component_files: number;
  paid_online: boolean;
  rating: number | null;
  synced: boolean;
}

const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));

function toHistory(r: HistoryRow, pauses: readonly Pause[]): DossierHistory {
  return {
    id: r.id,
    code: r.code,
    status: Number(r.status),
    channel: r.channel,
    procedureId: r.procedure_id,
    agencyId: r.competent_agency_id,
    agencyPath: r.agency_path,
    submittedAt: date(r.submitted_at)!,
    acceptedAt: date(r.accepted_at),
    dueAt: date(r.due_at),
    finishedAt: date(r.finished_at),
    returnedAt: date(r.returned_at),
    closedAt: date(r.closed_at),
    supplementCount: Number(r.supplement_count),
    serviceLevel: r.service_level,
    result: typeof r.result === 'string' ? JSON.parse(r.result) : r.result,
    pauses,
    componentFiles: Number(r.component_files),
    paidOnline: Boolean(r.paid_online),
    rating: r.rating === null ? null : Number(r.rating),
    synced: Boolean(r.synced),
  };
}

// Procedure versions never change once published: their facts are cached for the process's life.
const versionCache = new Map<string, ProcedureFacts>();
async function procedureFacts(db: DbOrTx, versionIds: string[]): Promise<Map<string, ProcedureFacts>> {
  const missing = [...new Set(versionIds)].filter((id) => !versionCache.has(id));
  if (missing.length) {
    const rows = await queryRows<{ id: string; definition: ProcedureDefinition; sector_code: string }>(
      db,
      sql`select v.id, v.definition, p.sector_code from svc_procedure_versions v
          join svc_procedures p on p.id = v.procedure_id
          where v.id = any(${`{${missing.join(',')}}`}::uuid[])`,
    );
    for (const r of rows) {
      const def = typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition;
      versionCache.set(r.id, {
        timeLimit: def.timeLimit,
        serviceLevel: def.serviceLevel,
        result: def.result,
        fees: def.fees,
        sectorCode: r.sector_code,
      });
    }
  }
  return versionCache;
}

async function pausesFor(db: DbOrTx, ids: string[]): Promise<Map<string, Pause[]>> {
  const out = new Map<string, Pause[]>();
  if (ids.length === 0) return out;
  const rows = await queryRows<{
    dossier_id: string;
    reason: Pause['reason'];
    from: Date | string;
    to: Date | string | null;
  }>(
    db,
    sql`select dossier_id, reason, "from", "to" from svc_dossier_pauses
        where dossier_id = any(${`{${ids.join(',')}}`}::uuid[]) order by id`,
  );
  for (const r of rows) {
    const list = out.get(r.dossier_id) ?? [];
    list.push({ reason: r.reason, from: date(r.from)!, to: date(r.to) });
    out.set(r.dossier_id, list);
  }
  return out;
}

/** Classifies loaded rows (pauses are read only for those without a recorded due date). */
async function classifyRows(db: DbOrTx, cal: WorkingCalendar, rows: HistoryRow[]): Promise<DossierFact[]> {
  const versions = await procedureFacts(
    db,
    rows.map((r) => r.procedure_version_id),
  );
  const pauses = await pausesFor(
    db,
    rows.filter((r) => r.due_at === null && r.accepted_at !== null).map((r) => r.id),
  );
  const settings = statsSettings();
  return rows.map((r) =>
    classifyDossier(
      cal,
      toHistory(r, pauses.get(r.id) ?? []),
      versions.get(r.procedure_version_id)!,
      settings,
    ),
  );
}

/** A fact's contribution to the rollup, with a sign. */
export function contribution(f: DossierFact, sign: 1 | -1): Delta {
  const b = (v: boolean) => (v ? sign : 0);
  return {
    recvMonth: f.recvMonth,
    endMonth: f.endMonth,
    dueMonth: f.dueMonth,
    agencyId: f.agencyId,
    procedureId: f.procedureId,
    sectorCode: f.sectorCode,
    channel: f.channel,
    grp: f.grp,
    timeliness: f.timeliness,
    multiSupplement: f.multiSupplement,
    n: sign,
    minutes: sign * f.processingMinutes,
    onlineEligible: b(f.onlineEligible),
    onlineFull: b(f.onlineFull),
    eResultDue: b(f.eResultDue),
    eResult: b(f.eResult),
    digitised: b(f.digitised),
    feeBearing: b(f.feeBearing),
    paidOnline: b(f.paidOnline),
    rated: b(f.rating !== null),
    ratingSum: sign * (f.rating ?? 0),
    satisfied: b(f.rating !== null && f.rating >= 4),
    complaints: b(f.complaint),
    synced: b(f.synced),
  };
}

const sameContribution = (a: DossierFact, b: DossierFact) =>
  JSON.stringify(contribution(a, 1)) === JSON.stringify(contribution(b, 1));
const sameFact = (a: DossierFact, b: DossierFact) =>
  JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

let maintaining = true;
/** Off (STATS_MAINTENANCE=false) only for a bulk load followed by a rebuild, or to measure the cost. */
export function setStatsMaintenance(on: boolean): void {
  maintaining = on;
}

/**
 * The hook: re-classifies one dossier inside the caller's transaction and, when its contribution
 * changed, appends the delta (old out, new in). Two round trips: the history with the stored fact
 * (the dossier row locked, so changes of one dossier take turns), then one write. Insert-only on the
 * rollup side: concurrent dossiers never wait on each other.
 */
export async function recordDossierStats(tx: Tx, dossierId: string): Promise<void> {
  await recordDossiersStats(tx, [dossierId]);
}

/**
 * The national portal acknowledged these dossiers (first time or again): sync coverage counts them.
 * `recount: false` only where a rebuild follows (the generated history).
 */
export async function recordDossiersSynced(
  tx: Tx,
  dossierIds: readonly string[],
  opts: { recount?: boolean } = {},
): Promise<void> {
  if (dossierIds.length === 0) return;
  await tx.execute(
    sql`insert into stats_synced_dossiers (dossier_id) select unnest(${pgArray(dossierIds)}::uuid[])
        on conflict do nothing`,
  );
  if (opts.recount !== false) await recordDossiersStats(tx, dossierIds);
}

/** Money for these dossiers came in online (gateway): the online-payment component counts them. */
export async function recordDossiersPaidOnline(
  tx: Tx,
  dossierIds: readonly string[],
  opts: { recount?: boolean } = {},
): Promise<void> {
  if (dossierIds.length === 0) return;
  await tx.execute(
    sql`insert into stats_paid_online_dossiers (dossier_id) select unnest(${pgArray(dossierIds)}::uuid[])
        on conflict do nothing`,
  );
  if (opts.recount !== false) await recordDossiersStats(tx, dossierIds);
}

/** The hook for several dossiers at once (e.g. a round of DVCQG acknowledgements): the same two round trips. */
export async function recordDossiersStats(tx: Tx, dossierIds: readonly string[]): Promise<void> {
  if (!maintaining || dossierIds.length === 0) return;
  // Locked in id order, so two batches over the same dossiers cannot deadlock.
  const rows = await queryRows<HistoryRow & { stored: Record<string, unknown> | string | null }>(
    tx,
    sql`select h.*, (select to_jsonb(f) from stats_dossier_facts f where f.dossier_id = h.id) as stored
        from (${historySql(sql`d.id = any(${pgArray(dossierIds)}::uuid[])`)} order by d.id for update of d) h`,
  );
  if (rows.length === 0) return;
  const facts = await classifyRows(tx, await loadCalendar(tx), rows);
  const changed: DossierFact[] = [];
  const deltas: Delta[] = [];
  rows.forEach((row, i) => {
    const fact = facts[i]!;
    const before = row.stored === null ? null : storedFact(row.stored);
    if (before && sameFact(before, fact)) return;
    changed.push(fact);
    if (before && sameContribution(before, fact)) return;
    if (before) deltas.push(contribution(before, -1));
    deltas.push(contribution(fact, 1));
  });
  if (changed.length === 0) return;
  await tx.execute(
    oneStatement(
      {
        stats_fact: sql`${insertRows(dossierFacts, changed)} on conflict (dossier_id) do update set ${FACT_UPDATE}`,
        ...(deltas.length ? { stats_delta: insertRows(rollupDeltas, deltas) } : {}),
      },
      sql`select 1`,
    ),
  );
}

const FACT_UPDATE = sql.raw(
  Object.values(getTableColumns(dossierFacts))
    .filter((c) => c.name !== 'dossier_id')
    .map((c) => `"${c.name}" = excluded."${c.name}"`)
    .join(', '),
);

const camel = (k: string) => k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const FACT_DATES = new Set(['receivedAt', 'endedAt', 'dueAt']);

/** A stored fact read as JSON (to_jsonb): camel-case keys and dates, as `classifyDossier` returns it. */
function storedFact(json: Record<string, unknown> | string): DossierFact {
  const raw = typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : json;
  return Object.fromEntries(
    Object.entries(raw).map(([k, v]) => {
      const key = camel(k);
      return [key, FACT_DATES.has(key) && v !== null ? new Date(v as string) : v];
    }),
  ) as unknown as DossierFact;
}

/**
 * The statistics of a dossier being submitted, as inserts for the submission's own statement (ADR 12):
 * its fact and its delta, from what the submission knows (nothing is read but the procedure's facts,
 * cached per version). Equal to what `recordDossierStats` would write once the dossier is stored.
 */
export async function newDossierStats(db: DbOrTx, s: SubmittedDossier): Promise<Record<string, SQLWrapper>> {
  if (!maintaining) return {};
  const versionId = s.row.procedureVersionId;
  const versions = await procedureFacts(db, [versionId]);
  const fact = classifyDossier(
    await loadCalendar(db),
    newDossierHistory(s),
    versions.get(versionId)!,
    statsSettings(),
  );
  return {
    stats_fact: insertRows(dossierFacts, [fact]),
    stats_delta: insertRows(rollupDeltas, [contribution(fact, 1)]),
  };
}

/** What the statistics know of a dossier as it is submitted. */
function newDossierHistory({
  row: d,
  competentAgencyPath,
  componentFiles,
  receivingServiceLevel,
}: SubmittedDossier): DossierHistory {
  return {
    id: d.id,
    code: null,
    status: d.status,
    channel: d.channel,
    procedureId: d.procedureId,
    agencyId: d.competentAgencyId,
    agencyPath: competentAgencyPath,
    submittedAt: d.submittedAt,
    acceptedAt: null,
    dueAt: null,
    finishedAt: null,
    returnedAt: null,
    closedAt: null,
    supplementCount: 0,
    serviceLevel: receivingServiceLevel,
    result: null,
    pauses: [],
    componentFiles,
    paidOnline: false,
    rating: null,
    synced: false,
  };
}

const KEY = sql.raw(
  'recv_month, end_month, due_month, agency_id, procedure_id, sector_code, channel, grp, timeliness, multi_supplement',
);
const COUNTERS = [
  'n',
  'minutes',
  'online_eligible',
  'online_full',
  'e_result_due',
  'e_result',
  'digitised',
  'fee_bearing',
  'paid_online',
  'rated',
  'rating_sum',
  'satisfied',
  'complaints',
  'synced',
] as const;
const COUNTER_LIST = sql.raw(COUNTERS.join(', '));
const SUMS = sql.raw(COUNTERS.map((c) => `sum(${c}) as ${c}`).join(', '));

const CITY_KEY = sql.raw('recv_month, end_month, due_month, grp, timeliness, multi_supplement');
const addCounters = (table: string) =>
  sql.raw(COUNTERS.map((c) => `${c} = ${table}.${c} + excluded.${c}`).join(', '));

/** Moves the deltas into the rollup and the city rollup (one statement), then drops keys nothing counts any more. */
export async function foldDeltas(db: DbOrTx): Promise<number> {
  const [r] = await queryRows<{ moved: number }>(
    db,
    sql`with moved as (delete from stats_rollup_deltas returning *),
      folded as (
        insert into stats_rollup (${KEY}, ${COUNTER_LIST})
        select ${KEY}, ${SUMS} from moved group by ${KEY}
        on conflict (${KEY}) do update set ${addCounters('stats_rollup')}
        returning 1),
      city as (
        insert into stats_rollup_city (${CITY_KEY}, ${COUNTER_LIST})
        select ${CITY_KEY}, ${SUMS} from moved group by ${CITY_KEY}
        on conflict (${CITY_KEY}) do update set ${addCounters('stats_rollup_city')}
        returning 1)
      select (select count(*)::int from moved) as moved, (select count(*)::int from folded) as folded,
        (select count(*)::int from city) as city`,
  );
  await db.execute(sql`delete from stats_rollup where n = 0`);
  await db.execute(sql`delete from stats_rollup_city where n = 0`);
  return r?.moved ?? 0;
}

/**
 * Recomputes every fact and the rollup from the dossier history, in one transaction that holds the
 * read model exclusively (dossier transactions wait for it, so nothing is counted twice or lost).
 */
export async function rebuildStats(
  db: Db,
  opts: { batchSize?: number; log?: (line: string) => void } = {},
): Promise<{ dossiers: number; rollupRows: number; ms: number }> {
  const started = performance.now();
  const pagesPerBatch = opts.batchSize ?? 1000;
  // One snapshot for the whole rebuild: the heap is read in physical order (TID ranges, sequential
  // I/O instead of one random page per dossier), and a row a concurrent change moves is seen once.
  return db.transaction(
    async (tx) => {
      // Batches of a cheap indexed query look expensive to the planner: JIT compiling each costs ~1 s.
      await tx.execute(sql`set local jit = off`);
      await tx.execute(
        sql`lock table stats_dossier_facts, stats_rollup, stats_rollup_city, stats_rollup_deltas in access exclusive mode`,
      );
      await tx.execute(sql`delete from stats_rollup_deltas`);
      await tx.execute(sql`delete from stats_rollup_city`);
      await tx.execute(sql`delete from stats_rollup`);
      await tx.execute(sql`delete from stats_dossier_facts`);
      const cal = await loadCalendar(tx);
      const [{ pages }] = (await queryRows<{ pages: number }>(
        tx,
        sql`select (pg_relation_size('svc_dossiers') / current_setting('block_size')::int)::int as pages`,
      )) as [{ pages: number }];
      let total = 0;
      let logged = 0;
      for (let page = 0; page < pages; page += pagesPerBatch) {
        const rows = await queryRows<HistoryRow>(
          tx,
          historySql(sql`d.ctid >= ${`(${page},0)`}::tid and d.ctid < ${`(${page + pagesPerBatch},0)`}::tid`),
        );
        const facts = await classifyRows(tx, cal, rows);
        if (facts.length) await tx.execute(insertRows(dossierFacts, facts));
        total += rows.length;
        if (total - logged >= 250_000) {
          logged = total;
          opts.log?.(`  ${total.toLocaleString('en-US')} dossiers classified`);
        }
      }
      await tx.execute(sql`insert into stats_rollup (${KEY}, ${COUNTER_LIST})
      select ${KEY}, count(*), sum(processing_minutes),
        count(*) filter (where online_eligible), count(*) filter (where online_full),
        count(*) filter (where e_result_due), count(*) filter (where e_result),
        count(*) filter (where digitised), count(*) filter (where fee_bearing),
        count(*) filter (where paid_online), count(rating), coalesce(sum(rating), 0),
        count(*) filter (where rating >= 4), count(*) filter (where complaint),
        count(*) filter (where synced)
      from stats_dossier_facts group by ${KEY}`);
      await tx.execute(sql`insert into stats_rollup_city (${CITY_KEY}, ${COUNTER_LIST})
      select ${CITY_KEY}, ${SUMS} from stats_rollup group by ${CITY_KEY}`);
      const [{ n }] = (await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from stats_rollup`,
      )) as [{ n: number }];
      return { dossiers: total, rollupRows: n, ms: Math.round(performance.now() - started) };
    },
    { isolationLevel: 'repeatable read' },
  );
}

/** The rollup and the city rollup as queries see them (folded rows plus pending deltas), for checks. */
export async function rollupSnapshot(db: DbOrTx): Promise<Record<string, unknown>[][]> {
  return [
    await queryRows(
      db,
      sql`select ${KEY}, ${SUMS} from (
          select ${KEY}, ${COUNTER_LIST} from stats_rollup
          union all select ${KEY}, ${COUNTER_LIST} from stats_rollup_deltas) x
        group by ${KEY} having sum(n) <> 0 order by ${KEY}`,
    ),
    await queryRows(
      db,
      sql`select ${CITY_KEY}, ${SUMS} from (
          select ${CITY_KEY}, ${COUNTER_LIST} from stats_rollup_city
          union all select ${CITY_KEY}, ${COUNTER_LIST} from stats_rollup_deltas) x
        group by ${CITY_KEY} having sum(n) <> 0 order by ${CITY_KEY}`,
    ),
  ];
}

export { rollup };
