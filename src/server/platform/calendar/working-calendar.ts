// The working calendar: which instants are office time, and arithmetic in working time.
//
// Instants are UTC (Date or epoch ms). The calendar reasons in one fixed offset (Vietnam: UTC+7, no
// DST), applied by hand so the process TZ never matters. For speed every year is turned, once and
// lazily, into a day table: a bitmask of the sessions worked each day and prefix sums of working
// time and of working days. A working "position" (ms of office time since the table start) then
// maps to and from instants with one binary search, so adding 30 working days costs the same as 1.
import {
  type HolidayRule,
  type IsoDate,
  type NoticeEntry,
  type ResolvedDay,
  resolveHolidays,
  VN_HOLIDAY_RULES,
  VN_NOTICE_ENTRIES,
} from './holidays.ts';

export type Instant = Date | number;

export interface OfficeSession {
  /** 'HH:MM' local time */
  start: string;
  end: string;
}

export interface CalendarConfig {
  /** office sessions of a full working day, in order */
  sessions: readonly OfficeSession[];
  /** nominal length of a working day (8 h); due dates do not use it: a half day is half the sessions' sum */
  minutesPerWorkingDay: number;
  /** weekly rest days, 0 = Sunday … 6 = Saturday */
  weekendDays: readonly number[];
  utcOffsetMinutes: number;
  rules: readonly HolidayRule[];
  notices: readonly NoticeEntry[];
}

