// Scheduled work: close answers nobody rated in time, warn agencies, leaders and operators before and
// after a deadline. `now` is a parameter so tests drive it with a fake clock.
import { and, eq, inArray, isNotNull, lt, or, isNull, ne } from 'drizzle-orm';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { officialsWithPermission } from '../../identity/index.ts';
import { applyChange, lockReport, publicEventPayload } from '../change.ts';
import { escalationLevel } from '../deadline.ts';
import { canTransition, WITH_AGENCY } from '../lifecycle.ts';
import { PERMISSIONS } from '../policy.ts';
import { allCategories } from '../reference.ts';
import { fbReports, fbTimeline } from '../tables.ts';

const DAY_MS = 86_400_000;
/** Warn when less than this remains before the deadline. */
export const DUE_SOON_MS = DAY_MS;

export async function closeUnrated(db: Db, now = new Date()): Promise<number> {
  const categories = await allCategories(db);
  let closed = 0;
  for (const c of categories) {
    const cutoff = new Date(now.getTime() - c.autoCloseDays * DAY_MS);
    const due = await db
      .select({ id: fbReports.id })
      .from(fbReports)
      .where(
        and(
          eq(fbReports.status, 'published'),
          eq(fbReports.categoryId, c.id),
          lt(fbReports.publishedAt, cutoff),
        ),
      )
      .limit(500);
    for (const { id } of due) {
      await db.transaction(async (tx) => {
        const r = await lockReport(tx, id);
        if (!canTransition(r.status, 'auto_close')) return;
        await applyChange(tx, systemContext('feedback-auto-close'), r, {
          action: 'auto_close',
          to: 'closed',
          at: now,
          set: { closedAt: now },
          auditSummary: { days: c.autoCloseDays },
        });
        closed++;
      });
    }
  }
  return closed;
}

/** One warning per level per deadline: due soon, then overdue; to the agency, its leaders and the operators. */
export async function escalateDeadlines(db: Db, now = new Date()): Promise<number> {
  const soon = new Date(now.getTime() + DUE_SOON_MS);
  const rows = await db
    .select({ id: fbReports.id })
    .from(fbReports)
    .where(
      and(
        inArray(fbReports.status, [...WITH_AGENCY]),
        isNotNull(fbReports.dueAt),
        lt(fbReports.dueAt, soon),
        or(isNull(fbReports.escalation), ne(fbReports.escalation, 'overdue')),
      ),
    )
    .limit(1000);
  let sent = 0;
  // The operators, looked up once per run (before any transaction: PGlite has one connection).
  const operatorIds = rows.length > 0 ? await officialsWithPermission(db, PERMISSIONS.triage) : [];
  for (const { id } of rows) {
    await db.transaction(async (tx) => {
      const r = await lockReport(tx, id);
      if (!r.dueAt || !WITH_AGENCY.includes(r.status)) return;
      const level = escalationLevel(now, r.dueAt, DUE_SOON_MS);
      if (!level || level === r.escalation) return;
      await tx.update(fbReports).set({ escalation: level }).where(eq(fbReports.id, r.id));
      await tx.insert(fbTimeline).values({
        reportId: r.id,
        at: now,
        action: `deadline_${level}`,
        fromStatus: r.status,
        toStatus: r.status,
        agencyId: r.agencyId,
        isPublic: false,
      });
      await emit(tx, {
        type: `feedback.${level}`,
        aggregateType: 'feedback_report',
        aggregateId: r.id,
        payload: publicEventPayload(r, { level }),
        // The agency's handlers and leaders (their subtree) and the operators see the warning.
        audience: r.agencyPath
          ? { agencyPaths: [r.agencyPath], userIds: operatorIds }
          : { permission: PERMISSIONS.triage },
      });
      sent++;
    });
  }
  return sent;
}
