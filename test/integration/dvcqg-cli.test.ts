// `cqs dvcqg reconcile` on a real data directory against the contract server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ContractServer,
  startContractServer,
} from '../../src/server/modules/integration/dvcqg/contract-server.ts';
import { runCqs } from '../helpers/process.ts';

let portal: ContractServer;
const data = mkdtempSync(join(tmpdir(), 'cqs-dvcqg-cli-'));
beforeAll(async () => {
  portal = await startContractServer();
});
afterAll(async () => {
  await portal.close();
  rmSync(data, { recursive: true, force: true });
});
const cqs = async (args: string[], env: Record<string, string> = {}) => {
  const p = runCqs(args, { DATA_DIR: data, ...env });
  const code = await p.exited;
  return { code, out: p.output() };
};

describe('cqs dvcqg reconcile', () => {
  it('refuses bad usage and a missing configuration, then reconciles a period and queues the gaps', async () => {
    expect((await cqs(['dvcqg', 'reconcile', '--from', '2026-01-01'])).code).toBe(1);
    const unconfigured = await cqs(['dvcqg', 'reconcile', '--from', '2024-01-01', '--to', '2026-12-31']);
    expect(unconfigured.code).toBe(1);
    expect(unconfigured.out).toContain('DVCQG_URL');
    const seeded = await cqs(['seed', '--demo', '--dossiers', '30', '--seed', '3']);
    expect(seeded.code, seeded.out).toBe(0);
    const env = {
      DVCQG_URL: portal.url,
      DVCQG_CLIENT_ID: portal.clientId,
      DVCQG_CLIENT_SECRET: portal.clientSecret,
    };
    const res = await cqs(['dvcqg', 'reconcile', '--from', '2020-01-01', '--to', '2030-12-31'], env);
    expect(res.code, res.out).toBe(0);
    const m = /local (\d+), DVCQG 0; missing (\d+).*queued for re-sending (\d+)/.exec(res.out);
    expect(m, res.out).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(10);
    expect(m![2]).toBe(m![1]);
    expect(m![3]).toBe(m![1]);
    expect(portal.counts.reconcile).toBe(1);
  }, 120_000);
});
