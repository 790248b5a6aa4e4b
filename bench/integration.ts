// Integration figures (issue #4): DVCQG sync of N dossiers to the in-repo contract server, and webhook
// deliveries per second to a local receiver, both on PostgreSQL through the real job queue.
// Standalone: npx tsx bench/integration.ts [sync] [webhooks]   (both by default)
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SYNC_DOSSIERS (default 100000), BENCH_WEBHOOK_EVENTS (default 5000), BENCH_RUNNERS (default 4),
// BENCH_PEERS (`process`, the default: the receiver and the portal run in a child process, as they
// would on other machines; `same`: in this process, as the figures before 2026-11-26 13:30 were taken).
// Each run checks what it measured: every event applied once with a valid signature, every dossier
// held by the portal, no revision applied twice.
import { fork } from 'node:child_process';
import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { SecretBox } from '../src/server/platform/auth/secret-box.ts';
import { createAddressGuard } from '../src/server/platform/http/address-guard.ts';
import { systemContext } from '../src/server/platform/context.ts';
import { type Database, openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { EventBus, emit } from '../src/server/platform/events/index.ts';
import { JobRunner } from '../src/server/platform/jobs/index.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';
import { generateDossiers } from '../src/server/modules/services/index.ts';
import {
  DELIVERY_BATCH,
  DELIVERY_QUEUE,
  fanOut,
  httpDvcqgClient,
  reconcilePeriod,
  runDeliveryJobs,
  runSyncJob,
  SYNC_JOBS_AT_ONCE,
  SYNC_QUEUE,
} from '../src/server/modules/integration/index.ts';
import type { Bench, BenchFigure } from './harness.ts';
import {
  BENCH_WEBHOOK_SECRET,
  type PortalStats,
  type ReceiverStats,
  startBenchPortal,
  startBenchReceiver,
} from './integration-peer.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYNC_DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 100_000);
const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5_000);
const RUNNERS = Number(process.env.BENCH_RUNNERS ?? 4);
const PEERS_APART = (process.env.BENCH_PEERS ?? 'process') !== 'same';
const log = createLogger('silent');
const say = (line: string) => console.error(`  ${line}`);

interface Peer<R, S> {
  ready: R;
  stats(): Promise<S>;
  close(): Promise<void>;
}

/** The receiver or the portal, in a child process (default) or in this one. */
async function startPeer<R, S>(
  kind: 'receiver' | 'portal',
  inProcess: () => Promise<Peer<R, S>>,
): Promise<Peer<R, S>> {
  if (!PEERS_APART) return inProcess();
  const child = fork(new URL('./integration-peer.ts', import.meta.url).pathname, [kind], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: Record<string, unknown>) => {
        if (!(key in m)) return;
        child.off('message', onMessage);
        resolve(m[key] as T);
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`${kind} exited (${code})`)));
    });
  const ready = await next<R>('ready');
  return {
    ready,
    stats: () => {
      const s = next<S>('stats');
      child.send({ cmd: 'stats' });
      return s;
    },
    close: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.disconnect();
      await exited;
    },
  };
}

async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const name = `cqs_bench_int_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), log, poolSize: 12 });
  try {
    await runMigrations(database);
    await database.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
    return await fn(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/**
 * Several runners on one database, as several worker nodes would be, until a queue is empty. Each
 * runner passes until it finds nothing due, as a worker's tick does (no barrier between runners).
 */
async function drainQueue(database: Database, queue: string, register: (r: JobRunner) => void) {
  const runners = Array.from({ length: RUNNERS }, () => {
    const r = new JobRunner({ database, log, batch: 20 });
    register(r);
    return r;
  });
  for (;;) {
    await Promise.all(
      runners.map(async (r) => {
        while ((await r.runDueJobs()) > 0);
      }),
    );
    const [left] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from jobs where queue = ${queue} and status in ('pending', 'running')`,
    );
    if (left!.n === 0) return;
    await database.db.execute(
      sql`update jobs set run_at = now() where queue = ${queue} and status = 'pending'`,
    );
  }
}

