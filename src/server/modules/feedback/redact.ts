// Redaction of personal data in text the public will read: phone numbers, ID numbers, licence plates,
// e-mail addresses and names introduced by a title or a reporter's own words. Faces in photos are not
// detected: the operator confirms photos. The operator sees and may correct the result before publishing.

export const REDACTED = '[đã ẩn]';

interface Rule {
  kind: 'email' | 'plate' | 'id_number' | 'phone' | 'name';
  pattern: RegExp;
}

// Vietnamese name words: capitalised syllables (with diacritics) in a row.
const NAME_WORD = '\\p{Lu}[\\p{Ll}\\p{M}]*';
const NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){1,4}`;
// Words that introduce a person's name; what follows them is hidden.
const NAME_CUES = [
  'ông',
  'bà',
  'anh',
  'chị',
  'em',
  'cô',
  'chú',
  'bác',
  'cháu',
  'tôi là',
  'tên là',
  'tên tôi là',
  'họ tên',
  'gia đình',
  'hộ',
  'Mr\\.?',
  'Mrs\\.?',
  'Ms\\.?',
  'my name is',
];

const bothCases = (cue: string) => [cue, cue.charAt(0).toUpperCase() + cue.slice(1)];

const RULES: Rule[] = [
  { kind: 'email', pattern: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu },
  // Licence plates: 61A-123.45, 51F 12345, 61-B1 234.56, 59X1-123.45
  { kind: 'plate', pattern: /\b\d{2}\s?-?\s?[A-Z]{1,2}\d?\s?-?\s?\d{3}\.?\d{2}\b/gu },
  // Phones before ID numbers (a phone's last nine digits look like an old ID): 0912345678, +84 912 345 678
  { kind: 'phone', pattern: /(?:\+84|\b0)(?:[\s.-]?\d){8,10}\b/gu },
  // Citizen ID (12 digits), old ID (9 digits), written with or without spaces.
  { kind: 'id_number', pattern: /\b\d{3}[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{3})?\b/gu },
  {
    kind: 'name',
    pattern: new RegExp(`(?<=(?:^|[^\\p{L}])(?:${NAME_CUES.flatMap(bothCases).join('|')})\\s+)${NAME}`, 'gu'),
  },
];

export interface Redaction {
  text: string;
  found: Rule['kind'][];
}

/** Replaces personal data with a marker; idempotent (redacting twice changes nothing more). */
export function redact(input: string): Redaction {
  let text = input;
  const found: Rule['kind'][] = [];
  for (const rule of RULES) {
    text = text.replace(rule.pattern, () => {
      found.push(rule.kind);
      return REDACTED;
    });
  }
  return { text, found };
}
