// A dossier's due date: from the procedure's time limit, the working calendar and the pause
// intervals, always recomputed from those facts, with the explanation a citizen or an auditor can read.
//
// Decisions (see also addWorkingDays in the calendar kernel):
// - The clock starts at receipt, or at the next office session when received outside office hours.
// - working_days: "the same clock time N working days later" (14:20 Fri + 1 → 14:20 Mon). Sessions
//   may sum to less than minutesPerWorkingDay, so a working day is a calendar step, not 480 minutes.
//   When counting starts at the opening of a day, that day counts in full: due at close on day N.
// - hours are working minutes; a half day is half the office time of a full working day (the sum of
//   its sessions, 450 min by default, not minutesPerWorkingDay), so two half days are one day.
// - same_day: before the cut-off → close of that working day; after → close of the next one.
// - calendar_days and months (Civil Code 2015 art. 147–148): the day of receipt is not counted; the
//   period ends on day N (months: the same day-of-month, or the month's last day); a last day that
//   is not a working day moves to the next working day; the due time is the close of office hours.
//   Holidays are skipped only with calendarDaysSkipHolidays. Pauses deduct days by their duration:
//   the paused time (pauses starting before the running end, summed) in days, rounded up, since the
//   period counts whole days; a 7-hour pause adds a day, as a 7-hour pause across midnight does.
// - Pauses: office time inside any pause is not counted (overlaps merged first). An open pause that
//   starts before the due date suspends it: dueAt null, paused, working minutes remaining.
import en from '../../../locales/en/calendar.json' with { type: 'json' };
import vi from '../../../locales/vi/calendar.json' with { type: 'json' };
import {
  addWorkingDays,
  addWorkingTime,
  dayNameKey,
  endOfNthWorkingDay,
  type HolidaySpan,
  type Instant,
  type IsoDate,
  isHoliday,
  isoDateOf,
  isStartOfWorkingDay,
  isWorkingDay,
  localDayOf,
  nextWorkingMoment,
  startOfLocalDay,
  summarizeDays,
  toLocalIso,
  toMs,
  type WorkingCalendar,
  workingTimeBetween,
} from '../../platform/calendar/index.ts';

export type LimitUnit =
  | 'working_days'
  | 'half_days'
  | 'hours'
  | 'calendar_days'
  | 'months'
  | 'same_day'
  | 'none';

export interface TimeLimit {
  value: number;
  unit: LimitUnit;
}

export type Channel = 'counter' | 'online' | 'post';

/** A procedure's published limits; a channel without its own limit uses the default. */
export interface ChannelLimits {
  default: TimeLimit;
  counter?: TimeLimit;
  online?: TimeLimit;
  post?: TimeLimit;
}

export function limitForChannel(limits: ChannelLimits, channel: Channel): TimeLimit {
  return limits[channel] ?? limits.default;
}

export type PauseReason = 'supplement' | 'financial_obligation' | 'stop' | 'other';

export interface Pause {
  from: Instant;
  /** null while the pause is still open */
  to: Instant | null;
  reason: PauseReason;
}

export interface DeadlineSettings {
  /** calendar-day limits skip public holidays (weekends still count); default false */
  calendarDaysSkipHolidays: boolean;
  /** 'HH:MM': same-day dossiers received at or after this are due the next working day */
  sameDayCutoff: string;
}

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  calendarDaysSkipHolidays: false,
  sameDayCutoff: '15:00',
};

export interface DueDateInput {
  receivedAt: Instant;
  limit: TimeLimit;
  pauses?: readonly Pause[];
  settings?: Partial<DeadlineSettings>;
}

