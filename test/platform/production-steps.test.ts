// The README's production steps, in their written order, on a fresh database:
// `cqs migrate`, `cqs create-admin`, `cqs start`, sign in, the forced two-step set-up.
// On PostgreSQL (TEST_DATABASE_URL, as in CI) a new, empty database; otherwise an empty data directory.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpAt } from '../../src/server/platform/auth/totp.ts';
import { freePort, httpLogin, runCqs, waitReady } from '../helpers/process.ts';

const adminUrl = process.env.TEST_DATABASE_URL;
const dbName = `cqs_prod_${randomUUID().slice(0, 8)}`;
const dataDir = mkdtempSync(join(tmpdir(), 'cqs-prod-'));
let env: Record<string, string>;

beforeAll(async () => {
  env = { DATA_DIR: dataDir, SECRET_KEY: 'a'.repeat(40), PUBLIC_URL: 'http://127.0.0.1' };
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  } else env.DEMO = 'false';
});
afterAll(async () => {
  rmSync(dataDir, { recursive: true, force: true });
  if (!adminUrl) return;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

const cqs = async (args: string[], extra: Record<string, string> = {}) => {
  const p = runCqs(args, { ...env, ...extra });
  const code = await p.exited;
  return { code, out: p.output() };
};

describe('the production steps of the README', () => {
  it('migrate, create-admin, start, sign in and set up two-step verification', async () => {
    const migrated = await cqs(['migrate']);
    expect(migrated.code, migrated.out).toBe(0);
    const made = await cqs(['create-admin', '--email', 'quantri@hcm.gov.vn', '--name', 'Trần Thị Quản Trị'], {
      CQS_ADMIN_PASSWORD: 'Mật-khẩu-quản-trị-2026',
    });
    expect(made.code, made.out).toBe(0);
    expect(made.out).toContain('Administrator created');

    const server = runCqs(['start'], env, await freePort());
    try {
      await waitReady(server);
      const { cookie, csrfToken } = await httpLogin(
        server.url,
        'quantri@hcm.gov.vn',
        'Mật-khẩu-quản-trị-2026',
      );
      const call = (method: string, path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method,
          headers: {
            cookie,
            'x-csrf-token': csrfToken,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const session = (await (await call('GET', '/api/auth/session')).json()) as {
        user: { totpRequired: boolean };
      };
      expect(session.user.totpRequired).toBe(true);
      const blocked = await call('GET', '/api/admin/users');
      expect(blocked.status).toBe(403);
      const { secret } = (await (await call('POST', '/api/account/totp/setup')).json()) as { secret: string };
      expect(
        (await call('POST', '/api/account/totp/enable', { code: totpAt(secret, Date.now()) })).status,
      ).toBe(200);
      const users = await call('GET', '/api/admin/users');
      expect(users.status).toBe(200);
      // The baseline is there: the province's People's Committee, no demo city.
      const agencies = (await (await call('GET', '/api/agencies')).json()) as { items: { name: string }[] };
      expect(agencies.items.map((a) => a.name)).toContain('Ủy ban nhân dân Thành phố Hồ Chí Minh');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 180_000);
});
