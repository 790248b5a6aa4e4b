// What the national portal answers is recorded as it came, except what PostgreSQL cannot store: a NUL
// or half an emoji in an error text must not lose the outcomes of the whole round.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DvcqgClient } from '../../src/server/modules/integration/dvcqg/client.ts';
import { syncDossiers } from '../../src/server/modules/integration/dvcqg/sync.ts';
import { generateDossiers } from '../../src/server/modules/services/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { createLogger } from '../../src/server/platform/log.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
  await generateDossiers(t.platform.deps.db, {
    count: 6,
    seed: 5,
    until: new Date('2026-11-01T00:00:00+07:00'),
  });
});
afterAll(() => t.close());

describe('a portal error text the database cannot store', () => {
  it('is recorded mended, with every other outcome of the round', async () => {
    const db = t.platform.deps.db;
    const dossiers = await queryRows<{ id: string }>(
      db,
      sql`select id from svc_dossiers where code is not null and accepted_at is not null order by id limit 2`,
    );
    expect(dossiers).toHaveLength(2);
    const [first, second] = dossiers.map((d) => d.id) as [string, string];
    // Recorded cut at 1,000: the emoji's first half is the 1,000th UTF-16 unit.
    const prefix = '503 Lỗi\u0000máy chủ ';
    const client: DvcqgClient = {
      async send() {
        return { kind: 'transient', error: `${prefix}${'x'.repeat(999 - prefix.length)}😀` };
      },
      async listReceived() {
        return { TongSo: 0, DanhSach: [] } as never;
      },
    };
    const retry = await syncDossiers(
      { db, client, baseUrl: 'https://cqs.example', log: createLogger('silent') },
      [first, second],
    );
    expect(retry.sort()).toEqual([first, second].sort());
    const rows = await queryRows<{ last_error: string }>(
      db,
      sql`select last_error from int_dvcqg_sync where dossier_id in (${first}, ${second})`,
    );
    expect(rows).toHaveLength(2);
    // The NUL mended; cut at 1,000 characters, whole ones: the emoji stays whole.
    for (const r of rows)
      expect(r.last_error).toBe(`503 Lỗi\ufffdmáy chủ ${'x'.repeat(999 - prefix.length)}😀`);
  });
});
