// Operations centre figures (issue 14): sensor readings ingested over MQTT into PostgreSQL with the alert
// rules evaluated, and the time from a reading to its alert, against a bare batched-insert loop writing
// the same rows into the same table in the same run.
//
// The server runs as in production (bundled, PostgreSQL, the embedded aedes broker on a free port) on a
// database migrated and demo-seeded here, with BENCH_SENSORS air-quality devices added (seven
// datastreams each, the demo stations' shape, so every air rule applies to them). A publisher process
// sends their messages; the demo station of Bến Cát is kept out of the load and used as the probe: an
// impossible PM2.5 value raises an alert (no hold period), a normal one clears it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt from 'mqtt';
import pg from 'pg';
import { openDatabase } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';
import type { Bench, BenchFigure } from './harness.ts';
import { createPgDatabase, spawnNode, waitOk } from './lib.ts';

const SENSORS = Number(process.env.BENCH_SENSORS ?? 1000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
/** messages per second; seven readings each */
const RATE = Number(process.env.BENCH_MQTT_RATE ?? 3000);
const APIKEY = 'cqs-demo';
const PROBE = 'AQ-BC';
const say = (line: string) => console.error(`  ${line}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

async function prepare(url: string): Promise<void> {
  const database = await openDatabase({ databaseUrl: url, dataDir: tmpdir(), log: createLogger('silent') });
  try {
    await runMigrations(database);
    await database.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
  } finally {
    await database.close();
  }
  // The added devices copy Thủ Dầu Một's station: its commune, its seven streams and their ranges.
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(
      `with src as (select * from ops_things where apikey = $1 and code = 'AQ-TDM'),
       t as (
         insert into ops_things (id, code, apikey, name, kind, commune_code, lat, lon)
         select gen_random_uuid(), 'BENCH-' || lpad(g::text, 4, '0'), $1, 'Bench ' || g, src.kind, src.commune_code,
                src.lat + g * 0.0001, src.lon from src, generate_series(0, $2::int - 1) g
         returning id)
       insert into ops_datastreams (id, thing_id, key, observed_property, unit, expected_interval_seconds, valid_min, valid_max)
       select gen_random_uuid(), t.id, d.key, d.observed_property, d.unit, d.expected_interval_seconds, d.valid_min, d.valid_max
         from t, ops_datastreams d join src on d.thing_id = src.id`,
      [APIKEY, SENSORS],
    );
  } finally {
    await c.end();
  }
}

/** Rows of the benchmark's devices in ops_readings. */
async function benchRows(c: pg.Client): Promise<number> {
  const { rows } = await c.query(
    `select count(*)::int as n from ops_readings r join ops_datastreams d on d.id = r.datastream_id
       join ops_things t on t.id = d.thing_id where t.code like 'BENCH-%'`,
  );
  return rows[0].n;
}

/** The same rows written by a plain loop: batches of 5,000 through one connection, for `seconds`. */
async function bareInsertLoop(c: pg.Client, seconds: number): Promise<number> {
  const { rows: streams } = await c.query<{ id: string }>(
    `select d.id from ops_datastreams d join ops_things t on t.id = d.thing_id where t.code like 'BENCH-%'`,
  );
  const start = Date.parse('2026-01-01T00:00:00Z');
  let written = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const ids: string[] = [];
    const times: string[] = [];
    const values: number[] = [];
    for (let i = 0; i < 5000; i++) {
      const n = written + i;
      ids.push(streams[n % streams.length]!.id);
      times.push(new Date(start + Math.floor(n / streams.length) * 1000).toISOString());
      values.push(20 + (n % 25));
    }
    await c.query(
      `insert into ops_readings (datastream_id, "time", value)
       select * from unnest($1::uuid[], $2::timestamptz[], $3::float8[]) on conflict do nothing`,
      [ids, times, values],
    );
    written += 5000;
  }
  return written / ((performance.now() - t0) / 1000);
}

export const ingestionBench: Bench = async () => {
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-bench-ops-'));
  const db = await createPgDatabase('cqs_bench_ops');
  let server: ReturnType<typeof spawnNode> | null = null;
  const c = new pg.Client({ connectionString: db.url });
  try {
    say(`preparing: demo city and ${SENSORS} air-quality devices`);
    await prepare(db.url);
    const t0 = performance.now();
    server = spawnNode([...(process.env.BENCH_NODE_ARGS?.split(' ') ?? []), 'bin/cqs.mjs', 'start'], {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      DEMO: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
      MQTT_PORT: '0',
      SENSOR_SIMULATOR: 'false',
      LOG_LEVEL: 'info',
    });
    const [, mqttPort] = await server.waitFor(/"port":(\d+),"msg":"embedded MQTT broker listening"/, 180_000);
    const [, httpPort] = await server.waitFor(/http:\/\/(?:localhost|127\.0\.0\.1):(\d+)/, 180_000);
    await waitOk(`http://127.0.0.1:${httpPort}/readyz`, t0, 180_000);
    const mqttUrl = `mqtt://127.0.0.1:${mqttPort}`;
    await c.connect();

    // The probe: an impossible PM2.5 at Bến Cát raises an alert; detected by polling its log every 20 ms.
    const probe = await mqtt.connectAsync(mqttUrl, { clientId: `bench-probe-${process.pid}` });
    const raisedCount = async () =>
      (
        await c.query(
          `select count(*)::int as n from ops_alert_log l join ops_alerts a on a.id = l.alert_id
             join ops_things t on t.id = a.thing_id where t.code = $1 and l.kind = 'raised'`,
          [PROBE],
        )
      ).rows[0].n as number;
    const latencies: number[] = [];
    let probing = true;
    const probeLoop = (async () => {
      while (probing) {
        const before = await raisedCount();
        const sent = performance.now();
        await probe.publishAsync(`/json/${APIKEY}/${PROBE}/attrs`, JSON.stringify({ pm25: 5000 }));
        while (probing && (await raisedCount()) === before && performance.now() - sent < 30_000)
          await new Promise((r) => setTimeout(r, 20));
        if (!probing) break;
        latencies.push(performance.now() - sent);
        await new Promise((r) => setTimeout(r, 300));
        await probe.publishAsync(`/json/${APIKEY}/${PROBE}/attrs`, JSON.stringify({ pm25: 30 }));
        await new Promise((r) => setTimeout(r, 700));
      }
    })();

    const expected = RATE * SECONDS * 7;
    say(`publishing ${RATE} messages/s (7 readings each) from ${SENSORS} devices for ${SECONDS} s`);
    // Each device's readings are a second apart and end about now: fresh data, as a live network sends
    // (readings an hour old would make every stream stale at the next tick, a thousand alerts at once).
    const ticks = Math.ceil((RATE * SECONDS) / SENSORS);
    const startAt = new Date(Date.now() - ticks * 1000).toISOString();
    const publisher = spawnNode(['--import', 'tsx', 'bench/fixtures/mqtt-publisher.ts'], {
      MQTT_URL: mqttUrl,
      APIKEY,
      DEVICES: String(SENSORS),
      RATE: String(RATE),
      SECONDS: String(SECONDS),
      START: startAt,
    });
    const before = await benchRows(c);
    await publisher.waitFor(/^publishing$/m, 60_000);
    const loadStart = performance.now();
    const [, published] = await publisher.waitFor(/published (\d+)/, (SECONDS + 60) * 1000);
    // Stored once the count stops moving for 5 s (or 120 s after the publisher ended).
    let last = -1;
    let lastChange = performance.now();
    const until = performance.now() + 120_000;
    while (performance.now() < until) {
      const n = await benchRows(c);
      if (n !== last) {
        last = n;
        lastChange = performance.now();
      } else if (performance.now() - lastChange > 5000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    probing = false;
    await publisher.stop();
    await probeLoop;
    await probe.endAsync();
    const stored = last - before;
    const seconds = (lastChange - loadStart) / 1000;
    const perSecond = Math.round(stored / seconds);
    figures.push(
      {
        metric: `sensor readings ingested over MQTT into PostgreSQL with the rules evaluated (${SENSORS} devices, ${RATE} messages/s × 7 readings offered for ${SECONDS} s)`,
        value: perSecond,
        unit: 'readings/s',
        target: '>= 20000',
        met: perSecond >= 20_000,
      },
      {
        metric: 'readings stored of those published (published messages × 7)',
        value: stored,
        unit: `of ${Number(published) * 7} (${expected} offered)`,
      },
      {
        metric: `reading-to-alert, p99 over ${latencies.length} probes during the load (p50 ${Math.round(pct(latencies, 50))} ms)`,
        value: Math.round(pct(latencies, 99)),
        unit: 'ms',
        target: '<= 2000',
        met: pct(latencies, 99) <= 2000,
      },
    );

    const problems = server
      .output()
      .split('\n')
      .filter((l) => /"level":(40|50|60)/.test(l))
      .map((l) => l.slice(0, 300));
    if (problems.length) say(`server warnings and errors:\n${problems.slice(0, 20).join('\n')}`);
    await server.stop();
    server = null;
    say('baseline: a bare batched-insert loop into ops_readings');
    const bare = Math.round(await bareInsertLoop(c, 10));
    baseline.push({
      metric: 'the same rows inserted by a bare loop (batches of 5,000, one connection, 10 s)',
      value: bare,
      unit: 'readings/s',
    });
    return {
      name: 'operations',
      figures,
      baseline,
      notes:
        `Server (bundled), PostgreSQL, the publisher process and this process share one 2-core machine; ` +
        `the embedded aedes broker; QoS 0. The load's readings carry their own times (one per device per ` +
        `simulated second, ending about when the load ends), under every threshold: the rules evaluate them all and ` +
        `raise nothing. The probe's latency is from its publish to its 'raised' entry being visible in the ` +
        `database (polled every 20 ms).`,
    };
  } finally {
    await server?.stop();
    await c.end().catch(() => {});
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await ingestionBench(), null, 2));
}
