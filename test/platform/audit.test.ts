import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, chainAuditBatch, verifyAuditChain } from '../../src/server/platform/audit/index.ts';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
async function write(n: number, action = 'test.write') {
  for (let i = 0; i < n; i++)
    await db().transaction((tx) =>
      audit(tx, systemContext('test'), { action, targetType: 'thing', targetId: String(i), summary: { i } }),
    );
}
async function chainAll() {
  while ((await chainAuditBatch(db(), 7)) > 0);
}

describe('audit chain', () => {
  it('chains every row in batches and verifies', async () => {
    await write(20);
    await chainAll();
    const result = await verifyAuditChain(db(), 5);
    expect(result).toMatchObject({ ok: true, unchained: 0 });
    expect(result.checked).toBeGreaterThanOrEqual(20);
  });

  it('a row written after the chain was built joins it later (no gap)', async () => {
    await write(3, 'test.late');
    expect((await verifyAuditChain(db())).unchained).toBe(3);
    await chainAll();
    expect(await verifyAuditChain(db())).toMatchObject({ ok: true, unchained: 0 });
  });

  it('reports the first altered row', async () => {
    const [row] = await queryRows<{ id: number; seq: number }>(
      db(),
      sql`select id, seq from audit_log where action = 'test.write' order by seq limit 1 offset 4`,
    );
    await db().execute(sql`update audit_log set summary = '{"i": 999}' where id = ${row!.id}`);
    const result = await verifyAuditChain(db());
    expect(result).toMatchObject({
      ok: false,
      problem: 'altered',
      seq: Number(row!.seq),
      id: Number(row!.id),
    });
    await db().execute(sql`update audit_log set summary = '{"i": 4}' where id = ${row!.id}`);
    expect((await verifyAuditChain(db())).ok).toBe(true);
  });

  it('reports a missing row', async () => {
    const [row] = await queryRows<{ id: number; seq: number }>(
      db(),
      sql`select id, seq from audit_log where action = 'test.write' order by seq limit 1 offset 9`,
    );
    await db().execute(sql`delete from audit_log where id = ${row!.id}`);
    expect(await verifyAuditChain(db())).toMatchObject({
      ok: false,
      problem: 'missing',
      seq: Number(row!.seq),
    });
  });
});

describe('secrets never reach the audit log', () => {
  it('values under secret names, and secret parameters of URLs, are stored redacted', async () => {
    await db().transaction((tx) =>
      audit(tx, systemContext('test'), {
        action: 'test.secrets',
        targetType: 'thing',
        summary: {
          password: 'Mat-khau-2026',
          newPassword: 'Mat-khau-moi-2026',
          token: 'tok_live_123',
          nested: { pin: '5678', totp: '123456', apiKey: 'k_abc', name: 'Nguyễn Văn A' },
          list: [{ clientSecret: 's3cr3t' }],
          url: '/api/track?code=000.00.21.H29-260101-0001&pin=5678',
          link: 'https://cqs.example/dat-lai-mat-khau?token=abcdefghij&lang=vi',
          // A boolean under a secret-sounding name (a secret ballot) is not a secret.
          secret: true,
          code: '000.00.21.H29-260101-0001',
        },
      }),
    );
    const [row] = await queryRows<{ summary: Record<string, unknown> }>(
      db(),
      sql`select summary from audit_log where action = 'test.secrets' order by id desc limit 1`,
    );
    expect(row!.summary).toEqual({
      password: '[redacted]',
      newPassword: '[redacted]',
      token: '[redacted]',
      nested: { pin: '[redacted]', totp: '[redacted]', apiKey: '[redacted]', name: 'Nguyễn Văn A' },
      list: [{ clientSecret: '[redacted]' }],
      url: '/api/track?code=000.00.21.H29-260101-0001&pin=[redacted]',
      link: 'https://cqs.example/dat-lai-mat-khau?token=[redacted]&lang=vi',
      secret: true,
      code: '000.00.21.H29-260101-0001',
    });
  });
});
