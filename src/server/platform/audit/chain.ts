// The audit log's hash chain (ADR 4), keyed and anchored (ADR 21). A background job gives each unchained
// row the next `seq` and a hash over the previous hash, the seq and the row's canonical content: from the
// switch-over row on, HMAC-SHA256 with a key derived from the secret key, which the database does not
// hold, so whoever can only write to the database cannot recompute it; before it, the plain SHA-256 of
// ADR 4, so chains written before the switch keep verifying. The first keyed row links to the last
// unkeyed one, which pins the older part too. Checkpoints (anchors.ts) pin the end of the chain.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { and, asc, desc, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog } from './tables.ts';

type AuditRow = typeof auditLog.$inferSelect;

export const GENESIS = '0'.repeat(64);
/** The row that starts the keyed chain; its summary names its own position. */
export const SWITCH_OVER = { action: 'audit.chain_keyed', targetType: 'audit_chain' } as const;
// Only one chainer at a time across nodes; requests never take this lock.
const CHAIN_LOCK = 727_100_002;

/** The chain's key: derived from the deployment's secret key (SECRET_KEY or DATA_DIR/secret.key). */
export function auditChainKey(secretKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), 'cqs audit chain', 32));
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
}

/** A row's hash at `seq` after `prevHash`: keyed (HMAC-SHA256) with a key, plain SHA-256 without. */
export function rowHash(row: AuditRow, seq: number, prevHash: string, key: Buffer | null): string {
  const { seq: _s, hash: _h, prevHash: _p, ...content } = row;
  const input = `${prevHash}\n${seq}\n${canonical(content)}`;
  return (key ? createHmac('sha256', key) : createHash('sha256')).update(input).digest('hex');
}

/** The end of the chain at one moment, as written outside the database. */
export interface Checkpoint {
  seq: number;
  hash: string;
  /** the seq of the switch-over row: part of what is pinned */
  keyedFrom: number;
  at: string;
  /** HMAC over the other fields: a checkpoint cannot be made up without the key */
  mac: string;
}

export type ChainProblem =
  /** a row's hash does not match its content */
  | 'altered'
  /** a gap in seq, or a row that does not link to the one before it */
  | 'missing'
  /** a checkpoint names a position the chain no longer reaches */
  | 'truncated'
  /** the chain is consistent but not the one a checkpoint recorded: rewritten and rehashed */
  | 'recomputed'
  /** the switch-over row is missing or not where the checkpoints say */
  | 'switch_over'
  /** a checkpoint whose MAC does not verify (made up, damaged, or another key) */
  | 'bad_checkpoint';

export type VerifyResult =
  | { ok: true; checked: number; unchained: number; keyedFrom: number | null; checkpoints: number }
  | {
      ok: false;
      checked: number;
      unchained: number;
      keyedFrom: number | null;
      checkpoints: number;
      seq: number;
      id: number | null;
      problem: ChainProblem;
    };

async function switchOverSeq(db: DbOrTx): Promise<number | null> {
  const [row] = await db
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.targetType, SWITCH_OVER.targetType),
        eq(auditLog.action, SWITCH_OVER.action),
        isNotNull(auditLog.seq),
      ),
    )
    .orderBy(asc(auditLog.seq))
    .limit(1);
  return row?.seq ?? null;
}

async function tail(db: DbOrTx): Promise<{ seq: number; hash: string } | undefined> {
  const [last] = await db
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(isNotNull(auditLog.seq))
    .orderBy(desc(auditLog.seq))
    .limit(1);
  return last ? { seq: last.seq!, hash: last.hash! } : undefined;
}