export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = {
  sessions: [
    { start: '07:30', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ],
  minutesPerWorkingDay: 480,
  weekendDays: [0, 6],
  utcOffsetMinutes: 7 * 60,
  rules: VN_HOLIDAY_RULES,
  notices: VN_NOTICE_ENTRIES,
};

/** A stretch of time excluded from working time; `to: null` means still open. */
export interface Interval {
  from: Instant;
  to: Instant | null;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup' | 'half_day';

export interface DayInfo {
  date: IsoDate;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  kind: DayKind;
  sessions: OfficeSession[];
  workingMinutes: number;
  /** locale key of the holiday or notice that shapes this day */
  nameKey: string | null;
  source: string | null;
}

export interface HolidaySpan {
  nameKey: string;
  from: IsoDate;
  to: IsoDate;
}

/** What lies between two days: used to explain a due date. */
export interface DaySummary {
  holidays: HolidaySpan[];
  /** rest days with no holiday name (ordinary weekends) */
  weekendDays: number;
  makeupDays: IsoDate[];
  halfDays: IsoDate[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const FIRST_YEAR = 1900;
const LAST_YEAR = 2100;

export const toMs = (t: Instant): number => (typeof t === 'number' ? t : t.getTime());

function parseClock(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const h = Number(m?.[1]);
  const min = Number(m?.[2]);
  if (!m || h > 24 || min > 59 || h * 60 + min > 1440) throw new RangeError(`bad clock time "${hhmm}"`);
  return (h * 60 + min) * MINUTE_MS;
}

/** 0 = Sunday … 6 = Saturday for an epoch day (1970-01-01 was a Thursday). */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));

/** 'YYYY-MM-DD' of an epoch day, without Date (this runs several times per due date). */
function isoOfDay(day: number): IsoDate {
  // Howard Hinnant's civil_from_days
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${y}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

function dayOfIso(date: IsoDate): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(t)) throw new RangeError(`bad date "${date}"`);
  return t / DAY_MS;
}

/** Smallest k in [lo, hi] with arr[k] >= value (strict: > value), or hi + 1. Gallops from lo. */
function search(arr: ArrayLike<number>, value: number, strict: boolean, lo: number, hi: number): number {
  // "below" means arr[k] < value (strict: <=); written out inline, this is the hot loop.
  let step = 1;
  let left = lo;
  while (left + step <= hi && (strict ? arr[left + step]! <= value : arr[left + step]! < value)) {
    left += step;
    step *= 2;
  }
  if (!(strict ? arr[left]! <= value : arr[left]! < value)) return left;
  let right = Math.min(left + step, hi + 1);
  // invariant: arr[left] is below, and right is hi + 1 or not below
  while (right - left > 1) {
    const mid = (left + right) >>> 1;
    if (strict ? arr[mid]! <= value : arr[mid]! < value) left = mid;
    else right = mid;
  }
  return right;
}

/** The lazily built day table behind a WorkingCalendar. Internal: use the module functions. */
export class DayTable {
  readonly offsetMs: number;
  /** '+07:00' */
  readonly zone: string;
  readonly starts: number[];
  readonly ends: number[];
  readonly fullMask: number;
  private readonly amMask: number;
  private readonly pmMask: number;
  private readonly weekend: Set<number>;
  private readonly years = new Map<number, { masks: Uint8Array; notes: (ResolvedDay | undefined)[] }>();
  firstYear = 0;
  lastYear = -1;
  /** epoch day (in local time) of index 0 */
  baseDay = 0;
  masks = new Uint8Array(0);
  notes: (ResolvedDay | undefined)[] = [];
  /** cumMs[i]: working ms before day i; cumWork[i]: working days before day i */
  cumMs = new Float64Array(1);
  cumWork = new Int32Array(1);

  constructor(private readonly config: CalendarConfig) {
    const { sessions, weekendDays, utcOffsetMinutes, minutesPerWorkingDay } = config;
    if (sessions.length < 1 || sessions.length > 7) throw new RangeError('1 to 7 office sessions');
    this.starts = sessions.map((s) => parseClock(s.start));
    this.ends = sessions.map((s) => parseClock(s.end));
    this.starts.forEach((start, i) => {
      const prevEnd = i > 0 ? this.ends[i - 1]! : 0;
      if (start < prevEnd || this.ends[i]! <= start) throw new RangeError('office sessions must be ordered');
    });
    if (!(minutesPerWorkingDay > 0)) throw new RangeError('minutesPerWorkingDay must be positive');
    if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) {
      throw new RangeError('bad utcOffsetMinutes');
    }
    this.offsetMs = utcOffsetMinutes * MINUTE_MS;
    const abs = Math.abs(utcOffsetMinutes);
    this.zone = `${utcOffsetMinutes < 0 ? '-' : '+'}${TWO_DIGITS[Math.floor(abs / 60)]}:${TWO_DIGITS[abs % 60]}`;
    this.fullMask = (1 << sessions.length) - 1;
    // A half day keeps the sessions that start before noon (am) or at/after noon (pm).
    this.amMask = this.starts.reduce((m, s, i) => (s < 12 * 60 * MINUTE_MS ? m | (1 << i) : m), 0);
    this.pmMask = this.fullMask & ~this.amMask;
    this.weekend = new Set(weekendDays);
  }

  maskMs(mask: number): number {
    let ms = 0;
    for (let s = 0; s < this.starts.length; s++) if (mask & (1 << s)) ms += this.ends[s]! - this.starts[s]!;
    return ms;
  }

  localDay(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY_MS);
  }

  /** Index of an epoch day in the table, building years as needed. */
  index(day: number): number {
    if (day < this.baseDay || day >= this.baseDay + this.masks.length) {
      const year = new Date(day * DAY_MS).getUTCFullYear();
      this.cover(
        Math.min(year, this.lastYear < this.firstYear ? year : this.firstYear),
        Math.max(year, this.lastYear),
      );
    }
    return day - this.baseDay;
  }

  /** Grow the table by one year at the end (positions stay valid: the base does not move). */
  growForward(): void {
    this.cover(this.firstYear, this.lastYear + 1);
  }

  private cover(first: number, last: number): void {
    if (first < FIRST_YEAR || last > LAST_YEAR) {
      throw new RangeError(`working calendar covers ${FIRST_YEAR}–${LAST_YEAR}`);
    }
    this.firstYear = first;
    this.lastYear = last;
    this.baseDay = Date.UTC(first, 0, 1) / DAY_MS;
    const n = Date.UTC(last + 1, 0, 1) / DAY_MS - this.baseDay;
    this.masks = new Uint8Array(n);
    this.notes = new Array(n);
    for (let y = first, offset = 0; y <= last; y++) {
      const year = this.year(y);
      this.masks.set(year.masks, offset);
      year.notes.forEach((note, i) => {
        this.notes[offset + i] = note;
      });
      offset += year.masks.length;
    }
    this.cumMs = new Float64Array(n + 1);
    this.cumWork = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      const mask = this.masks[i]!;
      this.cumMs[i + 1] = this.cumMs[i]! + this.maskMs(mask);
      this.cumWork[i + 1] = this.cumWork[i]! + (mask ? 1 : 0);
    }
  }

  private year(y: number) {
    const cached = this.years.get(y);
    if (cached) return cached;
    const first = Date.UTC(y, 0, 1) / DAY_MS;
    const n = Date.UTC(y + 1, 0, 1) / DAY_MS - first;
    const masks = new Uint8Array(n);
    const notes: (ResolvedDay | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) masks[i] = this.weekend.has(weekdayOf(first + i)) ? 0 : this.fullMask;
    const { rules, notices, weekendDays } = this.config;
    const statusMask = { off: 0, working: this.fullMask, half_am: this.amMask, half_pm: this.pmMask };
    for (const day of resolveHolidays(y, { rules, notices, weekendDays })) {
      const i = dayOfIso(day.date) - first;
      masks[i] = statusMask[day.status];
      notes[i] = day;
    }
    const built = { masks, notes };
    this.years.set(y, built);
    return built;
  }

  /** Working ms from the table start to instant `ms`. */
  position(ms: number): number {
    const local = ms + this.offsetMs;
    const day = Math.floor(local / DAY_MS);
    const i = this.index(day);
    const tod = local - day * DAY_MS;
    const mask = this.masks[i]!;
    let w = this.cumMs[i]!;
    for (let s = 0; mask && s < this.starts.length; s++) {
      if (!(mask & (1 << s))) continue;
      if (tod >= this.ends[s]!) w += this.ends[s]! - this.starts[s]!;
      else {
        if (tod > this.starts[s]!) w += tod - this.starts[s]!;
        break;
      }
    }
    return w;
  }

  /** Day index holding working position `p`: the first day whose cumulative end reaches it. */
  private dayAt(p: number, strict: boolean): number {
    for (;;) {
      const n = this.masks.length;
      const k = search(this.cumMs, p, strict, 0, n);
      if (k <= n) return k - 1;
      this.growForward();
    }
  }

  /** Earliest instant at which `p` working ms have elapsed (a session end when p falls on one). */
  instantEndingAt(p: number): number {
    const i = this.dayAt(p, false);
    let r = p - this.cumMs[i]!;
    const mask = this.masks[i]!;
    const dayStart = (this.baseDay + i) * DAY_MS - this.offsetMs;
    let last = 0;
    for (let s = 0; s < this.starts.length; s++) {
      if (!(mask & (1 << s))) continue;
      const len = this.ends[s]! - this.starts[s]!;
      if (r <= len) return dayStart + this.starts[s]! + r;
      r -= len;
      last = this.ends[s]!;
    }
    return dayStart + last;
  }

  /** The working moment at position `p` (a session start when p falls on a boundary). */
  instantStartingAt(p: number): number {
    const i = this.dayAt(p, true);
    let r = p - this.cumMs[i]!;
    const mask = this.masks[i]!;
    const dayStart = (this.baseDay + i) * DAY_MS - this.offsetMs;
    for (let s = 0; s < this.starts.length; s++) {
      if (!(mask & (1 << s))) continue;
      const len = this.ends[s]! - this.starts[s]!;
      if (r < len) return dayStart + this.starts[s]! + r;
      r -= len;
    }
    return dayStart + this.starts[0]!;
  }

  /** Index of the day on which `count` working days have been completed since day index 0. */
  workingDayNumber(count: number, lo: number): number {
    for (;;) {
      const n = this.masks.length;
      const k = search(this.cumWork, count, false, lo, n);
      if (k <= n) return k - 1;
      this.growForward();
    }
  }

  /** End of the last session of day index i (which must be a working day). */
  dayEnd(i: number): number {
    return this.instantEndingAt(this.cumMs[i + 1]!);
  }

  dayStartUtc(i: number): number {
    return (this.baseDay + i) * DAY_MS - this.offsetMs;
  }
}

