// The operator's triage: correct the category, point or urgency, reject with a reason, merge duplicates.
import { eq, sql } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, authorize, followerCountSql, lockReport } from '../change.ts';
import { isOpen } from '../lifecycle.ts';
import { isOperator } from '../policy.ts';
import { redact } from '../redact.ts';
import { categoryByCode } from '../reference.ts';
import { fbFollowers, fbReports, type RejectReason } from '../tables.ts';
import { locate } from './submit-report.ts';

export interface Correction {
  categoryCode?: string | undefined;
  lat?: number | undefined;
  lng?: number | undefined;
  urgent?: boolean | undefined;
  publicDescription?: string | undefined;
}

/** Corrections while the report is open; a new point is routed again from its commune on today's units. */
export async function correctReport(
  db: Db,
  ctx: ActionContext,
  provinceCode: string,
  id: string,
  c: Correction,
) {
  if (!isOperator(ctx.actor)) throw new AppError('forbidden');
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    if (!isOpen(r.status)) throw new AppError('invalid_state', { status: r.status });
    const set: Partial<typeof fbReports.$inferInsert> = {};
    if (c.categoryCode) set.categoryId = (await categoryByCode(tx, c.categoryCode)).id;
    if (c.lat !== undefined && c.lng !== undefined) {
      const unit = await locate(tx, provinceCode, c.lat, c.lng, new Date(), 'body.lat');
      Object.assign(set, { lat: c.lat, lng: c.lng, unitCode: unit.code, unitValidFrom: unit.validFrom });
    }
    if (c.urgent !== undefined) set.urgent = c.urgent;
    // The operator's wording is redacted too: nothing personal reaches the public by a slip.
    if (c.publicDescription !== undefined) set.publicDescription = redact(c.publicDescription).text;
    return applyChange(tx, ctx, r, {
      action: 'correct',
      set,
      isPublic: false,
      auditSummary: { fields: Object.keys(set) },
    });
  });
}

export async function rejectReport(
  db: Db,
  ctx: ActionContext,
  id: string,
  reason: RejectReason,
  note?: string,
) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'reject');
    const publicNote = note ? redact(note).text : null;
    return applyChange(tx, ctx, r, {
      action: 'reject',
      to: 'rejected',
      set: { rejectReason: reason, rejectNote: publicNote, closedAt: new Date() },
      note: note ?? null,
      publicNote,
      auditSummary: { reason },
    });
  });
}

/** The duplicate closes into the kept report; its followers (contacts included) follow the kept one. */
export async function mergeReport(db: Db, ctx: ActionContext, id: string, intoCode: string) {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select({ id: fbReports.id })
      .from(fbReports)
      .where(eq(fbReports.code, intoCode));
    if (!target || target.id === id)
      throw new AppError('validation', {}, [{ field: 'body.intoCode', key: 'feedback.merge_target' }]);
    // Lock both in id order so two merges cannot deadlock.
    const [first, second] = [id, target.id].sort();
    const a = await lockReport(tx, first!);
    const b = await lockReport(tx, second!);
    const [r, into] = a.id === id ? [a, b] : [b, a];
    authorize(ctx, r, 'merge');
    if (!isOpen(into.status) || into.mergedIntoId)
      throw new AppError('validation', {}, [{ field: 'body.intoCode', key: 'feedback.merge_target' }]);
    await tx
      .update(fbFollowers)
      .set({ reportId: into.id, isReporter: false, mergedFromId: r.id })
      .where(eq(fbFollowers.reportId, r.id));
    await applyChange(tx, ctx, into, {
      action: 'join',
      set: { followerCount: followerCountSql(into.id) as never },
      note: `merged ${r.code}`,
      isPublic: false,
    });
    return applyChange(tx, ctx, r, {
      action: 'merge',
      to: 'merged',
      set: {
        mergedIntoId: into.id,
        rejectReason: 'duplicate',
        closedAt: new Date(),
        followerCount: sql`0` as never,
      },
      publicNote: into.code,
      auditSummary: { into: into.code },
    });
  });
}
