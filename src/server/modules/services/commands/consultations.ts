// Parallel consultations (liên thông song song): one action opens several consultation steps at once,
// each answered by its own agency against its own allowance; the dossier waits at the join step, whose
// own actions stay closed, until the last branch answers — then the join step starts with its deadline.
import { and, eq, isNull } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { loadCalendar } from '../clock.ts';
import { classifyTimeliness, computeDueDate } from '../deadline.ts';
import { dossierConsultations } from '../tables.ts';
import { applyTransition, type DossierRow, lockDossier } from '../transition.ts';
import { definitionOf } from '../definitions.ts';
import { branchAnswers, stepOf } from '../workflow.ts';
import { attachStepFile } from './step-files.ts';
import { enterStep, stepAgency } from './step-routing.ts';
import { mayReadDossier } from '../queries.ts';

type Action = ProcedureDefinition['workflow']['actions'][number];

/** The branches of this dossier still waiting for an answer. */
export async function openConsultations(tx: Tx | Db, dossierId: string) {
  return tx
    .select()
    .from(dossierConsultations)
    .where(and(eq(dossierConsultations.dossierId, dossierId), isNull(dossierConsultations.answeredAt)));
}

/** Takes a fork action: a branch per consultation step, the dossier parked at the join step. */
export async function openParallel(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  def: ProcedureDefinition,
  action: Action,
  opts: { now: Date; comment: string | null; data: Record<string, unknown> },
): Promise<DossierRow> {
  const join = stepOf(def.workflow, action.to)!;
  const calendar = await loadCalendar(tx);
  const branches = [];
  for (const key of action.parallel!) {
    const step = stepOf(def.workflow, key)!;
    const agency = await stepAgency(tx, d, step);
    branches.push({
      dossierId: d.id,
      stepKey: key,
      joinStepKey: join.key,
      agencyId: agency.id,
      agencyPath: agency.path,
      role: step.role,
      openedAt: opts.now,
      dueAt: computeDueDate(calendar, { receivedAt: opts.now, limit: step.allowance }).dueAt,
      code: agency.code,
    });
  }
  await tx.insert(dossierConsultations).values(branches.map(({ code: _code, ...row }) => row));
  const joinAgency = await stepAgency(tx, d, join);
  return applyTransition(tx, ctx, d, {
    action: `step.${action.key}`,
    toStatus: 4,
    now: opts.now,
    comment: opts.comment,
    // Parked at the join step with no step deadline yet: it starts when the last branch answers.
    changes: {
      stepKey: join.key,
      stepRole: join.role,
      stepDueAt: null,
      holderAgencyId: joinAgency.id,
      holderAgencyPath: joinAgency.path,
      holderUserId: null,
    },
    data: {
      ...opts.data,
      parallel: branches.map((b) => ({ step: b.stepKey, agency: b.code, dueAt: b.dueAt?.toISOString() })),
    },
  });
}

export interface ConsultationAnswer {
  action: string;
  comment?: string | undefined;
  fileId?: string | undefined;
  expectedRevision?: number | undefined;
}

/** An official of a consulted agency answers its branch; the last answer starts the join step. */
export async function answerConsultation(
  db: Db,
  ctx: ActionContext,
  id: string,
  branchKey: string,
  input: ConsultationAnswer,
) {
  return db.transaction(async (tx) => {
    if (!ctx.actor) throw new AppError('unauthenticated');
    const d = await lockDossier(tx, id);
    if (!(await mayReadDossier(tx, ctx.actor, d))) throw new AppError('not_found');
    if (d.status !== 4) throw new AppError('invalid_state', { status: d.status });
    if (input.expectedRevision !== undefined && input.expectedRevision !== d.revision)
      throw new AppError('conflict');
    const def = await definitionOf(tx, d.procedureVersionId);
    const open = await openConsultations(tx, d.id);
    const branch = open.find((c) => c.stepKey === branchKey);
    if (!branch) throw new AppError('invalid_state', { reason: 'no_open_consultation', step: branchKey });
    const actor = ctx.actor!;
    if (
      !actor.memberships.some((m) => m.roleCode === branch.role && branch.agencyPath.startsWith(m.agencyPath))
    )
      throw new AppError('forbidden');
    const action = branchAnswers(def.workflow, branchKey, branch.joinStepKey).find(
      (a) => a.key === input.action,
    );
    if (!action) throw new AppError('invalid_state', { action: input.action, step: branchKey });
    const problems: FieldProblem[] = [];
    if (action.requires?.comment && !input.comment?.trim())
      problems.push({ field: 'body.comment', key: 'field.required' });
    if ((action.requires?.result || action.requires?.attachment) && !input.fileId)
      problems.push({ field: 'body.fileId', key: 'field.required' });
    if (problems.length) throw new AppError('validation', {}, problems);
    const now = new Date();
    if (input.fileId) await attachStepFile(tx, ctx, d, input.fileId, 'attachment', branch.agencyId);
    await tx
      .update(dossierConsultations)
      .set({
        answeredAt: now,
        answeredBy: actor.userId,
        answer: action.key,
        comment: input.comment ?? null,
        timeliness: branch.dueAt ? classifyTimeliness(now, branch.dueAt) : null,
      })
      .where(eq(dossierConsultations.id, branch.id));
    const data = {
      step: branchKey,
      action: action.key,
      agencyId: branch.agencyId,
      ...(input.fileId ? { fileId: input.fileId } : {}),
    };
    const answered = await applyTransition(tx, ctx, d, {
      action: `consult.${action.key}`,
      toStatus: d.status,
      now,
      comment: input.comment ?? null,
      data,
    });
    if (open.length > 1) return answered;
    // The last branch: the join step starts now, with its own allowance.
    return enterStep(tx, ctx, answered, stepOf(def.workflow, branch.joinStepKey)!, {
      action: 'consult.joined',
      now,
    });
  });
}
