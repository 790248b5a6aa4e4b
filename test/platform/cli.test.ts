import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, httpLogin, runCqs, waitReady } from '../helpers/process.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cqs-cli-'));
  dirs.push(d);
  return d;
};
const cqs = async (args: string[], env: Record<string, string>) => {
  const p = runCqs(args, env);
  const code = await p.exited;
  return { code, out: p.output() };
};

describe('the cqs command (embedded database)', () => {
  it('migrates, creates an administrator, backs up, restores and verifies the audit chain', async () => {
    const data = tmp();
    const env = { DATA_DIR: data, DEMO: 'false' };
    expect((await cqs(['migrate'], env)).code).toBe(0);
    expect((await cqs(['seed'], env)).code).toBe(0);

    const weak = await cqs(
      ['create-admin', '--email', 'chanh.vp@hcm.gov.vn', '--name', 'Lê Văn Chánh', '--password', 'short'],
      env,
    );
    expect(weak.code).toBe(1);
    expect(weak.out).toContain('weak_password');
    const made = await cqs(['create-admin', '--email', 'chanh.vp@hcm.gov.vn', '--name', 'Lê Văn Chánh'], {
      ...env,
      CQS_ADMIN_PASSWORD: 'Mật-khẩu-rất-dài-2026',
    });
    expect(made.code, made.out).toBe(0);

    const archive = join(tmp(), 'backup.tar.gz');
    const backup = await cqs(['backup', archive], env);
    expect(backup.code, backup.out).toBe(0);
    expect(existsSync(archive)).toBe(true);
    // It holds the secret key: readable by its owner only.
    expect(statSync(archive).mode & 0o777).toBe(0o600);

    // Lose the database, then restore it.
    rmSync(join(data, 'pgdata'), { recursive: true, force: true });
    const restored = await cqs(['restore', archive], env);
    expect(restored.code, restored.out).toBe(0);

    const server = runCqs(['start'], env, await freePort());
    try {
      await waitReady(server);
      await httpLogin(server.url, 'chanh.vp@hcm.gov.vn', 'Mật-khẩu-rất-dài-2026');
    } finally {
      expect(await server.stop()).toBe(0);
    }

    const verify = await cqs(['audit', 'verify'], env);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/Audit chain intact/);
  }, 180_000);

  it('keeps the database it replaces beside the restored one', async () => {
    const data = tmp();
    const env = { DATA_DIR: data, DEMO: 'false' };
    expect((await cqs(['seed'], env)).code).toBe(0);
    const archive = join(tmp(), 'b.tar.gz');
    expect((await cqs(['backup', archive], env)).code).toBe(0);
    expect((await cqs(['restore', archive], env)).code).toBe(0);
    expect(readdirSync(data).some((f) => f.startsWith('pgdata.before-restore-'))).toBe(true);
  }, 120_000);

  it('refuses a configuration with wrong values, listing them', async () => {
    const bad = await cqs(['migrate'], { DATA_DIR: tmp(), PORT: 'x', LOG_LEVEL: 'loud' });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PORT');
    expect(bad.out).toContain('LOG_LEVEL');
  });
});