/** Local timestamps are 'YYYY-MM-DDTHH:mm:ss+07:00'; durations are working minutes. */
export type ExplanationStep =
  | { key: 'received'; params: { at: string } }
  | { key: 'outside_hours'; params: { at: string } }
  | {
      key: 'limit';
      params: {
        value: number;
        unit: LimitUnit;
        rule?: 'same_time' | 'end_of_day' | 'skip_holidays' | 'count_holidays';
        minutes?: number;
      };
    }
  | { key: 'cutoff'; params: { cutoff: string; after: boolean } }
  | { key: 'holidays_skipped'; params: { holidays: HolidaySpan[] } }
  | { key: 'weekends_skipped'; params: { count: number } }
  | { key: 'makeup_days'; params: { dates: IsoDate[] } }
  | { key: 'half_days'; params: { dates: IsoDate[] } }
  | {
      key: 'pause_deducted';
      params: { reasons: PauseReason[]; from: string; to: string; minutes: number; days?: number };
    }
  | { key: 'paused'; params: { reasons: PauseReason[]; at: string; remainingMinutes: number } }
  | { key: 'rolled_forward'; params: { date: IsoDate; nameKey: string | null } }
  | { key: 'due'; params: { at: string } }
  | { key: 'no_due'; params: { reason: 'no_limit' | 'paused' } }
  /** appended when the processing unit apologised and set a new date (form 04) */
  | { key: 'extended'; params: { at: string; reason: string } };

