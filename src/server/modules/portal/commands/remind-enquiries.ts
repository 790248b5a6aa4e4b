// Reminders for the investor pipeline: an enquiry nobody has answered by its response deadline is
// flagged once to its manager (or, with none yet, to every investment officer over the project's
// agency). Run by the job queue; audited as the system.
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { enquiries, projects } from '../tables.ts';

export async function remindOverdueEnquiries(db: Db, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ enquiry: enquiries, agencyPath: projects.agencyPath, projectCode: projects.code })
      .from(enquiries)
      .innerJoin(projects, eq(projects.id, enquiries.projectId))
      .where(
        and(
          eq(enquiries.stage, 'enquiry'),
          isNull(enquiries.respondedAt),
          isNull(enquiries.remindedAt),
          lt(enquiries.respondBy, now),
        ),
      )
      .for('update', { of: enquiries, skipLocked: true })
      .limit(200);
    for (const { enquiry: e, agencyPath, projectCode } of due) {
      await tx
        .update(enquiries)
        .set({ remindedAt: now, lockVersion: sql`${enquiries.lockVersion} + 1` })
        .where(eq(enquiries.id, e.id));
      await audit(tx, systemContext('portal.enquiry_reminders'), {
        action: 'portal.enquiry_overdue',
        targetType: 'portal_enquiry',
        targetId: e.id,
        summary: { project: projectCode, respondBy: e.respondBy.toISOString(), manager: e.managerId },
      });
      await emit(tx, {
        type: 'portal.enquiry_overdue',
        aggregateType: 'portal_enquiry',
        aggregateId: e.id,
        payload: { project: projectCode, respondBy: e.respondBy.toISOString() },
        audience: e.managerId
          ? { userIds: [e.managerId] }
          : { permission: PORTAL_PERMISSIONS.investment, agencyPaths: [agencyPath] },
      });
    }
    return due.length;
  });
}
