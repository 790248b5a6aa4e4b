// Invitations, their updates, cancellations and reminders, by the app (a row and a live event), by
// e-mail with the meeting's iCalendar object, and by SMS, through the platform's message outbox: the
// messages are queued in the command's transaction and delivered by the messages job after commit.
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { emit } from '../../platform/events/index.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import { type OutgoingMessage, queueMessage } from '../../platform/messages/index.ts';
import { formatDate, formatTime } from '../../platform/pdf/index.ts';
import { getAgency, getUser } from '../identity/index.ts';
import { type CalendarMethod, meetingIcs } from './ics.ts';
import type { LoadedMeeting, MeetingRow, ParticipantRow } from './load.ts';
import { type InvitationKind, invitations, items } from './tables.ts';

export interface InvitationSettings {
  /** the deployment's public address: links in messages and the host of the iCalendar UID */
  publicUrl: string;
}

/** "08:00 11/12/2026" in Asia/Ho_Chi_Minh, as the papers write it. */
const when = (d: Date) => `${formatTime(d)} ${formatDate(d)}`;

/** The one UID of a meeting's calendar entry, whatever is sent later. */
export function meetingUid(meetingId: string, publicUrl: string): string {
  return `meeting-${meetingId}@${new URL(publicUrl).hostname}`;
}

export const meetingLink = (meetingId: string, publicUrl: string) =>
  `${publicUrl.replace(/\/$/, '')}/lam-viec/hop/${meetingId}`;

/**
 * Who receives invitations: every participant with an account, except the secretariat's own clerks and
 * substitutes released because the member they stood in for answered again.
 */
export const invitees = (rows: readonly ParticipantRow[]) =>
  rows.filter(
    (p) => p.userId !== null && p.role !== 'secretary' && !(p.role === 'substitute' && p.reply === 'absent'),
  );

const METHOD: Record<InvitationKind, CalendarMethod | null> = {
  invite: 'REQUEST',
  update: 'REQUEST',
  cancel: 'CANCEL',
  reminder: null,
};

/**
 * Writes the app invitation rows and queues the e-mail (with the iCalendar part) and SMS of `kind` to
 * each of `to`, in their own language. Returns how many went out on each channel.
 */
export async function deliverInvitations(
  tx: Tx,
  l: Pick<LoadedMeeting, 'meeting' | 'participants'>,
  to: readonly ParticipantRow[],
  kind: InvitationKind,
  settings: InvitationSettings,
  extra: { now: Date; reason?: string } = { now: new Date() },
): Promise<{ app: number; email: number; sms: number }> {
  const m = l.meeting;
  const counts = { app: 0, email: 0, sms: 0 };
  if (to.length === 0) return counts;
  const agency = await getAgency(tx, m.agencyId);
  const agenda = await tx
    .select({ position: items.position, title: items.title, state: items.state })
    .from(items)
    .where(eq(items.meetingId, m.id))
    .orderBy(asc(items.position));
  const host = new URL(settings.publicUrl).hostname;
  const url = meetingLink(m.id, settings.publicUrl);
  const method = METHOD[kind];
  const rows: (typeof invitations.$inferInsert)[] = [];
  for (const p of to) {
    const user = p.userId ? await getUser(tx, p.userId) : undefined;
    if (!user || user.disabledAt) continue;
    const lang: Language = user.locale === 'en' ? 'en' : 'vi';
    const params = messageParams(lang, m, {
      name: user.fullName,
      agency: agency?.name ?? '',
      url,
      reason: extra.reason ?? m.cancelReason ?? '',
      agenda: agenda
        .filter((i) => i.state !== 'withdrawn')
        .map((i) => `${i.position}. ${i.title}`)
        .join('\n'),
    });
    const meta = { meetingId: m.id, participantId: p.id, kind, sequence: m.icalSequence };
    const base = { meetingId: m.id, participantId: p.id, kind, sequence: m.icalSequence, sentAt: extra.now };
    rows.push({ ...base, channel: 'app' });
    counts.app++;
    const out: OutgoingMessage[] = [];
    if (user.email) {
      out.push({
        channel: 'email',
        recipient: user.email,
        subject: t(lang, `meetings:${kind}.subject`, params),
        body: t(lang, `meetings:${kind}.body`, params),
        template: `meeting_${kind}`,
        meta,
        ...(method
          ? {
              calendar: {
                method,
                filename: kind === 'cancel' ? 'huy-cuoc-hop.ics' : 'giay-moi-hop.ics',
                content: meetingIcs({
                  method,
                  uid: meetingUid(m.id, settings.publicUrl),
                  sequence: m.icalSequence,
                  stamp: extra.now,
                  start: m.startsAt,
                  end: m.plannedEndAt,
                  summary: `${m.urgent ? t(lang, 'meetings:urgent') : ''}${m.title}`,
                  location: m.place,
                  description: params.agenda ? `${params.agenda}\n\n${url}` : url,
                  url,
                  urgent: m.urgent,
                  organizer: { name: agency?.name ?? host, email: `no-reply@${host}` },
                  attendee: { name: user.fullName, email: user.email },
                }),
              },
            }
          : {}),
      });
      rows.push({ ...base, channel: 'email' });
      counts.email++;
    }
    if (user.phone) {
      out.push({
        channel: 'sms',
        recipient: user.phone,
        body: t(lang, `meetings:${kind}.sms`, params),
        template: `meeting_${kind}`,
        meta,
      });
      rows.push({ ...base, channel: 'sms' });
      counts.sms++;
    }
    for (const msg of out) await queueMessage(tx, msg);
  }
  if (rows.length) await tx.insert(invitations).values(rows);
  const userIds = to.flatMap((p) => (p.userId ? [p.userId] : []));
  if (userIds.length)
    await emit(tx, {
      type: `meeting.invitation_${kind}`,
      aggregateType: 'meeting',
      aggregateId: m.id,
      payload: { meetingId: m.id, kind, title: m.title, startsAt: m.startsAt.toISOString() },
      audience: { userIds },
    });
  return counts;
}

function messageParams(
  lang: Language,
  m: MeetingRow,
  p: { name: string; agency: string; url: string; reason: string; agenda: string },
) {
  return {
    ...p,
    urgent: m.urgent ? t(lang, 'meetings:urgent') : '',
    title: m.title,
    start: when(m.startsAt),
    end: when(m.plannedEndAt),
    place: m.place || t(lang, 'meetings:no_place'),
    mode: t(lang, `meetings:mode.${m.mode}`),
  };
}
