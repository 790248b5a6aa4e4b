// Reads of the statistics: counts for a period and slice (rollup + pending deltas, plus the open
// dossiers for "as of now"), the indicators and points computed from them, rankings and drill-downs.
import { sql, type SQL } from 'drizzle-orm';
import type { Figure } from '../../../contracts/stats.ts';
import { type Db, type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { RECEIVED_GROUPS } from './classify.ts';
import type { Period } from './period.ts';
import { COMPONENTS, type ComponentKey, GROUP_OF, type StatsSettings } from './settings.ts';

/**
 * Runs the reads of one answer in a read-only transaction without JIT: the planner's cost of a year's
 * rollup passes PostgreSQL's JIT threshold, and compiling would cost more than the query itself.
 */
export function statsRead<T>(db: Db, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return fn(tx);
  });
}

/** What to count: agency ids (a subtree, a commune) resolved by the caller; null = the whole city. */
export interface Slice {
  agencyIds: string[] | null;
  procedureId?: string | undefined;
  sectorCode?: string | undefined;
  channel?: string | undefined;
}

export type Dimension = 'agency' | 'procedure' | 'sector' | 'channel' | 'month';

export const COUNT_KEYS = [
  'receivedNew',
  'carriedOver',
  'pending',
  'refused',
  'cancelled',
  'early',
  'onTime',
  'late',
  'withdrawn',
  'stopped',
  'endedOk',
  'endedLate',
  'within',
  'over',
  'paused',
  'finished',
  'minutes',
  'onlineEligible',
  'onlineFull',
  'eResultDue',
  'eResult',
  'digitised',
  'feeBearing',
  'paidOnline',
  'rated',
  'ratingSum',
  'satisfied',
  'complaints',
  'synced',
] as const;
export type CountKey = (typeof COUNT_KEYS)[number];
export type Counts = Record<CountKey, number>;

export const emptyCounts = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as Counts;

const ROLLUP_COLUMNS = sql.raw(`recv_month, end_month, due_month, agency_id, procedure_id, sector_code,
  channel, grp, timeliness, multi_supplement, n, minutes, online_eligible, online_full, e_result_due, e_result,
  digitised, fee_bearing, paid_online, rated, rating_sum, satisfied, complaints, synced`);
const CITY_COLUMNS = sql.raw(`recv_month, end_month, due_month, grp, timeliness, multi_supplement, n,
  minutes, online_eligible, online_full, e_result_due, e_result, digitised, fee_bearing, paid_online, rated,
  rating_sum, satisfied, complaints, synced`);
