import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, GENESIS, rowHash } from '../../src/server/platform/audit/index.ts';
import { openDatabase } from '../../src/server/platform/db/client.ts';
import { createLogger } from '../../src/server/platform/log.ts';
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
/** The embedded database of a stopped deployment, opened directly (as someone with disk access could). */
async function withData<T>(
  dataDir: string,
  fn: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
) {
  const database = await openDatabase({ dataDir, log: createLogger('silent') });
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
}
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

  it('audit verify finds a removed tail and a rehashed chain, against the checkpoints of the data directory', async () => {
    const data = tmp();
    const env = { DATA_DIR: data, DEMO: 'false' };
    expect((await cqs(['seed'], env)).code).toBe(0);
    const made = await cqs(['create-admin', '--email', 'kiem.tra@hcm.gov.vn', '--name', 'Kiểm Tra'], {
      ...env,
      CQS_ADMIN_PASSWORD: 'Mật-khẩu-kiểm-tra-2026',
    });
    expect(made.code, made.out).toBe(0);
    // The server chains the log and writes checkpoints (every second here) while people sign in.
    const checkpoints = join(data, 'audit-checkpoints.jsonl');
    const lastAnchored = () =>
      existsSync(checkpoints)
        ? Math.max(
            0,
            ...readFileSync(checkpoints, 'utf8')
              .trim()
              .split('\n')
              .map((l) => JSON.parse(l).seq as number),
          )
        : 0;
    const server = runCqs(['start'], { ...env, AUDIT_CHECKPOINT_SECONDS: '1' }, await freePort());
    try {
      await waitReady(server);
      for (let i = 0; i < 3; i++)
        await httpLogin(server.url, 'kiem.tra@hcm.gov.vn', 'Mật-khẩu-kiểm-tra-2026');
      const until = Date.now() + 30_000;
      while (lastAnchored() < 5 && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(lastAnchored()).toBeGreaterThanOrEqual(5);
    const intact = await cqs(['audit', 'verify'], env);
    expect(intact.code, intact.out).toBe(0);
    expect(intact.out).toMatch(/Audit chain intact: .*keyed from position 1.* checkpoints match/);

    // Someone with the database but not the key: on a copy, an edited row and the chain after it rehashed…
    const copy = tmp();
    cpSync(data, copy, { recursive: true });
    await withData(copy, async (db) => {
      const rows = await db.select().from(auditLog).where(isNotNull(auditLog.seq)).orderBy(asc(auditLog.seq));
      let prev = GENESIS;
      for (const row of rows) {
        if (row.seq! >= 2) {
          const changed = row.seq === 2 ? { ...row, summary: { edited: true } } : row;
          const hash = rowHash(changed, row.seq!, prev, null);
          await db
            .update(auditLog)
            .set({ summary: changed.summary, prevHash: prev, hash })
            .where(eq(auditLog.id, row.id));
          prev = hash;
        } else prev = row.hash!;
      }
    });
    const rehashed = await cqs(['audit', 'verify'], { ...env, DATA_DIR: copy });
    expect(rehashed.code, rehashed.out).toBe(1);
    expect(rehashed.out).toMatch(/broken at position 2 .*the row was altered/);

    // …and, on the original, the newest rows deleted.
    await withData(data, (db) =>
      db.execute(sql`delete from audit_log where seq > (select max(seq) - 2 from audit_log)`),
    );
    const truncated = await cqs(['audit', 'verify'], env);
    expect(truncated.code, truncated.out).toBe(1);
    expect(truncated.out).toMatch(/rows were removed from its end/);
  }, 180_000);

  it('refuses a configuration with wrong values, listing them', async () => {
    const bad = await cqs(['migrate'], { DATA_DIR: tmp(), PORT: 'x', LOG_LEVEL: 'loud' });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('PORT');
    expect(bad.out).toContain('LOG_LEVEL');
  });
});