export class WorkingCalendar {
  readonly config: CalendarConfig;
  /** internal day table; prefer the module functions */
  readonly table: DayTable;

  constructor(config: Partial<CalendarConfig> = {}) {
    this.config = { ...DEFAULT_CALENDAR_CONFIG, ...config };
    this.table = new DayTable(this.config);
  }
}

export function createWorkingCalendar(config: Partial<CalendarConfig> = {}): WorkingCalendar {
  return new WorkingCalendar(config);
}

// ---- Instants ----------------------------------------------------------------------------------

/** True inside an office session ([start, end): the closing minute belongs to the next moment). */
export function isWorkingMoment(cal: WorkingCalendar, t: Instant): boolean {
  const tab = cal.table;
  const ms = toMs(t);
  const day = tab.localDay(ms);
  const i = tab.index(day); // first: it may rebuild the arrays
  const mask = tab.masks[i]!;
  const tod = ms + tab.offsetMs - day * DAY_MS;
  for (let s = 0; mask && s < tab.starts.length; s++) {
    if (mask & (1 << s) && tod >= tab.starts[s]! && tod < tab.ends[s]!) return true;
  }
  return false;
}

/** `t` itself when it is office time, otherwise the start of the next session. */
export function nextWorkingMoment(cal: WorkingCalendar, t: Instant): Date {
  const ms = toMs(t);
  if (isWorkingMoment(cal, ms)) return new Date(ms); // the common case, without a search
  const tab = cal.table;
  return new Date(tab.instantStartingAt(tab.position(ms)));
}