const R = sql.raw(`(${RECEIVED_GROUPS.map((g) => `'${g}'`).join(',')})`);
const uuidArray = (ids: string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

function sliceWhere(s: Slice): SQL[] {
  const w: SQL[] = [];
  if (s.agencyIds) w.push(sql`agency_id = any(${uuidArray(s.agencyIds)})`);
  if (s.procedureId) w.push(sql`procedure_id = ${s.procedureId}::uuid`);
  if (s.sectorCode) w.push(sql`sector_code = ${s.sectorCode}`);
  if (s.channel) w.push(sql`channel = ${s.channel}`);
  return w;
}

const dimExpr = (d: Dimension | null) =>
  d === 'agency'
    ? sql`agency_id::text`
    : d === 'procedure'
      ? sql`procedure_id::text`
      : d === 'sector'
        ? sql`sector_code`
        : d === 'channel'
          ? sql`channel`
          : d === 'month'
            ? sql`recv_month::text`
            : sql`''`;

/** Whether the period reaches past `now`: then "open at the end" means open now, read from the open dossiers. */
export const isCurrent = (p: Period, now: Date) => p.end.getTime() > now.getTime();

/**
 * Where a row stands against the period, the terms every figure is built from. On months (the rollup's
 * key, and the facts' month columns) or on instants (the facts' timestamps, for periods of days). For a
 * period of whole months both say the same: a month column is at most m2 exactly when its instant is
 * before the period's end.
 */
interface Bounds {
  /** received inside the period */
  inRecv: SQL;
  /** ended inside the period */
  inEnd: SQL;
  /** received before the period starts */
  recvBefore: SQL;
  /** not ended before the period starts (ended in it or later, or open) */
  notEndedBefore: SQL;
  /** received before the period ends */
  recvByEnd: SQL;
  /** not ended by the period's end (ended later, or open) */
  openAtEnd: SQL;
  /** due before the period's end */
  dueByEnd: SQL;
}

function monthBounds(p: Period): Bounds {
  const m1 = p.from;
  const m2 = p.to;
  return {
    inRecv: sql`recv_month between ${m1} and ${m2}`,
    inEnd: sql`end_month between ${m1} and ${m2}`,
    recvBefore: sql`recv_month < ${m1}`,
    notEndedBefore: sql`end_month >= ${m1}`,
    recvByEnd: sql`recv_month <= ${m2}`,
    openAtEnd: sql`end_month > ${m2}`,
    dueByEnd: sql`due_month between 1 and ${m2}`,
  };
}

/** On the facts' instants: exact to the minute, for any range of days. Null-safe (open rows have no end). */
function instantBounds(p: Period): Bounds {
  const start = sql`${p.start.toISOString()}::timestamptz`;
  const end = sql`${p.end.toISOString()}::timestamptz`;
  return {
    inRecv: sql`(received_at >= ${start} and received_at < ${end})`,
    inEnd: sql`(ended_at is not null and ended_at >= ${start} and ended_at < ${end})`,
    recvBefore: sql`received_at < ${start}`,
    notEndedBefore: sql`(ended_at is null or ended_at >= ${start})`,
    recvByEnd: sql`received_at < ${end}`,
    openAtEnd: sql`(ended_at is null or ended_at >= ${end})`,
    dueByEnd: sql`(due_at is not null and due_at < ${end})`,
  };
}

/** The bounds drill-downs use on the facts: month columns for month periods, instants for days. */
const factBounds = (p: Period) => (p.unit === 'month' ? monthBounds(p) : instantBounds(p));

/** A fact as a rollup row (n = 1) with its instants: the same sums then count rollup rows and facts alike. */
const FACTS_AS_ROLLUP = sql.raw(`received_at, ended_at, due_at, recv_month, agency_id, procedure_id,
  sector_code, channel, grp, timeliness, multi_supplement, 1 as n, processing_minutes as minutes,
  online_eligible::int as online_eligible, online_full::int as online_full, e_result_due::int as e_result_due,
  e_result::int as e_result, digitised::int as digitised, fee_bearing::int as fee_bearing,
  paid_online::int as paid_online, (rating is not null)::int as rated, coalesce(rating, 0) as rating_sum,
  coalesce((rating >= 4)::int, 0) as satisfied, complaint::int as complaints, synced::int as synced`);

/**
 * The counts of a period for a slice, optionally per dimension value. Finished, ended and received
 * figures come from the rollup; dossiers open at the period's end from the rollup's due month (a
 * past period) or from the open dossiers' exact due dates (a period still running). A period of days
 * reads the facts instead, with the same formulas on instants; `source` forces either (tests compare them).
 */
export async function periodCounts(
  db: DbOrTx,
  p: Period,
  slice: Slice,
  now: Date,
  dim: Dimension | null = null,
  source: 'rollup' | 'facts' = p.unit === 'month' ? 'rollup' : 'facts',
): Promise<Map<string, Counts>> {
  const b = source === 'rollup' ? monthBounds(p) : instantBounds(p);
  const current = isCurrent(p, now);
  const openAtEnd = sql`grp in ${R} and ${b.recvByEnd} and ${b.openAtEnd}`;
  const overPast = sql`(multi_supplement or ${b.dueByEnd})`;
  const where = [b.recvByEnd, b.notEndedBefore, ...sliceWhere(slice)];
  const rows = await queryRows<Record<string, string | number>>(
    db,
    sql`select ${dimExpr(dim)} as k,
      ${countColumns(b, current, openAtEnd, overPast)}
    from (${source === 'rollup' ? rollupSource(slice, dim, where) : factsSource(where)}) x
    group by 1`,
  );
  const out = new Map<string, Counts>();
  for (const r of rows) {
    const c = emptyCounts();
    for (const k of COUNT_KEYS) c[k] = Number(r[k] ?? 0);
    out.set(String(r.k), c);
  }
  if (current) {
    // Open now: within or over the deadline as of now; paused dossiers' clocks are stopped.
    const open = await queryRows<{ k: string; within: number; over: number; paused: number }>(
      db,
      sql`select ${dimExpr(dim)} as k,
          count(*) filter (where not (multi_supplement or (grp = 'in_progress' and due_at < ${now.toISOString()}::timestamptz)))::int as within,
          count(*) filter (where multi_supplement or (grp = 'in_progress' and due_at < ${now.toISOString()}::timestamptz))::int as over,
          count(*) filter (where grp = 'paused')::int as paused
        from stats_dossier_facts
        where end_month = 999912 and grp in ('in_progress', 'paused') and ${factBounds(p).recvByEnd}
          ${sliceWhere(slice).length ? sql`and ${sql.join(sliceWhere(slice), sql` and `)}` : sql``}
        group by 1`,
    );
    for (const o of open) {
      const c = out.get(String(o.k)) ?? emptyCounts();
      c.within = Number(o.within);
      c.over = Number(o.over);
      c.paused = Number(o.paused);
      out.set(String(o.k), c);
    }
  }
  return out;
}

/** The rollup rows of a period (folded rows and pending deltas); the city rollup when nothing narrows it. */
function rollupSource(slice: Slice, dim: Dimension | null, where: SQL[]): SQL {
  // The whole city without a breakdown reads the city rollup (no agency, procedure or channel in its key).
  const whole = !slice.agencyIds && !slice.procedureId && !slice.sectorCode && !slice.channel && dim === null;
  const source = sql.raw(whole ? 'stats_rollup_city' : 'stats_rollup');
  const columns = whole ? CITY_COLUMNS : ROLLUP_COLUMNS;
  const w = sql.join(where, sql` and `);
  return sql`select ${columns} from ${source} where ${w}
      union all
      select ${columns} from stats_rollup_deltas where ${w}`;
}

/** The facts of the dossiers alive during a period, as rollup rows. */
const factsSource = (where: SQL[]) =>
  sql`select ${FACTS_AS_ROLLUP} from stats_dossier_facts where ${sql.join(where, sql` and `)}`;

/** The sums of every count, over rollup rows or facts shaped as rollup rows. */
function countColumns(b: Bounds, current: boolean, openAtEnd: SQL, overPast: SQL): SQL {
  const s = (cond: SQL, col = 'n') => sql`coalesce(sum(${sql.raw(col)}) filter (where ${cond}), 0)::bigint`;
  const finishedIn = sql`grp = 'finished' and ${b.inEnd}`;
  const newlyReceived = sql`grp in ${R} and ${b.inRecv}`;
  return sql`${s(newlyReceived)} as "receivedNew",
      ${s(sql`grp in ${R} and ${b.recvBefore} and ${b.notEndedBefore}`)} as "carriedOver",
      ${s(sql`grp = 'pending' and ${b.inRecv}`)} as "pending",
      ${s(sql`grp = 'refused' and ${b.inEnd}`)} as "refused",
      ${s(sql`grp = 'cancelled' and ${b.inEnd}`)} as "cancelled",
      ${s(sql`${finishedIn} and timeliness = 'early'`)} as "early",
      ${s(sql`${finishedIn} and timeliness = 'on_time'`)} as "onTime",
      ${s(sql`${finishedIn} and timeliness = 'late'`)} as "late",
      ${s(sql`grp = 'withdrawn' and ${b.inEnd}`)} as "withdrawn",
      ${s(sql`grp = 'stopped' and ${b.inEnd}`)} as "stopped",
      ${s(sql`grp in ('withdrawn', 'stopped') and ${b.inEnd} and timeliness <> 'late'`)} as "endedOk",
      ${s(sql`grp in ('withdrawn', 'stopped') and ${b.inEnd} and timeliness = 'late'`)} as "endedLate",
      ${current ? sql`0` : s(sql`${openAtEnd} and not ${overPast}`)} as "within",
      ${current ? sql`0` : s(sql`${openAtEnd} and ${overPast}`)} as "over",
      ${s(finishedIn)} as "finished",
      ${s(finishedIn, 'minutes')} as "minutes",
      ${s(newlyReceived, 'online_eligible')} as "onlineEligible",
      ${s(newlyReceived, 'online_full')} as "onlineFull",
      ${s(finishedIn, 'e_result_due')} as "eResultDue",
      ${s(finishedIn, 'e_result')} as "eResult",
      ${s(newlyReceived, 'digitised')} as "digitised",
      ${s(newlyReceived, 'fee_bearing')} as "feeBearing",
      ${s(newlyReceived, 'paid_online')} as "paidOnline",
      ${s(finishedIn, 'rated')} as "rated",
      ${s(finishedIn, 'rating_sum')} as "ratingSum",
      ${s(finishedIn, 'satisfied')} as "satisfied",
      ${s(newlyReceived, 'complaints')} as "complaints",
      ${s(newlyReceived, 'synced')} as "synced"`;
}

export function sumCounts(all: Iterable<Counts>): Counts {
  const total = emptyCounts();
  for (const c of all) for (const k of COUNT_KEYS) total[k] += c[k];
  return total;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export interface Indicators {
  received: number;
  /** on time or early (finished, withdrawn, stopped) + open within the deadline, over received */
  progress: number | null;
  lateRate: number | null;
  complaintRate: number | null;
  satisfactionRate: number | null;
  online: number | null;
  eResult: number | null;
  digitised: number | null;
  paymentOnline: number | null;
  averageRating: number | null;
  satisfiedShare: number | null;
  averageProcessingDays: number | null;
  syncCoverage: number | null;
}

export function indicatorsOf(c: Counts): Indicators {
  const received = c.receivedNew + c.carriedOver;
  const lateRate = ratio(c.late + c.endedLate + c.over, received);
  const complaintRate = ratio(c.complaints, c.receivedNew);
  return {
    received,
    progress: ratio(c.early + c.onTime + c.endedOk + c.within, received),
    lateRate,
    complaintRate,
    satisfactionRate: lateRate === null ? null : 1 - lateRate - (complaintRate ?? 0),
    online: ratio(c.onlineFull, c.onlineEligible),
    eResult: ratio(c.eResult, c.eResultDue),
    digitised: ratio(c.digitised, c.receivedNew),
    paymentOnline: ratio(c.paidOnline, c.feeBearing),
    averageRating: ratio(c.ratingSum, c.rated),
    satisfiedShare: ratio(c.satisfied, c.rated),
    averageProcessingDays: c.finished > 0 ? c.minutes / c.finished / 1440 : null,
    syncCoverage: ratio(c.synced, c.receivedNew),
  };
}

export interface ComponentScore {
  key: ComponentKey;
  group: string;
  maxPoints: number;
  measured: boolean;
  /** the share earned (0–1), null when not measured or nothing to measure */
  share: number | null;
  points: number | null;
}

export interface Score {
  total: number;
  /** the points the measured components with data could earn */
  measuredMax: number;
  components: ComponentScore[];
  groups: { group: string; points: number; maxPoints: number; measuredMax: number }[];
}

const round2 = (v: number) => Math.round(v * 100) / 100;

export function scoreOf(ind: Indicators, s: StatsSettings): Score {
  const shareOf: Partial<Record<ComponentKey, number | null>> = {
    progress: ind.progress,
    online: ind.online,
    payment_share: ind.paymentOnline,
    e_result: ind.eResult,
    digitised: ind.digitised,
    satisfaction_rate:
      ind.satisfactionRate === null
        ? null
        : Math.max(0, Math.min(1, ind.satisfactionRate / s.satisfactionFullAt)),
    sync: ind.syncCoverage,
  };
  const components = COMPONENTS.map((key): ComponentScore => {
    const cfg = s.components[key];
    const share = cfg.measured ? (shareOf[key] ?? null) : null;
    return {
      key,
      group: GROUP_OF[key],
      maxPoints: cfg.points,
      measured: cfg.measured,
      share,
      points: share === null ? null : round2(share * cfg.points),
    };
  });
  const groups = [...new Set(components.map((c) => c.group))].map((group) => {
    const mine = components.filter((c) => c.group === group);
    return {
      group,
      points: round2(mine.reduce((a, c) => a + (c.points ?? 0), 0)),
      maxPoints: mine.reduce((a, c) => a + c.maxPoints, 0),
      measuredMax: mine.reduce((a, c) => a + (c.points === null ? 0 : c.maxPoints), 0),
    };
  });
  return {
    total: round2(components.reduce((a, c) => a + (c.points ?? 0), 0)),
    measuredMax: components.reduce((a, c) => a + (c.points === null ? 0 : c.maxPoints), 0),
    components,
    groups,
  };
}

// ---- drill-down ------------------------------------------------------------------------------

export type { Figure };

/** The facts predicate of a figure: the same definitions as `periodCounts`, row by row. */
export function figureWhere(f: Figure, p: Period, now: Date): SQL {
  const b = factBounds(p);
  const current = isCurrent(p, now);
  const nowIso = now.toISOString();
  const overNow = sql`(multi_supplement or (grp = 'in_progress' and due_at < ${nowIso}::timestamptz))`;
  const openNow = sql`end_month = 999912 and grp in ('in_progress', 'paused') and ${b.recvByEnd}`;
  const openAtEnd = sql`grp in ${R} and ${b.recvByEnd} and ${b.openAtEnd}`;
  const overPast = sql`(multi_supplement or ${b.dueByEnd})`;
  const over = current ? sql`(${openNow} and ${overNow})` : sql`(${openAtEnd} and ${overPast})`;
  const within = current ? sql`(${openNow} and not ${overNow})` : sql`(${openAtEnd} and not ${overPast})`;
  const inEnd = b.inEnd;
  const finishedIn = sql`(grp = 'finished' and ${inEnd})`;
  const newly = sql`(grp in ${R} and ${b.inRecv})`;
  const carried = sql`(grp in ${R} and ${b.recvBefore} and ${b.notEndedBefore})`;
  switch (f) {
    case 'received':
      return sql`(${newly} or ${carried})`;
    case 'received_new':
      return newly;
    case 'carried_over':
      return carried;
    case 'pending':
      return sql`(grp = 'pending' and ${b.inRecv})`;
    case 'refused':
    case 'cancelled':
    case 'withdrawn':
    case 'stopped':
      return sql`(grp = ${f} and ${inEnd})`;
    case 'early':
    case 'on_time':
    case 'late':
      return sql`(${finishedIn} and timeliness = ${f})`;
    case 'finished':
      return finishedIn;
    case 'within':
      return within;
    case 'over':
      return over;
    case 'paused':
      return current ? sql`(${openNow} and grp = 'paused')` : sql`false`;
    case 'cost_progress':
      return sql`((grp in ('finished', 'withdrawn', 'stopped') and ${inEnd} and timeliness = 'late') or ${over})`;
    case 'cost_online':
      return sql`(${newly} and online_eligible and not online_full)`;
    case 'cost_e_result':
      return sql`(${finishedIn} and e_result_due and not e_result)`;
    case 'cost_digitised':
      return sql`(${newly} and not digitised)`;
    case 'cost_payment':
      return sql`(${newly} and fee_bearing and not paid_online)`;
  }
}

export interface DrillRow {
  dossierId: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  agencyName: string;
  channel: string;
  status: number;
  receivedAt: string;
  dueAt: string | null;
  endedAt: string | null;
  timeliness: string;
  multiSupplement: boolean;
}

export async function drillDown(
  db: DbOrTx,
  p: Period,
  slice: Slice,
  figure: Figure,
  now: Date,
  page: { limit: number; offset: number },
): Promise<{ total: number; items: DrillRow[] }> {
  // Every figure lies among the dossiers alive during the period (the rows `periodCounts` reads). The
  // matching ids are found first (materialized: walking the received_at index in page order, hoping
  // to meet matches early, took half a second for a department), then only the page's rows are read.
  // For an agency's timeliness figures the count and the ids come from the stats_facts_drill index alone.
  const b = factBounds(p);
  const where = sql.join(
    [figureWhere(figure, p, now), b.recvByEnd, b.notEndedBefore, ...sliceWhere(slice)],
    sql` and `,
  );
  const [{ total }] = (await queryRows<{ total: number }>(
    db,
    sql`select count(*)::int as total from stats_dossier_facts where ${where}`,
  )) as [{ total: number }];
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with matched as materialized (
        select dossier_id, received_at from stats_dossier_facts where ${where}),
      page as (select dossier_id from matched order by received_at, dossier_id limit ${page.limit} offset ${page.offset})
      select f.dossier_id, f.code, p.code as procedure_code, p.name as procedure_name, a.name as agency_name,
        f.channel, f.status, f.received_at, f.due_at, f.ended_at, f.timeliness,
        f.multi_supplement
      from page join stats_dossier_facts f on f.dossier_id = page.dossier_id
      join svc_procedures p on p.id = f.procedure_id
      join id_agencies a on a.id = f.agency_id
      order by f.received_at, f.dossier_id`,
  );
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  return {
    total: Number(total),
    items: rows.map((r) => ({
      dossierId: String(r.dossier_id),
      code: (r.code as string | null) ?? null,
      procedureCode: String(r.procedure_code),
      procedureName: String(r.procedure_name),
      agencyName: String(r.agency_name),
      channel: String(r.channel),
      status: Number(r.status),
      receivedAt: iso(r.received_at)!,
      dueAt: iso(r.due_at),
      endedAt: iso(r.ended_at),
      timeliness: String(r.timeliness),
      multiSupplement: Boolean(r.multi_supplement),
    })),
  };
}