export interface DueDate {
  dueAt: Date | null;
  /** an open pause suspends the deadline */
  paused: boolean;
  /** working minutes left when paused, else null */
  remainingWorkingMinutes: number | null;
  /** office time inside pauses between receipt and the due date (or the pause start) */
  deductedWorkingMinutes: number;
  explanation: ExplanationStep[];
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface MergedPause {
  from: number;
  /** Infinity while open */
  to: number;
  reasons: PauseReason[];
}

const byFrom = (a: MergedPause, b: MergedPause) => a.from - b.from;

/** Pauses clipped to start at `lo`, sorted and merged, so overlaps are deducted once. */
function mergePauses(pauses: readonly Pause[], lo: number): MergedPause[] {
  if (pauses.length === 0) return [];
  const list: MergedPause[] = [];
  for (const p of pauses) {
    const from = toMs(p.from);
    const to = p.to === null ? Number.POSITIVE_INFINITY : toMs(p.to);
    if (to < from) throw new RangeError('a pause cannot end before it starts');
    if (to > lo && to > from) list.push({ from: Math.max(from, lo), to, reasons: [p.reason] });
  }
  list.sort(byFrom);
  const merged: MergedPause[] = [];
  for (const p of list) {
    const last = merged[merged.length - 1];
    if (!last || p.from > last.to) {
      merged.push(p);
      continue;
    }
    last.to = Math.max(last.to, p.to);
    for (const r of p.reasons) if (!last.reasons.includes(r)) last.reasons.push(r);
  }
  return merged;
}

function checkLimit(limit: TimeLimit): void {
  const { unit, value } = limit;
  if (unit === 'none' || unit === 'same_day') return;
  const whole = unit === 'working_days' || unit === 'calendar_days' || unit === 'months';
  if (!(value > 0) || !Number.isFinite(value) || (whole && !Number.isInteger(value))) {
    throw new RangeError(`bad time limit ${value} ${unit}`);
  }
}

/** Office minutes of a full working day: the sum of its sessions. */
function fullDayMinutes(cal: WorkingCalendar): number {
  return cal.config.sessions.reduce((sum, s) => sum + clockMs(s.end) - clockMs(s.start), 0) / MINUTE_MS;
}

function clockMs(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`bad clock time "${hhmm}"`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

/**
 * Days from the start of counting to the due date that explain the gap: holidays, weekends, make-up
 * and half days. The first day is a working day (counting starts at a working moment) but may be half.
 */
function daySteps(cal: WorkingCalendar, from: number, to: number): ExplanationStep[] {
  const fromDay = localDayOf(cal, from);
  const toDay = localDayOf(cal, to);
  if (toDay < fromDay) return [];
  const s = summarizeDays(cal, fromDay, toDay);
  const steps: ExplanationStep[] = [];
  if (s.holidays.length > 0) steps.push({ key: 'holidays_skipped', params: { holidays: s.holidays } });
  if (s.weekendDays > 0) steps.push({ key: 'weekends_skipped', params: { count: s.weekendDays } });
  if (s.makeupDays.length > 0) steps.push({ key: 'makeup_days', params: { dates: s.makeupDays } });
  if (s.halfDays.length > 0) steps.push({ key: 'half_days', params: { dates: s.halfDays } });
  return steps;
}

/** The due date for a dossier; see the decisions at the top of this file. */
export function computeDueDate(cal: WorkingCalendar, input: DueDateInput): DueDate {
  const { limit } = input;
  checkLimit(limit);
  const received = toMs(input.receivedAt);
  const steps: ExplanationStep[] = [{ key: 'received', params: { at: toLocalIso(cal, received) } }];
  if (limit.unit === 'none') {
    steps.push({ key: 'limit', params: { value: limit.value, unit: 'none' } });
    steps.push({ key: 'no_due', params: { reason: 'no_limit' } });
    return {
      dueAt: null,
      paused: false,
      remainingWorkingMinutes: null,
      deductedWorkingMinutes: 0,
      explanation: steps,
    };
  }
  const settings = input.settings
    ? { ...DEFAULT_DEADLINE_SETTINGS, ...input.settings }
    : DEFAULT_DEADLINE_SETTINGS;
  const start = nextWorkingMoment(cal, received).getTime();
  if (start !== received) steps.push({ key: 'outside_hours', params: { at: toLocalIso(cal, start) } });
  const pauses = mergePauses(input.pauses ?? [], start);
  return limit.unit === 'calendar_days' || limit.unit === 'months'
    ? calendarDue(cal, limit, start, pauses, settings, steps)
    : workingDue(cal, limit, start, pauses, settings, steps);
}

/** Limits measured in office time: the budget is the office time to the unpaused due date. */
function workingDue(
  cal: WorkingCalendar,
  limit: TimeLimit,
  start: number,
  pauses: MergedPause[],
  settings: DeadlineSettings,
  steps: ExplanationStep[],
): DueDate {
  const { value, unit } = limit;
  let raw: number;
  if (unit === 'working_days') {
    const rule = isStartOfWorkingDay(cal, start) ? 'end_of_day' : 'same_time';
    steps.push({ key: 'limit', params: { value, unit, rule } });
    raw = addWorkingDays(cal, start, value).getTime();
  } else if (unit === 'same_day') {
    const cutoff = settings.sameDayCutoff;
    const after = start - startOfLocalDay(cal, localDayOf(cal, start)).getTime() >= clockMs(cutoff);
    steps.push({ key: 'limit', params: { value, unit } }, { key: 'cutoff', params: { cutoff, after } });
    raw = endOfNthWorkingDay(cal, start, after ? 2 : 1).getTime();
  } else {
    const minutes = unit === 'hours' ? value * 60 : (value * fullDayMinutes(cal)) / 2;
    steps.push({ key: 'limit', params: { value, unit, ...(unit === 'half_days' ? { minutes } : {}) } });
    raw = addWorkingTime(cal, start, Math.round(minutes * MINUTE_MS)).getTime();
  }

  // Walk the pauses in order: each one that starts before the running due date pushes it later.
  const budget = workingTimeBetween(cal, start, raw);
  const pauseSteps: ExplanationStep[] = [];
  let cursor = start;
  let remaining = budget;
  let deducted = 0;
  for (const p of pauses) {
    const from = Math.max(p.from, cursor);
    if (addWorkingTime(cal, cursor, remaining).getTime() <= from) break;
    remaining -= workingTimeBetween(cal, cursor, from);
    if (p.to === Number.POSITIVE_INFINITY) {
      const at = toLocalIso(cal, from);
      steps.push(...daySteps(cal, start, from), ...pauseSteps);
      steps.push({
        key: 'paused',
        params: { reasons: p.reasons, at, remainingMinutes: remaining / MINUTE_MS },
      });
      steps.push({ key: 'no_due', params: { reason: 'paused' } });
      return {
        dueAt: null,
        paused: true,
        remainingWorkingMinutes: remaining / MINUTE_MS,
        deductedWorkingMinutes: deducted / MINUTE_MS,
        explanation: steps,
      };
    }
    const pausedMs = workingTimeBetween(cal, from, p.to);
    deducted += pausedMs;
    pauseSteps.push({
      key: 'pause_deducted',
      params: {
        reasons: p.reasons,
        from: toLocalIso(cal, from),
        to: toLocalIso(cal, p.to),
        minutes: pausedMs / MINUTE_MS,
      },
    });
    cursor = p.to;
  }
  // With nothing deducted keep the unpaused date: same office time, but its own clock time (13:30, not 11:30).
  const due = deducted === 0 ? raw : addWorkingTime(cal, cursor, remaining).getTime();
  steps.push(...daySteps(cal, start, due), ...pauseSteps, {
    key: 'due',
    params: { at: toLocalIso(cal, due) },
  });
  return {
    dueAt: new Date(due),
    paused: false,
    remainingWorkingMinutes: null,
    deductedWorkingMinutes: deducted / MINUTE_MS,
    explanation: steps,
  };
}

/** Extend the last span when `date` continues it (same holiday, previous day), else start one. */
function addToSpans(spans: HolidaySpan[], nameKey: string, date: IsoDate, previousDate: IsoDate): void {
  const last = spans[spans.length - 1];
  if (last && last.nameKey === nameKey && last.to === previousDate) last.to = date;
  else spans.push({ nameKey, from: date, to: date });
}

function addMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastOfMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), lastOfMonth)) / DAY_MS;
}

