// The single place a report changes status: checks the transition table, writes the report, the
// timeline entry, the audit row and the `feedback.*` event in the caller's transaction.
import { eq, sql } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { emit } from '../../platform/events/index.ts';
import { canTransition, type ReportAction, type ReportStatus, TRANSITIONS } from './lifecycle.ts';
import { actsAs, mayReadPrivate } from './policy.ts';
import { fbReports, fbTimeline } from './tables.ts';

export type ReportRow = typeof fbReports.$inferSelect;

export async function lockReport(tx: DbOrTx, id: string): Promise<ReportRow> {
  const [r] = await tx.select().from(fbReports).where(eq(fbReports.id, id)).for('update');
  if (!r) throw new AppError('not_found');
  return r;
}

/**
 * "Forbidden" only to those who may see the report's handling; to anyone else it does not exist (404, as
 * for an unknown code), so that commands do not confirm which codes are real (issue 10 finding 13).
 */
export const refusal = (ctx: ActionContext, r: ReportRow) =>
  new AppError(mayReadPrivate(ctx.actor, r.agencyPath) ? 'forbidden' : 'not_found');

/** Refuses unless the principal is one of the action's actors and the report's status allows it. */
export function authorize(ctx: ActionContext, r: ReportRow, action: ReportAction): void {
  if (!actsAs(ctx.actor, TRANSITIONS[action].actors, r.agencyPath)) throw refusal(ctx, r);
  if (!canTransition(r.status, action)) throw new AppError('invalid_state', { status: r.status, action });
}

export interface Change {
  action: ReportAction | 'extend' | 'correct' | 'join' | 'submit' | 'follow_up' | 'follow_up_answer';
  to?: ReportStatus;
  set?: Partial<typeof fbReports.$inferInsert>;
  /** internal note (kept private) and what the public timeline shows */
  note?: string | null;
  publicNote?: string | null;
  isPublic?: boolean;
  auditSummary?: Record<string, unknown>;
  at?: Date;
}

/** Event payloads carry no personal data: codes, statuses, category, commune, the public point. */
export function publicEventPayload(r: ReportRow, extra: Record<string, unknown> = {}) {
  return {
    code: r.code,
    status: r.status,
    urgent: r.urgent,
    categoryId: r.categoryId,
    unitCode: r.unitCode,
    agencyId: r.agencyId,
    lat: r.lat,
    lng: r.lng,
    dueAt: r.dueAt?.toISOString() ?? null,
    ...extra,
  };
}

export async function applyChange(tx: Tx, ctx: ActionContext, r: ReportRow, c: Change): Promise<ReportRow> {
  const at = c.at ?? new Date();
  const to = c.to ?? r.status;
  const [next] = await tx
    .update(fbReports)
    .set({ ...c.set, status: to, updatedAt: at })
    .where(eq(fbReports.id, r.id))
    .returning();
  await tx.insert(fbTimeline).values({
    reportId: r.id,
    at,
    action: c.action,
    fromStatus: r.status,
    toStatus: to,
    actorUserId: ctx.actor?.userId ?? null,
    agencyId: next!.agencyId,
    note: c.note ?? null,
    publicNote: c.publicNote ?? null,
    isPublic: c.isPublic ?? true,
  });
  await audit(tx, ctx, {
    action: `feedback.${c.action}`,
    targetType: 'feedback_report',
    targetId: r.id,
    agencyId: next!.agencyId ?? undefined,
    summary: { code: r.code, from: r.status, to, ...c.auditSummary },
  });
  await emit(tx, {
    type: to !== r.status ? 'feedback.status_changed' : `feedback.${c.action}`,
    aggregateType: 'feedback_report',
    aggregateId: r.id,
    payload: publicEventPayload(next!, { action: c.action, fromStatus: r.status }),
    audience: { public: true },
  });
  return next!;
}

/** Touches followers' count after a join or a merge. */
export const followerCountSql = (reportId: string) =>
  sql`(select count(*)::int from fb_followers where report_id = ${reportId})`;
