// What leaves the server about a meeting: an allow-list of fields per view.
import type { PollResult } from '../../../contracts/meetings.ts';
import type { MeetingRow, ParticipantRow } from './load.ts';
import type { conclusions, items, polls, speeches, tasks } from './tables.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const presentMeetingSummary = (
  m: MeetingRow,
  kind: { code: string; name: string; nameEn: string },
) => ({
  id: m.id,
  title: m.title,
  kind: kind.code,
  kindName: kind.name,
  kindNameEn: kind.nameEn,
  mode: m.mode,
  place: m.place,
  state: m.state,
  urgent: m.urgent,
  startsAt: m.startsAt.toISOString(),
  plannedEndAt: m.plannedEndAt.toISOString(),
  startedAt: iso(m.startedAt),
  endedAt: iso(m.endedAt),
  invitedAt: iso(m.invitedAt),
  leadWorkingDays: m.leadWorkingDays,
  leadTooShort: m.leadTooShort,
  noticeNumber: m.noticeNumber,
  noticeIssuedAt: iso(m.noticeIssuedAt),
  currentItemId: m.currentItemId,
  seriesId: m.seriesId,
  rrule: m.rrule,
});

/** No e-mail or phone of participants: names, titles and attendance only. */
export const presentParticipant = (p: ParticipantRow) => ({
  id: p.id,
  userId: p.userId,
  name: p.name,
  title: p.title,
  role: p.role,
  substituteFor: p.substituteFor,
  reply: p.reply,
  attendMode: p.attendMode,
  reason: p.reason,
  present: p.checkedInAt !== null && p.checkedOutAt === null,
});

export const presentItem = (i: typeof items.$inferSelect) => ({
  id: i.id,
  position: i.position,
  title: i.title,
  presentingUnit: i.presentingUnit,
  plannedMinutes: i.plannedMinutes,
  expectedOutcome: i.expectedOutcome,
  state: i.state,
  openedAt: iso(i.openedAt),
  usedSeconds: i.usedSeconds,
  outcome: i.outcome,
  carriedTaskIds: i.carriedTaskIds,
});

export const presentSpeech = (s: typeof speeches.$inferSelect) => ({
  id: s.id,
  itemId: s.itemId,
  participantId: s.participantId,
  kind: s.kind,
  state: s.state,
  requestedAt: s.requestedAt.toISOString(),
  begunAt: iso(s.begunAt),
  capSeconds: s.capSeconds,
});

/** The result only once closed; named ballots list who chose what, secret ones never do. */
export const presentPoll = (
  p: typeof polls.$inferSelect,
  mine: { elector: boolean; voted: boolean },
  named: { participantId: string; choice: string }[],
) => ({
  id: p.id,
  itemId: p.itemId,
  question: p.question,
  secret: p.secret,
  state: p.state,
  electorate: p.electorate,
  openedAt: p.openedAt.toISOString(),
  closedAt: iso(p.closedAt),
  result: p.state === 'closed' ? (p.result as PollResult) : null,
  ballots: p.state === 'closed' && !p.secret ? named : [],
  mine,
});

export const presentConclusion = (c: typeof conclusions.$inferSelect) => ({
  id: c.id,
  itemId: c.itemId,
  outcome: c.outcome,
  text: c.text,
  decidedAt: c.decidedAt.toISOString(),
});

export const presentTask = (t: typeof tasks.$inferSelect, now: Date) => ({
  id: t.id,
  meetingId: t.meetingId,
  title: t.title,
  responsibleAgencyId: t.responsibleAgencyId,
  responsibleName: t.responsibleName,
  dueAt: t.dueAt.toISOString(),
  state: t.state,
  doneAt: iso(t.doneAt),
  overdue: t.state === 'open' ? now > t.dueAt : !!t.doneAt && t.doneAt > t.dueAt,
});
