import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { getAgency } from '../../identity/index.ts';
import { applyTransition } from '../transition.ts';
import { actionsFrom, stepOf } from '../workflow.ts';
import { loadForAction } from './load.ts';
import { enterStep } from './step-routing.ts';
import { openConsultations, openParallel } from './consultations.ts';
import { attachStepFile } from './step-files.ts';

export interface StepInput {
  action: string;
  comment?: string | undefined;
  /** an uploaded file: the result (when the action produces it) or an attachment */
  fileId?: string | undefined;
  expectedRevision?: number | undefined;
}

/** An official takes one of the workflow's actions from the dossier's current step. */
export async function takeStep(db: Db, ctx: ActionContext, id: string, input: StepInput) {
  return db.transaction(async (tx) => {
    const { d, def } = await loadForAction(tx, ctx, id, 'step', input.expectedRevision);
    const action = actionsFrom(def.workflow, d.stepKey ?? '').find((a) => a.key === input.action);
    if (!action) throw new AppError('invalid_state', { action: input.action, step: d.stepKey });
    // The join step of a parallel consultation stays closed until every branch has answered.
    if ((await openConsultations(tx, d.id)).length > 0)
      throw new AppError('invalid_state', { reason: 'consultations_open' });
    const problems: FieldProblem[] = [];
    if (action.requires?.comment && !input.comment?.trim())
      problems.push({ field: 'body.comment', key: 'field.required' });
    if ((action.requires?.result || action.requires?.attachment) && !input.fileId)
      problems.push({ field: 'body.fileId', key: 'field.required' });
    if (problems.length) throw new AppError('validation', {}, problems);
    const now = new Date();
    if (input.fileId)
      await attachStepFile(
        tx,
        ctx,
        d,
        input.fileId,
        action.requires?.result ? 'result' : 'attachment',
        d.holderAgencyId,
      );
    const data = { step: d.stepKey, action: action.key, ...(input.fileId ? { fileId: input.fileId } : {}) };
    if (action.parallel)
      return openParallel(tx, ctx, d, def, action, { now, comment: input.comment ?? null, data });
    if (action.to === 'done') {
      // The result is ready: back to the one-stop desk that received it, for hand-over (status 9).
      const desk = await getAgency(tx, d.receivingAgencyId);
      return applyTransition(tx, ctx, d, {
        action: `step.${action.key}`,
        toStatus: 9,
        now,
        comment: input.comment ?? null,
        changes: {
          stepKey: null,
          stepRole: null,
          stepDueAt: null,
          finishedAt: now,
          holderAgencyId: desk!.id,
          holderAgencyPath: desk!.path,
          holderUserId: null,
          result: input.fileId ? { fileId: input.fileId, type: def.result.type } : { type: def.result.type },
        },
        data,
      });
    }
    return enterStep(tx, ctx, d, stepOf(def.workflow, action.to)!, {
      action: `step.${action.key}`,
      now,
      comment: input.comment ?? null,
      data,
    });
  });
}