/** True when `t` is the first moment of a working day (nothing of that day has been worked yet). */
export function isStartOfWorkingDay(cal: WorkingCalendar, t: Instant): boolean {
  const tab = cal.table;
  const ms = toMs(t);
  const i = tab.index(tab.localDay(ms));
  return isWorkingMoment(cal, ms) && tab.position(ms) === tab.cumMs[i];
}

/**
 * The instant at which `ms` of office time have elapsed after `t`. A result on a session boundary
 * is the session end (17:00 rather than 07:30 next day): a deadline ends with the last minute worked.
 */
export function addWorkingTime(cal: WorkingCalendar, t: Instant, ms: number): Date {
  if (!(ms >= 0)) throw new RangeError('working time to add must be >= 0');
  const start = toMs(t);
  if (ms === 0) return new Date(start);
  const tab = cal.table;
  return new Date(tab.instantEndingAt(tab.position(start) + ms));
}

export function addWorkingMinutes(cal: WorkingCalendar, t: Instant, minutes: number): Date {
  return addWorkingTime(cal, t, minutes * MINUTE_MS);
}

const byStart = (x: [number, number], y: [number, number]) => x[0] - y[0];

/**
 * Sorted, merged pause intervals clipped to [lo, hi], as ms pairs; an open pause runs to hi.
 * Merging is what keeps overlapping pauses from being deducted twice.
 */
