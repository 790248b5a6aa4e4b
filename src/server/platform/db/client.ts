import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Logger } from '../log.ts';
// No relational schema: every query names its tables (modules own theirs; the kernel knows none, ADR 13).
export type Schema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Throws when the database cannot answer. */
  ping(): Promise<void>;
  /** LISTEN on a channel; returns the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** the raw PGlite, for backup/restore of the embedded database */
  pglite?: PGlite;
  /** the pool, for benchmarks that need raw SQL on PostgreSQL */
  pool?: pg.Pool;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly pid: number,
  ) {
    super(
      `The data directory is in use by another CQS process (pid ${pid}, lock ${lockFile}). ` +
        'Two processes on one embedded database would corrupt it: stop the other one, or use PostgreSQL (DATABASE_URL) to run several nodes.',
    );
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Holds an exclusive lock file beside the PGlite data; a stale lock (dead pid) is taken over. */
export function acquireDataDirLock(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, 'cqs.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(lockFile, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(lockFile, pid);
      rmSync(lockFile, { force: true });
    }
  }
  throw new Error(`Could not take the lock ${lockFile}`);
}

// PGlite's own defaults (0.5), kept so that adding a setting does not drop them.
const PGLITE_DEFAULT_START_PARAMS = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  log: Logger;
  /** a tarball of a migrated PGlite data directory to start from (tests) */
  loadDataDir?: Blob;
  /** keep the embedded database in memory (tests) */
  inMemory?: boolean;
  poolSize?: number;
  /** shared_buffers of the embedded database */
  sharedBuffersMb?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const release = opts.inMemory ? () => {} : acquireDataDirLock(opts.dataDir);
  try {
    const client = await PGlite.create({
      dataDir: opts.inMemory ? undefined : join(opts.dataDir, 'pgdata'),
      loadDataDir: opts.loadDataDir,
      // PGlite's 160 MB of shared buffers would be most of an idle server's memory; the OS caches the files anyway.
      startParams: [...PGLITE_DEFAULT_START_PARAMS, '-c', `shared_buffers=${opts.sharedBuffersMb ?? 16}MB`],
    });
    const db = drizzlePglite(client) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      pglite: client,
      ping: async () => {
        await client.query('select 1');
      },
      listen: async (channel, onPayload) => {
        const stop = await client.listen(channel, onPayload);
        return async () => stop();
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: 5000,
  });
  // Without this listener a server restart kills the process; with it, requests fail and later recover.
  pool.on('error', (err) => opts.log.warn({ err: err.message }, 'idle database connection lost'));
  // A connection lost while checked out (in a transaction) emits 'error' on the client, which the pool
  // does not listen to then: unheard, it would end the process. Its queries fail; the pool drops it on release.
  pool.on('connect', (client) =>
    client.on('error', (err) => opts.log.warn({ err: err.message }, 'database connection lost')),
  );
  const db = drizzleNodePg(pool) as unknown as Db;
  const listeners = new Set<pg.Client>();
  return {
    kind: 'postgres',
    db,
    pool,
    ping: async () => {
      await pool.query('select 1');
    },
    listen: (channel, onPayload) => listenPostgres(url, channel, onPayload, opts.log, listeners),
    close: async () => {
      for (const client of listeners) await client.end().catch(() => {});
      await pool.end();
    },
  };
}

/** A dedicated connection for LISTEN that reconnects after a server restart. */
async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  log: Logger,
  registry: Set<pg.Client>,
): Promise<() => Promise<void>> {
  let stopped = false;
  let current: pg.Client | undefined;
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  const connect = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url });
    client.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    client.on('error', (err) => {
      log.warn({ err: err.message, channel }, 'listen connection lost; reconnecting');
      registry.delete(client);
      if (!stopped) setTimeout(retry, 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${quoted}`);
    current = client;
    registry.add(client);
  };
  const retry = () => {
    if (stopped) return;
    connect().catch(() => setTimeout(retry, 2000));
  };
  await connect();
  return async () => {
    stopped = true;
    if (current) {
      registry.delete(current);
      await current.end().catch(() => {});
    }
  };
}

/** Runs raw SQL and returns its rows (both drivers answer with `{ rows }`). */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/**
 * A list bound as ONE array parameter (drizzle would expand a JS array into "($1, $2, …)").
 * Written as a PostgreSQL array literal, so it works the same on both drivers: `= any(${pgArray(ids)}::uuid[])`.
 */
export function pgArray(values: readonly (string | number)[]): string {
  return `{${values.map((v) => `"${String(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
