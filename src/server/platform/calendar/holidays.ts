// Public holidays as data: rules that generate the days of any year, then the official annual notices
// that correct them (exact Tết span, swapped and make-up days). Names are locale keys
// (src/locales/*/calendar.json), so the same data serves Vietnamese and English.
import { lunarToSolar, tetDate } from './lunar.ts';

/** 'YYYY-MM-DD' in the calendar's own time zone. */
export type IsoDate = string;

export type DateSpec =
  | { type: 'solar'; month: number; day: number }
  | { type: 'lunar'; month: number; day: number }
  /** Last day of the lunar year that ends just before this solar year's Tết (30/12, or 29/12 in a short month). */
  | { type: 'lunar_year_end' };

export interface HolidayRule {
  id: string;
  /** locale key, e.g. 'holiday.tet' */
  nameKey: string;
  date: DateSpec;
  /** consecutive days starting at `date` */
  days: number;
  /** when a day falls on a weekly rest day, the next working day is off instead (Labour Code 2019 art. 111 §3) */
  substitute: boolean;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate;
  /** legal source text; '(confirm)' marks what is not yet settled law */
  source: string;
}

/**
 * A correction from the official notice of a year.
 * - day_off: the whole day is off (a swapped day, or a day of the announced holiday span)
 * - working_day: the whole day is worked (make-up day, làm bù), even on a Saturday
 * - half_day_am: only the morning session(s) are worked; half_day_pm: only the afternoon
 * - not_holiday: cancels what the rules made of that day (e.g. a substitute day moved elsewhere)
 */
export interface NoticeEntry {
  date: IsoDate;
  kind: 'day_off' | 'working_day' | 'half_day_am' | 'half_day_pm' | 'not_holiday';
  nameKey: string;
  source: string;
}

export type DayStatus = 'off' | 'working' | 'half_am' | 'half_pm';

/** A day whose status differs from (or is named on top of) the plain weekday/weekend pattern. */
export interface ResolvedDay {
  date: IsoDate;
  status: DayStatus;
  nameKey: string;
  source: string;
  origin: 'rule' | 'substitute' | 'notice';
}

const LC2012 = 'Bộ luật Lao động 2012, Điều 115 khoản 1';
const LC2019 = 'Bộ luật Lao động 2019, Điều 112 khoản 1';