export function mergeIntervals(intervals: readonly Interval[], lo: number, hi: number): [number, number][] {
  const clipped: [number, number][] = [];
  for (const iv of intervals) {
    const a = Math.max(toMs(iv.from), lo);
    const b = Math.min(iv.to === null ? Number.POSITIVE_INFINITY : toMs(iv.to), hi);
    if (b > a) clipped.push([a, b]);
  }
  clipped.sort(byStart);
  const merged: [number, number][] = [];
  for (const iv of clipped) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push(iv);
  }
  return merged;
}

/** Office time in ms between two instants, minus office time inside the pauses. Negative if to < from. */
export function workingTimeBetween(
  cal: WorkingCalendar,
  from: Instant,
  to: Instant,
  pauses: readonly Interval[] = [],
): number {
  const a = toMs(from);
  const b = toMs(to);
  if (b < a) return -workingTimeBetween(cal, b, a, pauses);
  const tab = cal.table;
  tab.index(tab.localDay(a)); // build backwards first, so positions below share one base
  let total = tab.position(b) - tab.position(a);
  for (const [pa, pb] of mergeIntervals(pauses, a, b)) total -= tab.position(pb) - tab.position(pa);
  return total;
}

/** Working minutes between two instants (pauses deducted once even when they overlap). */
export function workingMinutesBetween(
  cal: WorkingCalendar,
  from: Instant,
  to: Instant,
  pauses: readonly Interval[] = [],
): number {
  return workingTimeBetween(cal, from, to, pauses) / MINUTE_MS;
}

/**
 * N working days after `t`, keeping the time of day: counted from nextWorkingMoment(t); 14:20 Fri
 * + 1 → 14:20 Mon. When counting starts at the very beginning of a working day (received before
 * opening, or on a day off), that whole day counts as the first day and the result is the end of
 * office hours of the N-th working day (06:00 Mon + 1 → 17:00 Mon). When the target day is a half
 * day without that clock time, the result is the end of its last session before that time, or the
 * start of its first session.
 */
export function addWorkingDays(cal: WorkingCalendar, t: Instant, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError('working days must be an integer >= 1');
  const tab = cal.table;
  const start = nextWorkingMoment(cal, t).getTime();
  const day = tab.localDay(start);
  const i = tab.index(day);
  if (tab.position(start) === tab.cumMs[i])
    return new Date(tab.dayEnd(tab.workingDayNumber(tab.cumWork[i]! + days, i)));
  const j = tab.workingDayNumber(tab.cumWork[i + 1]! + days, i + 1);
  const tod = start + tab.offsetMs - day * DAY_MS;
  const mask = tab.masks[j]!;
  const dayStart = tab.dayStartUtc(j);
  let before = -1;
  let after = -1;
  for (let s = 0; s < tab.starts.length; s++) {
    if (!(mask & (1 << s))) continue;
    if (tod >= tab.starts[s]! && tod <= tab.ends[s]!) return new Date(dayStart + tod);
    if (tab.ends[s]! < tod) before = tab.ends[s]!;
    else if (after < 0) after = tab.starts[s]!;
  }
  return new Date(dayStart + (before >= 0 ? before : after));
}

/**
 * End of office hours on the n-th working day, counting the day of `t` as the first when it is a
 * working day (n = 1: today's close, or the next working day's close when today is off).
 */
export function endOfNthWorkingDay(cal: WorkingCalendar, t: Instant, n: number): Date {
  const tab = cal.table;
  const i = tab.index(tab.localDay(toMs(t)));
  return new Date(tab.dayEnd(tab.workingDayNumber(tab.cumWork[i]! + n, i)));
}

// ---- Days --------------------------------------------------------------------------------------

/** Epoch day number (days since 1970-01-01) of the local date holding `t`. */
export function localDayOf(cal: WorkingCalendar, t: Instant): number {
  return cal.table.localDay(toMs(t));
}

export function isoDateOf(day: number): IsoDate {
  return isoOfDay(day);
}

/** The instant at local midnight starting epoch day `day`. */
export function startOfLocalDay(cal: WorkingCalendar, day: number): Date {
  return new Date(day * DAY_MS - cal.table.offsetMs);
}

