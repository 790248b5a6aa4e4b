// What an online applicant is told the moment they submit (ADR 22): the receipt number, what happens
// next and by when the one-stop desk answers; on the confirmation page, by e-mail and by SMS.
import { eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import { agencies } from '../identity/index.ts';
import { type OutgoingMessage, queueMessages } from '../../platform/messages/index.ts';
import { formatDate, formatTime } from '../../platform/pdf/index.ts';
import { loadCalendar } from './clock.ts';
import { computeDueDate, type TimeLimit } from './deadline.ts';
import { definitionOf } from './definitions.ts';
import { type Applicant, dossiers } from './tables.ts';

/**
 * How long the desk has to check an online submission and answer it (accept and issue the code, ask
 * for everything missing at once, or refuse with reasons): one working day (Decree 118/2025, see ADR 22).
 */
export const DESK_ANSWER_LIMIT: TimeLimit = { value: 1, unit: 'working_days' };

export interface SubmissionReceipt {
  receiptNo: string;
  /** when the desk answers at the latest (ISO) */
  answerBy: string | null;
  /** "what happens next", in the request's language */
  nextSteps: string;
}

/** "16:30 08/12/2026" in Asia/Ho_Chi_Minh (the papers' own formatting: the same in both languages). */
export function localTimeText(at: Date): string {
  return `${formatTime(at)} ${formatDate(at)}`;
}

/** The desk's answer date for a submission at `submittedAt`, from the working calendar. */
export async function deskAnswerBy(db: DbOrTx, submittedAt: Date): Promise<Date | null> {
  const calendar = await loadCalendar(db);
  return computeDueDate(calendar, { receivedAt: submittedAt, limit: DESK_ANSWER_LIMIT }).dueAt;
}

export async function submissionReceipt(
  db: DbOrTx,
  lang: Language,
  d: { receiptNo: string; submittedAt: Date },
): Promise<SubmissionReceipt> {
  const by = await deskAnswerBy(db, d.submittedAt);
  return {
    receiptNo: d.receiptNo,
    answerBy: by?.toISOString() ?? null,
    nextSteps: t(lang, 'services:receipt.next_steps', {
      receipt: d.receiptNo,
      by: by ? localTimeText(by) : '',
    }),
  };
}

/** One e-mail and one SMS (where the applicant gave an address and a phone). */
export function receiptMessages(
  lang: Language,
  d: { id: string; applicant: Applicant; submittedAt: Date },
  info: {
    receiptNo: string;
    procedureName: string;
    agencyName: string;
    publicUrl: string;
    answerBy: Date | null;
  },
): OutgoingMessage[] {
  const by = info.answerBy;
  const params = {
    receipt: info.receiptNo,
    name: d.applicant.fullName,
    procedure: info.procedureName,
    agency: info.agencyName,
    at: localTimeText(d.submittedAt),
    by: by ? localTimeText(by) : '',
    url: `${info.publicUrl.replace(/\/$/, '')}/tra-cuu`,
  };
  const meta = { dossierId: d.id, status: 1, receiptNo: info.receiptNo };
  const out: OutgoingMessage[] = [];
  if (d.applicant.email)
    out.push({
      channel: 'email',
      recipient: d.applicant.email,
      subject: t(lang, 'services:receipt.subject', params),
      body: t(lang, 'services:receipt.body', params),
      template: 'dossier_received_online',
      meta,
    });
  if (d.applicant.phone)
    out.push({
      channel: 'sms',
      recipient: d.applicant.phone,
      body: t(lang, 'services:receipt.sms', params),
      template: 'dossier_received_online',
      meta,
    });
  return out;
}

/**
 * The receipt's e-mail and SMS, written by the subscriber of `services.dossier_submitted` (run once per
 * event, in the dispatch transaction): the submission itself stays one statement (ADR 12, ADR 22).
 */
export async function sendReceipt(tx: Tx, event: StoredEvent, publicUrl: string): Promise<void> {
  if (event.payload.channel !== 'online' || !event.aggregateId) return;
  const lang: Language = event.payload.lang === 'en' ? 'en' : 'vi';
  const [row] = await tx
    .select({
      id: dossiers.id,
      applicant: dossiers.applicant,
      submittedAt: dossiers.submittedAt,
      receiptNo: dossiers.receiptNo,
      versionId: dossiers.procedureVersionId,
      agencyName: agencies.name,
    })
    .from(dossiers)
    .innerJoin(agencies, eq(agencies.id, dossiers.receivingAgencyId))
    .where(eq(dossiers.id, event.aggregateId));
  if (!row?.receiptNo) return;
  const def = await definitionOf(tx, row.versionId);
  const messages = receiptMessages(lang, row, {
    receiptNo: row.receiptNo,
    procedureName: lang === 'en' && def.nameEn ? def.nameEn : def.name,
    agencyName: row.agencyName,
    publicUrl,
    answerBy: await deskAnswerBy(tx, row.submittedAt),
  });
  await queueMessages(tx, messages);
}