export const VN_HOLIDAY_RULES: readonly HolidayRule[] = [
  {
    id: 'new_year',
    nameKey: 'holiday.new_year',
    date: { type: 'solar', month: 1, day: 1 },
    days: 1,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm a (trước 2021: ${LC2012})`,
  },
  {
    id: 'tet',
    nameKey: 'holiday.tet',
    date: { type: 'lunar_year_end' },
    days: 5,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm b và khoản 3 (Thủ tướng quyết định cụ thể ngày nghỉ hằng năm)`,
  },
  {
    id: 'hung_kings',
    nameKey: 'holiday.hung_kings',
    date: { type: 'lunar', month: 3, day: 10 },
    days: 1,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm e`,
  },
  {
    id: 'reunification',
    nameKey: 'holiday.reunification',
    date: { type: 'solar', month: 4, day: 30 },
    days: 1,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm c`,
  },
  {
    id: 'labour_day',
    nameKey: 'holiday.labour_day',
    date: { type: 'solar', month: 5, day: 1 },
    days: 1,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm d`,
  },
  {
    id: 'national_day',
    nameKey: 'holiday.national_day',
    date: { type: 'solar', month: 9, day: 2 },
    days: 1,
    substitute: true,
    effectiveFrom: '2013-05-01',
    source: `${LC2019} điểm đ`,
  },
  {
    // The code says "2/9 and one adjacent day, before or after"; 1/9 is the default and the
    // annual notice moves it (a not_holiday on 1/9 plus a day_off on 3/9).
    id: 'national_day_adjacent',
    nameKey: 'holiday.national_day',
    date: { type: 'solar', month: 9, day: 1 },
    days: 1,
    substitute: true,
    effectiveFrom: '2021-01-01',
    source: `${LC2019} điểm đ và khoản 3 (ngày liền kề do Thủ tướng quyết định; mặc định 1/9)`,
  },
  {
    id: 'culture_day',
    nameKey: 'holiday.culture_day',
    date: { type: 'solar', month: 11, day: 24 },
    days: 1,
    substitute: true,
    effectiveFrom: '2026-01-01',
    source:
      'Nghị quyết 80-NQ/TW của Bộ Chính trị và Nghị quyết 30/NQ-CP (2026): chủ trương bổ sung vào Điều 112 Bộ luật Lao động (confirm)',
  },
];

// ---- Official notices ----------------------------------------------------------------------------

function daysFrom(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

function off(from: IsoDate, to: IsoDate, nameKey: string, source: string): NoticeEntry[] {
  return daysFrom(from, to).map((date) => ({ date, kind: 'day_off', nameKey, source }));
}

const TET_2025 =
  'Thông báo 6150/TB-LĐTBXH ngày 15/11/2024 của Bộ Lao động - Thương binh và Xã hội: công chức, viên chức nghỉ Tết Ất Tỵ từ thứ Bảy 25/01/2025 đến hết Chủ nhật 02/02/2025; ngày nghỉ bù cho mùng 4 (thứ Bảy 01/02) đặt vào thứ Hai 27/01 (confirm số và ngày văn bản)';
const APRIL_2025 =
  'Ý kiến Thủ tướng Chính phủ theo đề xuất của Bộ Lao động - Thương binh và Xã hội (nay là Bộ Nội vụ): nghỉ từ 30/4 đến hết 04/5/2025, hoán đổi ngày làm việc thứ Sáu 02/5 sang thứ Bảy 26/4/2025 (confirm số văn bản)';
const SEPT_2025 =
  'Thông báo lịch nghỉ Quốc khánh 2025: công chức, viên chức nghỉ từ thứ Bảy 30/8 đến hết thứ Ba 02/9/2025 (confirm số văn bản)';
const NEW_YEAR_2026 =
  'Văn bản 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ: nghỉ Tết Dương lịch từ thứ Năm 01/01 đến hết Chủ nhật 04/01/2026, hoán đổi ngày làm việc thứ Sáu 02/01 sang thứ Bảy 10/01/2026';
const TET_SEPT_2026 =
  'Văn bản của Văn phòng Chính phủ (10/2025) truyền đạt ý kiến Thủ tướng đồng ý đề xuất của Bộ Nội vụ: nghỉ Tết Bính Ngọ từ thứ Bảy 14/02 đến hết Chủ nhật 22/02/2026; nghỉ Quốc khánh từ thứ Bảy 29/8 đến hết thứ Tư 02/9/2026, hoán đổi thứ Hai 31/8 sang thứ Bảy 22/8/2026 (confirm số văn bản)';
const EXPECTED_2027 =
  'Chưa có thông báo chính thức cho năm 2027; dự kiến theo Điều 111 khoản 3 và Điều 112 Bộ luật Lao động 2019 (confirm)';
const SEPT_2027 =
  'Chưa có thông báo chính thức; dự kiến ngày liền kề là thứ Sáu 03/9/2027, như năm 2021 có cùng thứ trong tuần (confirm)';

/** Corrections from the official notices, newest last. Each entry carries its legal source. */
export const VN_NOTICE_ENTRIES: readonly NoticeEntry[] = [
  // 2025
  ...off('2025-01-25', '2025-02-02', 'holiday.tet', TET_2025),
  { date: '2025-02-03', kind: 'not_holiday', nameKey: 'holiday.tet', source: TET_2025 },
  { date: '2025-05-02', kind: 'day_off', nameKey: 'holiday.labour_day', source: APRIL_2025 },
  { date: '2025-04-26', kind: 'working_day', nameKey: 'holiday.labour_day', source: APRIL_2025 },
  ...off('2025-09-01', '2025-09-02', 'holiday.national_day', SEPT_2025),
  // 2026
  { date: '2026-01-02', kind: 'day_off', nameKey: 'holiday.new_year', source: NEW_YEAR_2026 },
  { date: '2026-01-10', kind: 'working_day', nameKey: 'holiday.new_year', source: NEW_YEAR_2026 },
  ...off('2026-02-14', '2026-02-22', 'holiday.tet', TET_SEPT_2026),
  ...off('2026-08-31', '2026-09-02', 'holiday.national_day', TET_SEPT_2026),
  { date: '2026-08-22', kind: 'working_day', nameKey: 'holiday.national_day', source: TET_SEPT_2026 },
  // 2027: Tết falls Sat 6 Feb, so the weekend days give substitutes on Wed 10 and Thu 11 Feb.
  ...off('2027-02-05', '2027-02-11', 'holiday.tet', EXPECTED_2027),
  { date: '2027-09-01', kind: 'not_holiday', nameKey: 'holiday.national_day', source: SEPT_2027 },
  { date: '2027-09-03', kind: 'day_off', nameKey: 'holiday.national_day', source: SEPT_2027 },
];

// ---- Resolution --------------------------------------------------------------------------------

function iso(year: number, month: number, day: number): IsoDate {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function addDays(date: IsoDate, n: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

function weekday(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function firstDay(spec: DateSpec, year: number): IsoDate | null {
  switch (spec.type) {
    case 'solar':
      return iso(year, spec.month, spec.day);
    case 'lunar': {
      // Lunar months 1–10 of lunar year Y fall in solar year Y.
      const d = lunarToSolar({ year, month: spec.month, day: spec.day, leap: false });
      return d ? iso(d.year, d.month, d.day) : null;
    }
    case 'lunar_year_end': {
      const tet = tetDate(year);
      return addDays(iso(tet.year, tet.month, tet.day), -1);
    }
  }
}

export interface HolidayOptions {
  rules?: readonly HolidayRule[];
  notices?: readonly NoticeEntry[];
  /** weekly rest days, 0 = Sunday … 6 = Saturday */
  weekendDays?: readonly number[];
}

/**
 * The special days of one solar year: rule holidays, their substitute days, then the notice
 * corrections on top. Days absent from the result follow the plain weekly pattern.
 */
export function resolveHolidays(year: number, options: HolidayOptions = {}): ResolvedDay[] {
  const rules = options.rules ?? VN_HOLIDAY_RULES;
  const notices = options.notices ?? VN_NOTICE_ENTRIES;
  const weekend = new Set(options.weekendDays ?? [0, 6]);
  const days = new Map<IsoDate, ResolvedDay>();
  const substitutable = new Set<IsoDate>();

  for (const rule of rules) {
    const start = firstDay(rule.date, year);
    if (!start || start < rule.effectiveFrom || (rule.effectiveTo && start > rule.effectiveTo)) continue;
    for (let i = 0; i < rule.days; i++) {
      const date = addDays(start, i);
      days.set(date, { date, status: 'off', nameKey: rule.nameKey, source: rule.source, origin: 'rule' });
      if (rule.substitute) substitutable.add(date);
    }
  }

  // Substitutes in date order, so two weekend holidays take two successive working days.
  const ruleDays = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  for (const day of ruleDays) {
    if (!substitutable.has(day.date) || !weekend.has(weekday(day.date))) continue;
    let date = addDays(day.date, 1);
    while (weekend.has(weekday(date)) || days.has(date)) date = addDays(date, 1);
    days.set(date, {
      date,
      status: 'off',
      nameKey: day.nameKey,
      source: 'Bộ luật Lao động 2019, Điều 111 khoản 3 (nghỉ bù vào ngày làm việc kế tiếp)',
      origin: 'substitute',
    });
  }

  const prefix = `${year}-`;
  for (const entry of notices) {
    if (!entry.date.startsWith(prefix)) continue;
    if (entry.kind === 'not_holiday') {
      days.delete(entry.date);
      continue;
    }
    const status: DayStatus =
      entry.kind === 'day_off'
        ? 'off'
        : entry.kind === 'working_day'
          ? 'working'
          : entry.kind === 'half_day_am'
            ? 'half_am'
            : 'half_pm';
    days.set(entry.date, {
      date: entry.date,
      status,
      nameKey: entry.nameKey,
      source: entry.source,
      origin: 'notice',
    });
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
}
