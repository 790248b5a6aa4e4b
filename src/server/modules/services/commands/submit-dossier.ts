import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { can } from '../../../platform/access.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { files } from '../../../platform/files/tables.ts';
import { getAgency, getAgencyByCode } from '../../identity/index.ts';
import { validateFormData } from '../form-validation.ts';
import {
  type Applicant,
  dossierEvents,
  dossierFiles,
  dossiers,
  idempotencyKeys,
  procedureAgencies,
  procedures,
} from '../tables.ts';
import { versionInForce } from './publish-procedure.ts';
import { acceptLocked } from './accept-dossier.ts';
import { audit } from '../../../platform/audit/index.ts';
import { emit } from '../../../platform/events/index.ts';
import { recordDossierStats } from '../../stats/maintain.ts';

export interface SubmitInput {
  procedureCode: string;
  channel: 'online' | 'counter';
  /** the agency that receives it (a commune People's Committee or a service centre) */
  agencyId: string;
  applicant: Applicant;
  formData: Record<string, unknown>;
  components: { componentKey: string; fileId: string }[];
  idempotencyKey?: string | undefined;
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
export async function submitDossier(
  db: Db,
  ctx: ActionContext,
  input: SubmitInput,
): Promise<{ id: string; replayed: boolean }> {
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
    return { id: prior.dossierId, replayed: true };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  try {
    return await db.transaction((tx) => submitInTx(tx, ctx, input, hash));
  } catch (err) {
    // Two requests with one key at once: the loser finds the winner's answer.
    const again = await replay().catch((e) => {
      throw e;
    });
    if (again) return again;
    throw err;
  }
}

async function submitInTx(tx: Tx, ctx: ActionContext, input: SubmitInput, hash: string) {
  const actor = ctx.actor!;
  const now = new Date();
  const [procedure] = await tx
    .select()
    .from(procedures)
    .where(and(eq(procedures.code, input.procedureCode), eq(procedures.active, true)));
  if (!procedure)
    throw new AppError('validation', {}, [{ field: 'body.procedureCode', key: 'field.not_found' }]);
  const version = await versionInForce(tx, procedure.id, now);
  if (!version)
    throw new AppError('validation', {}, [{ field: 'body.procedureCode', key: 'field.not_in_force' }]);
  const def = version.definition;
  const receiving = await getAgency(tx, input.agencyId);
  const offered = receiving
    ? await tx
        .select()
        .from(procedureAgencies)
        .where(
          and(eq(procedureAgencies.procedureId, procedure.id), eq(procedureAgencies.agencyId, receiving.id)),
        )
    : [];
  if (!receiving || offered.length === 0)
    throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'field.not_offered_here' }]);
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
    for (const c of def.components.filter((c) => c.required)) {
      if (!input.components.some((x) => x.componentKey === c.key))
        problems.push({
          field: `body.components.${c.key}`,
          key: 'field.component_missing',
          params: { name: c.name },
        });
    }
  }
  if (problems.length) throw new AppError('validation', {}, problems);
  const fileIds = [...new Set(input.components.map((c) => c.fileId))];
  if (fileIds.length) {
    const owned = await tx
      .select({ id: files.id })
      .from(files)
      .where(
        and(
          sql`${files.id} = any(${`{${fileIds.join(',')}}`}::uuid[])`,
          eq(files.ownerId, actor.userId),
          sql`${files.resourceId} is null`,
        ),
      );
    if (owned.length !== fileIds.length)
      throw new AppError('validation', {}, [{ field: 'body.components', key: 'field.file_not_yours' }]);
  }

  const competent =
    def.competent.kind === 'fixed' ? await getAgencyByCode(tx, def.competent.code) : receiving;
  if (!competent) throw new AppError('invalid_state', { reason: 'competent_agency_missing' });
  const [dossier] = await tx
    .insert(dossiers)
    .values({
      procedureId: procedure.id,
      procedureVersionId: version.id,
      status: 1,
      channel: input.channel,
      applicant: input.applicant,
      applicantUserId: actor.kind === 'citizen' ? actor.userId : null,
      formData: input.formData,
      helpedAgencyId: input.channel === 'counter' ? receiving.id : null,
      receivingAgencyId: receiving.id,
      competentAgencyId: competent.id,
      holderAgencyId: receiving.id,
      holderAgencyPath: receiving.path,
      submittedAt: now,
      trackingPin: trackingPin(input.applicant),
    })
    .returning();
  const d = dossier!;
  if (fileIds.length) {
    await tx
      .insert(dossierFiles)
      .values(
        input.components.map((c) => ({ dossierId: d.id, fileId: c.fileId, componentKey: c.componentKey })),
      );
    await tx.execute(
      sql`update files set resource_type = 'dossier', resource_id = ${d.id}, agency_id = ${receiving.id} where id = any(${`{${fileIds.join(',')}}`}::uuid[])`,
    );
  }
  await tx.insert(dossierEvents).values({
    dossierId: d.id,
    at: now,
    action: 'submit',
    actorId: actor.userId,
    actorLabel: actor.fullName,
    toStatus: 1,
    toAgencyId: receiving.id,
    data: { channel: input.channel },
  });
  await recordDossierStats(tx, d.id);
  await audit(tx, ctx, {
    action: 'dossier.submit',
    targetType: 'dossier',
    targetId: d.id,
    agencyId: receiving.id,
    summary: { procedure: def.code, channel: input.channel },
  });
  await emit(tx, {
    type: 'services.dossier_submitted',
    aggregateType: 'dossier',
    aggregateId: d.id,
    payload: { procedure: def.code, channel: input.channel },
    audience: {
      userIds: d.applicantUserId ? [d.applicantUserId] : [],
      agencyPaths: [receiving.path],
      permission: 'dossiers.receive',
    },
  });
  if (input.idempotencyKey)
    await tx
      .insert(idempotencyKeys)
      .values({ key: input.idempotencyKey, userId: actor.userId, requestHash: hash, dossierId: d.id });
  if (input.channel === 'counter') await acceptLocked(tx, ctx, d, now);
  return { id: d.id, replayed: false };
}
