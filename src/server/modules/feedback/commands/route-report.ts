import type { ActionContext } from '../../../platform/context.ts';
import type { Db, DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { loadCalendar } from '../../services/index.ts';
import { applyChange, authorize, lockReport, type ReportRow } from '../change.ts';
import { dueDateFor } from '../deadline.ts';
import { agencies, categoryById } from '../reference.ts';
import { type AgencyRef, proposeAgency } from '../routing.ts';

export async function agencyRefs(db: DbOrTx): Promise<AgencyRef[]> {
  return (await agencies(db)).map(({ agency: a }) => ({
    id: a.id,
    code: a.code,
    name: a.name,
    kind: a.kind,
    unitCode: a.unitCode,
    path: a.path,
  }));
}

/** What routing proposes for a report: the operator confirms or picks another agency. */
export async function routingProposal(db: DbOrTx, r: ReportRow) {
  const category = await categoryById(db, r.categoryId);
  return proposeAgency(await agencyRefs(db), r.unitCode, category);
}

/** The deadline at the agency, counted from `from` in working time (the category's rule for the urgency). */
export async function deadlineFrom(db: DbOrTx, r: ReportRow, from: Date) {
  const category = await categoryById(db, r.categoryId);
  return dueDateFor(await loadCalendar(db), from, category.deadlines, r.urgent);
}

/**
 * Routes the report to the proposed agency (or the operator's choice). The report keeps the commune
 * version it was located in; the deadline starts now.
 */
export async function routeReport(db: Db, ctx: ActionContext, id: string, agencyId?: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'route');
    const proposal = await routingProposal(tx, r);
    const chosen = agencyId ? (await agencyRefs(tx)).find((a) => a.id === agencyId) : proposal.agency;
    if (!chosen)
      throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'feedback.no_agency' }]);
    const now = new Date();
    const due = await deadlineFrom(tx, r, now);
    return applyChange(tx, ctx, r, {
      action: 'route',
      to: 'routed',
      at: now,
      set: {
        agencyId: chosen.id,
        agencyPath: chosen.path,
        routedAt: now,
        dueAt: due.dueAt,
        dueExplanation: due.explanation,
      },
      publicNote: chosen.name,
      auditSummary: {
        agency: chosen.code,
        rule: chosen.id === proposal.agency?.id ? proposal.rule : 'operator_choice',
      },
    });
  });
}
