// Periods are whole local months: a month (2026-11), a quarter (2026-Q4), a year (2026) or a custom
// range of months (2026-03..2026-08). Whole months let the monthly rollup answer exactly.
import { AppError } from '../../platform/errors.ts';

export interface Period {
  /** as the caller wrote it */
  label: string;
  /** first and last month, yyyymm */
  from: number;
  to: number;
  /** instants: local midnight starting `from`, and starting the month after `to` */
  start: Date;
  end: Date;
}

const OFFSET_MS = 7 * 3_600_000;
const monthStart = (m: number) => new Date(Date.UTC(Math.floor(m / 100), (m % 100) - 1, 1) - OFFSET_MS);
const nextMonth = (m: number) => (m % 100 === 12 ? (Math.floor(m / 100) + 1) * 100 + 1 : m + 1);
const ym = (y: string, m: string | number) => Number(y) * 100 + Number(m);

export const PERIOD_PATTERN = /^(\d{4})(?:-(\d{2})(?:\.\.(\d{4})-(\d{2}))?|-Q([1-4]))?$/;

export function parsePeriod(label: string): Period {
  const m = PERIOD_PATTERN.exec(label);
  const bad = () => new AppError('validation', {}, [{ field: 'querystring.period', key: 'field.period' }]);
  if (!m) throw bad();
  const [, year, month, toYear, toMonth, quarter] = m;
  let from: number;
  let to: number;
  if (quarter) {
    from = ym(year!, (Number(quarter) - 1) * 3 + 1);
    to = from + 2;
  } else if (month) {
    from = ym(year!, month);
    to = toYear ? ym(toYear, toMonth!) : from;
  } else {
    from = ym(year!, 1);
    to = ym(year!, 12);
  }
  const valid = (v: number) => v % 100 >= 1 && v % 100 <= 12 && v >= 200001 && v <= 209912;
  if (!valid(from) || !valid(to) || to < from || to - from > 1200) throw bad();
  return { label, from, to, start: monthStart(from), end: monthStart(nextMonth(to)) };
}

/** The months of a period, in order (for monthly series). */
export function monthsOf(p: Period): number[] {
  const out: number[] = [];
  for (let m = p.from; m <= p.to; m = nextMonth(m)) out.push(m);
  return out;
}

/** The current month's period label at `now` (local). */
export function currentMonthLabel(now = new Date()): string {
  const local = new Date(now.getTime() + OFFSET_MS);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}
