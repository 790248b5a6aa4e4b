import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AuditAnchors, AuditChain, auditChainKey, CHECKPOINT_FILE } from './platform/audit/index.ts';
import { loadSecretKey, SecretBox } from './platform/auth/secret-box.ts';
import type { Config } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/client.ts';
import { EventBus } from './platform/events/index.ts';
import { fileRoutes } from './platform/files/routes.ts';
import { OrphanSweep, UploadQuota } from './platform/files/index.ts';
import { LocalBlobStore } from './platform/files/store.ts';
import { ResumableUploads } from './platform/files/resumable.ts';
import { createHttp } from './platform/http/app.ts';
import { JobRunner } from './platform/jobs/index.ts';
import { createLogger, type Logger } from './platform/log.ts';
import { registerMessageDelivery } from './platform/messages/index.ts';
import { forgetOldAttempts } from './platform/auth/attempts.ts';
import { httpSmsGateway } from './platform/messages/sms-http.ts';
import { RealtimeHub, sseRoutes } from './platform/realtime/index.ts';
import type { CqsModule, Deps } from './platform/module.ts';
import { PATHS } from './platform/paths.ts';
import { applicationModules, prepareDatabase, registerContributions } from './modules.ts';
import { principalFromToken } from './modules/integration/index.ts';
import {
  parseStatsSettings,
  rebuildStats,
  setStatsMaintenance,
  applyStatsSettings,
} from './modules/stats/index.ts';
import { generateDossiers, popularProcedures } from './modules/services/index.ts';
import { SESSION_COOKIE, SessionService, unitByCode } from './modules/identity/index.ts';
import { isWebPage } from '../contracts/web-pages.ts';
import { sql } from 'drizzle-orm';

const WEB_ROOT = PATHS.web;

export interface Platform {
  app: FastifyInstance;
  deps: Deps;
  /** the application's modules, as registered */
  modules: readonly CqsModule[];
  /** whether this start loaded the demo data */
  seeded: boolean;
  /** the audit log's keyed chain and its checkpoints outside the database (ADR 21) */
  audit: { chain: AuditChain; anchors: AuditAnchors };
  /** removes uploads nothing took, and blobs nothing names, after UPLOAD_ORPHAN_HOURS */
  sweep: OrphanSweep;
  close(): Promise<void>;
}

export interface BuildOptions {
  log?: Logger;
  /** an already-open database (tests) */
  database?: Database;
  /** run migrations and the first-start seed (default true) */
  prepare?: boolean;
}

