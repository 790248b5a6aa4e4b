// The audit log's chain (ADR 4), keyed and anchored (ADR 21): single edits, gaps, a rehashed chain, an
// unkeyed chain from before the switch-over, a removed tail and made-up checkpoints.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { asc, eq, gt, isNotNull, sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuditAnchors,
  type AuditChain,
  audit,
  auditLog,
  CHECKPOINT_FILE,
  type Checkpoint,
  GENESIS,
  parseCheckpoints,
  rowHash,
  SWITCH_OVER,
} from '../../src/server/platform/audit/index.ts';
import { systemContext } from '../../src/server/platform/context.ts';
import { type Db, queryRows } from '../../src/server/platform/db/client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

async function write(db: Db, n: number, action = 'test.write') {
  for (let i = 0; i < n; i++)
    await db.transaction((tx) =>
      audit(tx, systemContext('test'), { action, targetType: 'thing', targetId: String(i), summary: { i } }),
    );
}

async function chainAll(chain: AuditChain) {
  while ((await chain.chainBatch(7)) > 0);
}

/** What an attacker who can write to the database does: rehash every row from `fromSeq` on, with `key` (or none). */
async function rehash(db: Db, fromSeq: number, key: Buffer | null) {
  const rows = await db.select().from(auditLog).where(isNotNull(auditLog.seq)).orderBy(asc(auditLog.seq));
  let prev = GENESIS;
  for (const row of rows) {
    if (row.seq! >= fromSeq) {
      const hash = rowHash(row, row.seq!, prev, key);
      await db.update(auditLog).set({ prevHash: prev, hash }).where(eq(auditLog.id, row.id));
      prev = hash;
    } else prev = row.hash!;
  }
}

/** The chain as written before ADR 21: plain SHA-256 over every row, no switch-over row. */
async function chainUnkeyed(db: Db) {
  const rows = await db.select().from(auditLog).where(sql`seq is null`).orderBy(asc(auditLog.id));
  const [last] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(isNotNull(auditLog.seq))
    .orderBy(sql`seq desc`)
    .limit(1);
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  for (const row of rows) {
    seq += 1;
    const hash = rowHash(row, seq, prev, null);
    await db.update(auditLog).set({ seq, prevHash: prev, hash }).where(eq(auditLog.id, row.id));
    prev = hash;
  }
}

const seqOf = async (db: Db, where: ReturnType<typeof sql>) =>
  (await db.select({ seq: auditLog.seq, id: auditLog.id }).from(auditLog).where(where).limit(1))[0]!;

describe('the keyed chain', () => {
  let t: TestPlatform;
  const db = () => t.platform.deps.db;
  const chain = () => t.platform.audit.chain;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

  it('starts with its switch-over row, chains every row in batches and verifies', async () => {
    await write(db(), 20);
    await chainAll(chain());
    const marker = await seqOf(db(), eq(auditLog.action, SWITCH_OVER.action));
    expect(marker.seq).toBe(1);
    const result = await chain().verify({ batch: 5 });
    expect(result).toMatchObject({ ok: true, unchained: 0, keyedFrom: 1 });
    expect(result.checked).toBeGreaterThanOrEqual(21);
  });

  it('keys every hash: the same row hashed with plain SHA-256 differs', async () => {
    const [row] = await db().select().from(auditLog).where(eq(auditLog.seq, 5));
    const [before] = await db().select().from(auditLog).where(eq(auditLog.seq, 4));
    expect(row!.hash).not.toBe(rowHash(row!, 5, before!.hash!, null));
  });

  it('a row written after the chain was built joins it later (no gap)', async () => {
    await write(db(), 3, 'test.late');
    expect((await chain().verify()).unchained).toBe(3);
    await chainAll(chain());
    expect(await chain().verify()).toMatchObject({ ok: true, unchained: 0 });
  });

  it('reports the first altered row', async () => {
    const row = await seqOf(db(), sql`action = 'test.write' and target_id = '4'`);
    await db().execute(sql`update audit_log set summary = '{"i": 999}' where id = ${row.id}`);
    expect(await chain().verify()).toMatchObject({ ok: false, problem: 'altered', seq: row.seq, id: row.id });
    await db().execute(sql`update audit_log set summary = '{"i": 4}' where id = ${row.id}`);
    expect((await chain().verify()).ok).toBe(true);
  });

  it('an edited row with the rest of the chain rehashed without the key is still caught', async () => {
    const row = await seqOf(db(), sql`action = 'test.write' and target_id = '7'`);
    await db().execute(sql`update audit_log set summary = '{"i": 777}' where id = ${row.id}`);
    // Plain SHA-256 (ADR 4's algorithm), then HMAC with a key that is not the deployment's.
    for (const key of [null, randomBytes(32)]) {
      await rehash(db(), row.seq!, key);
      expect(await chain().verify()).toMatchObject({ ok: false, problem: 'altered', seq: row.seq });
    }
  });

  it('reports a missing row', async () => {
    const row = await seqOf(db(), sql`action = 'test.write' and target_id = '2'`);
    await db().execute(sql`delete from audit_log where id = ${row.id}`);
    expect(await chain().verify()).toMatchObject({ ok: false, problem: 'missing' });
  });
});

