import { and, desc, eq, isNull } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { dueDateOf, loadCalendar, pausesOf } from '../clock.ts';
import { computeDueDate } from '../deadline.ts';
import { dossierEvents, dossierPauses } from '../tables.ts';
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
      },
    });
  });
}

/** The applicant (or the desk, at the counter) supplies what was asked; the clock runs again. */
export async function answerSupplement(
  db: Db,
  ctx: ActionContext,
  id: string,
  note: string | undefined,
  expectedRevision?: number,
) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'supplement', expectedRevision);
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
      comment: note ?? null,
      changes: due ? { dueAt: due.dueAt, dueExplanation: due.explanation } : {},
      data: { answeredRequest: d.supplementCount },
    });
  });
}
