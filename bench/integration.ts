// Integration figures (issue #4): DVCQG sync of N dossiers to the in-repo contract server, and webhook
// deliveries per second to a local receiver, both on PostgreSQL through the real job queue.
// Standalone: npx tsx bench/integration.ts [sync] [webhooks]   (both by default)
// Environment: BENCH_DATABASE_URL (admin URL, default postgres://postgres@127.0.0.1:5432/postgres),
// BENCH_SYNC_DOSSIERS (default 100000), BENCH_WEBHOOK_EVENTS (default 5000), BENCH_RUNNERS (default 4).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { SecretBox } from '../src/server/platform/auth/secret-box.ts';
import { systemContext } from '../src/server/platform/context.ts';
import { type Database, openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { EventBus, emit } from '../src/server/platform/events/index.ts';
import { JobRunner } from '../src/server/platform/jobs/index.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedDeployment } from '../src/server/seed.ts';
import { generateDossiers } from '../src/server/modules/services/generator/index.ts';
import { httpDvcqgClient } from '../src/server/modules/integration/dvcqg/client.ts';
import { startContractServer } from '../src/server/modules/integration/dvcqg/contract-server.ts';
import { reconcilePeriod } from '../src/server/modules/integration/dvcqg/reconcile.ts';
import { runSyncJob, SYNC_QUEUE } from '../src/server/modules/integration/dvcqg/sync.ts';
import { DELIVERY_QUEUE, deliver, fanOut } from '../src/server/modules/integration/webhooks/deliveries.ts';
import type { Bench, BenchFigure } from './harness.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SYNC_DOSSIERS = Number(process.env.BENCH_SYNC_DOSSIERS ?? 100_000);
const WEBHOOK_EVENTS = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5_000);
const RUNNERS = Number(process.env.BENCH_RUNNERS ?? 4);
const log = createLogger('silent');
const say = (line: string) => console.error(`  ${line}`);

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
    await database.db.transaction((tx) => seedDeployment(tx, '79', true));
    return await fn(database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Several runners on one database, as several worker nodes would be, until a queue is empty. */
async function drainQueue(database: Database, queue: string, register: (r: JobRunner) => void) {
  const runners = Array.from({ length: RUNNERS }, () => {
    const r = new JobRunner({ database, log, batch: 20 });
    register(r);
    return r;
  });
  for (;;) {
    await Promise.all(runners.map((r) => r.runDueJobs()));
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
    const portal = await startContractServer({ hangMs: 1_000 });
    const client = httpDvcqgClient({
      url: portal.url,
      clientId: portal.clientId,
      clientSecret: portal.clientSecret,
      timeoutMs: 10_000,
    });
    try {
      const start = Date.now();
      const found = await reconcilePeriod(database.db, client, systemContext('bench'), {
        from: '2024-01-01',
        to: '2026-12-31',
      });
      await drainQueue(database, SYNC_QUEUE, (r) =>
        r.handle(SYNC_QUEUE, (p) =>
          runSyncJob({ db: database.db, client, baseUrl: 'https://cqs.example.vn', log }, p.ids as string[]),
        ),
      );
      const ms = Date.now() - start;
      const [synced] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from int_dvcqg_sync where state = 'synced'`,
      );
      say(
        `reconciled ${found.localCount} and synced ${synced!.n} in ${ms} ms; portal holds ${portal.dossiers.size}`,
      );
      const per100k = Math.round((ms / synced!.n) * 100_000);
      return [
        {
          metric: `DVCQG sync of ${synced!.n.toLocaleString('en-US')} coded dossiers (of ${SYNC_DOSSIERS.toLocaleString('en-US')} generated) to the contract server, from reconciliation to all synced, ${RUNNERS} runners`,
          value: Math.round(ms / 1000),
          unit: 's',
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
    let received = 0;
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        received++;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
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
        values (${client!.id}, ${url}, array['dossier.changed'], ${secrets.seal('whsec_bench')})`);
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
        r.handle(DELIVERY_QUEUE, (p) =>
          deliver({ db: database.db, secrets, timeoutMs: 10_000 }, Number(p.deliveryId)),
        ),
      );
      const ms = Date.now() - t1;
      say(`fan-out of ${WEBHOOK_EVENTS} events ${fanned} ms; ${received} deliveries in ${ms} ms`);
      const rate = Math.round((received / ms) * 1000);
      return [
        {
          metric: `webhook deliveries per second to a local receiver (${received.toLocaleString('en-US')} signed deliveries, ${RUNNERS} runners)`,
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
      await new Promise((r) => server.close(r));
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
