// The live event stream (issue 12 "Figures", ADR 19): 5,000 event-stream clients on one node on
// PostgreSQL, against a raw Node server writing the same bytes to as many streams in the same run.
//   (a) one event at a time to all: p99 delivery;
//   (b) 20 events/s to all for 30 s: p99 delivery and server RSS;
//   (c) every stream dropped and reconnecting at once with Last-Event-ID while events keep coming:
//       time to caught up (p99), missed and duplicated events (must be 0);
//   (d) stalled readers receiving large events: server memory stays bounded (they are dropped).
// Run: npm run bench realtime   (or npx tsx bench/realtime.ts)
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_STREAMS (default 5000), BENCH_SECONDS (phase b, default 30).
// Needs `ulimit -n` ≥ 2 × BENCH_STREAMS + 1,000 (the server and the client processes each hold the
// streams); the benchmark checks it and says so.
import { type ChildProcess, execSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { sha256 } from '../src/server/platform/auth/tokens.ts';
import { openDatabase, pgArray, queryRows, type Database } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { type Audience, emit } from '../src/server/platform/events/index.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { frameText } from '../src/server/platform/realtime/index.ts';
import { seedApplication } from '../src/server/modules.ts';
import type { Bench, BenchFigure } from './harness.ts';
import { ROOT, rssMb, spawnNode, waitOk } from './lib.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STREAMS = Number(process.env.BENCH_STREAMS ?? 5_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const RATE = 20;
const SINGLE_EVENTS = 10;
const STALLED = 100;
const CLIENT_PROCESSES = 2;
const log = createLogger('silent');
const TITLE = 'Biểu quyết: thông qua chương trình kỳ họp thứ mười hai của Hội đồng nhân dân';

let failedSends = 0;
const progress = (phase: string) =>
  console.error(`[realtime ${new Date().toISOString().slice(11, 19)}] ${phase}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A forked process answering commands over IPC. */
function forkIpc(script: string): {
  proc: ChildProcess;
  call<T>(m: object): Promise<T>;
  stop(): Promise<void>;
} {
  const proc = fork(join(ROOT, script), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  let seq = 0;
  const waiting = new Map<number, (v: unknown) => void>();
  proc.on('message', (m: { seq?: number; result?: unknown }) => {
    if (m.seq !== undefined) waiting.get(m.seq)?.(m.result);
    waiting.delete(m.seq ?? -1);
  });
  return {
    proc,
    call: <T>(m: object) =>
      new Promise<T>((resolve) => {
        const n = ++seq;
        waiting.set(n, resolve as (v: unknown) => void);
        proc.send({ ...m, seq: n });
      }),
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.disconnect();
      await exited;
    },
  };
}

type Clients = ReturnType<typeof forkIpc>[];

/** Sends a command to every client process; `each(i)` adds the part of it that is theirs. */
const all = <T>(clients: Clients, m: object, each: (i: number) => object = () => ({})) =>
  Promise.all(clients.map((c, i) => c.call<T>({ ...m, ...each(i) })));

const part = <T>(xs: T[], i: number) => xs.filter((_, k) => k % CLIENT_PROCESSES === i);

interface Latency {
  p50: number;
  p99: number;
  max: number;
  deliveries: number;
  /** p99 over events of the time the event took to reach every stream */
  toAllP99: number;
  /** events that did not reach every stream */
  incomplete: number;
}

async function latencies(clients: Clients, from: number, to: number, streams: number): Promise<Latency> {
  const parts = await all<{ histogram: number[]; events: [number, { max: number; count: number }][] }>(
    clients,
    { cmd: 'latencies', from, to },
  );
  const histogram = new Array<number>(parts[0]!.histogram.length).fill(0);
  const events = new Map<number, { max: number; count: number }>();
  for (const p of parts) {
    p.histogram.forEach((n, i) => {
      histogram[i]! += n;
    });
    for (const [id, e] of p.events) {
      const m = events.get(id) ?? { max: 0, count: 0 };
      events.set(id, { max: Math.max(m.max, e.max), count: m.count + e.count });
    }
  }
  const total = histogram.reduce((a, b) => a + b, 0);
  const quantile = (q: number) => {
    let seen = 0;
    for (const [ms, n] of histogram.entries()) {
      seen += n;
      if (seen >= q * total) return ms;
    }
    return histogram.length;
  };
  let max = 0;
  histogram.forEach((n, ms) => {
    if (n > 0) max = ms;
  });
  const maxima = [...events.values()].map((e) => e.max).sort((a, b) => a - b);
  return {
    p50: quantile(0.5),
    p99: quantile(0.99),
    max,
    deliveries: total,
    toAllP99: maxima[Math.min(maxima.length - 1, Math.ceil(maxima.length * 0.99) - 1)] ?? Number.NaN,
    incomplete: [...events.values()].filter((e) => e.count < streams).length,
  };
}

/** Samples a process's RSS until stopped; returns the highest. */
function sampleRss(pid: number) {
  let max = rssMb(pid);
  const timer = setInterval(() => {
    max = Math.max(max, rssMb(pid));
  }, 200);
  return () => {
    clearInterval(timer);
    return Math.max(max, rssMb(pid));
  };
}

/** Fires `send(i)` at RATE per second for `seconds`, without waiting for each to finish. */
async function atRate(seconds: number, send: (i: number) => Promise<unknown>) {
  const t0 = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < seconds * RATE; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    // A send that fails (the database refused a connection on a saturated machine) is counted, and
    // shows up as fewer events; the run goes on.
    pending.push(
      send(i).catch((err: Error) => {
        failedSends++;
        console.error(`send failed: ${err.message}`);
      }),
    );
  }
  await Promise.all(pending);
}

export async function createDatabase(name: string): Promise<{ url: string; database: Database }> {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), log, poolSize: 6 });
  await runMigrations(database);
  await database.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
  return { url: url.toString(), database };
}

/** A hall of members, each with their own account and signed-in session: the cookies. */
export async function members(
  database: Database,
  n: number,
): Promise<{ cookies: string[]; userIds: string[] }> {
  const tokens = Array.from({ length: n }, () => randomBytes(24).toString('base64url'));
  const ids = await queryRows<{ id: string }>(
    database.db,
    sql`insert into id_users (kind, email, full_name, password_hash)
        select 'citizen', 'daibieu' || g || '@bench.invalid', 'Đại biểu ' || g, 'x'
        from generate_series(1, ${n}) g returning id`,
  );
  await database.db.execute(sql`
    insert into id_sessions (token_hash, user_id, csrf_token, expires_at)
    select h, u, 'bench', now() + interval '12 hours'
    from unnest(${pgArray(tokens.map(sha256))}::text[], ${pgArray(ids.map((r) => r.id))}::uuid[]) as t(h, u)`);
  return { cookies: tokens.map((t) => `cqs_session=${t}`), userIds: ids.map((r) => r.id) };
}

function fdLimit(): number {
  return Number(execSync('ulimit -n', { shell: '/bin/bash', encoding: 'utf8' }).trim());
}

export const realtimeBench: Bench = async () => {
  const need = 2 * STREAMS + 1_000;
  if (fdLimit() < need)
    throw new Error(
      `ulimit -n is ${fdLimit()}: raise it to at least ${need} (ulimit -n ${need}) and run again`,
    );
  const name = `cqs_bench_rt_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-bench-rt-'));
  const { url, database } = await createDatabase(name);
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  const notes: string[] = [];
  const clients: Clients = Array.from({ length: CLIENT_PROCESSES }, () =>
    forkIpc('bench/fixtures/sse-clients.ts'),
  );
  const raw = forkIpc('bench/fixtures/raw-sse-server.ts');
  let server: ReturnType<typeof spawnNode> | undefined;
  try {
    const { cookies, userIds } = await members(database, STREAMS + STALLED);
    const hall = cookies.slice(0, STREAMS);
    await all(clients, { cmd: 'setup' }, (i) => ({ cookies: part(hall, i) }));

    // ── Baseline: the raw server, the same frames, the same clients ──
    progress('raw baseline');
    const rawPort = await new Promise<number>((resolve) => {
      let out = '';
      raw.proc.stdout!.on('data', (d) => {
        out += d;
        const m = out.match(/listening http:\/\/127\.0\.0\.1:(\d+)/);
        if (m) resolve(Number(m[1]));
      });
    });
    const rawUrl = `http://127.0.0.1:${rawPort}/api/events`;
    let rawId = 1_000_000;
    const rawSend = (phase: string, i: number) => {
      const id = ++rawId;
      raw.proc.send({ frame: frameText(benchEvent(id, phase, i)) });
      return Promise.resolve(id);
    };
    await all(clients, { cmd: 'open', url: rawUrl });
    const rawIdle = rssMb(raw.proc.pid!);
    const rawA0 = rawId + 1;
    for (let i = 0; i < SINGLE_EVENTS; i++) {
      await rawSend('a', i);
      await sleep(1_000);
    }
    const rawA = await latencies(clients, rawA0, rawId, STREAMS);
    await all(clients, { cmd: 'reset' });
    const rawB0 = rawId + 1;
    const rawRss = sampleRss(raw.proc.pid!);
    await atRate(SECONDS, (i) => rawSend('b', i));
    await sleep(2_000);
    const rawBRss = rawRss();
    const rawB = await latencies(clients, rawB0, rawId, STREAMS);
    // The floor of a reconnect storm on this machine: the raw server answering them all.
    await all(clients, { cmd: 'drop' });
    await sleep(500);
    const rawStorm = await all<{ ok: number; failed: number; ms: number }>(clients, {
      cmd: 'open',
      url: rawUrl,
    });
    const rawStormMs = Math.max(...rawStorm.map((r) => r.ms));
    await all(clients, { cmd: 'drop' });
    await all(clients, { cmd: 'reset' });
    await raw.stop();

    // ── CQS on PostgreSQL, one node ──
    progress('CQS start');
    server = spawnNode(['bin/cqs.mjs', 'start'], {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      DEMO: 'true',
      WORKERS: 'true',
      LOG_LEVEL: 'warn',
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const [, port] = await server.waitFor(/http:\/\/localhost:(\d+)/, 180_000);
    const base = `http://127.0.0.1:${port}`;
    await waitOk(`${base}/readyz`, performance.now(), 180_000);
    const pid = server.proc.pid!;
    const metric = async (name: string) =>
      Number(
        (await (await fetch(`${base}/metrics`)).text()).match(new RegExp(`^${name} (\\d+)`, 'm'))?.[1] ?? 0,
      );
    const cqsUrl = `${base}/api/events`;
    const opened = await all<{ ok: number; failed: number; ms: number }>(clients, {
      cmd: 'open',
      url: cqsUrl,
    });
    const openFailed = opened.reduce((n, o) => n + o.failed, 0);
    if (openFailed) throw new Error(`${openFailed} streams could not open`);
    await sleep(1_000);
    const cqsIdle = rssMb(pid);
    const send = async (phase: string, i: number, padding = 0, audience: Audience = { public: true }) => {
      const e = { ...benchEvent(0, phase, i, padding), audience };
      await database.db.transaction((tx) => emit(tx, e));
    };
    const idsOf = async (phases: string[]) =>
      (
        await queryRows<{ id: number }>(
          database.db,
          sql`select id from outbox_events where type = 'bench.tick' and payload->>'phase' = any(${pgArray(phases)}::text[]) order by id`,
        )
      ).map((r) => Number(r.id));

    // (a) one event at a time
    progress('CQS (a)');
    for (let i = 0; i < SINGLE_EVENTS; i++) {
      await send('a', i);
      await sleep(1_000);
    }
    const aIds = await idsOf(['a']);
    const cqsA = await latencies(clients, aIds[0]!, aIds.at(-1)!, STREAMS);
    await all(clients, { cmd: 'reset' });

    // (b) 20 events/s
    progress('CQS (b)');
    const rss = sampleRss(pid);
    await atRate(SECONDS, (i) => send('b', i));
    await sleep(2_000);
    const cqsBRss = rss();
    const bIds = await idsOf(['b']);
    const cqsB = await latencies(clients, bIds[0]!, bIds.at(-1)!, STREAMS);
    const bCheck = await checkAll(clients, bIds);
    await all(clients, { cmd: 'reset' });

    // (c) reconnect storm
    progress('CQS (c)');
    await atRate(1, (i) => send('c1', i));
    await sleep(500);
    await all(clients, { cmd: 'drop' });
    await atRate(2, (i) => send('c2', i)); // missed while disconnected
    await sleep(500);
    const missedIds = await idsOf(['c1', 'c2']);
    const stormRss = sampleRss(pid);
    const during = atRate(8, (i) => send('c3', i)); // and events keep coming during the storm
    const storm = await all<{ ok: number; failed: number; ms: number }>(
      clients,
      { cmd: 'storm', url: cqsUrl },
      () => ({ need: missedIds }),
    );
    await during;
    await sleep(3_000);
    const cqsCRss = stormRss();
    const caught = (await all<number[]>(clients, { cmd: 'caughtUp' })).flat();
    const notCaught = caught.filter((ms) => ms < 0).length;
    const sorted = caught.filter((ms) => ms >= 0).sort((a, b) => a - b);
    const stormP99 = notCaught ? Number.POSITIVE_INFINITY : sorted[Math.ceil(sorted.length * 0.99) - 1]!;
    const stormP50 = sorted[Math.floor(sorted.length * 0.5)] ?? Number.NaN;
    const cIds = await idsOf(['c1', 'c2', 'c3']);
    const cCheck = await checkAll(clients, cIds);
    const stormFailed = storm.reduce((n, s) => n + s.failed, 0);
    const stormOpenMs = Math.max(...storm.map((s) => s.ms));
    const catchUpQueries = await metric('cqs_event_catch_up_queries_total');
    await all(clients, { cmd: 'reset' });

    // (d) stalled readers, large events
    progress('CQS (d)');
    const dropped0 = await metric('cqs_event_streams_dropped_total');
    const stalled = await clients[0]!.call<{ stalled: number }>({
      cmd: 'stall',
      url: cqsUrl,
      cookies: cookies.slice(STREAMS),
    });
    const dRssBefore = rssMb(pid);
    const dRss = sampleRss(pid);
    // Large events for the stalled readers only, small ones for everyone: the others must not suffer.
    const stalledUsers = { userIds: userIds.slice(STREAMS) };
    await atRate(20, (i) =>
      Promise.all([
        send('d', i),
        send('d-large', i, 16_384, stalledUsers),
        send('d-large', i + 1e6, 16_384, stalledUsers),
      ]),
    );
    await sleep(3_000);
    const dRssMax = dRss();
    const droppedStalled = (await metric('cqs_event_streams_dropped_total')) - dropped0;
    const dIds = await idsOf(['d']);
    const cqsD = await latencies(clients, dIds[0]!, dIds.at(-1)!, STREAMS);
    await clients[0]!.call({ cmd: 'unstall' });
    const stalledBytes = (await idsOf(['d-large'])).length * 16_500;

    const ms = (n: number) => Math.round(n);
    figures.push(
      {
        metric: `(a) one event at a time to ${STREAMS} streams (${SINGLE_EVENTS} events): p99 delivery`,
        value: cqsA.p99,
        unit: 'ms',
        target: '<= 1000',
        met: cqsA.p99 <= 1000 && cqsA.incomplete === 0,
      },
      {
        metric: '(a) time for an event to reach every stream, p99 over the events',
        value: cqsA.toAllP99,
        unit: 'ms',
      },
      {
        metric: `server RSS with ${STREAMS} streams open, idle`,
        value: cqsIdle,
        unit: 'MB',
        target: '<= 512',
        met: cqsIdle <= 512,
      },
      {
        metric: `(b) ${RATE} events/s to ${STREAMS} streams for ${SECONDS} s: p99 delivery (p50 ${cqsB.p50} ms, max ${cqsB.max} ms)`,
        value: cqsB.p99,
        unit: 'ms',
        target: '<= 1000',
        met: cqsB.p99 <= 1000 && cqsB.incomplete === 0,
      },
      {
        metric: '(b) time for an event to reach every stream, p99 over the events',
        value: cqsB.toAllP99,
        unit: 'ms',
      },
      {
        metric: '(b) server RSS, highest sample',
        value: cqsBRss,
        unit: 'MB',
        target: '<= 512',
        met: cqsBRss <= 512,
      },
      {
        metric: `(b) deliveries (expected ${bIds.length * STREAMS}), missed, duplicated`,
        value: cqsB.deliveries,
        unit: `delivered, ${bCheck.missed} missed, ${bCheck.duplicated} duplicated`,
      },
      {
        metric: `(c) reconnect storm: ${STREAMS} streams at once with Last-Event-ID, ${missedIds.length} events to catch up, ${RATE} events/s meanwhile: time to caught up p99 (p50 ${ms(stormP50)} ms)`,
        value: ms(stormP99),
        unit: 'ms',
        target: '<= 3000',
        met: stormP99 <= 3000,
      },
      {
        metric: `(c) missed / duplicated events over ${cIds.length} events × ${STREAMS} streams (${stormFailed} reconnections refused, ${notCaught} not caught up)`,
        value: cCheck.missed + cCheck.duplicated,
        unit: `(${cCheck.missed} missed, ${cCheck.duplicated} duplicated)`,
        target: '= 0',
        met: cCheck.missed + cCheck.duplicated === 0 && notCaught === 0,
      },
      {
        metric: '(c) time until every reconnection was answered (200)',
        value: ms(stormOpenMs),
        unit: `ms (${catchUpQueries} catch-up queries to the database)`,
      },
      {
        metric: '(c) server RSS during the storm, highest sample',
        value: cqsCRss,
        unit: 'MB',
        target: '<= 512',
        met: cqsCRss <= 512,
      },
      {
        metric: `(d) ${stalled.stalled} stalled readers among ${STREAMS} streams, 16 KB events for them at ${2 * RATE}/s for 20 s (${Math.round(stalledBytes / 1e6)} MB sent to each): server RSS before → highest`,
        value: dRssMax,
        unit: `MB (from ${dRssBefore} MB)`,
        target: '<= 512',
        met: dRssMax <= 512,
      },
      {
        metric: '(d) stalled streams dropped by the server (they reconnect and catch up)',
        value: droppedStalled,
        unit: `of ${stalled.stalled}`,
      },
      { metric: '(d) p99 delivery to the other streams meanwhile', value: cqsD.p99, unit: 'ms' },
    );
    baseline.push(
      {
        metric: `(a) raw Node server, same frames to ${STREAMS} streams: p99 delivery`,
        value: rawA.p99,
        unit: 'ms',
      },
      {
        metric: '(a) raw: time for an event to reach every stream, p99 over the events',
        value: rawA.toAllP99,
        unit: 'ms',
      },
      { metric: `raw: RSS with ${STREAMS} streams open`, value: rawIdle, unit: 'MB' },
      {
        metric: `(b) raw, ${RATE} events/s for ${SECONDS} s: p99 delivery (p50 ${rawB.p50} ms, max ${rawB.max} ms)`,
        value: rawB.p99,
        unit: 'ms',
      },
      {
        metric: '(b) raw: time for an event to reach every stream, p99 over the events',
        value: rawB.toAllP99,
        unit: 'ms',
      },
      { metric: '(b) raw: RSS, highest sample', value: rawBRss, unit: 'MB' },
      {
        metric: `(c) raw: ${STREAMS} streams reconnecting at once, time until every one was answered`,
        value: Math.round(rawStormMs),
        unit: 'ms',
      },
    );
    notes.push(
      `Server, PostgreSQL and ${CLIENT_PROCESSES} client processes (${STREAMS / CLIENT_PROCESSES} streams each) on the same machine.`,
      'Latency: from just before the event is written (CQS: `emit()` in a transaction, then commit, dispatch, NOTIFY, load, fan-out; raw: an IPC message to the raw server) to its parsing by the client process.',
      `Sends that failed: ${failedSends}. Each member has their own account and session; events are public (every stream receives each). Incomplete events: (a) ${cqsA.incomplete}, (b) ${cqsB.incomplete}, raw ${rawA.incomplete + rawB.incomplete}.`,
    );
    return { name: 'Live event stream (issue 12)', figures, baseline, notes: notes.join(' ') };
  } finally {
    await Promise.all(clients.map((c) => c.stop()));
    await raw.stop();
    await server?.stop();
    await database.close();
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

async function checkAll(clients: Clients, ids: number[]) {
  const parts = await all<{ missed: number; duplicated: number }>(clients, { cmd: 'check', ids });
  return {
    missed: parts.reduce((n, p) => n + p.missed, 0),
    duplicated: parts.reduce((n, p) => n + p.duplicated, 0),
  };
}

/** The event both sides send: what a meeting's vote tally update would carry. */
function benchEvent(id: number, phase: string, i: number, padding = 0) {
  return {
    id,
    type: 'bench.tick',
    aggregateType: 'bench',
    aggregateId: `${phase}-${i}`,
    payload: {
      sentAt: Date.now(),
      phase,
      seq: i,
      title: TITLE,
      tally: { yes: 4_312, no: 211, abstain: 77 },
      ...(padding ? { padding: 'x'.repeat(padding) } : {}),
    },
    audience: { public: true },
    createdAt: new Date(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await realtimeBench(), null, 2));
}