describe('a chain written before the switch-over', () => {
  let t: TestPlatform;
  const db = () => t.platform.deps.db;
  const chain = () => t.platform.audit.chain;
  let legacyTail: number;
  beforeAll(async () => {
    t = await startTestPlatform();
    await write(db(), 12, 'test.legacy');
    await chainUnkeyed(db());
    legacyTail = (await seqOf(db(), sql`seq is not null order by seq desc`)).seq!;
  });
  afterAll(() => t.close());

  it('keeps verifying, and is continued keyed from a switch-over row', async () => {
    expect(await chain().verify()).toMatchObject({ ok: true, keyedFrom: null });
    await write(db(), 5, 'test.after');
    await chainAll(chain());
    const marker = await seqOf(db(), eq(auditLog.action, SWITCH_OVER.action));
    expect(marker.seq).toBe(legacyTail + 1);
    expect(await chain().verify()).toMatchObject({ ok: true, keyedFrom: legacyTail + 1, unchained: 0 });
  });

  it('a rewritten unkeyed part is caught where the keyed chain links to it', async () => {
    const row = await seqOf(db(), sql`action = 'test.legacy' and target_id = '3'`);
    await db().execute(sql`update audit_log set summary = '{"i": 333}' where id = ${row.id}`);
    await rehash(db(), row.seq!, null);
    // The switch-over row's own hash covers the link it was given: rewriting it breaks the row.
    expect(await chain().verify()).toMatchObject({ ok: false, problem: 'altered', seq: legacyTail + 1 });
  });
});

describe('checkpoints outside the database', () => {
  let t: TestPlatform;
  const db = () => t.platform.deps.db;
  const chain = () => t.platform.audit.chain;
  const fileCheckpoints = () =>
    parseCheckpoints(readFileSync(join(t.dataDir, CHECKPOINT_FILE), 'utf8')) as Checkpoint[];
  const received: { auth: string | undefined; body: Checkpoint }[] = [];
  const anchor = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) as Checkpoint });
      res.writeHead(204).end();
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => anchor.listen(0, '127.0.0.1', resolve));
    const { port } = anchor.address() as AddressInfo;
    t = await startTestPlatform({
      env: {
        AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors/cqs`,
        AUDIT_ANCHOR_TOKEN: 'anchor-token-for-tests-0001',
      },
    });
    await write(db(), 10);
    await chainAll(chain());
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => anchor.close(resolve));
  });

  it('go to the log, the data directory and the anchor endpoint, only when the chain has grown', async () => {
    const lines: string[] = [];
    const log = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const { port } = anchor.address() as AddressInfo;
    const anchors = new AuditAnchors({
      chain: chain(),
      log,
      file: join(t.dataDir, CHECKPOINT_FILE),
      url: `http://127.0.0.1:${port}/anchors/cqs`,
      token: 'anchor-token-for-tests-0001',
    });
    const first = await anchors.checkpoint();
    expect(first).toMatchObject({ keyedFrom: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await anchors.checkpoint()).toBeUndefined();
    await write(db(), 2);
    await chainAll(chain());
    const second = await anchors.checkpoint();
    expect(second!.seq).toBe(first!.seq + 2);

    expect(fileCheckpoints()).toEqual([first, second]);
    expect(parseCheckpoints(lines.join(''))).toEqual([first, second]);
    expect(received).toEqual([
      { auth: 'Bearer anchor-token-for-tests-0001', body: first },
      { auth: 'Bearer anchor-token-for-tests-0001', body: second },
    ]);
    expect(await chain().verify({ checkpoints: fileCheckpoints() })).toMatchObject({
      ok: true,
      checkpoints: 2,
    });
  });

  it('the platform anchors with its settings (AUDIT_ANCHOR_URL, the data directory)', async () => {
    await write(db(), 1);
    await chainAll(chain());
    const c = await t.platform.audit.anchors.checkpoint();
    expect(received.at(-1)!.body).toEqual(c);
    expect(fileCheckpoints().at(-1)).toEqual(c);
  });

  it('a made-up checkpoint is refused', async () => {
    const [real] = fileCheckpoints();
    const forged = { ...real!, seq: real!.seq + 1000, mac: 'f'.repeat(64) };
    expect(await chain().verify({ checkpoints: [forged] })).toMatchObject({
      ok: false,
      problem: 'bad_checkpoint',
    });
  });

  it('the newest rows deleted: a removed tail', async () => {
    const checkpoints = fileCheckpoints();
    const end = checkpoints.at(-1)!.seq;
    await db()
      .delete(auditLog)
      .where(gt(auditLog.seq, end - 3));
    // The rows left still form a valid chain: only what was written outside can tell.
    expect(await chain().verify()).toMatchObject({ ok: true });
    expect(await chain().verify({ checkpoints })).toMatchObject({
      ok: false,
      problem: 'truncated',
      seq: end - 2,
    });
    // New rows chained where the removed ones were do not hide it: the first anchored position among
    // them holds another hash.
    await write(db(), 5);
    await chainAll(chain());
    const again = await chain().verify({ checkpoints });
    expect(again).toMatchObject({ ok: false, problem: 'recomputed' });
    expect(again.ok === false && again.seq).toBe(
      Math.min(...checkpoints.map((c) => c.seq).filter((s) => s > end - 3)),
    );
  });

  it('the switch-over row removed and everything rehashed without a key: the checkpoints tell', async () => {
    const checkpoints = fileCheckpoints();
    await db().delete(auditLog).where(eq(auditLog.action, SWITCH_OVER.action));
    // Renumbered in two steps: seq is unique at every row.
    await db().execute(sql`update audit_log set seq = -seq where seq is not null`);
    await db().execute(sql`update audit_log set seq = -seq - 1 where seq is not null`);
    await rehash(db(), 1, null);
    expect(await chain().verify()).toMatchObject({ ok: true, keyedFrom: null });
    expect(await chain().verify({ checkpoints })).toMatchObject({ ok: false, problem: 'switch_over' });
  });
});

describe('secrets never reach the audit log', () => {
  let t: TestPlatform;
  const db = () => t.platform.deps.db;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(() => t.close());

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
