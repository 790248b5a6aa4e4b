import { sql } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { type Db, queryRows } from '../../../platform/db/client.ts';
import { addWorkingDays } from '../../../platform/calendar/index.ts';
import { emit } from '../../../platform/events/index.ts';
import { audit } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import { loadCalendar } from '../clock.ts';
import type { ExplanationStep } from '../deadline.ts';
import { dossierEvents } from '../tables.ts';
import { applyTransition, lockDossier } from '../transition.ts';
import { canBeApologisedFor, mayApologise } from '../policy.ts';
import { refusal } from './load.ts';

/**
 * Finds dossiers in processing whose due date falls within the next working day and drafts an
 * apology (form 04) for the unit holding them, once per dossier and due date.
 */
export async function draftApologies(db: Db, now = new Date()): Promise<number> {
  const calendar = await loadCalendar(db);
  const horizon = addWorkingDays(calendar, now.getTime(), 1);
  const due = await queryRows<{
    id: string;
    due_at: Date;
    holder_agency_id: string;
    holder_agency_path: string;
  }>(
    db,
    sql`select d.id, d.due_at, d.holder_agency_id, d.holder_agency_path from svc_dossiers d
        where d.status = 4 and d.due_at is not null and d.due_at <= ${horizon.toISOString()}::timestamptz
          and not exists (select 1 from svc_dossier_events e where e.dossier_id = d.id and e.action = 'apology_drafted'
                          and abs(extract(epoch from (e.data->>'dueAt')::timestamptz - d.due_at)) < 0.001)
        limit 500`,
  );
  for (const d of due) {
    await db.transaction(async (tx) => {
      const dueAt = new Date(d.due_at).toISOString();
      await tx.insert(dossierEvents).values({
        dossierId: d.id,
        at: now,
        action: 'apology_drafted',
        actorLabel: 'system',
        toStatus: 4,
        data: { dueAt, overdue: new Date(d.due_at).getTime() < now.getTime() },
      });
      await audit(tx, systemContext('deadline-watch'), {
        action: 'dossier.apology_drafted',
        targetType: 'dossier',
        targetId: d.id,
        agencyId: d.holder_agency_id,
        summary: { dueAt },
      });
      await emit(tx, {
        type: 'services.apology_needed',
        aggregateType: 'dossier',
        aggregateId: d.id,
        payload: { dueAt },
        audience: { agencyPaths: [d.holder_agency_path] },
      });
    });
  }
  return due.length;
}

/**
 * Mẫu 04: the processing unit apologises, gives the reason and a new date. This logged act is the
 * only way a due date moves; the one-stop desk passes the letter on and the citizen is told.
 */
export async function issueApology(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: { reason: string; newDueAt: Date; revision?: number | undefined },
) {
  return db.transaction(async (tx) => {
    const d = await lockDossier(tx, id);
    if (!ctx.actor) throw new AppError('unauthenticated');
    if (!mayApologise(ctx.actor, d)) throw await refusal(tx, ctx.actor, d);
    if (!canBeApologisedFor(d) || !d.dueAt) throw new AppError('invalid_state', { status: d.status });
    if (input.newDueAt.getTime() <= d.dueAt.getTime())
      throw new AppError('validation', {}, [{ field: 'body.newDueAt', key: 'field.not_later' }]);
    const localIso = `${new Date(input.newDueAt.getTime() + 7 * 3600_000).toISOString().slice(0, 19)}+07:00`;
    const explanation: ExplanationStep[] = [
      ...(d.dueExplanation ?? []),
      { key: 'extended', params: { at: localIso, reason: input.reason } },
    ];
    return applyTransition(tx, ctx, d, {
      action: 'apology',
      toStatus: d.status,
      expectedRevision: input.revision,
      comment: input.reason,
      changes: { dueAt: input.newDueAt, dueExplanation: explanation },
      data: {
        previousDueAt: d.dueAt.toISOString(),
        newDueAt: input.newDueAt.toISOString(),
        reason: input.reason,
      },
    });
  });
}
