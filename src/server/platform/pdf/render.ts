import { libs, loadPdfLibraries } from './libs.ts';
import { drawClosing } from './closing.js';
import type { AdministrativeDocument, Block } from './document.js';
import { loadFonts } from './fonts.js';
import { parseInstant } from './format.js';
import { drawHeader } from './header.js';
import { drawQrAtEnd, drawQrAtTitle, titleCornerWidth } from './qr.js';
import { MARGINS, Sheet, clean, mm, toRuns, upper } from './sheet.js';
import { drawTable } from './table.js';

export class RenderError extends Error {
  override name = 'RenderError';
}

/** Title bold upper case, centred; kept clear of a QR code set beside it. */
function drawTitle(sheet: Sheet, input: AdministrativeDocument, bodySize: number) {
  const top = sheet.doc.y + 18;
  const inset = titleCornerWidth(input.qr);
  const x = sheet.left + inset;
  const w = sheet.width - 2 * inset;
  let below = sheet.block(upper(input.title), x, top, w, 'bold', bodySize + 1);
  if (input.subtitle) below = sheet.block(clean(input.subtitle), x, below, w, 'bold', bodySize);
  if (inset && input.qr) below = Math.max(below, drawQrAtTitle(sheet, input.qr, top));
  sheet.doc.x = sheet.left;
  sheet.doc.y = below + 10;
}

/** Space after a paragraph; key–value lines and list items sit closer, like a form's. */
const GAP = 4;
const LINE_SPACING = 1;

function drawBlock(sheet: Sheet, block: Block, size: number) {
  const { doc } = sheet;
  switch (block.type) {
    case 'paragraph': {
      const s = block.size ?? size;
      const text = typeof block.text === 'string' ? [{ text: block.text }] : block.text;
      const label = block.label ? [{ text: `${block.label}: `, bold: true }] : [];
      const runs = toRuns([...label, ...text], block.bold, block.italic);
      sheet.rich(runs, {
        x: sheet.left,
        y: sheet.ensure(sheet.lineHeight('regular', s)),
        width: sheet.width,
        size: s,
        align: block.align ?? 'justify',
        indent: block.indent ? mm(10) : 0,
        gapAfter: GAP,
      });
      return;
    }
    case 'fields':
      for (const item of block.items) {
        const runs = toRuns([
          { text: item.label ? `${item.label}: ` : '' },
          { text: item.value, bold: item.bold },
        ]);
        const y = sheet.ensure(sheet.lineHeight('regular', size));
        sheet.rich(runs, { x: sheet.left, y, width: sheet.width, size, gapAfter: LINE_SPACING });
      }
      doc.y += GAP - LINE_SPACING;
      return;
    case 'list':
      block.items.forEach((item, i) => {
        const style = block.style ?? 'dash';
        const marker = style === 'number' ? `${i + 1}.` : style === 'bullet' ? '•' : '-';
        const markerW = Math.max(mm(6), sheet.widthOf(`${marker} `, 'regular', size));
        const y = sheet.ensure(sheet.lineHeight('regular', size));
        sheet.line(marker, sheet.left + mm(5), y, markerW, 'regular', size, 'left');
        const x = sheet.left + mm(5) + markerW;
        sheet.rich(toRuns(item), { x, y, width: sheet.left + sheet.width - x, size, gapAfter: LINE_SPACING });
      });
      doc.y += GAP - LINE_SPACING;
      return;
    case 'table':
      doc.y += 2;
      drawTable(sheet, block);
      doc.y += GAP + 4;
      return;
    case 'spacer':
      doc.y += mm(block.height ?? 4);
      return;
  }
}

/** Decree 30: pages are numbered from the second, centred in the top margin. */
function numberPages(sheet: Sheet, size: number) {
  const { doc } = sheet;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    sheet.line(String(i + 1), sheet.left, MARGINS.top / 2 - size / 2, sheet.width, 'regular', size);
  }
}

function creationDate(doc: AdministrativeDocument): Date {
  const date = parseInstant(doc.meta?.creationDate || doc.header.date);
  if (!date)
    throw new RenderError(
      'meta.creationDate or header.date is required: the same input must give the same bytes',
    );
  return date;
}

/**
 * Renders an administrative document to PDF: A4, Decree 30 margins, Tinos embedded (text stays
 * extractable), pages numbered from the second. The same input gives the same bytes.
 */
export async function renderDocument(input: AdministrativeDocument): Promise<Buffer> {
  const size = input.fontSize ?? 13;
  const created = creationDate(input);
  await loadPdfLibraries();
  const min = input.shrinkToOnePage?.minFontSize ?? size;
  for (let s = size; s > min; s -= 0.5) {
    const attempt = await draw(input, s, size, created);
    if (attempt.pages === 1) return attempt.bytes;
  }
  return (await draw(input, Math.min(min, size), size, created)).bytes;
}

/** Tables keep their size relative to the body's when the body shrinks. */
const scaled = (block: Block, ratio: number): Block =>
  ratio === 1 || block.type !== 'table' ? block : { ...block, size: (block.size ?? 12) * ratio };

async function draw(
  input: AdministrativeDocument,
  size: number,
  baseSize: number,
  created: Date,
): Promise<{ bytes: Buffer; pages: number }> {
  const pdf = new libs.PDFDocument!({
    size: 'A4',
    layout: input.layout ?? 'portrait',
    margins: MARGINS,
    bufferPages: true,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: clean(input.meta?.title ?? upper(input.title)),
      Author: clean(input.meta?.author ?? input.header.authority),
      Subject: clean(input.meta?.subject ?? ''),
      Keywords: clean(input.meta?.keywords ?? ''),
      Creator: 'CQS',
      Producer: 'CQS (pdfkit)',
      CreationDate: created,
      ModDate: created,
    },
  });
  let pages = 0;
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  try {
    for (const [name, data] of Object.entries(loadFonts())) pdf.registerFont(name, data);
    const sheet = new Sheet(pdf);
    drawHeader(sheet, input.header, size);
    drawTitle(sheet, input, size);
    for (const block of input.body) drawBlock(sheet, scaled(block, size / baseSize), size);
    drawClosing(sheet, input, size);
    if (input.qr?.data && input.qr.placement !== 'title') drawQrAtEnd(sheet, input.qr, size - 2);
    numberPages(sheet, size);
    pages = pdf.bufferedPageRange().count;
  } catch (error) {
    pdf.end();
    await done.catch(() => undefined);
    throw error instanceof RenderError ? error : new RenderError(String(error), { cause: error });
  }
  pdf.end();
  return { bytes: await done, pages };
}
