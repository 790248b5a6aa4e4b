// The minutes (biên bản) drafted from the meeting's structured record: attendance, each content with
// its time used, the speakers with their times, the votes and their results, the conclusions and the
// tasks they set. Pure: the record in, the text out (in the language asked; official minutes are vi).
import type { PollResult } from '../../../contracts/meetings.ts';
import { type Language, t } from '../../platform/i18n/index.ts';
import { formatDate, formatTime } from '../../platform/pdf/index.ts';
import type { MeetingRow, ParticipantRow } from './load.ts';
import type { conclusions, items, polls, speeches, tasks } from './tables.ts';

export interface MinutesRecord {
  meeting: MeetingRow;
  agencyName: string;
  people: ParticipantRow[];
  items: (typeof items.$inferSelect)[];
  speeches: (typeof speeches.$inferSelect)[];
  polls: (typeof polls.$inferSelect)[];
  conclusions: (typeof conclusions.$inferSelect)[];
  tasks: (typeof tasks.$inferSelect)[];
}

const minutesOf = (seconds: number) => Math.round(seconds / 60);

export function draftMinutes(lang: Language, r: MinutesRecord): string {
  const k = (key: string, params: Record<string, unknown> = {}) => t(lang, `meetings:minutes.${key}`, params);
  const m = r.meeting;
  const name = (id: string | null) => r.people.find((p) => p.id === id)?.name ?? '';
  const chair = r.people.find((p) => p.role === 'chair');
  const attended = r.people.filter((p) => p.checkedInAt !== null && p.role !== 'secretary');
  const absent = r.people.filter((p) => p.checkedInAt === null && p.role !== 'secretary');
  const lines: string[] = [
    k('heading'),
    m.title,
    '',
    k('time', {
      start: m.startedAt ? `${formatTime(m.startedAt)} ${formatDate(m.startedAt)}` : '',
      end: m.endedAt ? `${formatTime(m.endedAt)} ${formatDate(m.endedAt)}` : '',
    }),
    k('place', { place: m.place ?? '', agency: r.agencyName }),
    k('chair', { name: chair ? `${chair.name}${chair.title ? `, ${chair.title}` : ''}` : '' }),
    k('attended', { n: attended.length }),
    ...attended.map((p) => {
      const sub = p.substituteFor ? k('substitute_for', { name: name(p.substituteFor) }) : '';
      return `  - ${p.name}${p.title ? `, ${p.title}` : ''}${sub} (${k(`mode.${p.attendMode ?? 'in_person'}`)})`;
    }),
    k('absent', { n: absent.length }),
    ...absent.map((p) => `  - ${p.name}${p.reason ? `: ${p.reason}` : ''}`),
    '',
    k('contents'),
  ];
  for (const item of r.items) {
    if (item.state === 'withdrawn') continue;
    lines.push(
      '',
      `${item.position}. ${item.title} (${item.presentingUnit})`,
      k('item_time', {
        planned: item.plannedMinutes,
        used: minutesOf(item.usedSeconds),
        state: k(`item_state.${item.state}`),
      }),
    );
    const said = r.speeches.filter((s) => s.itemId === item.id && s.begunAt);
    if (said.length) lines.push(k('speeches'));
    for (const s of said)
      lines.push(
        `  - ${name(s.participantId)} (${k(`speech.${s.kind}`)}): ${formatTime(s.begunAt!)}–${s.endedAt ? formatTime(s.endedAt) : ''}, ${k('minutes_n', { n: s.endedAt ? minutesOf((s.endedAt.getTime() - s.begunAt!.getTime()) / 1000) : 0 })}`,
      );
    for (const p of r.polls.filter((x) => x.itemId === item.id && x.state === 'closed'))
      lines.push(pollLine(k, p));
    const c = r.conclusions.find((x) => x.itemId === item.id);
    if (c) lines.push(k('conclusion', { outcome: k(`outcome.${c.outcome}`), text: c.text }));
    for (const task of r.tasks.filter((x) => x.conclusionId === c?.id))
      lines.push(k('task', { agency: task.responsibleName, title: task.title, due: formatDate(task.dueAt) }));
  }
  const loose = r.polls.filter((x) => !x.itemId && x.state === 'closed');
  if (loose.length) lines.push('', k('other_votes'), ...loose.map((p) => pollLine(k, p)));
  lines.push('', k('closing', { time: m.endedAt ? formatTime(m.endedAt) : '' }));
  return lines.join('\n');
}

function pollLine(
  k: (key: string, p?: Record<string, unknown>) => string,
  p: { question: string; secret: boolean; result: PollResult | null },
) {
  const r = p.result!;
  return k('vote', {
    question: p.question,
    how: k(p.secret ? 'secret' : 'named'),
    agree: r.agree,
    disagree: r.disagree,
    abstain: r.abstain,
    notVoting: r.notVoting,
    electorate: r.electorate,
    result: k(r.adopted ? 'adopted' : 'not_adopted'),
  });
}