/** Limits measured in days on the calendar (Civil Code 2015 art. 147–148). */
function calendarDue(
  cal: WorkingCalendar,
  limit: TimeLimit,
  start: number,
  pauses: MergedPause[],
  settings: DeadlineSettings,
  steps: ExplanationStep[],
): DueDate {
  const { value, unit } = limit;
  const day0 = localDayOf(cal, start);
  const skip = unit === 'calendar_days' && settings.calendarDaysSkipHolidays;
  const count = unit === 'months' ? addMonths(day0, value) - day0 : value;
  steps.push({
    key: 'limit',
    params: {
      value,
      unit,
      ...(unit === 'calendar_days' ? { rule: skip ? 'skip_holidays' : 'count_holidays' } : {}),
    },
  });

  const closed = pauses.filter((p) => p.to !== Number.POSITIVE_INFINITY);
  const open = pauses.find((p) => p.to === Number.POSITIVE_INFINITY);
  const pausedDays = closed.map(() => 0);
  const offsetMs = cal.config.utcOffsetMinutes * MINUTE_MS;
  const skipped: HolidaySpan[] = [];
  let day = day0;
  let counted = 0;
  const countTo = (target: number) => {
    while (counted < target) {
      day++;
      if (skip && isHoliday(cal, day)) {
        addToSpans(skipped, dayNameKey(cal, day) ?? 'holiday.other', isoDateOf(day), isoDateOf(day - 1));
        continue;
      }
      counted++;
    }
  };
  countTo(count);
  // Each pause that starts before the running last day ends adds its duration; the days added are
  // the total paused time rounded up to whole days.
  let pausedMs = 0;
  let added = 0;
  closed.forEach((p, k) => {
    if (p.from >= (day + 1) * DAY_MS - offsetMs) return;
    pausedMs += p.to - p.from;
    const days = Math.ceil(pausedMs / DAY_MS);
    pausedDays[k] = days - added;
    added = days;
    countTo(count + added);
  });
  const lastDayEnd = (day + 1) * DAY_MS - offsetMs;
  const due = endOfNthWorkingDay(cal, startOfLocalDay(cal, day), 1).getTime();

  const pauseSteps: ExplanationStep[] = [];
  closed.forEach((p, k) => {
    if (p.from >= lastDayEnd) return;
    const params = { reasons: p.reasons, from: toLocalIso(cal, p.from), to: toLocalIso(cal, p.to) };
    pauseSteps.push({
      key: 'pause_deducted',
      params: { ...params, minutes: workingTimeBetween(cal, p.from, p.to) / MINUTE_MS, days: pausedDays[k]! },
    });
  });
  const deducted =
    (workingTimeBetween(cal, start, due) - workingTimeBetween(cal, start, due, closed)) / MINUTE_MS;
  if (skipped.length > 0) steps.push({ key: 'holidays_skipped', params: { holidays: skipped } });
  steps.push(...pauseSteps);

  if (open && open.from < lastDayEnd) {
    const remaining = Math.max(0, workingTimeBetween(cal, open.from, due)) / MINUTE_MS;
    steps.push({
      key: 'paused',
      params: { reasons: open.reasons, at: toLocalIso(cal, open.from), remainingMinutes: remaining },
    });
    steps.push({ key: 'no_due', params: { reason: 'paused' } });
    return {
      dueAt: null,
      paused: true,
      remainingWorkingMinutes: remaining,
      deductedWorkingMinutes: deducted,
      explanation: steps,
    };
  }
  if (!isWorkingDay(cal, day)) {
    steps.push({
      key: 'rolled_forward',
      params: { date: isoDateOf(day), nameKey: dayNameKey(cal, day) },
    });
  }
  steps.push({ key: 'due', params: { at: toLocalIso(cal, due) } });
  return {
    dueAt: new Date(due),
    paused: false,
    remainingWorkingMinutes: null,
    deductedWorkingMinutes: deducted,
    explanation: steps,
  };
}

