// Statistics figures on PostgreSQL with a generated history: the city-wide 766 score for a month and
// for a year, and one department's drill-down (its late dossiers, and its score), p95 of sequential
// calls, against a plain aggregate over svc_dossiers for the same period measured in the same run.
// Standalone: npx tsx bench/stats.ts
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_STATS_DOSSIERS (default 5000000), BENCH_STATS_DB (a database to keep: generated when it does
// not exist, measured as it is when it does; BENCH_STATS_REBUILD=1 rebuilds it first),
// BENCH_STATS_RUNS (calls per figure, default 50).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';
import { generateDossiers } from '../src/server/modules/services/index.ts';
import {
  drillDown,
  overview,
  parsePeriod,
  rebuildStats,
  recordDossierStats,
  resolveSlice,
  statsRead,
} from '../src/server/modules/stats/index.ts';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DOSSIERS = Number(process.env.BENCH_STATS_DOSSIERS ?? 5_000_000);
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 50);
const log = createLogger('silent');
const say = (line: string) => console.error(`  ${line}`);
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
}

async function timeIt(fn: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up: plans, caches
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 0.5), p95: percentile(times, 0.95) };
}

function urlOf(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function databaseExists(name: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function adminQuery(text: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(text);
  } finally {
    await c.end();
  }
}

/** The local month before the current one, and its year: periods with a full history behind them. */
function periods(now: Date) {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  local.setUTCMonth(local.getUTCMonth() - 1);
  const month = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
  return { month, year: String(local.getUTCFullYear()) };
}

export const statsBench: Bench = async () => {
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  const notes: string[] = [];
  const named = process.env.BENCH_STATS_DB;
  const name = named ?? `cqs_bench_stats_${process.pid}`;
  // A named database is generated when it does not exist yet, and kept either way.
  const existing = named && (await databaseExists(named)) ? named : undefined;
  let database: Database | undefined;
  try {
    if (!existing) {
      await adminQuery(`create database ${name}`);
      database = await openDatabase({ databaseUrl: urlOf(name), dataDir: '/tmp', log });
      await runMigrations(database);
      await database.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
      const g = await generateDossiers(database.db, { count: DOSSIERS, seed: 11, log: say });
      notes.push(`Generated ${g.count.toLocaleString('en-US')} dossiers in ${round(g.ms / 1000)} s.`);
      const r = await rebuildStats(database.db, { log: say });
      figures.push({
        metric: `cqs stats rebuild of ${r.dossiers.toLocaleString('en-US')} dossiers`,
        value: round(r.ms / 1000),
        unit: 's',
      });
    } else {
      database = await openDatabase({ databaseUrl: urlOf(name), dataDir: '/tmp', log });
      if (process.env.BENCH_STATS_REBUILD) {
        const r = await rebuildStats(database.db, { log: say });
        figures.push({
          metric: `cqs stats rebuild of ${r.dossiers.toLocaleString('en-US')} dossiers`,
          value: round(r.ms / 1000),
          unit: 's',
        });
      }
    }
    const db = database.db;
    const [{ n, rollup }] = (await queryRows<{ n: number; rollup: number }>(
      db,
      sql`select (select count(*)::int from svc_dossiers) as n, (select count(*)::int from stats_rollup) as rollup`,
    )) as [{ n: number; rollup: number }];
    await db.execute(sql`analyze`);
    const now = new Date();
    const { month, year } = periods(now);
    const { slice: city } = await resolveSlice(db, null, {});
    const [dept] = await queryRows<{ id: string; name: string }>(
      db,
      sql`select a.id, a.name from id_agencies a join stats_dossier_facts f on f.agency_id = a.id
          where a.kind = 'department' group by a.id, a.name order by count(*) desc limit 1`,
    );
    const principal = {
      userId: '00000000-0000-4000-8000-000000000000',
      kind: 'official' as const,
      fullName: 'bench',
      locale: 'vi',
      memberships: [
        { agencyId: dept!.id, agencyPath: '', roleCode: 'agency_leader', permissions: ['stats.read'] },
      ],
    };
    const deptPath = (
      await queryRows<{ path: string }>(db, sql`select path from id_agencies where id = ${dept!.id}`)
    )[0]!.path;
    principal.memberships[0]!.agencyPath = deptPath;
    const { slice: deptSlice } = await resolveSlice(db, principal, { agencyId: dept!.id });
    const size = `${n.toLocaleString('en-US')} dossiers`;
    const target = '<= 100';
    const cityMonth = await timeIt(() => statsRead(db, (tx) => overview(tx, parsePeriod(month), city, now)));
    const cityYear = await timeIt(() => statsRead(db, (tx) => overview(tx, parsePeriod(year), city, now)));
    const deptYear = await timeIt(() =>
      statsRead(db, (tx) => overview(tx, parsePeriod(year), deptSlice, now)),
    );
    const drill = await timeIt(() =>
      statsRead(db, (tx) =>
        drillDown(tx, parsePeriod(year), deptSlice, 'late', now, { limit: 50, offset: 0 }),
      ),
    );
    figures.push(
      {
        metric: `city-wide score and counts, month ${month}, ${size}, p95 of ${RUNS}`,
        value: round(cityMonth.p95),
        unit: 'ms',
        target,
        met: cityMonth.p95 <= 100,
      },
      {
        metric: `city-wide score and counts, year ${year}, ${size}, p95 of ${RUNS}`,
        value: round(cityYear.p95),
        unit: 'ms',
        target,
        met: cityYear.p95 <= 100,
      },
      {
        metric: `${dept!.name}: score and counts, year ${year}, p95 of ${RUNS}`,
        value: round(deptYear.p95),
        unit: 'ms',
        target,
        met: deptYear.p95 <= 100,
      },
      {
        metric: `${dept!.name}: drill-down to its late dossiers (count + first 50), year ${year}, p95 of ${RUNS}`,
        value: round(drill.p95),
        unit: 'ms',
        target,
        met: drill.p95 <= 100,
      },
    );
    // The plain way: one aggregate over the dossier table for the same period (counts by status only).
    const plain = async (p: string) => {
      const { start, end } = parsePeriod(p);
      await queryRows(
        db,
        sql`select status, count(*), count(*) filter (where finished_at <= due_at)
            from svc_dossiers where coalesce(accepted_at, submitted_at) >= ${start.toISOString()}::timestamptz
              and coalesce(accepted_at, submitted_at) < ${end.toISOString()}::timestamptz group by status`,
      );
    };
    const plainMonth = await timeIt(() => plain(month));
    const plainYear = await timeIt(() => plain(year));
    baseline.push(
      {
        metric: `plain aggregate over svc_dossiers (counts by status), month ${month}, p95`,
        value: round(plainMonth.p95),
        unit: 'ms',
      },
      {
        metric: `plain aggregate over svc_dossiers (counts by status), year ${year}, p95`,
        value: round(plainYear.p95),
        unit: 'ms',
      },
    );
    figures.push(
      {
        metric: 'plain aggregate ÷ read model, month (how many times faster)',
        value: round(plainMonth.p95 / cityMonth.p95),
        unit: '×',
      },
      {
        metric: 'plain aggregate ÷ read model, year (how many times faster)',
        value: round(plainYear.p95 / cityYear.p95),
        unit: '×',
      },
    );
    // The hook's own cost on the write path (re-classify, upsert the fact, append the deltas), in a
    // transaction rolled back each time so the read model is left as it was.
    const sample = await queryRows<{ id: string }>(
      db,
      sql`select dossier_id as id from stats_dossier_facts tablesample system (1) limit 300`,
    );
    const hookTimes: number[] = [];
    class Rollback extends Error {}
    for (const { id } of sample) {
      await db
        .transaction(async (tx) => {
          await tx.execute(sql`delete from stats_dossier_facts where dossier_id = ${id}`);
          const t0 = performance.now();
          await recordDossierStats(tx, id);
          hookTimes.push(performance.now() - t0);
          throw new Rollback();
        })
        .catch((err) => {
          if (!(err instanceof Rollback)) throw err;
        });
    }
    const hookMean = hookTimes.reduce((a, b) => a + b, 0) / Math.max(1, hookTimes.length);
    figures.push({
      metric: `statistics hook per dossier change (read, classify, write fact and deltas), mean of ${hookTimes.length}`,
      value: round(hookMean, 2),
      unit: 'ms',
    });
    notes.push(
      `${size}, ${rollup.toLocaleString('en-US')} rollup rows; p50: city month ${round(cityMonth.p50)} ms, city year ${round(cityYear.p50)} ms, department year ${round(deptYear.p50)} ms, drill-down ${round(drill.p50)} ms; plain month ${round(plainMonth.p50)} ms, plain year ${round(plainYear.p50)} ms; hook p95 ${round(percentile(hookTimes, 0.95), 2)} ms.`,
      "Measured at the query layer (the functions the routes call: slice resolution done once, then counts from rollup ∪ deltas, open dossiers from the facts, indicators and points), sequentially, on PostgreSQL on the same 2-core machine as other work. The plain aggregate computes far less (no carried-over, no as-of-now deadline classification, no points) and still scans the period's dossiers.",
    );
  } finally {
    await database?.close();
    if (!named) await adminQuery(`drop database if exists ${name} with (force)`);
  }
  const result: BenchResult = {
    name: 'Statistics (Decision 766 read model)',
    figures,
    baseline,
    notes: notes.join('\n\n'),
  };
  return result;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await statsBench(), null, 2));
}
