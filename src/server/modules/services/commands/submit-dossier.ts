import { createHash, randomUUID } from 'node:crypto';
import { and, eq, type SQLWrapper, sql } from 'drizzle-orm';
import { can } from '../../../platform/access.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { type Db, pgArray, queryRows, type Tx } from '../../../platform/db/client.ts';
import { assertion, failedAssertion, insertRows, oneStatement } from '../../../platform/db/statement.ts';
import { AppError } from '../../../platform/errors.ts';
import { validateFormData } from '../form-validation.ts';
import { type Applicant, dossierEvents, dossiers, idempotencyKeys } from '../tables.ts';
import { definitionOf } from '../definitions.ts';
import { acceptLocked } from './accept-dossier.ts';
import { auditInsert } from '../../../platform/audit/index.ts';
import { outboxInsert, outboxWake } from '../../../platform/events/index.ts';
import {
  afterSubmission,
  paymentDesk,
  type SubmittedDossier,
  submissionRows,
  unpaidFees,
} from '../contributions.ts';
import type { DossierRow } from '../transition.ts';
import { newReceiptNo } from '../receipt.ts';

export interface SubmitInput {
  procedureCode: string;
  channel: 'online' | 'counter';
  /** the agency that receives it (a commune People's Committee or a service centre) */
  agencyId: string;
  applicant: Applicant;
  formData: Record<string, unknown>;
  components: { componentKey: string; fileId: string }[];
  /** counter intake: how the desk took the fees due with the submission (required when there are any) */
  feePayment?: 'cash' | 'bank_transfer' | undefined;
  idempotencyKey?: string | undefined;
}

export interface SubmitResult {
  id: string;
  replayed: boolean;
  /** issued at acceptance: at once at the counter, later for an online submission */
  code: string | null;
  /** the online submission's receipt number (ADR 22) */
  receiptNo: string | null;
  submittedAt: Date;
}

const requestHash = (input: SubmitInput) =>
  createHash('sha256')
    .update(JSON.stringify({ ...input, idempotencyKey: undefined }))
    .digest('hex');

/** The last four digits of the phone (or of the ID number): the second factor for public tracking. */
function trackingPin(a: Applicant): string {
  const digits = (a.phone ?? a.idNumber ?? '').replace(/\D/g, '');
  if (digits.length < 4)
    throw new AppError('validation', {}, [
      { field: 'body.applicant.phone', key: 'field.phone_or_id_required' },
    ]);
  return digits.slice(-4);
}

/**
 * A citizen submits online (status 1, waiting for the one-stop desk), or an officer takes a dossier
 * at the counter for a citizen (accepted at once, receipt issued). With an Idempotency-Key a replay
 * returns the first dossier and the same key with another body is refused.
 */
export async function submitDossier(db: Db, ctx: ActionContext, input: SubmitInput): Promise<SubmitResult> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated');
  if (input.channel === 'online' && actor.kind !== 'citizen') throw new AppError('forbidden');
  const hash = requestHash(input);
  const replay = async () => {
    if (!input.idempotencyKey) return null;
    const [prior] = await db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, actor.userId), eq(idempotencyKeys.key, input.idempotencyKey)));
    if (!prior) return null;
    if (prior.requestHash !== hash) throw new AppError('idempotency_mismatch');
    const [first] = await db
      .select({ code: dossiers.code, receiptNo: dossiers.receiptNo, submittedAt: dossiers.submittedAt })
      .from(dossiers)
      .where(eq(dossiers.id, prior.dossierId));
    return { id: prior.dossierId, replayed: true, ...first! };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await submitOnce(db, ctx, input, hash);
  } catch (err) {
    // Two requests with one key at once: the loser finds the winner's answer.
    const again = await replay();
    if (again) return again;
    throw err;
  }
}

/** A receipt number clashes once in about 10^12 submissions a day: draw again, once. */
async function submitOnce(db: Db, ctx: ActionContext, input: SubmitInput, hash: string) {
  try {
    return await submit(db, ctx, input, hash);
  } catch (err) {
    if (!String((err as { constraint?: string }).constraint ?? err).includes('svc_dossiers_receipt_no'))
      throw err;
    return submit(db, ctx, input, hash);
  }
}

/**
 * Checks everything first (one read, and the cached procedure definition), then writes the dossier,
 * its files, event, statistics, audit row and outbox event as one statement (ADR 12): two round trips
 * for an online submission. Counter intake and fees due with the submission continue in a transaction.
 */
