// Periodic statistics as a table with Vietnamese headers (written as CSV or .xlsx by platform/spreadsheet).
import { type Language, t } from '../../platform/i18n/index.ts';
import type { Table } from '../../platform/spreadsheet.ts';
import type { Period } from './period.ts';
import type { Counts } from './queries.ts';
import type { BreakdownItem } from './report.ts';
import { periodWords } from '../../../contracts/stats.ts';

const pct = (v: number | null) => (v === null ? null : Math.round(v * 10000) / 100);
const days = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100);

const COUNT_COLUMNS: (keyof Counts)[] = [
  'receivedNew',
  'carriedOver',
  'early',
  'onTime',
  'late',
  'within',
  'over',
  'paused',
  'refused',
  'withdrawn',
  'stopped',
];

/** One row per unit / sector / procedure / channel: counts, average time, shares and points. */
export function breakdownTable(
  lang: Language,
  p: Period,
  by: 'unit' | 'sector' | 'procedure' | 'channel',
  items: BreakdownItem[],
): Table {
  const h = (k: string) => t(lang, `stats:export.${k}`);
  return {
    title: t(lang, 'stats:export.title', { period: periodWords(p.label, lang), by: h(`by_${by}`) }),
    headers: [
      h(`by_${by}`),
      ...COUNT_COLUMNS.map((k) => h(k)),
      h('received'),
      h('average_days'),
      h('progress'),
      h('online'),
      h('e_result'),
      h('points'),
    ],
    rows: items.map((it) => [
      by === 'channel' ? t(lang, `stats:channel.${it.key}`) : it.label,
      ...COUNT_COLUMNS.map((k) => it.counts[k]),
      it.indicators.received,
      days(it.indicators.averageProcessingDays),
      pct(it.indicators.progress),
      pct(it.indicators.online),
      pct(it.indicators.eResult),
      it.points,
    ]),
  };
}

/** By status: one row per status category with its count. */
export function statusTable(lang: Language, p: Period, c: Counts): Table {
  const h = (k: string) => t(lang, `stats:export.${k}`);
  const keys: (keyof Counts)[] = ['pending', ...COUNT_COLUMNS, 'cancelled'];
  return {
    title: t(lang, 'stats:export.title', { period: periodWords(p.label, lang), by: h('by_status') }),
    headers: [h('by_status'), h('count')],
    rows: keys.map((k) => [h(k), c[k]]),
  };
}
