import { pgArray } from '../db/client.ts';
import { and, desc, eq, gte, ilike, lte, sql, type SQL } from 'drizzle-orm';
import { insertRows } from '../db/statement.ts';
import type { ActionContext } from '../context.ts';
import type { DbOrTx } from '../db/client.ts';
import { auditLog } from './tables.ts';

export { auditLog };
export { AuditAnchors, CHECKPOINT_FILE, parseCheckpoints } from './anchors.ts';
export {
  AuditChain,
  auditChainKey,
  type ChainProblem,
  type Checkpoint,
  GENESIS,
  rowHash,
  SWITCH_OVER,
  type VerifyResult,
} from './chain.ts';

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

/** Records several changes of one action context in one statement (a job's batch); none is a no-op. */
export async function auditMany(
  tx: DbOrTx,
  ctx: ActionContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length > 0) await tx.execute(auditInsertMany(ctx, entries));
}

/** The insert `audit` runs, for a caller that sends it as part of one statement (ADR 12). */
export function auditInsert(ctx: ActionContext, entry: AuditEntry): SQL {
  return auditInsertMany(ctx, [entry]);
}

function auditInsertMany(ctx: ActionContext, entries: readonly AuditEntry[]): SQL {
  // Set from JS (millisecond precision) so the chained form reads back exactly.
  const at = new Date();
  return insertRows(
    auditLog,
    entries.map((entry) => ({
      at,
      actorId: ctx.actor?.userId ?? null,
      actorLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? 'system',
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      agencyId: entry.agencyId ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
      summary: withoutSecrets(entry.summary ?? {}) as Record<string, unknown>,
    })),
  );
}

type AuditRow = typeof auditLog.$inferSelect;

export interface AuditFilter {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  /** a dossier's code (rows carry it in their summary from acceptance on; the rest by the same target) */
  dossier?: string | undefined;
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
  if (f.dossier)
    where.push(
      sql`${auditLog.targetType} = 'dossier' and ${auditLog.targetId} in (select target_id from audit_log where target_type = 'dossier' and summary->>'code' = ${f.dossier.toUpperCase()})`,
    );
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
