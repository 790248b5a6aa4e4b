import type { DocumentHeader } from './document.js';
import { formatPlaceDate } from './format.js';
import { type Sheet, clean, mm, upper } from './sheet.js';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_SUB = 'Độc lập - Tự do - Hạnh phúc';

/** Decree 30 sizes: unit lines 12–13 pt, motto 12–13 pt, its second line 13–14 pt. */
const UNIT_SIZE = 12.5;
const MOTTO_SIZE = 12;
const MOTTO_SUB_SIZE = 13;

/** The issuing unit takes the left 45 % (as the usual two-cell header table), the motto the rest. */
const LEFT_SHARE = 0.45;
/** Keeps a long unit name from running into the motto. */
const GUTTER = mm(4);

export function columns(sheet: Sheet) {
  const share = sheet.width * LEFT_SHARE;
  return {
    leftX: sheet.left,
    leftW: share - GUTTER,
    rightX: sheet.left + share,
    rightW: sheet.width - share,
  };
}

/** Administrative levels a unit name is best broken before ("ỦY BAN NHÂN DÂN / PHƯỜNG …"). */
const LEVELS = ['TỈNH', 'THÀNH PHỐ', 'PHƯỜNG', 'XÃ', 'ĐẶC KHU', 'QUẬN', 'HUYỆN', 'THỊ XÃ', 'THỊ TRẤN'];

type Measure = (line: string) => number;

/** Fewest lines first, then the most even ones: "TRUNG TÂM PHỤC VỤ / HÀNH CHÍNH CÔNG". */
function balance(text: string, measure: Measure, width: number): string {
  const words = text.split(' ');
  if (measure(text) <= width || words.length < 2) return text;
  for (let lines = 2; lines <= Math.min(words.length, 5); lines++) {
    let best: { text: string; widest: number } | undefined;
    const search = (from: number, left: number, parts: string[]) => {
      if (left === 1) {
        const all = [...parts, words.slice(from).join(' ')];
        const widest = Math.max(...all.map(measure));
        if (widest <= width && (!best || widest < best.widest)) best = { text: all.join('\n'), widest };
        return;
      }
      for (let end = from + 1; end <= words.length - left + 1; end++) {
        search(end, left - 1, [...parts, words.slice(from, end).join(' ')]);
      }
    };
    search(0, lines, []);
    if (best) return best.text;
  }
  return text;
}

/**
 * How Vietnamese documents set a unit name that does not fit one line: broken before its
 * administrative level, each part balanced if still too wide. An explicit "\n" always wins.
 */
export function breakName(name: string, measure: Measure, width: number): string {
  if (name.includes('\n') || measure(name) <= width) return name;
  const at = LEVELS.map((level) => name.indexOf(` ${level} `))
    .filter((i) => i > 0)
    .sort((a, b) => a - b)[0];
  if (at === undefined) return balance(name, measure, width);
  return `${balance(name.slice(0, at), measure, width)}\n${balance(name.slice(at + 1), measure, width)}`;
}

/** One line, shrunk until it fits (the motto in a narrow column). */
function fittedLine(sheet: Sheet, text: string, x: number, y: number, w: number, size: number) {
  let s = size;
  while (s > 9 && sheet.widthOf(text, 'bold', s) > w) s -= 0.5;
  sheet.line(text, x, y, w, 'bold', s);
  return { width: Math.min(sheet.widthOf(text, 'bold', s), w), height: sheet.lineHeight('bold', s) };
}

/** Left: parent authority upright, the unit bold, a short rule. Returns the y below. */
function drawUnit(sheet: Sheet, header: DocumentHeader, x: number, w: number): number {
  let y = sheet.top;
  if (header.parentAuthority) {
    const measure = (line: string) => sheet.widthOf(line, 'regular', UNIT_SIZE);
    y = sheet.block(breakName(upper(header.parentAuthority), measure, w), x, y, w, 'regular', UNIT_SIZE);
  }
  const measure = (line: string) => sheet.widthOf(line, 'bold', UNIT_SIZE);
  const unit = breakName(upper(header.authority), measure, w);
  y = sheet.block(unit, x, y, w, 'bold', UNIT_SIZE);
  // Decree 30: a rule from a third to half the name's length, centred under it.
  const ruleW = Math.max(Math.min(w, Math.max(...unit.split('\n').map(measure))) / 3, mm(15));
  const centre = x + w / 2;
  sheet.rule(centre - ruleW / 2, centre + ruleW / 2, y + 2);
  return y + 2;
}

/** Right: the national motto, its second line underlined across its whole width. */
function drawMotto(sheet: Sheet, x: number, w: number): number {
  const first = fittedLine(sheet, MOTTO, x, sheet.top, w, MOTTO_SIZE);
  const secondY = sheet.top + first.height;
  const second = fittedLine(sheet, MOTTO_SUB, x, secondY, w, MOTTO_SUB_SIZE);
  const mid = x + w / 2;
  const bottom = secondY + second.height;
  sheet.rule(mid - second.width / 2, mid + second.width / 2, bottom);
  return bottom;
}

/** The two-column header; "Số:" and the place-and-date line share a baseline under it. */
export function drawHeader(sheet: Sheet, header: DocumentHeader, bodySize: number) {
  const { leftX, leftW, rightX, rightW } = columns(sheet);
  const leftBottom = drawUnit(sheet, header, leftX, leftW);
  const motto = header.motto !== false;
  const rightBottom = motto ? drawMotto(sheet, rightX, rightW) : sheet.top;

  let bottom = Math.max(leftBottom, rightBottom);
  const lineY = bottom + 8;
  if (header.number !== undefined) {
    const number = clean(header.number).trim() || '……';
    sheet.line(`Số: ${number}`, leftX, lineY, leftW, 'regular', bodySize);
    bottom = Math.max(bottom, lineY + sheet.lineHeight('regular', bodySize));
  }
  if (header.place !== undefined || header.date !== undefined) {
    const text = clean(formatPlaceDate(header.place, header.date));
    const [x, w] = motto ? [rightX, rightW] : [sheet.left, sheet.width];
    bottom = Math.max(bottom, sheet.block(text, x, lineY, w, 'italic', bodySize));
  }
  sheet.doc.x = sheet.left;
  sheet.doc.y = bottom;
}
