// An indicator's series as a file: the template (period, commune code, value) and the reading of a
// filled-in CSV or Excel sheet into rows, each bad row with its reason, the good rows kept.
import { parseCsv as readCsv } from '../../../platform/csv.ts';
import type { Granularity } from '../tables.ts';

export const SERIES_HEADERS = ['ky', 'ma_xa', 'gia_tri'] as const;

export interface SeriesRow {
  /** the line in the file (1-based, headers included) */
  line: number;
  period: string;
  start: Date;
  /** '' for the city */
  communeCode: string;
  value: number;
}

export type RowProblem =
  | 'period_format'
  | 'period_invalid'
  | 'commune_unknown'
  | 'commune_not_allowed'
  | 'value_not_number'
  | 'duplicate';

export interface RowError {
  line: number;
  column: (typeof SERIES_HEADERS)[number] | null;
  problem: RowProblem;
  value: string;
}

const VN_OFFSET = 7 * 3_600_000;
const PATTERNS: Record<Exclude<Granularity, 'hour'>, RegExp> = {
  year: /^(\d{4})$/,
  quarter: /^(\d{4})-Q([1-4])$/,
  month: /^(\d{4})-(\d{2})$/,
  day: /^(\d{4})-(\d{2})-(\d{2})$/,
};

/** The start (local midnight, UTC+7) of a period written for the indicator's granularity, or null. */
export function periodStart(granularity: Granularity, text: string): Date | null | 'invalid' {
  if (granularity === 'hour') return null;
  const m = PATTERNS[granularity].exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  let month = 1;
  let day = 1;
  if (granularity === 'quarter') month = (Number(m[2]) - 1) * 3 + 1;
  if (granularity === 'month' || granularity === 'day') month = Number(m[2]);
  if (granularity === 'day') day = Number(m[3]);
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (year < 2000 || year > 2100 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return 'invalid';
  return new Date(utc - VN_OFFSET);
}

export const periodExample: Record<Granularity, string> = {
  hour: '',
  day: '2026-11-30',
  month: '2026-11',
  quarter: '2026-Q4',
  year: '2026',
};

/** A number as people type it: "1234.5", "1234,5", "1.234,5", or exported text with a defusing quote. */
export function parseNumber(raw: string): number | null {
  let s = raw.trim().replace(/^'/, '').replace(/\s/g, '');
  if (!s) return null;
  if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
  else if (/^-?\d+,\d+$/.test(s)) s = s.replace(',', '.');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

/**
 * Checks every data row; `cells` are the rows after the header. A period and commune repeated in the
 * file is a mistake (which one is right?), so both copies are refused.
 */
export function readSeriesRows(
  cells: readonly (readonly string[])[],
  opts: { granularity: Granularity; communes: ReadonlySet<string>; communeLevel: boolean; firstLine: number },
): { rows: SeriesRow[]; errors: RowError[] } {
  const rows: SeriesRow[] = [];
  const errors: RowError[] = [];
  const check = (r: readonly string[], line: number): RowError | SeriesRow | null => {
    const [period = '', commune = '', value = ''] = r.map((c) => c.trim().replace(/^'/, ''));
    if (!period && !commune && !value) return null;
    const start = periodStart(opts.granularity, period);
    if (start === null) return { line, column: 'ky', problem: 'period_format', value: period };
    if (start === 'invalid') return { line, column: 'ky', problem: 'period_invalid', value: period };
    if (commune && !opts.communeLevel)
      return { line, column: 'ma_xa', problem: 'commune_not_allowed', value: commune };
    if (commune && !opts.communes.has(commune))
      return { line, column: 'ma_xa', problem: 'commune_unknown', value: commune };
    const v = parseNumber(value);
    if (v === null) return { line, column: 'gia_tri', problem: 'value_not_number', value };
    return { line, period, start, communeCode: commune, value: v };
  };
  cells.forEach((r, i) => {
    const outcome = check(r, opts.firstLine + i);
    if (outcome && 'problem' in outcome) errors.push(outcome);
    else if (outcome) rows.push(outcome);
  });
  const seen = new Map<string, number>();
  for (const r of rows)
    seen.set(`${r.period}|${r.communeCode}`, (seen.get(`${r.period}|${r.communeCode}`) ?? 0) + 1);
  const good: SeriesRow[] = [];
  for (const r of rows) {
    if ((seen.get(`${r.period}|${r.communeCode}`) ?? 0) > 1)
      errors.push({
        line: r.line,
        column: 'ky',
        problem: 'duplicate',
        value: `${r.period} ${r.communeCode}`.trim(),
      });
    else good.push(r);
  }
  errors.sort((a, b) => a.line - b.line);
  return { rows: good, errors };
}

/**
 * The cells of each line of a CSV text (the platform's reader: quotes, CRLF, a BOM, `;` or `,`), a
 * blank line kept as an empty row so that a row's index still gives its line in the file.
 */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  for (const row of readCsv(text)) {
    while (out.length < row.line - 1) out.push(['']);
    out.push(row.cells);
  }
  return out;
}
