// Recurring regular meetings: a small, tested subset of the iCalendar RRULE (RFC 5545 §3.3.10).
// FREQ=WEEKLY or MONTHLY, INTERVAL, COUNT (a series is created as rows, so it is always bounded) and, for
// a monthly rule, BYDAY=<n><weekday> ("the last Friday": -1FR) or BYMONTHDAY=<d> ("the 25th").
// Times are Vietnam's (UTC+7 all year, no daylight saving), so a local day is a fixed shift of UTC.
// The `rrule` package does all of RFC 5545; this is the part a meeting series needs, without a dependency.

const VN = 7 * 3_600_000;
const DAY = 86_400_000;
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export const MAX_OCCURRENCES = 24;

export interface Rule {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  count: number;
  /** monthly: the nth (1–4, or -1 for the last) weekday (0 = Sunday) of the month */
  byDay?: { n: number; weekday: number };
  /** monthly: the day of the month (1–31); months without it are skipped, as RFC 5545 says */
  byMonthDay?: number;
}

/** Why a rule was refused: a key of the errors namespace (`field.<key>`). */
export class RuleError extends Error {
  constructor(readonly key: 'recurrence_invalid' | 'recurrence_start_mismatch') {
    super(key);
  }
}

export function parseRule(text: string): Rule {
  const parts = new Map<string, string>();
  for (const part of text
    .trim()
    .replace(/^RRULE:/i, '')
    .split(';')) {
    const [k, v, extra] = part.split('=');
    if (!k || v === undefined || extra !== undefined || parts.has(k.toUpperCase()))
      throw new RuleError('recurrence_invalid');
    parts.set(k.toUpperCase(), v.toUpperCase());
  }
  const freq = parts.get('FREQ');
  const interval = Number(parts.get('INTERVAL') ?? '1');
  const count = Number(parts.get('COUNT'));
  for (const k of parts.keys())
    if (!['FREQ', 'INTERVAL', 'COUNT', 'BYDAY', 'BYMONTHDAY'].includes(k))
      throw new RuleError('recurrence_invalid');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') throw new RuleError('recurrence_invalid');
  if (!Number.isInteger(interval) || interval < 1 || interval > 12) throw new RuleError('recurrence_invalid');
  if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES)
    throw new RuleError('recurrence_invalid');
  const rule: Rule = { freq, interval, count };
  const byDay = parts.get('BYDAY');
  const byMonthDay = parts.get('BYMONTHDAY');
  if (freq === 'WEEKLY' && (byDay || byMonthDay)) throw new RuleError('recurrence_invalid');
  if (byDay && byMonthDay) throw new RuleError('recurrence_invalid');
  if (byDay) {
    const m = /^(-1|[1-4])(SU|MO|TU|WE|TH|FR|SA)$/.exec(byDay);
    if (!m) throw new RuleError('recurrence_invalid');
    rule.byDay = { n: Number(m[1]), weekday: WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]) };
  }
  if (byMonthDay) {
    const d = Number(byMonthDay);
    if (!Number.isInteger(d) || d < 1 || d > 31) throw new RuleError('recurrence_invalid');
    rule.byMonthDay = d;
  }
  return rule;
}

export function formatRule(r: Rule): string {
  return [
    `FREQ=${r.freq}`,
    r.interval !== 1 ? `INTERVAL=${r.interval}` : '',
    `COUNT=${r.count}`,
    r.byDay ? `BYDAY=${r.byDay.n}${WEEKDAYS[r.byDay.weekday]}` : '',
    r.byMonthDay ? `BYMONTHDAY=${r.byMonthDay}` : '',
  ]
    .filter(Boolean)
    .join(';');
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** The day of the month of the nth weekday (n = -1: the last), or null when the month has none. */
function nthWeekday(year: number, month: number, n: number, weekday: number): number | null {
  if (n > 0) {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return day <= daysIn(year, month) ? day : null;
  }
  const last = daysIn(year, month);
  const lastWeekday = new Date(Date.UTC(year, month, last)).getUTCDay();
  return last - ((lastWeekday - weekday + 7) % 7);
}

/**
 * The starts of the series, the first included. The first start must be a day of the rule (the secretary
 * picks "the last Friday" from the first meeting's date), else RuleError('recurrence_start_mismatch').
 */
export function occurrences(start: Date, rule: Rule): Date[] {
  const local = new Date(start.getTime() + VN);
  const timeOfDay =
    local.getTime() - Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  if (rule.freq === 'WEEKLY')
    return Array.from(
      { length: rule.count },
      (_, i) => new Date(start.getTime() + i * rule.interval * 7 * DAY),
    );
  const y0 = local.getUTCFullYear();
  const m0 = local.getUTCMonth();
  const dayOf = (y: number, m: number): number | null =>
    rule.byDay
      ? nthWeekday(y, m, rule.byDay.n, rule.byDay.weekday)
      : (rule.byMonthDay ?? local.getUTCDate()) <= daysIn(y, m)
        ? (rule.byMonthDay ?? local.getUTCDate())
        : null;
  if (dayOf(y0, m0) !== local.getUTCDate()) throw new RuleError('recurrence_start_mismatch');
  const out: Date[] = [];
  for (let k = 0; out.length < rule.count && k < rule.count * 12; k++) {
    const m = m0 + k * rule.interval;
    const y = y0 + Math.floor(m / 12);
    const d = dayOf(y, m % 12);
    if (d !== null) out.push(new Date(Date.UTC(y, m % 12, d) + timeOfDay - VN));
  }
  return out;
}

/** The rule the secretary means by "weekly", "monthly on this date" or "monthly on this weekday". */
export function ruleFrom(
  start: Date,
  repeat: 'weekly' | 'monthly_date' | 'monthly_weekday',
  count: number,
): Rule {
  const local = new Date(start.getTime() + VN);
  if (repeat === 'weekly') return { freq: 'WEEKLY', interval: 1, count };
  if (repeat === 'monthly_date')
    return { freq: 'MONTHLY', interval: 1, count, byMonthDay: local.getUTCDate() };
  const d = local.getUTCDate();
  const last = d + 7 > daysIn(local.getUTCFullYear(), local.getUTCMonth());
  return {
    freq: 'MONTHLY',
    interval: 1,
    count,
    byDay: { n: last ? -1 : Math.ceil(d / 7), weekday: local.getUTCDay() },
  };
}
