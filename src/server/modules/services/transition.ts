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
import { queueMessage, rewriteQueuedMessage } from '../../platform/messages/index.ts';
import { classifyTimeliness } from './deadline.ts';
import { dossierEvents, dossiers } from './tables.ts';
import { afterDossiersChanged } from './contributions.ts';
import { PAPER_OF_ACTION, registerPaper } from './document-register.ts';

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
  const [event] = await tx
    .insert(dossierEvents)
    .values({
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
    })
    .returning({ id: dossierEvents.id });
  const paper = PAPER_OF_ACTION[input.action];
  if (paper) {
    const agencyId = paper.issuer === 'competent' ? updated.competentAgencyId : updated.receivingAgencyId;
    await registerPaper(tx, { eventId: event!.id, dossierId: d.id, form: paper.form, agencyId, at: now });
  }
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

/**
 * Messages already queued in a transaction, per dossier: a request that moves a dossier twice
 * (accept → 2, then route → 4) tells the applicant once, with the status it ends in.
 */
const queuedInTx = new WeakMap<Tx, Map<string, { email?: number; sms?: number }>>();

/** The dossier's code, or its receipt number before it has one (refused at intake): always in the subject. */
const referenceOf = (d: DossierRow) => d.code ?? d.receiptNo ?? '';

/** A custom template may leave the reference out; the message still names it first. */
const withReference = (text: string, ref: string) => (!ref || text.includes(ref) ? text : `${ref}: ${text}`);

/** Every status change reaches the applicant by e-mail and SMS (kept in the outbox in demo mode). */
async function notifyApplicant(tx: Tx, d: DossierRow): Promise<void> {
  const lang = d.applicantUserId ? await userLanguage(tx, d.applicantUserId) : 'vi';
  const ref = referenceOf(d);
  const params = {
    code: ref,
    name: d.applicant.fullName,
    status: t(lang, `services:status.${d.status}`),
  };
  const custom = await notificationTemplate(tx, lang);
  const text = (key: 'subject' | 'body' | 'sms') =>
    custom ? fillText(custom[key], params) : t(lang, `services:notify.${key}`, params);
  const meta = { dossierId: d.id, status: d.status };
  const queued = queuedInTx.get(tx) ?? new Map();
  queuedInTx.set(tx, queued);
  const mine = queued.get(d.id) ?? {};
  queued.set(d.id, mine);
  if (d.applicant.email) {
    const message = { subject: withReference(text('subject'), ref), body: text('body'), meta };
    if (mine.email !== undefined) await rewriteQueuedMessage(tx, mine.email, message);
    else
      mine.email = await queueMessage(tx, {
        channel: 'email',
        recipient: d.applicant.email,
        ...message,
        template: 'dossier_status',
      });
  }
  if (d.applicant.phone) {
    const message = { body: withReference(text('sms'), ref), meta };
    if (mine.sms !== undefined) await rewriteQueuedMessage(tx, mine.sms, message);
    else
      mine.sms = await queueMessage(tx, {
        channel: 'sms',
        recipient: d.applicant.phone,
        ...message,
        template: 'dossier_status',
      });
  }
}
