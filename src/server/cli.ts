import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import {
  AuditChain,
  auditChainKey,
  CHECKPOINT_FILE,
  type ChainProblem,
  parseCheckpoints,
} from './platform/audit/index.ts';
import { readSecretKey } from './platform/auth/secret-box.ts';
import { systemContext } from './platform/context.ts';
import { ConfigError, type Config, loadConfig } from './platform/config.ts';
import { acquireDataDirLock, DataDirLockedError, openDatabase } from './platform/db/client.ts';
import { createLogger } from './platform/log.ts';
import { LocalBlobStore } from './platform/files/store.ts';
import { startServer } from './main.ts';
import { applicationModules, prepareDatabase, registerContributions, seedApplication } from './modules.ts';
import { GeneratorError, generateDossiers } from './modules/services/index.ts';
import { createAdmin, DEMO_ACCOUNTS, DEMO_PASSWORD } from './modules/identity/index.ts';
import { AppError } from './platform/errors.ts';
import { httpDvcqgClient, reconcilePeriod, startContractServer } from './modules/integration/index.ts';
import { t } from './platform/i18n/index.ts';
import { rebuildStats } from './modules/stats/index.ts';
import { parseTarget, startProbe, startSimulator } from './modules/operations/index.ts';

const HELP = `cqs — Chính quyền số

  cqs start                      start the server (migrations and first-start seed included)
  cqs migrate                    apply database migrations
  cqs seed --demo                load the demo city (idempotent)
  cqs seed --demo --dossiers N [--seed S]   …and N historical dossiers over 24 months (reproducible from S, default 1)
  cqs stats rebuild              recompute the statistics (766 indicators) from the dossier history
  cqs create-admin --email E --name N [--password P]   create an administrator (password from CQS_ADMIN_PASSWORD or prompt)
  cqs backup <file>              write the database and files to a .tar.gz (embedded: stop the server first)
  cqs restore <file>             restore a backup written by "cqs backup" (stop the server first)
  cqs audit verify [--checkpoints FILE]…   check the audit log's keyed hash chain against its checkpoints
                                 (DATA_DIR/audit-checkpoints.jsonl, and log or anchor exports given); exit 1 at
                                 the first altered or missing row, a removed tail or a rehashed chain
  cqs dvcqg reconcile --from YYYY-MM-DD --to YYYY-MM-DD   compare a period with DVCQG; gaps are queued for re-sending
  cqs sensors simulate [--url U] [--interval S] [--apikey K]   drive the demo stations over MQTT (default: the configured broker)
  cqs sensors probe --device D --target HOST:PORT [--url U] [--interval S] [--apikey K]   a network connection point's
                                 probe agent: TCP connects to the target, publishes up / rtt (ms) / loss (%) over MQTT
  cqs dvcqg contract-server [--port P]   run the in-repo DVCQG contract server for development (faults via --faults)

Configuration comes from the environment (PORT, HOST, DATA_DIR, DATABASE_URL, PUBLIC_URL, SMTP_URL, LOG_LEVEL, …); see README.md.`;

async function withDatabase<T>(
  config: Config,
  /** `loaded`: this call found an empty database and loaded its first data (baseline, or the demo) */
  fn: (db: Awaited<ReturnType<typeof openDatabase>>, loaded: boolean) => Promise<T>,
  opts: { demo?: boolean } = {},
): Promise<T> {
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  try {
    // Base data with the schema: `cqs migrate` then `cqs create-admin` works on a fresh database.
    const loaded = await prepareDatabase(database, applicationModules(), {
      provinceCode: config.provinceCode,
      demo: opts.demo ?? config.demo,
      blobs: new LocalBlobStore(join(config.dataDir, 'files')),
    });
    return await fn(database, loaded);
  } finally {
    await database.close();
  }
}

function printWelcome(config: Config, url: string, seeded: boolean) {
  const lines = [`CQS đang chạy / is running: ${url}`];
  if (config.demo) {
    lines.push(seeded ? 'Đã nạp dữ liệu mẫu / demo data loaded.' : 'Chế độ trình diễn / demo mode.');
    lines.push(`Tài khoản mẫu / demo accounts (mật khẩu / password: ${DEMO_PASSWORD}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.email.padEnd(30)} ${a.title ?? 'Công dân / citizen'}`);
    lines.push(
      '  chuyenvien|truongphong|lanhdao.<xaydung|nnmt|tuphap|taichinh|congthuong|yte|giaoduc>@cqs.demo  cán bộ các Sở / department staff',
    );
  }
  console.log(lines.join('\n'));
}

