// Figures of the feedback desk for a period: volume, on time and satisfaction, for the city and by
// agency, commune and category, with fair rankings (only units with at least a minimum volume are
// ranked) and a hotspot grid. The operations centre reads the same figures as indicators.
//
// Definitions (ADR 14, amended):
// - received: reports submitted in the period, duplicates merged into another report not counted;
// - measured: routed reports whose deadline has come or which the agency has answered; on time: of the
//   measured, those whose last answer came no later than the (current) deadline; a report still with
//   the agency after its deadline counts as late; one still within its deadline is not yet measured;
// - satisfaction: ratings given in the period, satisfied over all (each follower's rating counts);
// - communes: today's units: a report keeps the unit version it was routed under, and its figures count
//   toward the unit that unit was merged into or renamed to since (the units' lineage); a split unit
//   keeps its own line.
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { WITH_AGENCY } from './lifecycle.ts';
import { agencies, allCategories, todaysUnits } from './reference.ts';

export interface StatsPeriod {
  from: Date;
  to: Date;
}

export interface Figures {
  received: number;
  open: number;
  overdueOpen: number;
  measured: number;
  onTime: number;
  /** on time over measured, in percent with one decimal; null when nothing was measured */
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
}

export interface RankedRow extends Figures {
  key: string;
  name: string;
  nameEn: string;
  /** 1 for the best; null when below the minimum volume (shown, not ranked) */
  rank: number | null;
}

export interface FeedbackStatistics {
  from: string;
  to: string;
  minVolume: number;
  city: Figures;
  agencies: RankedRow[];
  communes: RankedRow[];
  categories: RankedRow[];
}

/** Reports below this many received in the period are listed but not ranked (a fair comparison). */
export const DEFAULT_MIN_VOLUME = 10;

const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const withAgency = sql.raw(WITH_AGENCY.map((s) => `'${s}'`).join(','));

interface Row {
  agency_id: string | null;
  unit_code: string | null;
  category_id: string | null;
  g_agency: number;
  g_unit: number;
  g_category: number;
  received: number;
  open: number;
  overdue_open: number;
  measured: number;
  on_time: number;
  ratings: number;
  satisfied: number;
}

/**
 * One statement, grouping sets for the city and the three breakdowns. `extra` narrows the reports
 * (a commune, for the indicators of one area).
 */
async function grouped(db: DbOrTx, period: StatsPeriod, at: Date, extra?: SQL): Promise<Row[]> {
  const p = { from: ts(period.from), to: ts(period.to) };
  const now = ts(at);
  return queryRows<Row>(
    db,
    sql`
    with r as (
      select r.id, r.agency_id, r.unit_code, r.category_id, r.status, r.due_at, r.submitted_at,
             (select max(p.created_at) from fb_replies p where p.report_id = r.id) as last_reply
      from fb_reports r
      where r.status <> 'merged' and (
        (r.submitted_at >= ${p.from} and r.submitted_at < ${p.to})
        or exists (select 1 from fb_ratings g where g.report_id = r.id
                   and g.created_at >= ${p.from} and g.created_at < ${p.to}))
        ${extra ? sql`and ${extra}` : sql``}
    ), m as (
      select r.*,
        (r.submitted_at >= ${p.from} and r.submitted_at < ${p.to}) as in_period,
        (r.due_at is not null and r.status not in ('submitted','returned','rejected','merged')
          and (r.status not in (${withAgency}) or r.due_at < ${now})) as measured,
        (r.status in (${withAgency}) and r.due_at < ${now}) as overdue_open,
        (r.status in ('submitted','routed','in_progress','returned','answered','reopened','escalated')) as is_open,
        (select count(*) from fb_ratings g where g.report_id = r.id
           and g.created_at >= ${p.from} and g.created_at < ${p.to})::int as ratings,
        (select count(*) from fb_ratings g where g.report_id = r.id and g.satisfied
           and g.created_at >= ${p.from} and g.created_at < ${p.to})::int as satisfied
      from r
    )
    select agency_id, unit_code, category_id,
      grouping(agency_id)::int as g_agency, grouping(unit_code)::int as g_unit,
      grouping(category_id)::int as g_category,
      (count(*) filter (where in_period))::int as received,
      (count(*) filter (where in_period and is_open))::int as open,
      (count(*) filter (where in_period and overdue_open))::int as overdue_open,
      (count(*) filter (where in_period and measured))::int as measured,
      (count(*) filter (where in_period and measured and status not in (${withAgency})
                          and last_reply <= due_at))::int as on_time,
      coalesce(sum(ratings), 0)::int as ratings,
      coalesce(sum(satisfied), 0)::int as satisfied
    from m
    group by grouping sets ((agency_id), (unit_code), (category_id), ())`,
  );
}

