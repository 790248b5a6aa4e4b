// The report of the two targets (issue 12, item 8): per meeting, per kind and per period, from each
// meeting's own ledger, against the imported baseline of past meetings. Aggregates only: per-person
// reading and speaking figures are not part of it.
import { and, asc, eq, gte, inArray, like, lt, or, type SQL } from 'drizzle-orm';
import type { ReportQuery } from '../../../contracts/meetings.ts';
import { type Principal, scopePaths } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { loadCalendar } from '../services/index.ts';
import { meetingFigures, reductionAgainst } from './figures.ts';
import { MANAGE } from './policy.ts';
import { baselines, items, ledger, meetingKinds, meetings, tasks } from './tables.ts';
import { conclusionLagDays } from './working-days.ts';

const VN = 7 * 3_600_000;
const localDate = (d: Date) => new Date(d.getTime() + VN).toISOString().slice(0, 10);
const startOf = (date: string) => new Date(`${date}T00:00:00+07:00`);
const round1 = (x: number) => Math.round(x * 10) / 10;
const ratio = (a: number, b: number) => (b > 0 ? round1((100 * a) / b) : null);

export async function meetingsReport(db: DbOrTx, p: Principal, q: ReportQuery) {
  const paths = scopePaths(p, MANAGE);
  if (!paths.length) throw new AppError('forbidden');
  const kinds = await db.select().from(meetingKinds).orderBy(asc(meetingKinds.code));
  const kind = q.kindCode ? kinds.find((k) => k.code === q.kindCode) : undefined;
  if (q.kindCode && !kind)
    throw new AppError('validation', {}, [{ field: 'query.kindCode', key: 'field.not_found' }]);
  const scope = or(...paths.map((path) => like(meetings.agencyPath, `${path}%`)))!;
  const where: SQL[] = [scope, eq(meetings.state, 'ended')];
  if (kind) where.push(eq(meetings.kindId, kind.id));
  if (q.from) where.push(gte(meetings.startedAt, startOf(q.from)));
  if (q.to) where.push(lt(meetings.startedAt, new Date(startOf(q.to).getTime() + 86_400_000)));
  const held = await db
    .select()
    .from(meetings)
    .where(and(...where))
    .orderBy(asc(meetings.startedAt))
    .limit(2000);
  const ids = held.map((m) => m.id);
  const [rows, agenda, taskRows, base, calendar] = await Promise.all([
    ids.length ? db.select().from(ledger).where(inArray(ledger.meetingId, ids)).orderBy(asc(ledger.id)) : [],
    ids.length ? db.select().from(items).where(inArray(items.meetingId, ids)) : [],
    ids.length ? db.select().from(tasks).where(inArray(tasks.meetingId, ids)) : [],
    db
      .select()
      .from(baselines)
      .where(
        and(
          or(...paths.map((path) => like(baselines.agencyPath, `${path}%`))),
          ...(kind ? [eq(baselines.kindId, kind.id)] : []),
        ),
      ),
    loadCalendar(db),
  ]);
  const kindOf = new Map(kinds.map((k) => [k.id, k]));
  const now = new Date();
  const perMeeting = held.map((m) => {
    const k = kindOf.get(m.kindId)!;
    const f = meetingFigures(
      rows.filter((r) => r.meetingId === m.id),
      agenda.filter((i) => i.meetingId === m.id),
    );
    const mine = taskRows.filter((t) => t.meetingId === m.id);
    const lag =
      m.noticeIssuedAt && m.endedAt ? conclusionLagDays(calendar, m.endedAt, m.noticeIssuedAt) : null;
    return {
      id: m.id,
      title: m.title,
      kind: k.code,
      kindName: k.name,
      date: localDate(m.startedAt ?? m.startsAt),
      netMinutes: round1(f.netSeconds / 60),
      pauseMinutes: round1(f.pauseSeconds / 60),
      itemsDiscussed: f.itemsDiscussed,
      itemsSettledBeforehand: f.itemsSettledBeforehand,
      minutesPerItem: f.itemsDiscussed ? round1(f.netSeconds / 60 / f.itemsDiscussed) : null,
      itemsWithinBudget: f.itemsWithinBudget,
      overrunMinutes: round1(f.items.reduce((s, i) => s + Math.max(0, i.overrunSeconds), 0) / 60),
      memberHours: round1(f.memberSeconds / 3600),
      speeches: f.speeches,
      speakingMinutes: round1(f.speakingSeconds / 60),
      leadWorkingDays: m.leadWorkingDays,
      leadCompliant: m.leadWorkingDays === null ? null : m.leadWorkingDays >= k.rules.leadWorkingDays,
      conclusionLagDays: lag,
      conclusionCompliant: lag === null ? null : lag <= k.rules.conclusionWorkingDays,
      electronicPageDeliveries: f.electronicPageDeliveries,
      allPageDeliveries: f.allPageDeliveries,
      electronicSharePercent: ratio(f.electronicPageDeliveries, f.allPageDeliveries),
      paperPages: f.paperPages,
      pagesAvoided: f.pagesAvoided,
      tasks: mine.length,
      tasksClosedOnTime: mine.filter((t) => t.state === 'done' && t.doneAt && t.doneAt <= t.dueAt).length,
      tasksOverdue: mine.filter((t) => t.state === 'open' && t.dueAt < now).length,
    };
  });
  const byKind = kinds
    .filter((k) => !kind || k.id === kind.id)
    .map((k) => {
      const ms = perMeeting.filter((m) => m.kind === k.code);
      const bs = base.filter((b) => b.kindId === k.id);
      const baselineMinutes = bs.map((b) => (b.endedAt.getTime() - b.startedAt.getTime()) / 60_000);
      const red = reductionAgainst(
        ms.map((m) => m.netMinutes),
        baselineMinutes,
      );
      const sum = (f: (m: (typeof ms)[number]) => number) => ms.reduce((s, m) => s + f(m), 0);
      const discussed = sum((m) => m.itemsDiscussed);
      const leads = ms.filter((m) => m.leadCompliant !== null);
      const lags = ms.filter((m) => m.conclusionCompliant !== null);
      return {
        kind: k.code,
        kindName: k.name,
        meetings: ms.length,
        meanNetMinutes: ms.length ? round1(sum((m) => m.netMinutes) / ms.length) : null,
        baselineMeetings: bs.length,
        baselineMeanMinutes: bs.length
          ? round1(baselineMinutes.reduce((a, b) => a + b, 0) / baselineMinutes.length)
          : null,
        baselineSources: [...new Set(bs.map((b) => b.source))],
        reductionPercent: red ? round1(100 * red.reduction) : null,
        reductionLowPercent: red?.low == null ? null : round1(100 * red.low),
        reductionHighPercent: red?.high == null ? null : round1(100 * red.high),
        minutesPerItem: discussed ? round1(sum((m) => m.netMinutes) / discussed) : null,
        memberHours: round1(sum((m) => m.memberHours)),
        itemsWithinBudgetPercent: ratio(
          sum((m) => m.itemsWithinBudget),
          discussed,
        ),
        itemsSettledBeforehand: sum((m) => m.itemsSettledBeforehand),
        speakingMinutes: round1(sum((m) => m.speakingMinutes)),
        leadCompliantPercent: ratio(leads.filter((m) => m.leadCompliant).length, leads.length),
        conclusionCompliantPercent: ratio(lags.filter((m) => m.conclusionCompliant).length, lags.length),
        electronicSharePercent: ratio(
          sum((m) => m.electronicPageDeliveries),
          sum((m) => m.allPageDeliveries),
        ),
        paperPages: sum((m) => m.paperPages),
        baselinePaperPages: bs.reduce((s, b) => s + b.pagesPrinted, 0),
        pagesAvoided: sum((m) => m.pagesAvoided),
        tasksOnTimePercent: ratio(
          sum((m) => m.tasksClosedOnTime),
          sum((m) => m.tasks),
        ),
      };
    });
  return { from: q.from ?? null, to: q.to ?? null, kinds: byKind, meetings: perMeeting };
}

const CSV_COLUMNS = [
  'date',
  'kind',
  'title',
  'netMinutes',
  'pauseMinutes',
  'itemsDiscussed',
  'itemsSettledBeforehand',
  'minutesPerItem',
  'itemsWithinBudget',
  'overrunMinutes',
  'memberHours',
  'speeches',
  'speakingMinutes',
  'leadWorkingDays',
  'conclusionLagDays',
  'electronicSharePercent',
  'paperPages',
  'pagesAvoided',
  'tasks',
  'tasksClosedOnTime',
  'tasksOverdue',
] as const;

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && Number.isNaN(Number(s)) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The per-meeting rows of the report as CSV (UTF-8 with a byte-order mark, for spreadsheets). */
export function reportCsv(report: Awaited<ReturnType<typeof meetingsReport>>): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const m of report.meetings) lines.push(CSV_COLUMNS.map((c) => cell(m[c])).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