async function backup(config: Config, file: string) {
  const out = resolve(file);
  const work = mkdtempSync(join(tmpdir(), 'cqs-backup-'));
  try {
    if (config.databaseUrl) {
      execFileSync('pg_dump', [
        '--format=custom',
        '--no-owner',
        `--file=${join(work, 'database.dump')}`,
        config.databaseUrl,
      ]);
    } else {
      const release = acquireDataDirLock(config.dataDir);
      try {
        const pg = await PGlite.create({ dataDir: join(config.dataDir, 'pgdata') });
        const dump = await pg.dumpDataDir('gzip');
        writeFileSync(join(work, 'database.tar.gz'), Buffer.from(await dump.arrayBuffer()));
        await pg.close();
      } finally {
        release();
      }
    }
    if (existsSync(join(config.dataDir, 'files')))
      cpSync(join(config.dataDir, 'files'), join(work, 'files'), { recursive: true });
    if (existsSync(join(config.dataDir, 'secret.key')))
      cpSync(join(config.dataDir, 'secret.key'), join(work, 'secret.key'));
    writeFileSync(
      join(work, 'backup.json'),
      JSON.stringify({ format: 1, createdAt: new Date().toISOString(), embedded: !config.databaseUrl }),
    );
    // The archive holds the secret key and everyone's data: readable by its owner only, from the
    // first byte (created empty with 0600, then filled; chmod also narrows a file that existed).
    writeFileSync(out, '', { mode: 0o600 });
    chmodSync(out, 0o600);
    execFileSync('tar', ['-czf', out, '-C', work, '.']);
    console.log(`Backup written: ${out}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function restore(config: Config, file: string) {
  const work = mkdtempSync(join(tmpdir(), 'cqs-restore-'));
  try {
    execFileSync('tar', ['-xzf', resolve(file), '-C', work]);
    const meta = JSON.parse(readFileSync(join(work, 'backup.json'), 'utf8')) as { embedded: boolean };
    if (meta.embedded === Boolean(config.databaseUrl))
      throw new Error(
        `This backup is from ${meta.embedded ? 'an embedded' : 'a PostgreSQL'} deployment; restore it into the same kind.`,
      );
    if (config.databaseUrl) {
      execFileSync('pg_restore', [
        '--clean',
        '--if-exists',
        '--no-owner',
        `--dbname=${config.databaseUrl}`,
        join(work, 'database.dump'),
      ]);
    } else {
      const release = acquireDataDirLock(config.dataDir);
      try {
        const pgdata = join(config.dataDir, 'pgdata');
        // Keep the current database beside the restored one until the operator deletes it.
        if (existsSync(pgdata)) renameSync(pgdata, `${pgdata}.before-restore-${Date.now()}`);
        const blob = new Blob([readFileSync(join(work, 'database.tar.gz'))]);
        const pg = await PGlite.create({ dataDir: pgdata, loadDataDir: blob });
        await pg.query('select 1');
        await pg.close();
      } finally {
        release();
      }
    }
    mkdirSync(config.dataDir, { recursive: true });
    // The checkpoints pin the replaced database's audit chain, not the restored one: kept aside.
    const checkpoints = join(config.dataDir, CHECKPOINT_FILE);
    if (existsSync(checkpoints)) renameSync(checkpoints, `${checkpoints}.before-restore-${Date.now()}`);
    if (existsSync(join(work, 'files')))
      cpSync(join(work, 'files'), join(config.dataDir, 'files'), { recursive: true });
    if (existsSync(join(work, 'secret.key')))
      cpSync(join(work, 'secret.key'), join(config.dataDir, 'secret.key'));
    console.log('Restore complete.');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function prompt(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

export async function runCli(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean' },
      dossiers: { type: 'string' },
      seed: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string' },
      faults: { type: 'string' },
      url: { type: 'string' },
      interval: { type: 'string' },
      apikey: { type: 'string' },
      device: { type: 'string' },
      target: { type: 'string' },
      checkpoints: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, arg] = positionals;
  if (!command || values.help) {
    console.log(HELP);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  switch (command) {
    case 'start': {
      const platform = await startServer(config);
      const address = platform.app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      // With PORT=0 the system picks the port: show the one in use, unless PUBLIC_URL says otherwise.
      printWelcome(
        config,
        config.port === 0 ? `http://localhost:${port}` : config.publicUrl,
        platform.seeded,
      );
      return -1; // keep running
    }
    case 'migrate':
      await withDatabase(config, async () => {});
      console.log('Migrations applied.');
      return 0;
    case 'seed': {
      const count = values.dossiers === undefined ? 0 : Number(values.dossiers);
      const seed = values.seed === undefined ? 1 : Number(values.seed);
      if (values.dossiers !== undefined && (!values.demo || !Number.isInteger(count) || count < 1)) {
        console.error('usage: cqs seed --demo --dossiers N [--seed S]   (N a positive integer)');
        return 1;
      }
      try {
        await withDatabase(
          config,
          async (d, loaded) => {
            // An empty database got this very data when it was opened: load it once.
            if (!loaded)
              await d.db.transaction((tx) =>
                seedApplication(tx, { provinceCode: config.provinceCode, demo: Boolean(values.demo) }),
              );
            console.log(values.demo ? 'Demo data loaded.' : 'Baseline data loaded.');
            if (count > 0) {
              // payments and sync states of the history come from those modules' contributions
              registerContributions();
              await generateDossiers(d.db, { count, seed, demo: true, log: (line) => console.log(line) });
              // Generated history is written in bulk, past the statistics hook: recompute the read model.
              const r = await rebuildStats(d.db, { log: (line) => console.log(line) });
              console.log(
                `Statistics rebuilt: ${r.dossiers} dossiers, ${r.rollupRows} rollup rows in ${r.ms} ms.`,
              );
            }
          },
          { demo: Boolean(values.demo) },
        );
      } catch (err) {
        if (!(err instanceof GeneratorError)) throw err;
        console.error(err.message);
        return 1;
      }
      return 0;
    }
    case 'stats': {
      if (arg !== 'rebuild') {
        console.error('usage: cqs stats rebuild');
        return 1;
      }
      await withDatabase(config, async (d) => {
        const r = await rebuildStats(d.db, { log: (line) => console.log(line) });
        console.log(`Statistics rebuilt: ${r.dossiers} dossiers, ${r.rollupRows} rollup rows in ${r.ms} ms.`);
      });
      return 0;
    }
    case 'create-admin': {
      const email = values.email ?? (await prompt('E-mail: '));
      const name = values.name ?? (await prompt('Họ và tên / Full name: '));
      const password =
        values.password ?? process.env.CQS_ADMIN_PASSWORD ?? (await prompt('Mật khẩu / Password: '));
      await withDatabase(config, (d) =>
        createAdmin(d.db, systemContext('cli'), { email, fullName: name, password }),
      );
      console.log(`Administrator created: ${email}`);
      return 0;
    }
    case 'backup':
      if (!arg) throw new Error('usage: cqs backup <file>');
      await backup(config, arg);
      return 0;
    case 'restore':
      if (!arg) throw new Error('usage: cqs restore <file>');
      await restore(config, arg);
      return 0;
    case 'audit':
      if (arg !== 'verify') throw new Error('usage: cqs audit verify [--checkpoints FILE]…');
      return auditVerify(config, values.checkpoints ?? []);
    case 'dvcqg':
      return dvcqgCommand(config, arg, values);
    case 'sensors': {
      const interval = Number(values.interval ?? 60);
      const url =
        values.url ??
        (config.mqtt.kind === 'external'
          ? config.mqtt.url
          : `mqtt://127.0.0.1:${config.mqtt.kind === 'embedded' ? config.mqtt.port : 1883}`);
      if (arg === 'probe') {
        if (!values.device || !values.target || !Number.isFinite(interval) || interval < 1) {
          console.error(
            'usage: cqs sensors probe --device NET-25747 --target host:port [--url mqtt://host:1883] [--interval SECONDS] [--apikey KEY]',
          );
          return 1;
        }
        const probe = await startProbe({
          url,
          apikey: values.apikey ?? 'cqs-demo',
          device: values.device,
          target: parseTarget(values.target),
          intervalMs: interval * 1000,
          log: createLogger(config.logLevel),
        });
        console.log(
          `Probing ${values.target} for ${values.device} every ${interval} s on ${url} (Ctrl+C to stop).`,
        );
        process.once('SIGINT', () => void probe.stop().then(() => process.exit(0)));
        process.once('SIGTERM', () => void probe.stop().then(() => process.exit(0)));
        return -1;
      }
      if (arg !== 'simulate' || !Number.isFinite(interval) || interval < 1) {
        console.error(
          'usage: cqs sensors simulate [--url mqtt://host:1883] [--interval SECONDS] [--apikey KEY]',
        );
        return 1;
      }
      const sim = await startSimulator(url, {
        log: createLogger(config.logLevel),
        intervalMs: interval * 1000,
        apikey: values.apikey,
      });
      console.log(`Simulating the demo stations on ${url} every ${interval} s (Ctrl+C to stop).`);
      process.once('SIGINT', () => void sim.stop().then(() => process.exit(0)));
      process.once('SIGTERM', () => void sim.stop().then(() => process.exit(0)));
      return -1;
    }
    default:
      console.error(`Unknown command: ${command}\n\n${HELP}`);
      return 1;
  }
}

