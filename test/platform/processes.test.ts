import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireDataDirLock } from '../../src/server/platform/db/client.ts';
import { freePort, httpLogin, runCqs, waitReady, type CqsProcess } from '../helpers/process.ts';
import { createTestDatabase, DEMO_PASSWORD, usingPostgres } from '../platform.ts';

const started: CqsProcess[] = [];
const dirs: string[] = [];
afterAll(async () => {
  for (const p of started) await p.stop('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cqs-proc-'));
  dirs.push(d);
  return d;
};

describe('embedded database processes', () => {
  it('refuses a second process on the same data directory with a clear message', async () => {
    const dir = tmp();
    const release = acquireDataDirLock(dir);
    try {
      const p = runCqs(['start'], { DATA_DIR: dir }, await freePort());
      started.push(p);
      expect(await p.exited).toBe(1);
      expect(p.output()).toMatch(/data directory is in use by another CQS process/);
    } finally {
      release();
    }
  });

  it('starts on an empty data directory with the demo, stops gracefully on SIGTERM, and restarts on it', async () => {
    const dir = tmp();
    const p = runCqs(['start'], { DATA_DIR: dir }, await freePort());
    started.push(p);
    await waitReady(p, 120_000);
    expect(p.output()).toContain('admin@cqs.demo');
    const session = await httpLogin(p.url, 'admin@cqs.demo', DEMO_PASSWORD);
    expect(session.csrfToken).toBeTruthy();
    expect(existsSync(join(dir, 'cqs.lock'))).toBe(true);
    expect(await p.stop('SIGTERM')).toBe(0);
    expect(existsSync(join(dir, 'cqs.lock'))).toBe(false);

    const again = runCqs(['start'], { DATA_DIR: dir }, await freePort());
    started.push(again);
    await waitReady(again);
    // The second start finds the data and does not seed again.
    expect(again.output()).not.toContain('demo data loaded');
    await httpLogin(again.url, 'admin@cqs.demo', DEMO_PASSWORD);
    expect(await again.stop('SIGTERM')).toBe(0);
  }, 180_000);
});

describe.runIf(usingPostgres)('several app processes on one PostgreSQL database', () => {
  it('delivers an event raised on one node to a browser connected to the other', async () => {
    const db = await createTestDatabase();
    await db.database.close();
    try {
      const env = { DATABASE_URL: db.url!, DEMO: 'true', SECRET_KEY: 'k'.repeat(40) };
      const a = runCqs(['start'], { ...env, DATA_DIR: tmp() }, await freePort());
      const b = runCqs(['start'], { ...env, DATA_DIR: tmp() }, await freePort());
      started.push(a, b);
      await Promise.all([waitReady(a), waitReady(b)]);
      const onB = await httpLogin(b.url, 'admin@cqs.demo', DEMO_PASSWORD);
      const controller = new AbortController();
      const stream = await fetch(`${b.url}/api/events`, {
        headers: { cookie: onB.cookie },
        signal: controller.signal,
      });
      expect(stream.status).toBe(200);
      let received = '';
      const reader = stream.body!.getReader();
      void (async () => {
        try {
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            received += new TextDecoder().decode(value);
          }
        } catch {
          // aborted
        }
      })();
      const onA = await httpLogin(a.url, 'admin@cqs.demo', DEMO_PASSWORD);
      const agencies = (await (
        await fetch(`${a.url}/api/admin/agencies`, { headers: { cookie: onA.cookie } })
      ).json()) as {
        items: { id: string; parentId: string | null }[];
      };
      const root = agencies.items.find((x) => x.parentId === null)!;
      const created = await fetch(`${a.url}/api/admin/agencies`, {
        method: 'POST',
        headers: { cookie: onA.cookie, 'x-csrf-token': onA.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          code: '000.00.92.H29',
          name: 'Ban thử nghiệm liên nút',
          kind: 'other',
          parentId: root.id,
          unitCode: '79',
        }),
      });
      expect(created.status).toBe(200);
      await expect.poll(() => received, { timeout: 10_000 }).toContain('"type":"identity.agency_created"');
      controller.abort();
    } finally {
      for (const p of started.splice(0)) await p.stop('SIGKILL');
      await db.drop();
    }
  }, 120_000);

  it('answers 503 while the database is unreachable and recovers when it is back', async () => {
    const db = await createTestDatabase();
    await db.database.close();
    const target = new URL(db.url!);
    // A TCP proxy in front of PostgreSQL that the test can cut, like a server restart.
    const sockets = new Set<Socket>();
    let proxy: Server | undefined;
    const proxyPort = await freePort();
    const openProxy = () =>
      new Promise<void>((resolve) => {
        proxy = createServer((client) => {
          const upstream = connect(Number(target.port || 5432), target.hostname);
          sockets.add(client).add(upstream);
          client.pipe(upstream).pipe(client);
          const end = () => {
            client.destroy();
            upstream.destroy();
          };
          client.on('error', end).on('close', end);
          upstream.on('error', end).on('close', end);
        });
        proxy.listen(proxyPort, '127.0.0.1', () => resolve());
      });
    const cutProxy = () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        proxy!.close(() => resolve());
      });
    await openProxy();
    const viaProxy = new URL(db.url!);
    viaProxy.host = `127.0.0.1:${proxyPort}`;
    const p = runCqs(
      ['start'],
      { DATABASE_URL: viaProxy.toString(), DEMO: 'true', DATA_DIR: tmp() },
      await freePort(),
    );
    started.push(p);
    try {
      await waitReady(p);
      const session = await httpLogin(p.url, 'admin@cqs.demo', DEMO_PASSWORD);
      await cutProxy();
      const down = await fetch(`${p.url}/readyz`);
      expect(down.status).toBe(503);
      const refused = await fetch(`${p.url}/api/admin/users`, {
        headers: { cookie: session.cookie, 'accept-language': 'en' },
      });
      // The session may still be cached; either way the answer is a clean error, not a crash.
      expect([200, 503]).toContain(refused.status);
      const loginDown = await fetch(`${p.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'admin@cqs.demo', password: DEMO_PASSWORD }),
      });
      expect(loginDown.status).toBe(503);
      expect(((await loginDown.json()) as { error: { code: string } }).error.code).toBe(
        'database_unavailable',
      );
      expect(p.child.exitCode).toBeNull();
      await openProxy();
      await expect.poll(async () => (await fetch(`${p.url}/readyz`)).status, { timeout: 15_000 }).toBe(200);
      await httpLogin(p.url, 'admin@cqs.demo', DEMO_PASSWORD);
    } catch (err) {
      console.error('CQS OUTPUT', p.output());
      throw err;
    } finally {
      await p.stop('SIGKILL');
      await cutProxy().catch(() => {});
      await db.drop();
    }
  }, 120_000);
});