/**
 * Rows by unit re-aggregated to today's units: a row of a unit merged or renamed since is added, field by
 * field, into the row of its successor.
 */
export function intoTodaysUnits<T extends { unit_code: string | null }>(
  rows: readonly T[],
  successor: ReadonlyMap<string, string>,
  counts: readonly (keyof T & string)[],
): T[] {
  const by = new Map<string, T>();
  for (const r of rows) {
    const code = r.unit_code === null ? null : (successor.get(r.unit_code) ?? r.unit_code);
    const key = code ?? '';
    const into = by.get(key);
    if (!into) {
      by.set(key, { ...r, unit_code: code });
      continue;
    }
    const sum = into as Record<string, unknown>;
    for (const f of counts) sum[f] = Number(into[f]) + Number(r[f]);
  }
  return [...by.values()];
}

const ROW_COUNTS = [
  'received',
  'open',
  'overdue_open',
  'measured',
  'on_time',
  'ratings',
  'satisfied',
] as const satisfies readonly (keyof Row)[];

function figures(r: Row | undefined): Figures {
  const n = (v: number | undefined) => Number(v ?? 0);
  const f = {
    received: n(r?.received),
    open: n(r?.open),
    overdueOpen: n(r?.overdue_open),
    measured: n(r?.measured),
    onTime: n(r?.on_time),
    ratings: n(r?.ratings),
    satisfied: n(r?.satisfied),
  };
  return { ...f, onTimeRate: pct(f.onTime, f.measured), satisfactionRate: pct(f.satisfied, f.ratings) };
}

/**
 * Ranks the rows with at least `minVolume` received and something measured: on-time rate first, then
 * satisfaction, then volume; rows below the minimum keep `rank: null` and come after, by volume.
 */
export function rank(rows: Omit<RankedRow, 'rank'>[], minVolume: number): RankedRow[] {
  const eligible = (r: Omit<RankedRow, 'rank'>) => r.received >= minVolume && r.onTimeRate !== null;
  const ranked = rows
    .filter(eligible)
    .sort(
      (a, b) =>
        (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) ||
        (b.satisfactionRate ?? -1) - (a.satisfactionRate ?? -1) ||
        b.received - a.received ||
        a.name.localeCompare(b.name, 'vi'),
    );
  const out: RankedRow[] = [];
  ranked.forEach((r, i) => {
    const prev = out[i - 1];
    const tie = prev && prev.onTimeRate === r.onTimeRate && prev.satisfactionRate === r.satisfactionRate;
    out.push({ ...r, rank: tie ? prev.rank : i + 1 });
  });
  const rest = rows
    .filter((r) => !eligible(r))
    .sort((a, b) => b.received - a.received || a.name.localeCompare(b.name, 'vi'))
    .map((r) => ({ ...r, rank: null }));
  return [...out, ...rest];
}

