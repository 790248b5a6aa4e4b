// The investment-promotion pipeline: enquiry → qualified → site visit → dossier → IRC → aftercare
// (or closed), each move with a note; assigning the one manager of a lead.
import { eq, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { canMoveEnquiry } from '../pipeline.ts';
import { mayManageInvestment, PORTAL_PERMISSIONS } from '../policy.ts';
import { type EnquiryStage, enquiries, enquiryNotes, projects } from '../tables.ts';

export async function moveEnquiry(
  tx: Tx,
  ctx: ActionContext,
  id: string,
  input: { lockVersion: number; to?: EnquiryStage | undefined; managerId?: string | undefined; note: string },
  now = new Date(),
) {
  const [row] = await tx
    .select({ enquiry: enquiries, agencyPath: projects.agencyPath })
    .from(enquiries)
    .innerJoin(projects, eq(projects.id, enquiries.projectId))
    .where(eq(enquiries.id, id))
    .for('update', { of: enquiries });
  if (!row) throw new AppError('not_found');
  if (!ctx.actor) throw new AppError('unauthenticated');
  if (!mayManageInvestment(ctx.actor, row.agencyPath)) throw new AppError('forbidden');
  const e = row.enquiry;
  if (e.lockVersion !== input.lockVersion) throw new AppError('conflict');
  if (input.to && !canMoveEnquiry(e.stage, input.to)) throw new AppError('invalid_state');
  const [updated] = await tx
    .update(enquiries)
    .set({
      ...(input.to ? { stage: input.to } : {}),
      ...(input.managerId ? { managerId: input.managerId } : {}),
      // The first answer to the investor stops the response clock.
      ...(input.to && !e.respondedAt ? { respondedAt: now } : {}),
      lockVersion: sql`${enquiries.lockVersion} + 1`,
      updatedAt: now,
    })
    .where(eq(enquiries.id, id))
    .returning();
  await tx.insert(enquiryNotes).values({
    enquiryId: id,
    at: now,
    authorId: ctx.actor.userId,
    fromStage: input.to ? e.stage : null,
    toStage: input.to ?? null,
    text: input.note,
  });
  await audit(tx, ctx, {
    action: 'portal.enquiry_move',
    targetType: 'portal_enquiry',
    targetId: id,
    summary: { from: e.stage, to: input.to ?? e.stage, manager: input.managerId },
  });
  await emit(tx, {
    type: 'portal.enquiry_moved',
    aggregateType: 'portal_enquiry',
    aggregateId: id,
    payload: { from: e.stage, to: updated!.stage },
    audience: { permission: PORTAL_PERMISSIONS.investment, agencyPaths: [row.agencyPath] },
  });
  return updated!;
}
