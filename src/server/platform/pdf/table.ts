import type { TableBlock, TableColumn } from './document.js';
import { LINE_GAP, clean, type Sheet } from './sheet.js';

const PAD = 3;
const BORDER = 0.5;

interface Column extends TableColumn {
  x: number;
  w: number;
}

/** A header cell: one or more columns wide, on the upper, lower or both header rows. */
interface HeaderCell {
  text: string;
  x: number;
  w: number;
  row: 'upper' | 'lower' | 'both';
}

function layoutColumns(columns: TableColumn[], left: number, width: number): Column[] {
  const total = columns.reduce((sum, c) => sum + (c.width ?? 1), 0);
  let x = left;
  return columns.map((c) => {
    const w = (width * (c.width ?? 1)) / total;
    const col = { ...c, x, w };
    x += w;
    return col;
  });
}

function headerCells(block: TableBlock, cols: Column[]): HeaderCell[] {
  const groups = block.groups;
  if (!groups?.length) return cols.map((c) => ({ text: c.header, x: c.x, w: c.w, row: 'both' }));
  const spanned = groups.reduce((sum, g) => sum + g.span, 0);
  if (spanned !== cols.length || groups.some((g) => !Number.isInteger(g.span) || g.span < 1)) {
    throw new Error(`table header groups span ${spanned} columns, the table has ${cols.length}`);
  }
  const cells: HeaderCell[] = [];
  let i = 0;
  for (const g of groups) {
    const members = cols.slice(i, i + g.span);
    i += g.span;
    const first = members[0]!;
    const last = members[members.length - 1]!;
    if (g.label) cells.push({ text: g.label, x: first.x, w: last.x + last.w - first.x, row: 'upper' });
    for (const c of members) cells.push({ text: c.header, x: c.x, w: c.w, row: g.label ? 'lower' : 'both' });
  }
  return cells;
}

/** Heights of the upper and lower header rows (the lower is 0 without groups). */
function headerHeights(sheet: Sheet, cells: HeaderCell[], size: number): [number, number] {
  const h = (c: HeaderCell) => sheet.heightOf(clean(c.text), 'bold', size, c.w - 2 * PAD) + 2 * PAD;
  const grouped = cells.some((c) => c.row !== 'both');
  let upper = 0;
  let lower = 0;
  for (const c of cells) if (c.row === 'upper') upper = Math.max(upper, h(c));
  for (const c of cells) if (c.row === 'lower') lower = Math.max(lower, h(c));
  for (const c of cells) {
    if (c.row !== 'both') continue;
    if (!grouped) upper = Math.max(upper, h(c));
    else lower = Math.max(lower, h(c) - upper);
  }
  return [upper, lower];
}

function cellText(
  sheet: Sheet,
  text: string,
  x: number,
  y: number,
  w: number,
  h: number,
  bold: boolean,
  size: number,
  align: 'left' | 'center' | 'right',
  middle: boolean,
) {
  const body = clean(text);
  if (!body) return;
  const style = bold ? 'bold' : 'regular';
  const inner = w - 2 * PAD;
  const textH = sheet.heightOf(body, style, size, inner);
  const top = middle ? y + (h - textH) / 2 : y + PAD;
  // `height` keeps pdfkit from ever starting a page inside a cell: the row was measured to fit.
  sheet.use(style, size).doc.text(body, x + PAD, top, { width: inner, height: h, align, lineGap: LINE_GAP });
}

function drawHeader(
  sheet: Sheet,
  cells: HeaderCell[],
  [upper, lower]: [number, number],
  y: number,
  size: number,
) {
  const { doc } = sheet;
  for (const c of cells) {
    const top = c.row === 'lower' ? y + upper : y;
    const h = c.row === 'upper' ? upper : c.row === 'lower' ? lower : upper + lower;
    doc.save().lineWidth(BORDER).rect(c.x, top, c.w, h).stroke().restore();
    cellText(sheet, c.text, c.x, top, c.w, h, true, size, 'center', true);
  }
  return y + upper + lower;
}

/** A bordered table; a row that does not fit starts a new page under a repeated header. */
export function drawTable(sheet: Sheet, block: TableBlock) {
  const { doc } = sheet;
  const size = block.size ?? 12;
  const cols = layoutColumns(block.columns, sheet.left, sheet.width);
  const cells = headerCells(block, cols);
  const heights = headerHeights(sheet, cells, size);
  const headerH = heights[0] + heights[1];
  const rowHeight = (row: string[]) =>
    Math.max(
      ...cols.map((c, i) => sheet.heightOf(clean(row[i] ?? ''), 'regular', size, c.w - 2 * PAD) + 2 * PAD),
    );

  const first = block.rows[0];
  let y = sheet.ensure(headerH + (first ? rowHeight(first) : 0));
  y = drawHeader(sheet, cells, heights, y, size);

  for (const row of block.rows) {
    const h = rowHeight(row);
    if (y + h > sheet.bottom) {
      doc.addPage();
      y = drawHeader(sheet, cells, heights, sheet.top, size);
    }
    cols.forEach((c, i) => {
      doc.save().lineWidth(BORDER).rect(c.x, y, c.w, h).stroke().restore();
      cellText(sheet, row[i] ?? '', c.x, y, c.w, h, false, size, c.align ?? 'left', false);
    });
    y += h;
  }
  doc.x = sheet.left;
  doc.y = y;
}