async function syncBench(): Promise<BenchFigure[]> {
  return withDatabase(async (database) => {
    const t0 = Date.now();
    await generateDossiers(database.db, {
      count: SYNC_DOSSIERS,
      seed: 1,
      until: new Date('2026-11-01T00:00:00+07:00'),
    });
    const [{ coded }] = (await queryRows<{ coded: number }>(
      database.db,
      sql`select count(*)::int as coded from svc_dossiers where code is not null`,
    )) as [{ coded: number }];
    say(`generated ${SYNC_DOSSIERS} dossiers (${coded} with a code) in ${Date.now() - t0} ms`);
    const portal = await startPeer<{ url: string; clientId: string; clientSecret: string }, PortalStats>(
      'portal',
      async () => {
        const { portal, stats } = await startBenchPortal();
        return { ready: portal, stats: async () => stats(), close: () => portal.close() };
      },
    );
    const client = httpDvcqgClient({
      url: portal.ready.url,
      clientId: portal.ready.clientId,
      clientSecret: portal.ready.clientSecret,
      timeoutMs: 10_000,
    });
    try {
      const start = Date.now();
      const found = await reconcilePeriod(database.db, client, systemContext('bench'), {
        from: '2024-01-01',
        to: '2026-12-31',
      });
      const reconciled = Date.now() - start;
      await drainQueue(database, SYNC_QUEUE, (r) =>
        r.handle(
          SYNC_QUEUE,
          (p) =>
            runSyncJob(
              { db: database.db, client, baseUrl: 'https://cqs.example.vn', log },
              p.ids as string[],
            ),
          { concurrency: SYNC_JOBS_AT_ONCE },
        ),
      );
      const ms = Date.now() - start;
      const [synced] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from int_dvcqg_sync where state = 'synced'`,
      );
      const held = await portal.stats();
      say(
        `reconciled ${found.localCount} (${reconciled} ms) and synced ${synced!.n} in ${ms} ms in all; portal holds ${held.held} (answers ${JSON.stringify(held.counts)})`,
      );
      if (synced!.n !== coded || held.held !== coded || held.appliedTwice !== 0)
        throw new Error(`sync incomplete or applied twice: ${JSON.stringify({ coded, synced, held })}`);
      const per100k = Math.round((ms / synced!.n) * 100_000);
      return [
        {
          metric: `DVCQG sync of ${synced!.n.toLocaleString('en-US')} coded dossiers (of ${SYNC_DOSSIERS.toLocaleString('en-US')} generated) to the contract server (${PEERS_APART ? 'its own process' : 'same process'}), from reconciliation to all synced, ${RUNNERS} runners`,
          value: Math.round(ms / 100) / 10,
          unit: 's',
        },
        {
          metric: 'dossiers synced per second',
          value: Math.round((synced!.n / ms) * 1000),
          unit: '/s',
          target: '≥ 334 /s',
          met: (synced!.n / ms) * 1000 >= 334,
        },
        {
          metric: 'the same, per 100,000 dossiers',
          value: Math.round(per100k / 1000),
          unit: 's',
          target: '≤ 300 s',
          met: per100k <= 300_000,
        },
      ];
    } finally {
      await portal.close();
    }
  });
}

async function webhookBench(): Promise<BenchFigure[]> {
  return withDatabase(async (database) => {
    const receiver = await startPeer<{ url: string }, ReceiverStats>('receiver', async () => {
      const r = await startBenchReceiver();
      return { ready: { url: r.url }, stats: async () => ({ ...r.stats }), close: r.close };
    });
    const url = receiver.ready.url;
    const secrets = new SecretBox(Buffer.alloc(32, 7));
    try {
      const [root] = await queryRows<{ id: string; path: string }>(
        database.db,
        sql`select id, path from id_agencies where parent_id is null`,
      );
      const [client] = await queryRows<{ id: string }>(
        database.db,
        sql`insert into int_api_clients (name, agency_id, agency_path, scopes, secret_hash)
            values ('bench', ${root!.id}, ${root!.path}, array['dossiers:read'], 'x') returning id`,
      );
      await database.db.execute(sql`insert into int_webhook_subscriptions (client_id, url, event_types, secret_sealed)
        values (${client!.id}, ${url}, array['dossier.changed'], ${secrets.seal(BENCH_WEBHOOK_SECRET)})`);
      for (let i = 0; i < WEBHOOK_EVENTS; i += 500) {
        await database.db.transaction(async (tx) => {
          for (let j = i; j < Math.min(i + 500, WEBHOOK_EVENTS); j++)
            await emit(tx, {
              type: 'services.dossier_changed',
              aggregateType: 'dossier',
              payload: {
                code: `000.00.00.H29-261126-${j}`,
                status: 4,
                fromStatus: 4,
                action: 'assign',
                revision: j,
              },
              audience: { agencyPaths: [root!.path] },
            });
        });
      }
      // Fan-out from the outbox (the dispatcher's work), then deliveries by the job runners.
      const bus = new EventBus(database, log);
      bus.subscribe('services.dossier_changed', async (e, tx) => {
        await fanOut(tx, e, true);
      });
      const start = Date.now();
      while ((await bus.dispatchBatch(500)) > 0);
      const fanned = Date.now() - start;
      const t1 = Date.now();
      await drainQueue(database, DELIVERY_QUEUE, (r) =>
        r.handleBatch(
          DELIVERY_QUEUE,
          (jobs) =>
            runDeliveryJobs(
              // The receiver is local: allowed explicitly, as an operator's contract server would be.
              {
                db: database.db,
                secrets,
                timeoutMs: 10_000,
                guard: createAddressGuard({ allow: ['127.0.0.1'] }),
              },
              jobs,
            ),
          { size: DELIVERY_BATCH },
        ),
      );
      const ms = Date.now() - t1;
      const got = await receiver.stats();
      const received = got.applied;
      say(
        `fan-out of ${WEBHOOK_EVENTS} events ${fanned} ms; ${received} deliveries in ${ms} ms (${JSON.stringify(got)})`,
      );
      const [delivered] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from int_webhook_deliveries where status = 'delivered'`,
      );
      if (received !== WEBHOOK_EVENTS || got.badSignatures > 0 || delivered!.n !== WEBHOOK_EVENTS)
        throw new Error(`deliveries missing or badly signed: ${JSON.stringify({ got, delivered })}`);
      const rate = Math.round((received / ms) * 1000);
      return [
        {
          metric: `webhook deliveries per second to a local receiver (${PEERS_APART ? 'its own process' : 'same process'}; ${received.toLocaleString('en-US')} signed deliveries, each verified; ${RUNNERS} runners)`,
          value: rate,
          unit: '/s',
          target: '≥ 500 /s',
          met: rate >= 500,
        },
        {
          metric: 'outbox fan-out into deliveries (the dispatcher)',
          value: Math.round((WEBHOOK_EVENTS / fanned) * 1000),
          unit: 'events/s',
        },
      ];
    } finally {
      await receiver.close();
    }
  });
}

export const integrationBench: Bench = async () => {
  const only = process.argv.slice(2).filter((a) => a === 'sync' || a === 'webhooks');
  const figures: BenchFigure[] = [];
  if (!only.length || only.includes('webhooks')) figures.push(...(await webhookBench()));
  if (!only.length || only.includes('sync')) figures.push(...(await syncBench()));
  return { name: 'Integration (issue #4) — `npx tsx bench/integration.ts`', figures };
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await integrationBench();
  console.log(JSON.stringify(result, null, 2));
}
