// Folding for search: lower case, Vietnamese diacritics removed, one character for one character, so
// a match found in the folded text marks the same place in the original (the highlighted snippet).
const FOLD_CACHE = new Map<string, string>();

function foldChar(c: string): string {
  let f = FOLD_CACHE.get(c);
  if (f === undefined) {
    f = c
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'd')
      .toLowerCase();
    // Characters that fold to more or fewer than one (rare ligatures) are left as they are.
    if ([...f].length !== 1) f = c.toLowerCase().length === c.length ? c.toLowerCase() : c;
    FOLD_CACHE.set(c, f);
  }
  return f;
}

/** The text folded character by character (same length in code points, NFC input). */
export function fold(text: string): string {
  let out = '';
  for (const c of text.normalize('NFC')) out += foldChar(c);
  return out;
}

/** The query's words, folded, without the characters tsquery gives meaning to. */
export function queryWords(q: string): string[] {
  return fold(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 12);
}

/** A prefix tsquery of all words: "thu tuc dat" → "thu:* & tuc:* & dat:*" (words are letters and digits only). */
export function toTsQuery(words: readonly string[]): string {
  return words.map((w) => `${w}:*`).join(' & ');
}

export interface Snippet {
  text: string;
  /** [start, end) ranges in `text` to highlight */
  marks: [number, number][];
}

/** A window of the text around the first match of the words, with every match in it marked. */
export function snippet(text: string, words: readonly string[], width = 220): Snippet {
  const chars = [...text.normalize('NFC')];
  const folded = chars.map(foldChar).join('');
  const foldedChars = [...folded];
  // Positions in code points: the folded string has one code point per original one.
  const hits: [number, number][] = [];
  const lowered = foldedChars.join('');
  for (const w of words) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])(${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`, 'gu');
    for (const m of lowered.matchAll(re)) {
      const startUnits = (m.index ?? 0) + m[1]!.length;
      const start = [...lowered.slice(0, startUnits)].length;
      hits.push([start, start + [...w].length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0]);
  const first = hits[0]?.[0] ?? 0;
  let from = Math.max(0, first - Math.floor(width / 3));
  // Start at a word boundary.
  while (from > 0 && chars[from - 1] !== ' ') from--;
  const to = Math.min(chars.length, from + width);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < chars.length ? '…' : '';
  const body = chars.slice(from, to);
  const offset = [...prefix].length;
  const marks = hits
    .filter(([s, e]) => s >= from && e <= to)
    .map(([s, e]) => [s - from + offset, e - from + offset] as [number, number]);
  return {
    text: prefix + body.join('') + suffix,
    marks: toUnitRanges([...prefix, ...body, ...suffix], marks),
  };
}

/** Code-point ranges to UTF-16 ranges of the joined string. */
function toUnitRanges(chars: string[], ranges: [number, number][]): [number, number][] {
  const unitAt: number[] = [0];
  for (const c of chars) unitAt.push(unitAt[unitAt.length - 1]! + c.length);
  return ranges.map(([s, e]) => [unitAt[s]!, unitAt[e]!]);
}