// ---- Timeliness --------------------------------------------------------------------------------

export type Timeliness = 'early' | 'on_time' | 'late';

/**
 * early: finished on a day before the due date's day; on_time: on that day, at or before dueAt;
 * late: after dueAt. Days are local (UTC+7 by default).
 */
export function classifyTimeliness(
  finishedAt: Instant,
  dueAt: Instant,
  utcOffsetMinutes = 7 * 60,
): Timeliness {
  const finished = toMs(finishedAt);
  const due = toMs(dueAt);
  if (finished > due) return 'late';
  const offset = utcOffsetMinutes * MINUTE_MS;
  return Math.floor((finished + offset) / DAY_MS) < Math.floor((due + offset) / DAY_MS) ? 'early' : 'on_time';
}

// ---- Explanation text --------------------------------------------------------------------------

export type Lang = 'vi' | 'en';

const DICTIONARIES: Record<Lang, Record<string, string>> = { vi, en };
const pluralRules = { vi: new Intl.PluralRules('vi'), en: new Intl.PluralRules('en') };

/** i18next-style lookup: `key_one`/`key_other` when a count is given, then `key`; {{name}} interpolation. */
function tr(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  const dict = DICTIONARIES[lang];
  const count = params.count;
  const plural = typeof count === 'number' ? dict[`${key}_${pluralRules[lang].select(count)}`] : undefined;
  const template = plural ?? dict[key] ?? key;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  time: string;
}

/** Parts of 'YYYY-MM-DD' or 'YYYY-MM-DDTHH:mm…' as written: the zone was applied when it was made. */
function parts(local: string): LocalParts {
  return {
    y: Number(local.slice(0, 4)),
    m: Number(local.slice(5, 7)),
    d: Number(local.slice(8, 10)),
    time: local.slice(11, 16),
  };
}

function dayParams(lang: Lang, p: LocalParts): Record<string, string> {
  return {
    d: String(p.d),
    dd: String(p.d).padStart(2, '0'),
    mm: String(p.m).padStart(2, '0'),
    monthName: tr(lang, `month.${p.m}`),
    weekday: tr(lang, `weekday.${new Date(Date.UTC(p.y, p.m - 1, p.d)).getUTCDay()}`),
  };
}

const fmtDay = (lang: Lang, local: string) => tr(lang, 'format.day', dayParams(lang, parts(local)));

function fmtDateTime(lang: Lang, local: string): string {
  const p = parts(local);
  return tr(lang, 'format.datetime', { time: p.time, date: tr(lang, 'format.date', dayParams(lang, p)) });
}

/** A day range; holiday spans share the month ("14–22 Feb"), pauses name both ends ("3 Mar–6 Mar"). */
function fmtRange(lang: Lang, from: string, to: string, compact = true): string {
  const a = parts(from);
  const b = parts(to);
  if (a.y === b.y && a.m === b.m && a.d === b.d) return fmtDay(lang, from);
  if (compact && a.y === b.y && a.m === b.m) {
    const pa = dayParams(lang, a);
    const pb = dayParams(lang, b);
    return tr(lang, 'format.range_same_month', {
      ...pa,
      fromD: pa.d!,
      fromDd: pa.dd!,
      toD: pb.d!,
      toDd: pb.dd!,
    });
  }
  return tr(lang, 'format.range', { from: fmtDay(lang, from), to: fmtDay(lang, to) });
}

function fmtDuration(lang: Lang, minutes: number): string {
  const total = Math.round(minutes);
  const hours = Math.floor(total / 60);
  const rest = total % 60;
  if (hours === 0) return tr(lang, 'format.duration.m', { minutes: rest });
  return tr(lang, rest === 0 ? 'format.duration.h' : 'format.duration.hm', { hours, minutes: rest });
}