export async function feedbackStatistics(
  db: DbOrTx,
  p: StatsPeriod,
  opts: { minVolume?: number; now?: Date } = {},
): Promise<FeedbackStatistics> {
  const minVolume = opts.minVolume ?? DEFAULT_MIN_VOLUME;
  const rows = await grouped(db, p, opts.now ?? new Date());
  const [cats, ags, successor] = await Promise.all([allCategories(db), agencies(db), todaysUnits(db)]);
  const agencyById = new Map(ags.map((a) => [a.agency.id, a]));
  const communeName = new Map(
    ags
      .filter((a) => a.agency.kind === 'peoples_committee' && a.agency.unitCode)
      .map((a) => [a.agency.unitCode!, a.unitName ?? a.agency.unitCode!]),
  );
  const catById = new Map(cats.map((c) => [c.id, c]));
  const city = rows.find((r) => r.g_agency && r.g_unit && r.g_category);
  const agencyRows = rows
    .filter((r) => !r.g_agency && r.agency_id)
    .map((r) => {
      const a = agencyById.get(r.agency_id!)?.agency;
      return {
        key: a?.code ?? r.agency_id!,
        name: a?.name ?? '',
        nameEn: a?.nameEn ?? a?.name ?? '',
        ...figures(r),
      };
    });
  const communeRows = intoTodaysUnits(
    rows.filter((r) => !r.g_unit && r.unit_code),
    successor,
    ROW_COUNTS,
  ).map((r) => {
    const name = communeName.get(r.unit_code!) ?? r.unit_code!;
    return { key: r.unit_code!, name, nameEn: name, ...figures(r) };
  });
  const categoryRows = rows
    .filter((r) => !r.g_category && r.category_id)
    .map((r) => {
      const c = catById.get(r.category_id!);
      return { key: c?.code ?? '', name: c?.name ?? '', nameEn: c?.nameEn ?? '', ...figures(r) };
    });
  return {
    from: p.from.toISOString(),
    to: p.to.toISOString(),
    minVolume,
    city: figures(city),
    agencies: rank(agencyRows, minVolume),
    communes: rank(communeRows, minVolume),
    categories: rank(categoryRows, minVolume),
  };
}

/**
 * Where reports cluster: counts per cell of a fixed grid (`cellDeg` degrees, ~1.1 km at 0.01) over the
 * reports submitted in the period, the busiest first; each cell at the mean point of its reports.
 */
export async function hotspots(db: DbOrTx, period: StatsPeriod, cellDeg: number, categoryId?: string) {
  const p = { from: ts(period.from), to: ts(period.to) };
  const rows = await queryRows<{ n: number; lat: number; lng: number }>(
    db,
    sql`
    select count(*)::int as n, avg(lat)::float8 as lat, avg(lng)::float8 as lng
    from fb_reports
    where status <> 'merged' and submitted_at >= ${p.from} and submitted_at < ${p.to}
      ${categoryId ? sql`and category_id = ${categoryId}` : sql``}
    group by floor(lat / ${cellDeg}), floor(lng / ${cellDeg})
    order by count(*) desc
    limit 2000`,
  );
  return {
    cellDeg,
    cells: rows.map((r) => ({ n: Number(r.n), lat: Number(r.lat), lng: Number(r.lng) })),
  };
}

/** Reports open now and those past their deadline at the agency, for the city, by agency and by commune. */
export async function currentLoad(db: DbOrTx, at: Date) {
  const rows = await queryRows<{
    agency_id: string | null;
    unit_code: string | null;
    g_agency: number;
    g_unit: number;
    open: number;
    overdue: number;
  }>(
    db,
    sql`
    select agency_id, unit_code, grouping(agency_id)::int as g_agency, grouping(unit_code)::int as g_unit,
      count(*)::int as open,
      (count(*) filter (where status in (${withAgency}) and due_at < ${ts(at)}))::int as overdue
    from fb_reports
    where status in ('submitted','routed','in_progress','returned','answered','reopened','escalated')
    group by grouping sets ((agency_id), (unit_code), ())`,
  );
  const city = rows.find((r) => r.g_agency && r.g_unit);
  const successor = await todaysUnits(db);
  return {
    city: { open: Number(city?.open ?? 0), overdue: Number(city?.overdue ?? 0) },
    byAgency: new Map(
      rows
        .filter((r) => !r.g_agency && r.agency_id)
        .map((r) => [r.agency_id!, { open: Number(r.open), overdue: Number(r.overdue) }]),
    ),
    byUnit: new Map(
      intoTodaysUnits(
        rows.filter((r) => !r.g_unit && r.unit_code),
        successor,
        ['open', 'overdue'],
      ).map((r) => [r.unit_code!, { open: Number(r.open), overdue: Number(r.overdue) }]),
    ),
  };
}
