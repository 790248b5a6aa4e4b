// Periods in Vietnam time (UTC+7): a month (2026-11), a quarter (2026-Q4), a year (2026), a custom range
// of months (2026-03..2026-08), a day (2026-11-05) or a custom range of days (2026-11-05..2026-11-20).
// Whole months are answered by the monthly rollup; a range of days that is not whole months is answered
// from the per-dossier facts with the same formulas (queries.ts). A day range that covers whole months
// (2026-03-01..2026-04-30) is a month period.
import { PERIOD_PATTERN } from '../../../contracts/stats.ts';
import { AppError } from '../../platform/errors.ts';

export { PERIOD_PATTERN };

export interface Period {
  /** as the caller wrote it */
  label: string;
  /** whole local months (the rollup answers) or days (the facts answer) */
  unit: 'month' | 'day';
  /** first and last month touched, yyyymm */
  from: number;
  to: number;
  /** first and last local day, yyyy-mm-dd */
  firstDay: string;
  lastDay: string;
  /** instants: local midnight starting the first day, and starting the day after the last */
  start: Date;
  end: Date;
}

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const monthStart = (m: number) => new Date(Date.UTC(Math.floor(m / 100), (m % 100) - 1, 1) - OFFSET_MS);
const nextMonth = (m: number) => (m % 100 === 12 ? (Math.floor(m / 100) + 1) * 100 + 1 : m + 1);
const ym = (y: string, m: string | number) => Number(y) * 100 + Number(m);
/** The local day (yyyy-mm-dd) of an instant. */
const localDay = (at: Date) => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
const monthOfDay = (day: string) => Number(day.slice(0, 4)) * 100 + Number(day.slice(5, 7));

/** Local midnight starting a yyyy-mm-dd day, or null when the day does not exist (2026-02-30). */
function dayStart(day: string): Date | null {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== m - 1 || utc.getUTCDate() !== d) return null;
  return new Date(utc.getTime() - OFFSET_MS);
}

const FIRST_MONTH = 200001;
const LAST_MONTH = 209912;

function monthPeriod(label: string, from: number, to: number): Period {
  const start = monthStart(from);
  const end = monthStart(nextMonth(to));
  return {
    label,
    unit: 'month',
    from,
    to,
    firstDay: localDay(start),
    lastDay: localDay(new Date(end.getTime() - DAY_MS)),
    start,
    end,
  };
}

export function parsePeriod(label: string): Period {
  const m = PERIOD_PATTERN.exec(label);
  const bad = () => new AppError('validation', {}, [{ field: 'query.period', key: 'field.period' }]);
  if (!m) throw bad();
  const { year, month, day, lastDay, toMonth, quarter } = m.groups as Record<string, string | undefined>;
  if (day) {
    // Days: from the first day's midnight to the midnight after the last day (the same day if one).
    const first = `${year}-${month}-${day}`;
    const last = lastDay ?? first;
    const start = dayStart(first);
    const lastStart = dayStart(last);
    if (!start || !lastStart || lastStart < start) throw bad();
    const end = new Date(lastStart.getTime() + DAY_MS);
    const from = monthOfDay(first);
    const to = monthOfDay(last);
    if (from < FIRST_MONTH || to > LAST_MONTH) throw bad();
    // Whole months stay on the rollup.
    if (first.endsWith('-01') && localDay(end).endsWith('-01')) return monthPeriod(label, from, to);
    return { label, unit: 'day', from, to, firstDay: first, lastDay: last, start, end };
  }
  let from: number;
  let to: number;
  if (quarter) {
    from = ym(year!, (Number(quarter) - 1) * 3 + 1);
    to = from + 2;
  } else if (month) {
    from = ym(year!, month);
    to = toMonth ? ym(toMonth.slice(0, 4), toMonth.slice(5)) : from;
  } else {
    from = ym(year!, 1);
    to = ym(year!, 12);
  }
  const valid = (v: number) => v % 100 >= 1 && v % 100 <= 12 && v >= FIRST_MONTH && v <= LAST_MONTH;
  if (!valid(from) || !valid(to) || to < from || to - from > 1200) throw bad();
  return monthPeriod(label, from, to);
}

/** The months of a period, in order (for monthly series). */
export function monthsOf(p: Period): number[] {
  const out: number[] = [];
  for (let m = p.from; m <= p.to; m = nextMonth(m)) out.push(m);
  return out;
}

/** The current month's period label at `now` (local). */
export function currentMonthLabel(now = new Date()): string {
  return localDay(now).slice(0, 7);
}