function fmtList(lang: Lang, items: string[]): string {
  return items.join(tr(lang, 'format.list_separator'));
}

function fmtReasons(lang: Lang, reasons: PauseReason[]): string {
  return fmtList(
    lang,
    reasons.map((r) => tr(lang, `pause.${r}`)),
  );
}

function fmtStep(lang: Lang, step: ExplanationStep): string {
  switch (step.key) {
    case 'received':
    case 'outside_hours':
    case 'due':
      return tr(lang, `explain.${step.key}`, { at: fmtDateTime(lang, step.params.at) });
    case 'limit': {
      const { value, unit, rule, minutes } = step.params;
      const duration = minutes === undefined ? '' : fmtDuration(lang, minutes);
      const text = tr(lang, `explain.limit.${unit}`, { count: value, duration });
      return rule ? tr(lang, `explain.rule.${rule}`, { limit: text }) : text;
    }
    case 'cutoff':
      return tr(lang, step.params.after ? 'explain.cutoff.after' : 'explain.cutoff.before', {
        cutoff: step.params.cutoff,
      });
    case 'holidays_skipped': {
      const items = step.params.holidays.map((h) => {
        const name = tr(lang, h.nameKey);
        // A name that already says its date ("Ngày Chiến thắng 30/4") is not followed by it again.
        const p = parts(h.from);
        const dated = h.from === h.to && new RegExp(`(^|\\D)0?${p.d}/0?${p.m}(\\D|$)`).test(name);
        return dated ? name : tr(lang, 'explain.holiday_item', { name, range: fmtRange(lang, h.from, h.to) });
      });
      return tr(lang, 'explain.holidays_skipped', { list: fmtList(lang, items) });
    }
    case 'weekends_skipped':
      return tr(lang, 'explain.weekends_skipped', { count: step.params.count });
    case 'makeup_days':
    case 'half_days':
      return tr(lang, `explain.${step.key}`, {
        list: fmtList(
          lang,
          step.params.dates.map((d) => fmtDay(lang, d)),
        ),
      });
    case 'pause_deducted': {
      const { reasons, from, to, minutes, days } = step.params;
      const common = { reason: fmtReasons(lang, reasons), range: fmtRange(lang, from, to, false) };
      return days === undefined
        ? tr(lang, 'explain.pause_deducted', { ...common, duration: fmtDuration(lang, minutes) })
        : tr(lang, 'explain.pause_deducted_days', { ...common, count: days });
    }
    case 'paused': {
      const { reasons, at, remainingMinutes } = step.params;
      return tr(lang, 'explain.paused', {
        reason: fmtReasons(lang, reasons),
        at: fmtDateTime(lang, at),
        duration: fmtDuration(lang, remainingMinutes),
      });
    }
    case 'rolled_forward': {
      const { date, nameKey } = step.params;
      const p = parts(date);
      const what = nameKey ? tr(lang, nameKey) : tr(lang, 'explain.weekend_day');
      return tr(lang, 'explain.rolled_forward', { date: tr(lang, 'format.date', dayParams(lang, p)), what });
    }
    case 'no_due':
      return tr(lang, `explain.no_due.${step.params.reason}`);
    case 'extended':
      return tr(lang, 'explain.extended', {
        at: fmtDateTime(lang, step.params.at),
        reason: step.params.reason,
      });
  }
}

/** One readable sentence: "Received 14:20 Fri 13 Feb; 15 working days, …; … → due 16:10 Wed 18 Mar". */
export function formatExplanation(all: readonly ExplanationStep[], lang: Lang): string {
  // Extensions (apologies) come after the computed result and are told after it.
  const steps = all.filter((s) => s.key !== 'extended');
  const extensions = all.filter((s) => s.key === 'extended').map((s) => fmtStep(lang, s));
  const last = steps[steps.length - 1];
  const final = last && (last.key === 'due' || last.key === 'no_due') ? last : undefined;
  const body = (final ? steps.slice(0, -1) : steps)
    .map((s) => fmtStep(lang, s))
    .join(tr(lang, 'format.step_separator'));
  const computed = final ? body + tr(lang, 'format.result_separator') + fmtStep(lang, final) : body;
  const text = [computed, ...extensions].join(tr(lang, 'format.step_separator'));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
