import { pgArray } from '../db/client.ts';
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm';
import { insertRows } from '../db/statement.ts';
import type { ActionContext } from '../context.ts';
import type { Db, DbOrTx } from '../db/client.ts';
import { auditLog } from './tables.ts';

export { auditLog };

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  agencyId?: string | null;
  summary?: Record<string, unknown>;
}

// Names under which a value is a secret (a password, a token, a code, a key) whatever the caller meant.
const SECRET_NAME =
  /^(password|new_?password|current_?password|password_?hash|secret|client_?secret|token|access_?token|refresh_?token|api_?key|pin|tracking_?pin|otp|totp|totp_?secret|code_?verifier)$/i;
// Query parameters that carry one, in a URL written into a summary (a called route, a link).
const SECRET_PARAM = /([?&](?:token|access_token|api_key|secret|pin|k|password)=)[^&#\s]+/gi;
const REDACTED = '[redacted]';

/**
 * A summary as the audit log may keep it: no secret, wherever it hides. Administrators read the log,
 * and it is kept for years; a summary spread from a request's input must not carry a password into it.
 */
export function withoutSecrets(value: unknown, name = ''): unknown {
  if (typeof value === 'string')
    return SECRET_NAME.test(name) ? REDACTED : value.replace(SECRET_PARAM, `$1${REDACTED}`);
  if (Array.isArray(value)) return value.map((v) => withoutSecrets(v, name));
  if (value && typeof value === 'object' && !(value instanceof Date))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v, k)]));
  return value;
}

/** Records a change; call it inside the transaction that makes the change. */
export async function audit(tx: DbOrTx, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await tx.execute(auditInsert(ctx, entry));
}

/** The insert `audit` runs, for a caller that sends it as part of one statement (ADR 12). */
export function auditInsert(ctx: ActionContext, entry: AuditEntry): SQL {
  return insertRows(auditLog, [
    {
      // Set from JS (millisecond precision) so the chained form reads back exactly.
      at: new Date(),
      actorId: ctx.actor?.userId ?? null,
      actorLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? 'system',
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      agencyId: entry.agencyId ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary: withoutSecrets(entry.summary ?? {}) as Record<string, unknown>,
    },
  ]);
}

type AuditRow = typeof auditLog.$inferSelect;

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

export function rowHash(row: AuditRow, seq: number, prevHash: string): string {
  const { seq: _s, hash: _h, prevHash: _p, ...content } = row;
  return createHash('sha256')
    .update(`${prevHash}\n${seq}\n${canonical(content)}`)
    .digest('hex');
}

export const GENESIS = '0'.repeat(64);
// Only one chainer at a time across nodes; requests never take this lock.
const CHAIN_LOCK = 727_100_002;

/** Chains up to `limit` unchained rows, in id order, after the last chained one. Returns how many. */
export async function chainAuditBatch(db: Db, limit = 1000): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [last] = await tx
      .select({ seq: auditLog.seq, hash: auditLog.hash })
      .from(auditLog)
      .where(isNotNull(auditLog.seq))
      .orderBy(desc(auditLog.seq))
      .limit(1);
    const rows = await tx
      .select()
      .from(auditLog)
      .where(isNull(auditLog.seq))
      .orderBy(asc(auditLog.id))
      .limit(limit);
    if (rows.length === 0) return 0;
    let seq = last?.seq ?? 0;
    let prev = last?.hash ?? GENESIS;
    const updates = rows.map((row) => {
      seq += 1;
      const hash = rowHash(row, seq, prev);
      const u = { id: row.id, seq, prev, hash };
      prev = hash;
      return u;
    });
    await tx.execute(sql`
      update audit_log a set seq = v.seq, prev_hash = v.prev, hash = v.hash
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id bigint, seq bigint, prev text, hash text)
      where a.id = v.id`);
    return rows.length;
  });
}

export type VerifyResult =
  | { ok: true; checked: number; unchained: number }
  | {
      ok: false;
      checked: number;
      unchained: number;
      seq: number;
      id: number | null;
      problem: 'altered' | 'missing';
    };

/** Walks the chain; reports the first altered or missing row. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prev = GENESIS;
  let checked = 0;
  const [{ n: unchained } = { n: 0 }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(isNull(auditLog.seq));
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gte(auditLog.seq, expectedSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batch);
    if (rows.length === 0) return { ok: true, checked, unchained };
    for (const row of rows) {
      if (row.seq !== expectedSeq || row.prevHash !== prev) {
        return { ok: false, checked, unchained, seq: expectedSeq, id: null, problem: 'missing' };
      }
      if (rowHash(row, expectedSeq, prev) !== row.hash) {
        return { ok: false, checked, unchained, seq: expectedSeq, id: row.id, problem: 'altered' };
      }
      prev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  q?: string;
  /** rows with id below this (keyset paging, newest first) */
  before?: number;
  limit: number;
  /** restrict to these agency paths' agencies (scoped administrators); undefined = all */
  agencyIds?: string[];
}

export async function listAudit(db: DbOrTx, f: AuditFilter): Promise<AuditRow[]> {
  const where: SQL[] = [];
  if (f.actorId) where.push(eq(auditLog.actorId, f.actorId));
  if (f.action) where.push(ilike(auditLog.action, `${f.action.replace(/[%_]/g, '\\$&')}%`));
  if (f.targetType) where.push(eq(auditLog.targetType, f.targetType));
  if (f.targetId) where.push(eq(auditLog.targetId, f.targetId));
  if (f.from) where.push(gte(auditLog.at, f.from));
  if (f.to) where.push(lte(auditLog.at, f.to));
  if (f.q) where.push(ilike(auditLog.actorLabel, `%${f.q.replace(/[%_]/g, '\\$&')}%`));
  if (f.before) where.push(sql`${auditLog.id} < ${f.before}`);
  if (f.agencyIds) where.push(sql`${auditLog.agencyId} = any(${pgArray(f.agencyIds)}::uuid[])`);
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(f.limit);
}