const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export class AuditChain {
  /** where the keyed chain starts, once known (it never moves) */
  private keyedFrom: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly key: Buffer,
  ) {}

  /**
   * Chains up to `limit` unchained rows, in id order, after the last chained one; returns how many.
   * The first run on a chain without a switch-over row appends one first.
   */
  async chainBatch(limit = 1000): Promise<number> {
    const done = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const last = await tail(tx);
      let seq = last?.seq ?? 0;
      let prev = last?.hash ?? GENESIS;
      let keyedFrom = this.keyedFrom ?? (await switchOverSeq(tx));
      let count = 0;
      if (keyedFrom === null) {
        const [marker] = await tx
          .insert(auditLog)
          .values({
            at: new Date(),
            actorLabel: 'system',
            action: SWITCH_OVER.action,
            targetType: SWITCH_OVER.targetType,
            summary: { keyedFrom: seq + 1, algorithm: 'HMAC-SHA256' },
          })
          .returning();
        seq += 1;
        const hash = rowHash(marker!, seq, prev, this.key);
        await tx.update(auditLog).set({ seq, prevHash: prev, hash }).where(eq(auditLog.id, marker!.id));
        keyedFrom = seq;
        prev = hash;
        count = 1;
      }
      const rows = await tx
        .select()
        .from(auditLog)
        .where(isNull(auditLog.seq))
        .orderBy(asc(auditLog.id))
        .limit(limit);
      const updates = rows.map((row) => {
        seq += 1;
        const hash = rowHash(row, seq, prev, this.key);
        const u = { id: row.id, seq, prev, hash };
        prev = hash;
        return u;
      });
      if (updates.length > 0)
        await tx.execute(sql`
          update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash
          from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, seq bigint, prev text, hash text)
          where a.id = v.id`);
      return { count: count + rows.length, keyedFrom };
    });
    this.keyedFrom = done.keyedFrom;
    return done.count;
  }

  /** The chain's end now, sealed as a checkpoint; undefined before the keyed chain has begun. */
  async currentCheckpoint(at = new Date()): Promise<Checkpoint | undefined> {
    this.keyedFrom ??= await switchOverSeq(this.db);
    const last = await tail(this.db);
    if (this.keyedFrom === null || !last) return undefined;
    const fields = { seq: last.seq, hash: last.hash, keyedFrom: this.keyedFrom, at: at.toISOString() };
    return { ...fields, mac: this.checkpointMac(fields) };
  }

  /** The hash the chain holds at `seq` now (undefined past its end). */
  async hashAt(seq: number): Promise<string | undefined> {
    const [row] = await this.db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq));
    return row?.hash ?? undefined;
  }

  private checkpointMac(c: Omit<Checkpoint, 'mac'>): string {
    return createHmac('sha256', this.key)
      .update(`cqs audit checkpoint\n${c.seq}\n${c.hash}\n${c.keyedFrom}\n${c.at}`)
      .digest('hex');
  }

  /**
   * Walks the chain and compares it with the checkpoints; reports the first problem by position.
   * Without checkpoints a removed tail cannot be seen: the rows before it still form a valid chain.
   */
  async verify(opts: { checkpoints?: readonly Checkpoint[]; batch?: number } = {}): Promise<VerifyResult> {
    const checkpoints = opts.checkpoints ?? [];
    const [{ n: unchained } = { n: 0 }] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(isNull(auditLog.seq));
    const keyedFrom = await switchOverSeq(this.db);
    let checked = 0;
    const fail = (problem: ChainProblem, seq: number, id: number | null = null): VerifyResult => ({
      ok: false,
      checked,
      unchained,
      keyedFrom,
      checkpoints: checkpoints.length,
      seq,
      id,
      problem,
    });

    // What the checkpoints say, by position; each must be one this deployment's key sealed.
    const anchored = new Map<number, string[]>();
    for (const c of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
      const { mac, ...fields } = c;
      if (!sameHex(mac, this.checkpointMac(fields))) return fail('bad_checkpoint', c.seq);
      if (c.keyedFrom !== keyedFrom)
        return fail('switch_over', Math.min(c.keyedFrom, keyedFrom ?? c.keyedFrom));
      anchored.set(c.seq, [...(anchored.get(c.seq) ?? []), c.hash]);
    }

    let expectedSeq = 1;
    let prev = GENESIS;
    for (;;) {
      const rows = await this.db
        .select()
        .from(auditLog)
        .where(gte(auditLog.seq, expectedSeq))
        .orderBy(asc(auditLog.seq))
        .limit(opts.batch ?? 5000);
      if (rows.length === 0) break;
      for (const row of rows) {
        if (row.seq !== expectedSeq || row.prevHash !== prev) return fail('missing', expectedSeq);
        const key = keyedFrom !== null && expectedSeq >= keyedFrom ? this.key : null;
        if (rowHash(row, expectedSeq, prev, key) !== row.hash) return fail('altered', expectedSeq, row.id);
        if (anchored.get(expectedSeq)?.some((h) => h !== row.hash))
          return fail('recomputed', expectedSeq, row.id);
        prev = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
    }
    const furthest = Math.max(0, ...anchored.keys());
    if (furthest >= expectedSeq) return fail('truncated', expectedSeq);
    return { ok: true, checked, unchained, keyedFrom, checkpoints: checkpoints.length };
  }
}
