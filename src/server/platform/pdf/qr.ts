import { libs } from './libs.ts';
import type { QrCode } from './document.js';
import { clean, LINE_GAP, mm, type Sheet } from './sheet.js';

/** The quiet zone scanners need around the symbol, in modules. */
const QUIET = 2;

/**
 * Draws the symbol as vector squares (sharp at any zoom, no image decoding, same bytes every
 * time), merged into horizontal runs to keep the content stream small.
 */
function drawSymbol(sheet: Sheet, data: string, x: number, y: number, side: number) {
  const { modules } = libs.QRCode!.create(data, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = side / (n + 2 * QUIET);
  const { doc } = sheet;
  doc.save();
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      doc.rect(x + (start + QUIET) * cell, y + (row + QUIET) * cell, (col - start) * cell, cell);
    }
  }
  doc.fill('black').restore();
}

/** At the end: the symbol at the left margin, its caption beside it. */
export function drawQrAtEnd(sheet: Sheet, qr: QrCode, size: number) {
  const side = mm(qr.size ?? 24);
  const y = sheet.ensure(side + 6) + 6;
  const x = sheet.left;
  drawSymbol(sheet, qr.data, x, y, side);
  const caption = clean(qr.caption ?? '');
  if (caption) {
    const cx = x + side + mm(3);
    const width = sheet.width - side - mm(3);
    const textH = sheet.heightOf(caption, 'italic', size, width);
    sheet.use('italic', size).doc.text(caption, cx, y + Math.max(0, (side - textH) / 2), {
      width,
      lineGap: LINE_GAP,
    });
  }
  sheet.doc.x = sheet.left;
  sheet.doc.y = y + side;
}

const CORNER_CAPTION_SIZE = 8.5;

/** Width the symbol and its caption take at the right of the title; 0 when not there. */
export function titleCornerWidth(qr: QrCode | undefined): number {
  return qr?.data && qr.placement === 'title' ? mm(qr.size ?? 18) + mm(5) : 0;
}

/**
 * Beside the title, right: saves the height a receipt needs for its signatures. The caption,
 * short, goes under the symbol. Returns the y below both.
 */
export function drawQrAtTitle(sheet: Sheet, qr: QrCode, y: number): number {
  const side = mm(qr.size ?? 18);
  const box = titleCornerWidth(qr);
  const x = sheet.left + sheet.width - box;
  drawSymbol(sheet, qr.data, x + (box - side) / 2, y, side);
  const caption = clean(qr.caption ?? '');
  if (!caption) return y + side;
  return sheet.block(caption, x, y + side, box, 'italic', CORNER_CAPTION_SIZE);
}
