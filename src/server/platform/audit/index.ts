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
      summary: entry.summary ?? {},
    })),
  );
}

type AuditRow = typeof auditLog.$inferSelect;

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
