// The period picker's draft and the period label the API reads (src/contracts/stats.ts, PERIOD_PATTERN).

export type Kind = 'month' | 'quarter' | 'year' | 'custom' | 'days';
export const KINDS: readonly Kind[] = ['month', 'quarter', 'year', 'custom', 'days'];

export interface Draft {
  kind: Kind;
  /** yyyy-mm: the month, the quarter's or year's month, the first of a custom range of months */
  month: string;
  /** yyyy-mm: the last month of a custom range */
  until: string;
  /** yyyy-mm-dd: the first and last day of a custom range of days (Vietnam time, both included) */
  fromDay: string;
  toDay: string;
}

const MONTH = /^\d{4}-\d{2}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The period as the API writes it; null when the draft is not a period. */
export function periodLabel(d: Draft): string | null {
  if (d.kind === 'days') {
    if (!DAY.test(d.fromDay) || !DAY.test(d.toDay) || d.toDay < d.fromDay) return null;
    return d.toDay === d.fromDay ? d.fromDay : `${d.fromDay}..${d.toDay}`;
  }
  if (!MONTH.test(d.month)) return null;
  const [y, m] = d.month.split('-').map(Number) as [number, number];
  if (d.kind === 'month') return d.month;
  if (d.kind === 'quarter') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  if (d.kind === 'year') return String(y);
  if (!MONTH.test(d.until) || d.until < d.month) return null;
  return `${d.month}..${d.until}`;
}

/** The draft that shows a period label. */
export function draftOf(period: string): Draft {
  const empty = { month: '', until: '', fromDay: '', toDay: '' };
  if (/^\d{4}-\d{2}-\d{2}/.test(period)) {
    const fromDay = period.slice(0, 10);
    const toDay = period.length > 10 ? period.slice(12) : fromDay;
    return { ...empty, kind: 'days', month: fromDay.slice(0, 7), fromDay, toDay };
  }
  if (/^\d{4}-\d{2}\.\./.test(period))
    return { ...empty, kind: 'custom', month: period.slice(0, 7), until: period.slice(9) };
  if (/-Q\d$/.test(period)) {
    const q = Number(period.slice(-1));
    return {
      ...empty,
      kind: 'quarter',
      month: `${period.slice(0, 4)}-${String((q - 1) * 3 + 1).padStart(2, '0')}`,
    };
  }
  if (/^\d{4}$/.test(period)) return { ...empty, kind: 'year', month: `${period}-01` };
  return { ...empty, kind: 'month', month: period };
}

/** Another kind of period, keeping what was chosen: days start as the chosen month's first to last day. */
export function withKind(d: Draft, kind: Kind): Draft {
  if (kind === 'days' && !d.fromDay && MONTH.test(d.month)) {
    const [y, m] = d.month.split('-').map(Number) as [number, number];
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { ...d, kind, fromDay: `${d.month}-01`, toDay: `${d.month}-${last}` };
  }
  if (kind !== 'days' && !d.month && DAY.test(d.fromDay)) return { ...d, kind, month: d.fromDay.slice(0, 7) };
  return { ...d, kind };
}