async function submit(db: Db, ctx: ActionContext, input: SubmitInput, hash: string) {
  const actor = ctx.actor!;
  const now = new Date();
  const target = await intakeTarget(db, input.procedureCode, input.agencyId, now);
  if (!target)
    throw new AppError('validation', {}, [{ field: 'body.procedureCode', key: 'field.not_found' }]);
  if (!target.versionId)
    throw new AppError('validation', {}, [{ field: 'body.procedureCode', key: 'field.not_in_force' }]);
  if (!target.receivingPath || !target.serviceLevel)
    throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'field.not_offered_here' }]);
  const def = await definitionOf(db, target.versionId);
  const receiving = { id: input.agencyId, path: target.receivingPath };
  if (input.channel === 'online' && !def.methods.includes('online'))
    throw new AppError('validation', {}, [{ field: 'body.channel', key: 'field.not_online' }]);
  if (input.channel === 'counter' && !can(actor, 'dossiers.receive', receiving.path))
    throw new AppError('forbidden');

  const problems = validateFormData(def.form.schema, input.formData);
  const componentKeys = new Set(def.components.map((c) => c.key));
  input.components.forEach((c, i) => {
    if (!componentKeys.has(c.componentKey))
      problems.push({ field: `body.components.${i}.componentKey`, key: 'field.not_found' });
  });
  if (input.channel === 'online') {
    // A declaration the e-form stands for is the e-form itself: nothing to upload for it.
    for (const c of def.components.filter((c) => c.required && !c.eForm)) {
      if (!input.components.some((x) => x.componentKey === c.key))
        problems.push({
          field: `body.components.${c.key}`,
          key: 'field.component_missing',
          params: { name: c.name },
        });
    }
  }
  if (problems.length) throw new AppError('validation', {}, problems);
  const competent =
    def.competent.kind === 'fixed'
      ? { id: target.fixedCompetentId, path: target.fixedCompetentPath }
      : receiving;
  if (!competent.id || !competent.path)
    throw new AppError('invalid_state', { reason: 'competent_agency_missing' });

  const d: DossierRow = {
    id: randomUUID(),
    code: null,
    receiptNo: input.channel === 'online' ? newReceiptNo(now) : null,
    procedureId: target.procedureId,
    procedureVersionId: target.versionId,
    status: 1,
    stepKey: null,
    stepRole: null,
    channel: input.channel,
    applicant: input.applicant,
    applicantUserId: actor.kind === 'citizen' ? actor.userId : null,
    formData: input.formData,
    helpedAgencyId: input.channel === 'counter' ? receiving.id : null,
    receivingAgencyId: receiving.id,
    competentAgencyId: competent.id,
    holderAgencyId: receiving.id,
    holderAgencyPath: receiving.path,
    holderUserId: null,
    submittedAt: now,
    acceptedAt: null,
    dueAt: null,
    dueExplanation: null,
    stepDueAt: null,
    finishedAt: null,
    returnedAt: null,
    closedAt: null,
    supplementCount: 0,
    result: null,
    trackingPin: trackingPin(input.applicant),
    revision: 0,
    createdAt: now,
    updatedAt: now,
  };
  const fileIds = [...new Set(input.components.map((c) => c.fileId))];
  const submitted: SubmittedDossier = {
    row: d,
    definition: def,
    competentAgencyPath: competent.path,
    componentFiles: input.components.length,
    receivingServiceLevel: target.serviceLevel,
  };
  const statement = oneStatement(
    {
      dossier: insertRows(dossiers, [d]),
      ...(fileIds.length ? attachFiles(d, actor.userId, input.components, fileIds) : {}),
      event: insertRows(dossierEvents, [
        {
          dossierId: d.id,
          at: now,
          action: 'submit',
          actorId: actor.userId,
          actorLabel: actor.fullName,
          toStatus: 1,
          toAgencyId: receiving.id,
          data: { channel: input.channel },
        },
      ]),
      ...(await submissionRows(db, submitted)),
      audit: auditInsert(ctx, {
        action: 'dossier.submit',
        targetType: 'dossier',
        targetId: d.id,
        agencyId: receiving.id,
        summary: { procedure: def.code, channel: input.channel },
      }),
      outbox: outboxInsert({
        type: 'services.dossier_submitted',
        aggregateType: 'dossier',
        aggregateId: d.id,
        // The language the applicant wrote in: the receipt's e-mail and SMS follow it (receipt-notice.ts).
        payload: { procedure: def.code, channel: input.channel, lang: ctx.lang },
        audience: {
          userIds: d.applicantUserId ? [d.applicantUserId] : [],
          agencyPaths: [receiving.path],
          permission: 'dossiers.receive',
        },
      }),
      ...(input.idempotencyKey
        ? {
            idempotency: insertRows(idempotencyKeys, [
              { key: input.idempotencyKey, userId: actor.userId, requestHash: hash, dossierId: d.id },
            ]),
          }
        : {}),
    },
    sql`select ${fileIds.length ? assertion(sql`(select count(*) from taken) = ${fileIds.length}`, FILE_NOT_YOURS) : sql`true`}, ${outboxWake()}`,
  );
  // Work other modules must do in the same transaction (a fee request the applicant can pay at once).
  const after = afterSubmission(submitted);
  try {
    if (after.length === 0 && input.channel === 'online') await db.execute(statement);
    else
      await db.transaction(async (tx) => {
        await tx.execute(statement);
        for (const work of after) await work(tx, ctx);
        if (input.channel === 'counter') {
          await takeFeesAtCounter(tx, ctx, d.id, input.feePayment);
          await acceptLocked(tx, ctx, d, now);
        }
      });
  } catch (err) {
    if (failedAssertion(err) === FILE_NOT_YOURS)
      throw new AppError('validation', {}, [{ field: 'body.components', key: 'field.file_not_yours' }]);
    throw err;
  }
  // Counter intake accepted the dossier in the transaction: its code is there now.
  const code =
    input.channel === 'counter'
      ? ((await db.select({ code: dossiers.code }).from(dossiers).where(eq(dossiers.id, d.id)))[0]?.code ??
        null)
      : null;
  return { id: d.id, replayed: false, code, receiptNo: d.receiptNo, submittedAt: now };
}

