// The leader's view on PostgreSQL with a year of data: 30 indicators with hourly values for the city and
// each of the 36 communes, and 1,000 sensors with hourly rollups (the view reads each datastream's last
// value and the rollups, never the raw readings). p95 of sequential calls of the view the leader's
// page asks for, and of one commune's view, against one bare statement reading the same latest values.
// Standalone: npx tsx bench/operations-leader.ts
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_OPS_DAYS (days of history, default 365), BENCH_OPS_SENSORS (default 1000), BENCH_OPS_RUNS (50).
// MQTT ingestion with rules: bench/operations-ingest.ts; both run as `npm run bench operations`.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';
import { communeView, leaderView } from '../src/server/modules/operations/index.ts';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';
import { createPgDatabase } from './lib.ts';

const DAYS = Number(process.env.BENCH_OPS_DAYS ?? 365);
const SENSORS = Number(process.env.BENCH_OPS_SENSORS ?? 1000);
const RUNS = Number(process.env.BENCH_OPS_RUNS ?? 50);
const INDICATORS = 30;
const log = createLogger('silent');
const say = (line: string) => console.error(`  ${line}`);
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

async function timeIt(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

/** 30 indicators with hourly values for the city and every commune over DAYS; SENSORS sensors with rollups. */
async function fill(database: Database): Promise<{ values: number; rollups: number }> {
  const db = database.db;
  const communes = (
    await queryRows<{ unit_code: string }>(
      db,
      sql`select unit_code from id_agencies where kind = 'peoples_committee' and unit_code ~ '^[0-9]{5}$'`,
    )
  ).map((r) => r.unit_code);
  const areas = ['', ...communes];
  for (let i = 0; i < INDICATORS; i++) {
    const code = `bench.ind_${String(i).padStart(2, '0')}`;
    await db.execute(sql`insert into ops_indicators (code, name, name_en, unit, source, granularity, freshness_seconds, target, direction, levels)
      values (${code}, ${`Chỉ tiêu thử ${i}`}, ${`Bench indicator ${i}`}, '%', 'import', 'hour', 7200, 80,
              ${i % 2 ? 'higher' : 'lower'}, '["city","commune"]'::jsonb)`);
    await db.execute(sql`insert into ops_indicator_values (indicator_code, level, area_code, "time", value, as_of, source)
      select ${code}, case when a = '' then 'city' else 'commune' end, a, h, 50 + 40 * sin(extract(epoch from h) / 86400 + length(a)), h, 'import'
        from unnest(string_to_array(${areas.join(',')}, ',')) as a,
             generate_series(date_trunc('hour', now()) - (${DAYS} * interval '1 day'), date_trunc('hour', now()), interval '1 hour') as h`);
    say(`indicator ${i + 1}/${INDICATORS}`);
  }
  for (let i = 0; i < SENSORS; i++) {
    const thing = randomUUID();
    const stream = randomUUID();
    const commune = communes[i % communes.length]!;
    await db.execute(sql`insert into ops_things (id, code, apikey, name, kind, commune_code, lat, lon)
      values (${thing}, ${`B-${i}`}, 'bench', ${`Trạm thử ${i}`}, 'flood_spot', ${commune}, 10.9, 106.7)`);
    await db.execute(sql`insert into ops_datastreams (id, thing_id, key, observed_property, unit, expected_interval_seconds, last_value, last_time)
      values (${stream}, ${thing}, 'depth', 'Độ sâu ngập', 'cm', 60, 3, now())`);
  }
  await db.execute(sql`insert into ops_rollups (datastream_id, bucket, start, n, sum, min, max)
    select d.id, 'hour', h, 60, 180, 0, 10 from ops_datastreams d join ops_things t on t.id = d.thing_id and t.apikey = 'bench',
      generate_series(date_trunc('hour', now()) - (${DAYS} * interval '1 day'), date_trunc('hour', now()), interval '1 hour') as h`);
  const [c] = await queryRows<{ v: number; r: number }>(
    db,
    sql`select (select count(*)::int from ops_indicator_values) as v, (select count(*)::int from ops_rollups) as r`,
  );
  return { values: c!.v, rollups: c!.r };
}

export const leaderViewBench: Bench = async (): Promise<BenchResult> => {
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  let database: Database | undefined;
  const pgdb = await createPgDatabase('cqs_bench_leader');
  try {
    database = await openDatabase({ databaseUrl: pgdb.url, dataDir: '/tmp', log });
    await runMigrations(database);
    await database.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
    const t0 = performance.now();
    const size = await fill(database);
    const db = database.db;
    await db.execute(sql`analyze`);
    say(`filled in ${round((performance.now() - t0) / 1000)} s`);
    const root = (
      await queryRows<{ id: string; path: string }>(
        db,
        sql`select id, path from id_agencies where parent_id is null`,
      )
    )[0]!;
    const principal = {
      userId: '00000000-0000-4000-8000-000000000000',
      kind: 'official' as const,
      fullName: 'bench',
      locale: 'vi',
      memberships: [
        {
          agencyId: root.id,
          agencyPath: root.path,
          roleCode: 'city_leader',
          permissions: ['stats.read', 'operations.view'],
        },
      ],
    };
    const what = `${INDICATORS} indicators × 37 areas × ${DAYS} days hourly (${size.values.toLocaleString('en-US')} values), ${SENSORS} sensors (${size.rollups.toLocaleString('en-US')} hourly rollups)`;
    const leader = await timeIt(() => leaderView(db, principal, new Date(), 'vi'));
    const commune = await timeIt(() => communeView(db, '25747', new Date()));
    figures.push(
      {
        metric: `the leader's view, ${what}, p95 of ${RUNS}`,
        value: round(leader.p95),
        unit: 'ms',
        target: '<= 100',
        met: leader.p95 <= 100,
      },
      { metric: `one commune's view, same data, p95 of ${RUNS}`, value: round(commune.p95), unit: 'ms' },
    );
    // The bare way: one statement reading the latest value of every indicator for every area.
    const bare = await timeIt(() =>
      queryRows(
        db,
        sql`select distinct on (indicator_code, level, area_code) indicator_code, level, area_code, "time", value
              from ops_indicator_values order by indicator_code, level, area_code, "time" desc`,
      ),
    );
    baseline.push({
      metric: `latest value of every indicator and area, one statement, p95 of ${RUNS}`,
      value: round(bare.p95),
      unit: 'ms',
    });
    return {
      name: 'operations',
      figures,
      baseline,
      notes: [
        DAYS < 365
          ? `Reduced scale: ${DAYS} days of history, not the issue's year (BENCH_OPS_DAYS=365, the default).`
          : '',
        "The readings table is not filled: the leader's view reads datastreams' last values and hourly rollups only.",
        'The baseline sorts every value to find the latest of each indicator and area; the view reads only what it shows.',
      ]
        .filter(Boolean)
        .join(' '),
    };
  } finally {
    await database?.close();
    await pgdb.drop();
  }
};

if (import.meta.url === `file://${process.argv[1]}`)
  console.log(JSON.stringify(await leaderViewBench(), null, 2));
