// What the reporter and the followers are told, by e-mail and SMS through the platform's message outbox:
// the tracking link on submission or joining (written by that command: only it knows the link's secret),
// then one message per follower when the report is routed or transferred, its deadline extended, the
// agency answers, the answer is published, the report is rejected or merged, and the "is it still
// fixed?" follow-up. Those are written by the subscriber of the `feedback.` events, once per event, in
// the dispatch transaction: the command's own transaction stays as it was.
import { and, eq } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { StoredEvent } from '../../platform/events/index.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import { type OutgoingMessage, queueMessage } from '../../platform/messages/index.ts';
import { getUser } from '../identity/index.ts';
import { agencies } from './reference.ts';
import { fbFollowers, fbReports } from './tables.ts';

/** The kinds of message a follower receives after submission, by the event that causes them. */
export type NoticeKind =
  | 'submitted'
  | 'joined'
  | 'routed'
  | 'transferred'
  | 'extended'
  | 'answered'
  | 'published'
  | 'rejected'
  | 'merged'
  | 'follow_up';

/** "16:30 08/12/2026" in Asia/Ho_Chi_Minh, as the rest of the platform's messages write times. */
export function localTime(at: Date): string {
  const d = new Date(at.getTime() + 7 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export const reportUrl = (publicUrl: string, code: string, secret?: string) =>
  `${publicUrl.replace(/\/$/, '')}/phan-anh/${code}${secret ? `?k=${encodeURIComponent(secret)}` : ''}`;

export interface Recipient {
  email: string | null;
  phone: string | null;
  lang: Language;
}

/** One e-mail and one SMS (where the follower gave an address and a phone) for a notice. */
export function noticeMessages(
  to: Recipient,
  kind: NoticeKind,
  params: Record<string, string>,
  meta: Record<string, unknown>,
  secrets: string[] = [],
): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  const template = `feedback_${kind}`;
  const extra = secrets.length ? { secrets } : {};
  if (to.email)
    out.push({
      channel: 'email',
      recipient: to.email,
      subject: t(to.lang, `feedback:notice.${kind}.subject`, params),
      body: t(to.lang, `feedback:notice.${kind}.body`, params),
      template,
      meta,
      ...extra,
    });
  if (to.phone)
    out.push({
      channel: 'sms',
      recipient: to.phone,
      body: t(to.lang, `feedback:notice.${kind}.sms`, params),
      template,
      meta,
      ...extra,
    });
  return out;
}

/** The tracking code and the follower's own link (with its secret, masked wherever others read it). */
export async function sendTrackingLink(
  tx: DbOrTx,
  publicUrl: string,
  kind: 'submitted' | 'joined',
  to: Recipient,
  r: { id: string; code: string },
  secret: string,
): Promise<void> {
  const params = { code: r.code, url: reportUrl(publicUrl, r.code, secret) };
  for (const m of noticeMessages(to, kind, params, { reportId: r.id, code: r.code, notice: kind }, [secret]))
    await queueMessage(tx, m);
}

/** Which notice an event stands for (none for the others). */
export function noticeOf(e: StoredEvent): NoticeKind | null {
  const action = e.payload.action;
  if (e.type === 'feedback.status_changed') {
    if (action === 'route') return 'routed';
    if (action === 'transfer') return 'transferred';
    if (action === 'reply') return 'answered';
    if (action === 'publish') return 'published';
    if (action === 'reject') return 'rejected';
    if (action === 'merge') return 'merged';
    return null;
  }
  if (e.type === 'feedback.transfer') return 'transferred';
  if (e.type === 'feedback.extend') return 'extended';
  if (e.type === 'feedback.follow_up') return 'follow_up';
  return null;
}

/**
 * Subscriber of the `feedback.` events: the notice to every follower with a contact. A merged report's
 * followers now follow the kept report; they are told of the merge, under both codes.
 */
export async function notifyFollowers(tx: Tx, e: StoredEvent, publicUrl: string): Promise<number> {
  const kind = noticeOf(e);
  if (!kind || !e.aggregateId) return 0;
  const [r] = await tx.select().from(fbReports).where(eq(fbReports.id, e.aggregateId));
  if (!r) return 0;
  let into: typeof r | undefined;
  if (kind === 'merged' && r.mergedIntoId)
    [into] = await tx.select().from(fbReports).where(eq(fbReports.id, r.mergedIntoId));
  const followers = await tx
    .select()
    .from(fbFollowers)
    .where(
      into
        ? and(eq(fbFollowers.reportId, into.id), eq(fbFollowers.mergedFromId, r.id))
        : eq(fbFollowers.reportId, r.id),
    );
  if (followers.length === 0) return 0;
  const agency = r.agencyId
    ? (await agencies(tx)).find((a) => a.agency.id === r.agencyId)?.agency
    : undefined;
  const followed = into ?? r;
  const base = {
    code: r.code,
    into: into?.code ?? '',
    agency: agency?.name ?? '',
    due: r.dueAt ? localTime(r.dueAt) : '',
    reason: r.extensionReason ?? '',
    url: reportUrl(publicUrl, followed.code),
  };
  let sent = 0;
  for (const f of followers) {
    let to: Recipient = { email: f.email, phone: f.phone, lang: f.lang };
    if (!to.email && !to.phone && f.userId) {
      const u = await getUser(tx, f.userId);
      if (u) to = { email: u.email, phone: u.phone, lang: u.locale === 'en' ? 'en' : 'vi' };
    }
    const rejectReason = r.rejectReason ? t(to.lang, `feedback:reject.${r.rejectReason}`) : '';
    const params = { ...base, rejectReason, note: r.rejectNote ? ` ${r.rejectNote}` : '' };
    const meta = { reportId: followed.id, code: followed.code, notice: kind, eventId: e.id };
    for (const m of noticeMessages(to, kind, params, meta)) {
      await queueMessage(tx, m);
      sent++;
    }
  }
  return sent;
}
