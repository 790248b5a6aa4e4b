// FDI and domestic-investment figures as a file: the provincial investment report's table as CSV or an
// Excel sheet (nam, loai, quoc_gia, nganh, so_du_an, von_nghin_usd), read with the platform's one CSV
// reader or read-excel-file, each bad row named with its line, column and problem.
import { readSheet } from 'read-excel-file/node';
import { parseCsv } from '../../../platform/csv.ts';
import { FIGURE_KINDS, type FigureKind } from '../tables.ts';

export const FIGURE_HEADERS = ['nam', 'loai', 'quoc_gia', 'nganh', 'so_du_an', 'von_nghin_usd'] as const;
type Column = (typeof FIGURE_HEADERS)[number];

export interface FigureRow {
  line: number;
  kind: FigureKind;
  year: number;
  country: string;
  sector: string;
  projects: number;
  capitalKusd: number;
}

export type FigureProblem =
  | 'year_invalid'
  | 'kind_unknown'
  | 'country_invalid'
  | 'country_not_for_domestic'
  | 'sector_invalid'
  | 'not_whole_number'
  | 'duplicate';

export interface FigureRowError {
  line: number;
  column: Column;
  problem: FigureProblem;
  value: string;
}

const XLSX_MAGIC = Buffer.from('504b0304', 'hex');

/** The file's rows as text cells with their line numbers; the header row is found wherever it is. */
export async function figureCells(file: Buffer): Promise<{ line: number; cells: string[] }[] | null> {
  let all: { line: number; cells: string[] }[];
  if (file.subarray(0, 4).equals(XLSX_MAGIC)) {
    const sheet = await readSheet(file);
    all = sheet.map((r, i) => ({
      line: i + 1,
      cells: r.map((c) =>
        c === null || c === undefined ? '' : c instanceof Date ? String(c.getUTCFullYear()) : String(c),
      ),
    }));
  } else all = parseCsv(file.toString('utf8'));
  const header = all.findIndex(
    (r) =>
      r.cells
        .slice(0, FIGURE_HEADERS.length)
        .map((c) => c.trim().toLowerCase())
        .join(',') === FIGURE_HEADERS.join(','),
  );
  return header < 0 ? null : all.slice(header + 1);
}

const KIND_WORDS: Record<string, FigureKind> = {
  fdi: 'fdi',
  domestic: 'domestic',
  trong_nuoc: 'domestic',
  'trong nước': 'domestic',
  ddi: 'domestic',
};

/** A whole number as people type it: "1234", "1.234" or "1,234" (thousands separators), "1 234". */
export function wholeNumber(raw: string): number | null {
  const s = raw
    .trim()
    .replace(/^'/, '')
    .replace(/[\s.,](?=\d{3}(\D|$))/g, '');
  return /^\d{1,15}$/.test(s) ? Number(s) : null;
}

export function readFigureRows(rows: readonly { line: number; cells: readonly string[] }[]): {
  rows: FigureRow[];
  errors: FigureRowError[];
} {
  const good: FigureRow[] = [];
  const errors: FigureRowError[] = [];
  for (const { line, cells } of rows) {
    const [year = '', kindRaw = '', countryRaw = '', sectorRaw = '', projects = '', capital = ''] = cells.map(
      (c) => c.trim(),
    );
    if (!cells.some((c) => c.trim())) continue;
    const bad = (column: Column, problem: FigureProblem, value: string) =>
      errors.push({ line, column, problem, value: value.slice(0, 100) });
    const y = /^\d{4}$/.test(year) ? Number(year) : Number.NaN;
    if (!(y >= 1990 && y <= 2100)) {
      bad('nam', 'year_invalid', year);
      continue;
    }
    const kind = KIND_WORDS[kindRaw.toLowerCase()];
    if (!kind || !FIGURE_KINDS.includes(kind)) {
      bad('loai', 'kind_unknown', kindRaw);
      continue;
    }
    const country = countryRaw.toUpperCase();
    if (kind === 'fdi' && !/^[A-Z]{2}$/.test(country)) {
      bad('quoc_gia', 'country_invalid', countryRaw);
      continue;
    }
    if (kind === 'domestic' && country !== '' && country !== 'VN') {
      bad('quoc_gia', 'country_not_for_domestic', countryRaw);
      continue;
    }
    const sector = sectorRaw.toLowerCase();
    if (!/^[a-z][a-z0-9_]{1,39}$/.test(sector)) {
      bad('nganh', 'sector_invalid', sectorRaw);
      continue;
    }
    const p = wholeNumber(projects);
    if (p === null) {
      bad('so_du_an', 'not_whole_number', projects);
      continue;
    }
    const c = wholeNumber(capital);
    if (c === null) {
      bad('von_nghin_usd', 'not_whole_number', capital);
      continue;
    }
    good.push({
      line,
      kind,
      year: y,
      country: kind === 'fdi' ? country : '',
      sector,
      projects: p,
      capitalKusd: c,
    });
  }
  // A row repeated in the file is a mistake (which one is right?), so every copy is named.
  const count = new Map<string, number>();
  const key = (r: FigureRow) => `${r.kind}|${r.year}|${r.country}|${r.sector}`;
  for (const r of good) count.set(key(r), (count.get(key(r)) ?? 0) + 1);
  for (const r of good)
    if ((count.get(key(r)) ?? 0) > 1)
      errors.push({
        line: r.line,
        column: 'nganh',
        problem: 'duplicate',
        value: `${r.year} ${r.country} ${r.sector}`.replace(/\s+/g, ' '),
      });
  errors.sort((a, b) => a.line - b.line);
  return { rows: errors.length ? [] : good, errors };
}
