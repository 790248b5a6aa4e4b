// The one place a dossier changes: bump the revision (optimistic lock), record the event (timeline,
// form 06, DVCQG QuaTrinhXuLy), audit, emit, and tell the applicant — all in the caller's transaction.
import { and, eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { emit } from '../../platform/events/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { userLanguage } from '../identity/index.ts';
import { fillText, notificationTemplate } from './templates.ts';
import { queueMessage } from '../../platform/messages/index.ts';
import { classifyTimeliness } from './deadline.ts';
import { dossierEvents, dossiers } from './tables.ts';
import { afterDossiersChanged } from './contributions.ts';

export type DossierRow = typeof dossiers.$inferSelect;

/** Loads a dossier and locks its row for the rest of the transaction. */
export async function lockDossier(tx: Tx, id: string): Promise<DossierRow> {
  const [row] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
  if (!row) throw new AppError('not_found');
  return row;
}

export interface TransitionInput {
  action: string;
  toStatus: number;
  changes?: Partial<Omit<DossierRow, 'id' | 'revision' | 'status'>>;
  comment?: string | null;
  data?: Record<string, unknown>;
  /** the revision the client saw; a different current revision is a conflict */
  expectedRevision?: number | undefined;
  now?: Date;
}

export async function applyTransition(
  tx: Tx,
  ctx: ActionContext,
  d: DossierRow,
  input: TransitionInput,
): Promise<DossierRow> {
  if (input.expectedRevision !== undefined && input.expectedRevision !== d.revision)
    throw new AppError('conflict');
  const now = input.now ?? new Date();
  const changes = input.changes ?? {};
  const [updated] = await tx
    .update(dossiers)
    .set({ ...changes, status: input.toStatus, revision: d.revision + 1, updatedAt: now })
    .where(and(eq(dossiers.id, d.id), eq(dossiers.revision, d.revision)))
    .returning();
  if (!updated) throw new AppError('conflict');
  await tx.insert(dossierEvents).values({
    dossierId: d.id,
    at: now,
    action: input.action,
    actorId: ctx.actor?.userId ?? null,
    actorLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? 'system',
    fromStatus: d.status,
    toStatus: input.toStatus,
    fromStep: d.stepKey,
    toStep: updated.stepKey,
    fromAgencyId: d.holderAgencyId,
    toAgencyId: updated.holderAgencyId,
    comment: input.comment ?? null,
    stepDueAt: d.stepDueAt,
    stepTimeliness: d.stepDueAt && d.status === 4 ? classifyTimeliness(now, d.stepDueAt) : null,
    data: input.data ?? {},
  });
  await afterDossiersChanged(tx, [d.id]);
  await audit(tx, ctx, {
    action: `dossier.${input.action}`,
    targetType: 'dossier',
    targetId: d.id,
    agencyId: updated.holderAgencyId,
    summary: {
      code: updated.code,
      from: { status: d.status, step: d.stepKey },
      to: { status: updated.status, step: updated.stepKey },
      ...(input.data ?? {}),
    },
  });
  await emit(tx, {
    type: 'services.dossier_changed',
    aggregateType: 'dossier',
    aggregateId: d.id,
    payload: {
      code: updated.code,
      status: updated.status,
      fromStatus: d.status,
      action: input.action,
      revision: updated.revision,
    },
    audience: {
      userIds: d.applicantUserId ? [d.applicantUserId] : [],
      agencyPaths: [updated.holderAgencyPath, d.holderAgencyPath],
    },
  });
  if (updated.status !== d.status) await notifyApplicant(tx, updated);
  return updated;
}

/** Every status change reaches the applicant by e-mail and SMS (kept in the outbox in demo mode). */
async function notifyApplicant(tx: Tx, d: DossierRow): Promise<void> {
  const lang = d.applicantUserId ? await userLanguage(tx, d.applicantUserId) : 'vi';
  const params = {
    code: d.code ?? '',
    name: d.applicant.fullName,
    status: t(lang, `services:status.${d.status}`),
  };
  const custom = await notificationTemplate(tx, lang);
  const text = (key: 'subject' | 'body' | 'sms') =>
    custom ? fillText(custom[key], params) : t(lang, `services:notify.${key}`, params);
  const meta = { dossierId: d.id, status: d.status };
  if (d.applicant.email) {
    await queueMessage(tx, {
      channel: 'email',
      recipient: d.applicant.email,
      subject: text('subject'),
      body: text('body'),
      template: 'dossier_status',
      meta,
    });
  }
  if (d.applicant.phone) {
    await queueMessage(tx, {
      channel: 'sms',
      recipient: d.applicant.phone,
      body: text('sms'),
      template: 'dossier_status',
      meta,
    });
  }
}
