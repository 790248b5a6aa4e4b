import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildPlatform, type Platform } from '../src/server/main.ts';
import { loadConfig } from '../src/server/platform/config.ts';
import { type Database, openDatabase } from '../src/server/platform/db/client.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { DEMO_PASSWORD } from '../src/server/modules/identity/seed.ts';

export { DEMO_PASSWORD };
export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export interface TestDatabase {
  database: Database;
  /** connection URL when on PostgreSQL (for a second process or node) */
  url: string | null;
  drop(): Promise<void>;
}

/** A fresh copy of the migrated, demo-seeded template: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const log = createLogger('silent');
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const blob = new Blob([readFileSync(inject('pgliteTemplate'))]);
    const database = await openDatabase({ dataDir: tmpdir(), log, inMemory: true, loadDataDir: blob });
    return { database, url: null, drop: async () => {} };
  }
  const name = `cqs_t_${process.ppid}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${inject('pgTemplate')}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: tmpdir(), log, poolSize: 4 });
  return {
    database,
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestPlatform {
  platform: Platform;
  dataDir: string;
  url: string | null;
  /** an HTTP client with its own cookie jar */
  client(): Agent;
  /** a client signed in as a demo (or any) account */
  login(identifier: string, password?: string): Promise<Agent>;
  close(): Promise<void>;
}

export async function startTestPlatform(
  opts: { workers?: boolean; env?: Record<string, string> } = {},
): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-data-'));
  const testDb = await createTestDatabase();
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    DEMO: 'true',
    LOG_LEVEL: 'silent',
    WORKERS: opts.workers ? 'true' : 'false',
    ...(testDb.url ? { DATABASE_URL: testDb.url } : {}),
    ...opts.env,
  });
  const platform = await buildPlatform(config, {
    database: testDb.database,
    prepare: false,
    log: createLogger((process.env.TEST_LOG_LEVEL as 'silent') ?? 'silent'),
  });
  const self: TestPlatform = {
    platform,
    dataDir,
    url: testDb.url,
    client: () => new Agent(platform),
    async login(identifier, password = DEMO_PASSWORD) {
      const agent = new Agent(platform);
      const res = await agent.post('/api/auth/login', { identifier, password });
      if (res.statusCode !== 200)
        throw new Error(`login ${identifier} failed: ${res.statusCode} ${res.body}`);
      return agent;
    },
    async close() {
      await platform.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return self;
}

type Body = Record<string, unknown> | unknown[] | string | Buffer | undefined;

let agentCount = 0;

/**
 * Talks to the app through Fastify's inject, keeping cookies and the CSRF token like a browser.
 * Each agent comes from its own loopback address, as separate people would, so per-IP limits
 * (login rate limiting) apply per agent.
 */
export class Agent {
  readonly ip = `127.1.${(++agentCount >> 8) & 255}.${agentCount & 255}`;
  cookies = new Map<string, string>();
  csrf: string | null = null;
  headers: Record<string, string> = {};
  constructor(private readonly platform: Platform) {}

  async request(
    method: string,
    url: string,
    body?: Body,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const h: Record<string, string> = { ...this.headers, ...headers };
    if (cookie) h.cookie = cookie;
    if (this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf;
    const isJson = body !== undefined && typeof body === 'object' && !Buffer.isBuffer(body);
    if (isJson && !h['content-type']) h['content-type'] = 'application/json';
    const res = await this.platform.app.inject({
      remoteAddress: this.ip,
      method: method as 'GET',
      url,
      headers: h,
      payload: isJson ? JSON.stringify(body) : (body as string | Buffer | undefined),
    });
    for (const c of res.cookies) {
      if (
        c.value === '' ||
        (c.maxAge !== undefined && c.maxAge <= 0) ||
        (c.expires && c.expires.getTime() < Date.now())
      )
        this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    if (res.headers['content-type']?.toString().includes('application/json')) {
      const json = res.json() as { csrfToken?: string | null };
      if (json && typeof json === 'object' && 'csrfToken' in json) this.csrf = json.csrfToken ?? null;
    }
    return res;
  }
  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PATCH', url, body ?? {}, headers);
  put = (url: string, body?: Body, headers?: Record<string, string>) =>
    this.request('PUT', url, body ?? {}, headers);
  delete = (url: string, headers?: Record<string, string>) => this.request('DELETE', url, undefined, headers);
}
