// Tables leave the system as CSV (UTF-8 with a BOM, formula-looking cells defused) or a real .xlsx
// workbook (write-excel-file): one writer for every export, whatever the module.
import writeXlsxFile from 'write-excel-file/node';

export type Cell = string | number | null;
export interface Table {
  /** the first row of a workbook (not written to CSV) */
  title: string;
  headers: string[];
  rows: Cell[][];
}

const csvCell = (v: Cell) => {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** CSV with a BOM so spreadsheet programs read UTF-8. */
export function tableCsv(table: Table): string {
  const lines = [table.headers, ...table.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A workbook with one sheet: the title, the header row (bold, frozen) and the rows. */
export async function tableXlsx(table: Table, sheet: string): Promise<Buffer> {
  const header = table.headers.map((value) => ({ value, fontWeight: 'bold' as const, wrap: true }));
  const data = [
    [{ value: table.title, fontWeight: 'bold' as const }],
    header,
    ...table.rows.map((r) => r.map((value) => (value === null ? null : { value }))),
  ];
  return writeXlsxFile(data, {
    sheet: sheet.slice(0, 31),
    stickyRowsCount: 2,
    columns: table.headers.map((_, i) => ({ width: i === 0 ? 48 : 14 })),
  }).toBuffer();
}