/** 'YYYY-MM-DDTHH:mm:ss+07:00': an unambiguous local timestamp for explanations. */
export function toLocalIso(cal: WorkingCalendar, t: Instant): string {
  const tab = cal.table;
  const local = toMs(t) + tab.offsetMs;
  const day = Math.floor(local / DAY_MS);
  const sec = Math.floor((local - day * DAY_MS) / 1000);
  const clock = `${TWO_DIGITS[Math.floor(sec / 3600)]}:${TWO_DIGITS[Math.floor(sec / 60) % 60]}:${TWO_DIGITS[sec % 60]}`;
  return `${isoOfDay(day)}T${clock}${tab.zone}`;
}

export function isWorkingDay(cal: WorkingCalendar, day: number): boolean {
  const tab = cal.table;
  const i = tab.index(day);
  return tab.masks[i] !== 0;
}

/**
 * A weekday lost to a holiday, a substitute day or a notice. A weekend inside a holiday span is
 * still a weekend: counting it as a holiday too would double-count it with its substitute day.
 */
export function isHoliday(cal: WorkingCalendar, day: number): boolean {
  const tab = cal.table;
  const i = tab.index(day);
  return tab.masks[i] === 0 && tab.notes[i] !== undefined && !cal.config.weekendDays.includes(weekdayOf(day));
}

/** Locale key of the holiday or notice that shapes a day, or null for an ordinary day. */
export function dayNameKey(cal: WorkingCalendar, day: number): string | null {
  const tab = cal.table;
  const i = tab.index(day);
  return tab.notes[i]?.nameKey ?? null;
}

export function dayInfo(cal: WorkingCalendar, date: IsoDate | number): DayInfo {
  const tab = cal.table;
  const day = typeof date === 'number' ? date : dayOfIso(date);
  const i = tab.index(day);
  const mask = tab.masks[i]!;
  const note = tab.notes[i];
  const weekday = weekdayOf(day);
  const rest = cal.config.weekendDays.includes(weekday);
  const kind: DayKind =
    mask === 0
      ? note
        ? 'holiday'
        : 'weekend'
      : mask !== tab.fullMask
        ? 'half_day'
        : rest
          ? 'makeup'
          : 'workday';
  const sessions = cal.config.sessions.filter((_, s) => mask & (1 << s)).map((s) => ({ ...s }));
  return {
    date: isoOfDay(day),
    weekday,
    kind,
    sessions,
    workingMinutes: tab.maskMs(mask) / MINUTE_MS,
    nameKey: note?.nameKey ?? null,
    source: note?.source ?? null,
  };
}

/** Holidays (grouped into named spans), plain weekend days, make-up and half days in [from, to]. */
export function summarizeDays(cal: WorkingCalendar, fromDay: number, toDay: number): DaySummary {
  const tab = cal.table;
  tab.index(fromDay);
  const summary: DaySummary = { holidays: [], weekendDays: 0, makeupDays: [], halfDays: [] };
  let span: HolidaySpan | null = null;
  let spanEnd = Number.NaN;
  for (let day = fromDay; day <= toDay; day++) {
    const i = tab.index(day);
    const mask = tab.masks[i]!;
    const note = tab.notes[i];
    if (mask === 0 && note) {
      if (span && span.nameKey === note.nameKey && spanEnd === day - 1) span.to = isoOfDay(day);
      else {
        span = { nameKey: note.nameKey, from: isoOfDay(day), to: isoOfDay(day) };
        summary.holidays.push(span);
      }
      spanEnd = day;
      continue;
    }
    if (mask === 0) summary.weekendDays++;
    else if (mask !== tab.fullMask) summary.halfDays.push(isoOfDay(day));
    else if (note && cal.config.weekendDays.includes(weekdayOf(day))) summary.makeupDays.push(isoOfDay(day));
  }
  return summary;
}
