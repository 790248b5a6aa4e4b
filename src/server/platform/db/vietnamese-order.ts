// Vietnamese alphabetical order inside the database, for lists that are paged there (a page cannot be
// sorted after it is cut). PostgreSQL's "C" collation (PGlite's only one) orders bytes: "Bình" before
// "Bến", "Đ" after "Z"; an ICU "vi" collation is not available on PGlite. So a stored, generated sort
// key does what Intl.Collator('vi') does (src/contracts/collation.ts), compared under "C":
//   primary:   each letter replaced by its place in the Vietnamese alphabet (a ă â b c d đ e ê …),
//              case and tone ignored; digits, spaces and punctuation keep their code (they sort first);
//   secondary: the tone of each vowel (none, huyền, hỏi, ngã, sắc, nặng), case still ignored.
// Only translate() is used, so the expression is immutable and fits a generated column.
import { type SQL, sql } from 'drizzle-orm';

const TONED = (base: string, tones: string) => base + tones;
/** Each letter of the alphabet in order, with its toned forms (none, huyền, hỏi, ngã, sắc, nặng) for vowels. */
const ALPHABET: string[] = [
  TONED('a', 'àảãáạ'),
  TONED('ă', 'ằẳẵắặ'),
  TONED('â', 'ầẩẫấậ'),
  'b',
  'c',
  'd',
  'đ',
  TONED('e', 'èẻẽéẹ'),
  TONED('ê', 'ềểễếệ'),
  'f',
  'g',
  'h',
  TONED('i', 'ìỉĩíị'),
  'j',
  'k',
  'l',
  'm',
  'n',
  TONED('o', 'òỏõóọ'),
  TONED('ô', 'ồổỗốộ'),
  TONED('ơ', 'ờởỡớợ'),
  'p',
  'q',
  'r',
  's',
  't',
  TONED('u', 'ùủũúụ'),
  TONED('ư', 'ừửữứự'),
  'v',
  'w',
  'x',
  TONED('y', 'ỳỷỹýỵ'),
  'z',
];

/** The letters' places: code points from U+2460, above every digit and punctuation mark. */
const PLACE_BASE = 0x2460;

function translations() {
  let from = '';
  let primary = '';
  let secondary = '';
  ALPHABET.forEach((forms, place) => {
    const placeChar = String.fromCodePoint(PLACE_BASE + place);
    [...forms].forEach((lower, tone) => {
      for (const form of new Set([lower, lower.toUpperCase()])) {
        from += form;
        primary += placeChar;
        // Consonants keep their lower-case letter, so case never decides before a tone does.
        secondary += forms.length > 1 ? String(tone) : lower;
      }
    });
  });
  return { from, primary, secondary };
}

const { from, primary, secondary } = translations();

/** The sort key of a text column, for a generated column compared with `collate "C"`. */
export function vietnameseSortKey(column: SQL | string): SQL {
  const col = typeof column === 'string' ? sql.identifier(column) : column;
  return sql`translate(${col}, '${sql.raw(from)}', '${sql.raw(primary)}') || chr(1) || translate(${col}, '${sql.raw(from)}', '${sql.raw(secondary)}')`;
}

/** The same key computed here, for tests that compare the database's order with Intl.Collator('vi'). */
export function vietnameseSortKeyOf(text: string): string {
  const map = (to: string) => {
    const targets = [...to];
    const table = new Map([...from].map((c, i) => [c, targets[i]!] as const));
    return [...text].map((c) => table.get(c) ?? c).join('');
  };
  return `${map(primary)}\u0001${map(secondary)}`;
}
