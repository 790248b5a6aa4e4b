import type { FontStyle } from './fonts.js';
import type { RichText, TextRun } from './document.js';

/** Millimetres to PDF points. */
export const mm = (value: number) => (value * 72) / 25.4;

/** Decree 30/2020 margins: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGINS = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } as const;

/** Extra leading between lines: close to the "single to 1.5 lines" the decree allows. */
export const LINE_GAP = 2;

/** Text the PDF can carry: NFC (precomposed Vietnamese letters extract back as typed). */
export const clean = (text: string) => text.normalize('NFC');

export const upper = (text: string) => clean(text).toLocaleUpperCase('vi-VN');

export function styleOf(bold?: boolean, italic?: boolean): FontStyle {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}

/** Runs with their emphasis resolved, empty ones dropped, neighbours of one style merged. */
export function toRuns(text: RichText, bold?: boolean, italic?: boolean): TextRun[] {
  const runs = typeof text === 'string' ? [{ text }] : text;
  const merged: Required<TextRun>[] = [];
  for (const run of runs) {
    const next = {
      text: clean(run.text),
      bold: run.bold ?? bold ?? false,
      italic: run.italic ?? italic ?? false,
    };
    const prev = merged.at(-1);
    if (!next.text) continue;
    if (prev && prev.bold === next.bold && prev.italic === next.italic) prev.text += next.text;
    else merged.push(next);
  }
  return merged;
}

type LineAlign = 'left' | 'center' | 'right';

export interface RichOptions {
  x: number;
  y: number;
  width: number;
  size: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  indent?: number;
  gapAfter?: number;
}

/** The pdfkit document with the page geometry and the few drawing moves the renderer needs. */
export class Sheet {
  constructor(readonly doc: PDFKit.PDFDocument) {}

  get left() {
    return this.doc.page.margins.left;
  }
  get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get top() {
    return this.doc.page.margins.top;
  }
  get bottom() {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  use(style: FontStyle, size: number): this {
    this.doc.font(style).fontSize(size);
    return this;
  }

  lineHeight(style: FontStyle, size: number): number {
    return this.use(style, size).doc.currentLineHeight(true) + LINE_GAP;
  }

  heightOf(text: string, style: FontStyle, size: number, width: number): number {
    this.use(style, size);
    return Math.max(
      this.doc.heightOfString(text, { width, lineGap: LINE_GAP }),
      this.lineHeight(style, size),
    );
  }

  widthOf(text: string, style: FontStyle, size: number): number {
    return this.use(style, size).doc.widthOfString(text);
  }

  /** Starts a new page when `height` points do not fit below the cursor; returns the cursor. */
  ensure(height: number): number {
    if (this.doc.y + height > this.bottom && this.doc.y > this.top) {
      this.doc.addPage();
      this.doc.y = this.top;
    }
    return this.doc.y;
  }

  /** One line of text placed exactly, never wrapped. */
  line(
    text: string,
    x: number,
    y: number,
    width: number,
    style: FontStyle,
    size: number,
    align: LineAlign = 'center',
  ) {
    this.use(style, size).doc.text(text, x, y, { width, align, lineBreak: false });
  }

  /** Wrapped text from (x, y); returns the y below it. */
  block(
    text: string,
    x: number,
    y: number,
    width: number,
    style: FontStyle,
    size: number,
    align: LineAlign = 'center',
  ) {
    this.use(style, size).doc.text(text, x, y, { width, align, lineGap: LINE_GAP });
    return this.doc.y;
  }

  rule(x1: number, x2: number, y: number, thickness = 0.6) {
    this.doc.save().lineWidth(thickness).moveTo(x1, y).lineTo(x2, y).stroke().restore();
  }

  /**
   * A paragraph of runs, laid out here word by word rather than by pdfkit: pdfkit aligns and
   * justifies each `continued` run on its own (overlapping centred runs, scattering justified
   * ones) and breaks lines after "/" ("Ông/ | Bà"). Lines break at spaces and "\n" only; a
   * word wider than the line is cut. Spaces are drawn as glyphs so the text copies out with
   * them. Starts new pages as needed and leaves the cursor below.
   */
  rich(runs: TextRun[], o: RichOptions) {
    const { lines, forced } = this.breakLines(runs, o);
    const height = this.lineHeight('regular', o.size);
    const indent = o.indent ?? 0;
    const width = (w: TextRun) => this.widthOf(w.text, styleOf(w.bold, w.italic), o.size);
    let y = o.y;
    lines.forEach((line, i) => {
      while (line.at(-1)?.text === ' ') line.pop();
      if (y + height > this.bottom && y > this.top) {
        this.doc.addPage();
        y = this.top;
      }
      const room = o.width - (i === 0 ? indent : 0);
      const total = line.reduce((sum, w) => sum + width(w), 0);
      const spaces = line.filter((w) => w.text === ' ').length;
      const last = i === lines.length - 1 || forced.has(i);
      const stretch = o.align === 'justify' && !last && spaces > 0 ? (room - total) / spaces : 0;
      let x = o.x + (i === 0 ? indent : 0);
      if (o.align === 'center') x += (room - total) / 2;
      if (o.align === 'right') x += room - total;
      for (const word of line) {
        this.use(styleOf(word.bold, word.italic), o.size).doc.text(word.text, x, y, { lineBreak: false });
        x += width(word) + (word.text === ' ' ? stretch : 0);
      }
      y += height;
    });
    this.doc.x = this.left;
    this.doc.y = y + (o.gapAfter ?? 0);
  }

  /** Words (spaces kept as ' ' tokens) filled into lines; `forced` marks lines ended by "\n". */
  private breakLines(runs: TextRun[], o: RichOptions) {
    const width = (w: TextRun) => this.widthOf(w.text, styleOf(w.bold, w.italic), o.size);
    const lines: TextRun[][] = [[]];
    const forced = new Set<number>();
    let used = o.indent ?? 0;
    const place = (word: TextRun) => {
      const line = lines[lines.length - 1]!;
      const w = width(word);
      if (word.text !== ' ' && line.length > 0 && used + w > o.width) {
        lines.push([word]);
        used = w;
      } else if (word.text !== ' ' || line.length > 0) {
        line.push(word);
        used += w;
      }
    };
    for (const run of runs) {
      for (const token of run.text.split(/(\s+)/).filter(Boolean)) {
        if (/^\s+$/.test(token)) {
          const breaks = token.split('\n').length - 1;
          if (breaks === 0) place({ ...run, text: ' ' });
          for (let b = 0; b < breaks; b++) {
            forced.add(lines.length - 1);
            lines.push([]);
            used = 0;
          }
          continue;
        }
        for (const piece of this.cut({ ...run, text: token }, o)) place(piece);
      }
    }
    return { lines, forced };
  }

  /** A word wider than a whole line, in pieces that fit (a long URL or code). */
  private cut(word: TextRun, o: RichOptions): TextRun[] {
    const style = styleOf(word.bold, word.italic);
    if (this.widthOf(word.text, style, o.size) <= o.width - (o.indent ?? 0)) return [word];
    const pieces: TextRun[] = [];
    let current = '';
    for (const char of Array.from(word.text)) {
      if (current && this.widthOf(current + char, style, o.size) > o.width - (o.indent ?? 0)) {
        pieces.push({ ...word, text: current });
        current = '';
      }
      current += char;
    }
    if (current) pieces.push({ ...word, text: current });
    return pieces;
  }
}