const CHAIN_PROBLEMS: Record<ChainProblem, string> = {
  altered: 'the row was altered',
  missing: 'a row is missing, or the chain was rewritten before it',
  truncated: 'rows were removed from its end (a checkpoint records a later position)',
  recomputed: 'the chain was rewritten and rehashed (it no longer matches a checkpoint)',
  switch_over: 'the switch-over to the keyed chain is missing or not where the checkpoints say',
  bad_checkpoint:
    "a checkpoint does not carry this deployment's seal (made up, damaged, or written with another SECRET_KEY)",
};

/** Walks the keyed chain and compares it with every checkpoint found (ADR 21). */
async function auditVerify(config: Config, extraFiles: string[]): Promise<number> {
  const secretKey = readSecretKey(config.dataDir, config.secretKey);
  if (!secretKey) {
    console.error(
      'No secret key (SECRET_KEY or DATA_DIR/secret.key): the keyed audit chain cannot be checked.',
    );
    return 1;
  }
  const own = join(config.dataDir, CHECKPOINT_FILE);
  for (const f of extraFiles)
    if (!existsSync(resolve(f))) {
      console.error(`Checkpoint file not found: ${f}`);
      return 1;
    }
  const files = [...(existsSync(own) ? [own] : []), ...extraFiles.map((f) => resolve(f))];
  const checkpoints = files.flatMap((f) => parseCheckpoints(readFileSync(f, 'utf8')));
  const result = await withDatabase(config, (d) =>
    new AuditChain(d.db, auditChainKey(secretKey)).verify({ checkpoints }),
  );
  if (result.ok) {
    const keyed = result.keyedFrom ? `keyed from position ${result.keyedFrom}` : 'not keyed yet';
    console.log(
      `Audit chain intact: ${result.checked} rows verified (${keyed}), ${result.unchained} not yet chained; ` +
        (result.checkpoints
          ? `${result.checkpoints} checkpoints match.`
          : 'no checkpoints found, so a removed tail could not be detected.'),
    );
    return 0;
  }
  console.error(
    `Audit chain broken at position ${result.seq}${result.id ? ` (row id ${result.id})` : ''}: ${CHAIN_PROBLEMS[result.problem]}. ${result.checked} rows before it are intact.`,
  );
  return 1;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

async function dvcqgCommand(
  config: Config,
  sub: string | undefined,
  values: { from?: string; to?: string; port?: string; faults?: string },
): Promise<number> {
  if (sub === 'contract-server') {
    // Faults as rates, e.g. --faults timeout=0.1,server_error=0.1,reset=0.05,duplicate_ack=0.05,drop=0.01
    const rates = Object.fromEntries(
      (values.faults ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('='))
        .map(([k, v]) => [k, Number(v)]),
    );
    const server = await startContractServer({
      port: values.port ? Number(values.port) : 8790,
      clientId: config.dvcqg?.clientId,
      clientSecret: config.dvcqg?.clientSecret,
      hangMs: 60_000,
    });
    server.setRates(rates);
    console.log(
      `DVCQG contract server: ${server.url} (client ${server.clientId}; faults ${JSON.stringify(rates)})\n` +
        `Point CQS at it: DVCQG_URL=${server.url} DVCQG_CLIENT_ID=${server.clientId} DVCQG_CLIENT_SECRET=${server.clientSecret}`,
    );
    return -1;
  }
  if (sub !== 'reconcile' || !values.from || !values.to || !DAY.test(values.from) || !DAY.test(values.to)) {
    console.error(
      'usage: cqs dvcqg reconcile --from YYYY-MM-DD --to YYYY-MM-DD | cqs dvcqg contract-server [--port P]',
    );
    return 1;
  }
  if (!config.dvcqg) {
    console.error(t('vi', 'errors:dvcqg_not_configured'));
    return 1;
  }
  const client = httpDvcqgClient(config.dvcqg);
  const period = { from: values.from, to: values.to };
  const result = await withDatabase(config, (d) =>
    reconcilePeriod(d.db, client, systemContext('cli'), period),
  );
  console.log(
    `Đối soát / reconciled ${result.from} → ${result.to}: local ${result.localCount}, DVCQG ${result.remoteCount}; ` +
      `missing ${result.missing.length}, stale ${result.stale.length}, unknown to us ${result.unknown.length}; ` +
      `queued for re-sending ${result.resent} (sent by the running server's workers).`,
  );
  for (const code of result.missing.slice(0, 20)) console.log(`  missing: ${code}`);
  return 0;
}

runCli(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err instanceof DataDirLockedError) console.error(err.message);
    else if (err instanceof AppError)
      console.error(
        `${err.code}: ${t('vi', `errors:${err.code}`, err.params)}${err.fields.length ? ` (${err.fields.map((f) => `${f.field}: ${t('vi', `errors:${f.key}`, f.params)}`).join('; ')})` : ''}`,
      );
    else console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