/** config → database → migrations → first-start seed → http → workers. Does not listen. */
export async function buildPlatform(config: Config, opts: BuildOptions = {}): Promise<Platform> {
  const log = opts.log ?? createLogger(config.logLevel);
  // Checked before anything opens: a bad setting stops the start with a readable list.
  applyStatsSettings(parseStatsSettings(config.statsSettings ?? '{}', { syncConfigured: !!config.dvcqg }));
  setStatsMaintenance(config.statsMaintenance);
  const database =
    opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log }));
  const sessions = new SessionService(database, { demo: config.demo });
  const modules = applicationModules({ config, sessions });
  registerContributions(modules);
  let seeded = false;
  try {
    if (opts.prepare !== false) {
      // First start: the embedded demo gets the demo city; a production database gets the baseline only.
      const files = new LocalBlobStore(join(config.dataDir, 'files'));
      const loaded = await prepareDatabase(database, modules, {
        provinceCode: config.provinceCode,
        demo: config.demo,
        blobs: files,
      });
      seeded = loaded && config.demo;
      // The demo comes alive at once: two years of dossiers behind the statistics, maps and rankings.
      if (seeded && config.demoHistory > 0) await loadDemoHistory(database.db, config.demoHistory, log);
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const db = database.db;
  const bus = new EventBus(database, log);
  const jobs = new JobRunner({ database, log });
  const secretKey = loadSecretKey(config.dataDir, config.secretKey);
  const secrets = new SecretBox(secretKey);
  const auditChain = new AuditChain(db, auditChainKey(secretKey));
  const auditAnchors = new AuditAnchors({
    chain: auditChain,
    log,
    file: join(config.dataDir, CHECKPOINT_FILE),
    url: config.audit.anchorUrl,
    token: config.audit.anchorToken,
  });
  const blobs = new LocalBlobStore(join(config.dataDir, 'files'));
  const quota = new UploadQuota(config.uploadQuotaBytes, config.uploadOrphanMs);
  const resumable = new ResumableUploads(
    database.db,
    blobs,
    join(config.dataDir, 'uploads'),
    config.maxUploadBytes,
    quota,
  );
  const sweep = new OrphanSweep({
    db,
    blobs,
    graceMs: config.uploadOrphanMs,
    references: modules.flatMap((m) => (m.fileReferences ? [m.fileReferences] : [])),
    log,
  });
  const realtime = new RealtimeHub(
    { since: (afterId, limit) => bus.since(afterId, limit), checkSession: (key) => sessions.check(key), log },
    config.realtime,
  );
  bus.onBroadcast((event) => realtime.publish(event));
  sessions.onInvalidate((userId) => realtime.revoke(userId));
  const deps: Deps = { config, log, database, db, bus, jobs, blobs, secrets };

  const app = await createHttp({
    log,
    trustProxy: config.trustProxy,
    maxUploadBytes: config.maxUploadBytes,
    web:
      config.env === 'test'
        ? null
        : {
            root: WEB_ROOT,
            isPage: isWebPage,
            shell: async () => {
              const province = await unitByCode(db, config.provinceCode);
              return {
                provinceName: province?.fullName ?? null,
                provinceNameEn: province?.nameEn ?? null,
                demo: config.demo,
                // In the first HTML, so the home page's list does not fill in and shift the page.
                preload: { popularProcedures: await popularProcedures(db) },
              };
            },
          },
    secureCookies: config.publicUrl.startsWith('https://'),
    extraMetrics: () => realtime.metricsText(),
    metricsToken: config.metricsToken,
    ready: async () => {
      await database.db.execute(sql`select 1`);
    },
    auth: {
      cookieName: SESSION_COOKIE,
      fromCookie: (token) =>
        sessions.cached(token) ??
        sessions
          .resolve(token)
          .then((state) => (!state ? null : 'expired' in state ? 'expired' : state.principal)),
      fromBearer: (token) => principalFromToken(db, token),
    },
  });
  await app.register(async (scope) => {
    for (const m of modules) await m.routes?.(scope, deps);
    await fileRoutes(scope, { db, blobs, maxUploadBytes: config.maxUploadBytes, quota, resumable });
    await sseRoutes(scope, realtime);
  });

  for (const m of modules) await m.start?.(deps);
  registerMessageDelivery(jobs, {
    db,
    log,
    smtpUrl: config.smtpUrl,
    from: `CQS <no-reply@${new URL(config.publicUrl).hostname}>`,
    demo: config.demo,
    sms: config.sms ? httpSmsGateway(config.sms.url, config.sms.token) : undefined,
    keepDir: join(config.dataDir, 'outbox'),
  });
  jobs.every('audit.chain', 2_000, async () => {
    while ((await auditChain.chainBatch()) > 0);
  });
  // Anchors the chain's end outside the database; off the write path, like the chaining itself.
  jobs.every('audit.checkpoint', config.audit.checkpointMs, () => auditAnchors.checkpoint());
  // A safety net: events are dispatched on NOTIFY; this catches retries that come due.
  jobs.every('outbox.dispatch', 5_000, () => bus.kick());
  jobs.every('sessions.cleanup', 3_600_000, () =>
    db.execute(
      sql`delete from id_sessions where expires_at < now() or last_seen_at < now() - interval '1 day'`,
    ),
  );
  jobs.every('uploads.sweep', 3_600_000, () => resumable.sweep());
  jobs.every('attempts.cleanup', 3_600_000, () => forgetOldAttempts(db));
  jobs.every('files.orphan_sweep', 3_600_000, () => sweep.run());
  jobs.every('files.blob_sweep', 24 * 3_600_000, () => sweep.sweepBlobs());
  jobs.every('jobs.cleanup', 3_600_000, () =>
    db.execute(sql`delete from jobs where status = 'done' and finished_at < now() - interval '7 days'`),
  );

  await sessions.start();
  await bus.listen();
  if (config.workers) {
    await bus.startDispatching();
    await jobs.start();
  }

  let closed = false;
  return {
    app,
    deps,
    modules,
    seeded,
    audit: { chain: auditChain, anchors: auditAnchors },
    sweep,
    async close() {
      if (closed) return;
      closed = true;
      realtime.stop();
      await app.close();
      for (const m of [...modules].reverse()) await m.stop?.();
      await jobs.stop();
      await bus.stop();
      await sessions.stop();
      await database.close();
    },
  };
}

/** Builds the platform, listens, and shuts down gracefully on SIGTERM/SIGINT. */
export async function startServer(config: Config): Promise<Platform> {
  const platform = await buildPlatform(config);
  // A long accept queue: thousands of event streams reconnect at once after a network drop.
  await platform.app.listen({ port: config.port, host: config.host, backlog: 4_096 });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    platform.deps.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await platform.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  return platform;
}

/** Generated history for a new demo database (`DEMO_HISTORY` dossiers), then the statistics over it. */
async function loadDemoHistory(db: Database['db'], count: number, log: Logger): Promise<void> {
  const generated = await generateDossiers(db, { count, seed: 1, demo: true });
  const stats = await rebuildStats(db);
  log.info(
    { dossiers: generated.count, ms: generated.ms, statsMs: stats.ms },
    'demo history generated and counted',
  );
}
