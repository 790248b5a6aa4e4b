// The agency's side: accept, return to the operators, transfer to another agency, extend the deadline.
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, authorize, lockReport, refusal } from '../change.ts';
import { WITH_AGENCY } from '../lifecycle.ts';
import { handlesAgency } from '../policy.ts';
import { redact } from '../redact.ts';
import { agencyRefs } from './route-report.ts';

export async function acceptReport(db: Db, ctx: ActionContext, id: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'accept');
    return applyChange(tx, ctx, r, { action: 'accept', to: 'in_progress' });
  });
}

/** Wrong agency: back to the operators' queue with the reason; the deadline stops. */
export async function returnReport(db: Db, ctx: ActionContext, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'return');
    return applyChange(tx, ctx, r, {
      action: 'return',
      to: 'returned',
      set: { agencyId: null, agencyPath: null, dueAt: null, dueExplanation: null },
      note: reason,
      isPublic: false,
    });
  });
}

/** Hands the report to another agency; the transfer is on the timeline and the deadline keeps running. */
export async function transferReport(
  db: Db,
  ctx: ActionContext,
  id: string,
  agencyId: string,
  reason: string,
) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    authorize(ctx, r, 'transfer');
    const to = (await agencyRefs(tx)).find((a) => a.id === agencyId);
    if (!to || to.id === r.agencyId)
      throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'feedback.no_agency' }]);
    return applyChange(tx, ctx, r, {
      action: 'transfer',
      to: 'routed',
      set: { agencyId: to.id, agencyPath: to.path },
      note: reason,
      publicNote: to.name,
      auditSummary: { to: to.code },
    });
  });
}

/** A later due date, only with a reason, which the public sees. */
export async function extendDeadline(db: Db, ctx: ActionContext, id: string, dueAt: Date, reason: string) {
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, id);
    if (!handlesAgency(ctx.actor, r.agencyPath)) throw refusal(ctx, r);
    if (!WITH_AGENCY.includes(r.status) || !r.dueAt)
      throw new AppError('invalid_state', { status: r.status });
    if (dueAt.getTime() <= r.dueAt.getTime())
      throw new AppError('validation', {}, [{ field: 'body.dueAt', key: 'feedback.extension_earlier' }]);
    const publicReason = redact(reason).text;
    return applyChange(tx, ctx, r, {
      action: 'extend',
      set: { dueAt, extensionReason: publicReason },
      note: reason,
      publicNote: publicReason,
      auditSummary: { from: r.dueAt.toISOString(), to: dueAt.toISOString() },
    });
  });
}
