// Issue 10 finding 5: an open event stream ends when its session ends (logout, account disabled,
// roles changed), on the node that serves it and when the change is made on another node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPlatform, type Platform } from '../../src/server/main.ts';
import { loadConfig } from '../../src/server/platform/config.ts';
import { openDatabase } from '../../src/server/platform/db/client.ts';
import { emit } from '../../src/server/platform/events/index.ts';
import { createLogger } from '../../src/server/platform/log.ts';
import { openStream, sleep } from '../helpers/sse.ts';
import { type Agent, startTestPlatform, type TestPlatform, usingPostgres } from '../platform.ts';

let t: TestPlatform;
let base: string;
beforeAll(async () => {
  t = await startTestPlatform({ workers: true });
  base = await t.platform.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => t.close());

const cookieOf = (agent: Agent) => [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const userIdOf = async (agent: Agent) => ((await agent.get('/api/account/me')).json() as { id: string }).id;

async function ping(platform: Platform, type: string) {
  await platform.deps.db.transaction((tx) =>
    emit(tx, { type, aggregateType: 'test', audience: { public: true } }),
  );
}

/** Emits a marker until the stream has it: the stream is live and registered. */
async function untilLive(platform: Platform, stream: Awaited<ReturnType<typeof openStream>>) {
  await expect
    .poll(
      async () => {
        await ping(platform, 'test.ready');
        return stream.types().includes('test.ready');
      },
      { timeout: 10_000, interval: 300 },
    )
    .toBe(true);
}

async function expectCutOff(platform: Platform, stream: Awaited<ReturnType<typeof openStream>>) {
  await ping(platform, 'test.after_revocation');
  await sleep(1_500);
  expect(stream.types()).not.toContain('test.after_revocation');
  await expect.poll(() => stream.isEnded(), { timeout: 5_000 }).toBe(true);
}

describe('an event stream ends with its session (issue 10, finding 5)', () => {
  it('ends at logout', async () => {
    const agent = await t.login('congdan@cqs.demo');
    const stream = await openStream(base, { cookie: cookieOf(agent) });
    expect(stream.status).toBe(200);
    await untilLive(t.platform, stream);
    expect((await agent.post('/api/auth/logout')).statusCode).toBeLessThan(300);
    await expectCutOff(t.platform, stream);
  });

  it('ends when an administrator disables the account', async () => {
    const agent = await t.login('chuyenvien.thudaumot@cqs.demo');
    const id = await userIdOf(agent);
    const stream = await openStream(base, { cookie: cookieOf(agent) });
    await untilLive(t.platform, stream);
    const admin = await t.login('admin@cqs.demo');
    expect((await admin.patch(`/api/admin/users/${id}`, { disabled: true })).statusCode).toBe(200);
    await expectCutOff(t.platform, stream);
    expect((await admin.patch(`/api/admin/users/${id}`, { disabled: false })).statusCode).toBe(200);
  });

  it('stops delivering what a removed role allowed, keeping the stream', async () => {
    const agent = await t.login('motcua.thudaumot@cqs.demo');
    const id = await userIdOf(agent);
    const stream = await openStream(base, { cookie: cookieOf(agent) });
    await untilLive(t.platform, stream);
    const audience = { permission: 'dossiers.receive' };
    await t.platform.deps.db.transaction((tx) =>
      emit(tx, { type: 'test.for_receivers', aggregateType: 'test', audience }),
    );
    await expect.poll(() => stream.types(), { timeout: 5_000 }).toContain('test.for_receivers');
    const admin = await t.login('admin@cqs.demo');
    expect((await admin.patch(`/api/admin/users/${id}`, { memberships: [] })).statusCode).toBe(200);
    await sleep(300);
    await t.platform.deps.db.transaction((tx) =>
      emit(tx, { type: 'test.for_receivers_again', aggregateType: 'test', audience }),
    );
    await ping(t.platform, 'test.public_after');
    await expect.poll(() => stream.types(), { timeout: 5_000 }).toContain('test.public_after');
    expect(stream.types()).not.toContain('test.for_receivers_again');
    stream.close();
  });

  it.runIf(usingPostgres)('ends when the session is revoked on another node', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cqs-node-b-'));
    const log = createLogger('silent');
    const database = await openDatabase({ databaseUrl: t.url!, dataDir, log, poolSize: 2 });
    const config = loadConfig({
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      DEMO: 'true',
      LOG_LEVEL: 'silent',
      WORKERS: 'false',
      DATABASE_URL: t.url!,
    });
    const nodeB = await buildPlatform(config, { database, prepare: false, log });
    try {
      const agent = await t.login('lanhdao.thudaumot@cqs.demo');
      const stream = await openStream(base, { cookie: cookieOf(agent) });
      await untilLive(t.platform, stream);
      // The same session, signed out through the other node.
      const res = await nodeB.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: cookieOf(agent), 'x-csrf-token': agent.csrf!, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(res.statusCode).toBeLessThan(300);
      await expectCutOff(t.platform, stream);
    } finally {
      await nodeB.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
