// Former-unit views: any indicator with commune values, shown for a named set of communes (the units'
// tags: "binh-duong-cu" is the 36 communes and wards that were Bình Dương province before 2025-07-01),
// so the former province's figures stay comparable over time. How a set's value is made from its
// communes' values follows what the indicator measures: counts and money add up, rates and scores
// average over the communes reporting, levels take the worst.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import { behind } from '../queries.ts';
import { indicators } from '../tables.ts';
import { eq } from 'drizzle-orm';

export const DEFAULT_SET = 'binh-duong-cu';

export type Aggregation = 'sum' | 'mean' | 'max' | 'min';

/** Units that are amounts of something add up; shares, scores and indices average; levels take the worst. */
const SUMMED_UNITS = new Set(['hồ sơ', 'phản ánh', 'tỷ đồng', 'triệu USD', 'cuộc họp', 'nhiệm vụ', 'lượt']);
const WORST_UNITS = new Set(['cấp', 'VN_AQI']);

export function aggregationOf(d: { unit: string; direction: 'higher' | 'lower' }): Aggregation {
  if (SUMMED_UNITS.has(d.unit)) return 'sum';
  if (WORST_UNITS.has(d.unit)) return d.direction === 'lower' ? 'max' : 'min';
  return 'mean';
}

/** The set's value from its communes' values (nulls are missing data, not zeros); null when none reported. */
export function aggregate(how: Aggregation, values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  switch (how) {
    case 'sum':
      return Math.round(known.reduce((a, b) => a + b, 0) * 100) / 100;
    case 'mean':
      return Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 100) / 100;
    case 'max':
      return Math.max(...known);
    case 'min':
      return Math.min(...known);
  }
}

/** The named sets of communes in force today (from the units' tags), with their communes. */
export async function communeSets(db: DbOrTx): Promise<Map<string, { code: string; name: string }[]>> {
  const rows = await queryRows<{ code: string; full_name: string; tags: string[] }>(
    db,
    sql`select code, full_name, tags from id_units
         where level = 'commune' and cardinality(tags) > 0
           and valid_from <= current_date and (valid_to is null or valid_to > current_date)
         order by code`,
  );
  const out = new Map<string, { code: string; name: string }[]>();
  for (const r of rows)
    for (const tag of r.tags) out.set(tag, [...(out.get(tag) ?? []), { code: r.code, name: r.full_name }]);
  return out;
}

/** An indicator for a set of communes: its series over the last periods and each commune's latest value. */
export async function indicatorForSet(db: DbOrTx, code: string, setCode: string, now: Date) {
  const [d] = await db.select().from(indicators).where(eq(indicators.code, code));
  if (!d) return { error: 'indicator' as const };
  if (!d.levels.includes('commune')) return { error: 'no_commune_values' as const };
  const members = (await communeSets(db)).get(setCode);
  if (!members) return { error: 'set' as const };
  const codes = members.map((m) => m.code);
  const rows = await queryRows<{ area_code: string; time: Date; value: number | null; as_of: Date }>(
    db,
    sql`with times as (
          select distinct "time" from ops_indicator_values
           where indicator_code = ${code} and level = 'commune' order by "time" desc limit 24)
        select v.area_code, v."time", v.value, v.as_of from ops_indicator_values v join times using ("time")
         where v.indicator_code = ${code} and v.level = 'commune'
           and v.area_code = any(string_to_array(${codes.join(',')}, ','))
         order by v."time"`,
  );
  const how = aggregationOf(d);
  const byTime = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const key = new Date(r.time).toISOString();
    byTime.set(key, [...(byTime.get(key) ?? []), r.value]);
  }
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) latest.set(r.area_code, r);
  const fresh = (asOf: Date) => now.getTime() - new Date(asOf).getTime() <= d.freshnessSeconds * 1000;
  const series = [...byTime].map(([time, values]) => ({
    time,
    value: aggregate(how, values),
    reporting: values.filter((v) => v !== null).length,
  }));
  const last = series.at(-1);
  return {
    indicator: {
      code: d.code,
      name: d.name,
      nameEn: d.nameEn,
      unit: d.unit,
      granularity: d.granularity,
      target: d.target,
      direction: d.direction,
    },
    set: { code: setCode, size: members.length },
    aggregation: how,
    value: last?.value ?? null,
    behindTarget: behind(d.target, d.direction, last?.value ?? null),
    series,
    communes: members.map((m) => {
      const r = latest.get(m.code);
      return {
        communeCode: m.code,
        name: m.name,
        value: r?.value ?? null,
        time: r ? new Date(r.time).toISOString() : null,
        // A commune without a value is missing data: stale, never zero.
        stale: !r || !fresh(r.as_of),
      };
    }),
  };
}
