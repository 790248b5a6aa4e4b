import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { getAgency, getAgencyByCode } from '../../identity/index.ts';
import { loadCalendar } from '../clock.ts';
import { computeDueDate } from '../deadline.ts';
import { applyTransition, type DossierRow } from '../transition.ts';

type Step = ProcedureDefinition['workflow']['steps'][number];

/** The agency that owns a step for this dossier. */
export async function stepAgency(tx: Tx, d: DossierRow, step: Step) {
  const agency =
    step.agency === 'receiving'
      ? await getAgency(tx, d.receivingAgencyId)
      : step.agency === 'competent'
        ? await getAgency(tx, d.competentAgencyId)
        : await getAgencyByCode(tx, step.agency.code);
  if (!agency) throw new AppError('invalid_state', { reason: 'step_agency_missing' });
  return agency;
}

/** Moves the dossier onto a workflow step (status 4): new holder, the step's role and its own deadline. */
export async function enterStep(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  step: Step,
  opts: { action: string; now: Date; comment?: string | null; data?: Record<string, unknown> },
): Promise<DossierRow> {
  const agency = await stepAgency(tx, d, step);
  const calendar = await loadCalendar(tx);
  const stepDue = computeDueDate(calendar, { receivedAt: opts.now, limit: step.allowance }).dueAt;
  return applyTransition(tx, ctx, d, {
    action: opts.action,
    toStatus: 4,
    now: opts.now,
    comment: opts.comment ?? null,
    changes: {
      stepKey: step.key,
      stepRole: step.role,
      stepDueAt: stepDue,
      holderAgencyId: agency.id,
      holderAgencyPath: agency.path,
      holderUserId: null,
    },
    data: { step: step.key, agency: agency.code, ...(opts.data ?? {}) },
  });
}