/**
 * At the counter the desk takes the fees due with the submission before it accepts (issue 11, item 11):
 * the officer says how they were paid, and the payment is recorded with the intake, or nothing is.
 */
async function takeFeesAtCounter(
  tx: Tx,
  ctx: ActionContext,
  dossierId: string,
  method: SubmitInput['feePayment'],
): Promise<void> {
  const owed = (await unpaidFees(tx, dossierId)).filter((r) => r.purpose === 'submission');
  if (owed.length === 0) return;
  if (!method)
    throw new AppError('validation', {}, [
      {
        field: 'body.feePayment',
        key: 'field.fee_payment_required',
        params: { amount: owed.reduce((s, r) => s + r.amount, 0).toLocaleString('vi-VN') },
      },
    ]);
  for (const r of owed) await paymentDesk().recordAtDesk(tx, ctx, r.id, { method });
}

interface IntakeTarget {
  procedureId: string;
  /** the version in force now; null when none is yet */
  versionId: string | null;
  /** null when the receiving agency does not exist */
  receivingPath: string | null;
  /** the service level at which the receiving agency offers the procedure; null when it does not */
  serviceLevel: 'full' | 'partial' | null;
  /** the agency named by the version's fixed competence (null when it names none, or none by that code) */
  fixedCompetentId: string | null;
  fixedCompetentPath: string | null;
}

/**
 * Everything an intake checks before writing, in one round trip: the active procedure, its version in
 * force, the receiving agency, whether it offers the procedure, and the competent agency when the
 * version names a fixed one. Undefined when no active procedure has that code.
 */
async function intakeTarget(
  db: Db,
  procedureCode: string,
  agencyId: string,
  at: Date,
): Promise<IntakeTarget | undefined> {
  const [row] = await queryRows<IntakeTarget>(
    db,
    sql`select p.id as "procedureId", v.id as "versionId", r.path as "receivingPath",
          (select pa.service_level from svc_procedure_agencies pa
                  where pa.procedure_id = p.id and pa.agency_id = r.id) as "serviceLevel",
          c.id as "fixedCompetentId", c.path as "fixedCompetentPath"
        from svc_procedures p
        left join lateral (
          select id, definition #>> '{competent,code}' as competent_code
          from svc_procedure_versions
          where procedure_id = p.id and applied_at is not null
            and effective_from <= ${at.toISOString()}::timestamptz
          order by effective_from desc, version desc limit 1) v on true
        left join id_agencies r on r.id = ${agencyId}::uuid
        left join id_agencies c on c.code = v.competent_code
        where p.code = ${procedureCode} and p.active`,
  );
  return row;
}

const FILE_NOT_YOURS = 'file_not_yours';

/**
 * Hands the applicant's uploaded files to the dossier: only files they own that belong to nothing yet
 * are taken; the statement's assertion fails the whole submission if any named file is not among them.
 */
function attachFiles(
  d: DossierRow,
  ownerId: string,
  components: SubmitInput['components'],
  fileIds: string[],
): Record<string, SQLWrapper> {
  return {
    taken: sql`update files set resource_type = 'dossier', resource_id = ${d.id}, agency_id = ${d.receivingAgencyId}
      where id = any(${pgArray(fileIds)}::uuid[]) and owner_id = ${ownerId} and resource_id is null
      returning id`,
    listed: sql`insert into svc_dossier_files (dossier_id, file_id, component_key)
      select ${d.id}::uuid, c."fileId", c."componentKey"
      from jsonb_to_recordset(${JSON.stringify(components)}::jsonb) as c("componentKey" text, "fileId" uuid)
      where c."fileId" in (select id from taken)`,
  };
}
