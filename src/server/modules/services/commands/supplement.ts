import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { files } from '../../../platform/files/tables.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { dueDateOf, loadCalendar, pausesOf } from '../clock.ts';
import { computeDueDate } from '../deadline.ts';
import { SUPPLEMENT_COMPONENT } from '../lifecycle.ts';
import { dossierEvents, dossierFiles, dossierPauses } from '../tables.ts';
import { applyTransition } from '../transition.ts';
import { loadForAction } from './load.ts';

export interface SupplementItem {
  name: string;
  reason: string;
}

/**
 * Mẫu 02: one written request listing everything missing. The clock pauses until the applicant
 * answers. A second request is allowed but recorded as such: the dossier then counts as late (766).
 */
export async function requestSupplement(
  db: Db,
  ctx: ActionContext,
  id: string,
  items: SupplementItem[],
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'request_supplement', expectedRevision);
    const now = new Date();
    const calendar = await loadCalendar(tx);
    const deadline = computeDueDate(calendar, {
      receivedAt: now,
      limit: { value: def.supplementDays, unit: 'working_days' },
    }).dueAt;
    if (d.acceptedAt)
      await tx
        .insert(dossierPauses)
        .values({ dossierId: d.id, reason: 'supplement', from: now, data: { items } });
    const due = d.acceptedAt
      ? dueDateOf(calendar, def, d.channel, d.acceptedAt, await pausesOf(tx, d.id))
      : null;
    const count = d.supplementCount + 1;
    return applyTransition(tx, ctx, d, {
      action: 'request_supplement',
      toStatus: 5,
      now,
      changes: {
        supplementCount: count,
        ...(due ? { dueAt: due.dueAt, dueExplanation: due.explanation } : {}),
      },
      data: {
        items,
        deadline: deadline?.toISOString() ?? null,
        request: count,
        countsAsLate: count > 1,
        previousStatus: d.status,
        // The due date as it stood when the clock stopped: what the portal shows while it is paused.
        previousDueAt: d.dueAt?.toISOString() ?? null,
      },
    });
  });
}

export interface SupplementAnswer {
  note?: string | undefined;
  /** files the answering user uploaded (POST /api/files), not yet attached to anything */
  files?: { fileId: string; componentKey?: string | undefined }[];
  expectedRevision?: number | undefined;
}

/**
 * The applicant (or the desk, at the counter) supplies what was asked, with the files uploaded for
 * it; the clock runs again. A file must be the answerer's own and not already part of a dossier.
 */
export async function answerSupplement(db: Db, ctx: ActionContext, id: string, answer: SupplementAnswer) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'supplement', answer.expectedRevision);
    const attached = answer.files ?? [];
    const problems: FieldProblem[] = [];
    const componentKeys = new Set(def.components.map((c) => c.key));
    attached.forEach((f, i) => {
      if (f.componentKey && !componentKeys.has(f.componentKey))
        problems.push({ field: `body.files.${i}.componentKey`, key: 'field.not_found' });
    });
    const fileIds = [...new Set(attached.map((f) => f.fileId))];
    if (fileIds.length !== attached.length) problems.push({ field: 'body.files', key: 'field.duplicate' });
    if (problems.length) throw new AppError('validation', {}, problems);
    if (fileIds.length) {
      // Locked: the orphan sweep waits, then sees them attached.
      const owned = await tx
        .select({ id: files.id })
        .from(files)
        .where(
          and(inArray(files.id, fileIds), eq(files.ownerId, ctx.actor!.userId), isNull(files.resourceId)),
        )
        .for('update');
      if (owned.length !== fileIds.length)
        throw new AppError('validation', {}, [{ field: 'body.files', key: 'field.file_not_yours' }]);
      await tx.insert(dossierFiles).values(
        attached.map((f) => ({
          dossierId: d.id,
          fileId: f.fileId,
          componentKey: f.componentKey ?? SUPPLEMENT_COMPONENT,
          role: 'component' as const,
        })),
      );
      await tx
        .update(files)
        .set({ resourceType: 'dossier', resourceId: d.id, agencyId: d.holderAgencyId })
        .where(inArray(files.id, fileIds));
    }
    const now = new Date();
    await tx
      .update(dossierPauses)
      .set({ to: now })
      .where(
        and(
          eq(dossierPauses.dossierId, d.id),
          eq(dossierPauses.reason, 'supplement'),
          isNull(dossierPauses.to),
        ),
      );
    const [request] = await tx
      .select()
      .from(dossierEvents)
      .where(and(eq(dossierEvents.dossierId, d.id), eq(dossierEvents.action, 'request_supplement')))
      .orderBy(desc(dossierEvents.id))
      .limit(1);
    const previous = Number((request?.data as { previousStatus?: number })?.previousStatus ?? 4);
    const calendar = await loadCalendar(tx);
    const due = d.acceptedAt
      ? dueDateOf(calendar, def, d.channel, d.acceptedAt, await pausesOf(tx, d.id))
      : null;
    return applyTransition(tx, ctx, d, {
      action: 'supplement',
      toStatus: previous,
      now,
      comment: answer.note ?? null,
      changes: due ? { dueAt: due.dueAt, dueExplanation: due.explanation } : {},
      data: {
        answeredRequest: d.supplementCount,
        newDueAt: due?.dueAt?.toISOString() ?? null,
        ...(fileIds.length ? { fileIds } : {}),
      },
    });
  });
}
