// The receipt number of an online submission (ADR 22): the applicant's reference from the moment they
// submit until the desk accepts the dossier and issues its code. Random, not a counter, so the
// submission stays one statement without a hot sequence row; the unique index catches the rare clash.
import { randomBytes } from 'node:crypto';

// Crockford's base32 without I, L, O, U: nothing to misread on a phone screen or over the telephone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const RECEIPT_PATTERN = /^BN-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/;

/** `BN-<YYMMDD>-<8 characters>` (40 random bits): the date is the submission's local date. */
export function newReceiptNo(at: Date): string {
  const bytes = randomBytes(8);
  let tail = '';
  for (let i = 0; i < 8; i++) tail += ALPHABET[bytes[i]! & 31];
  // The date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
  const day = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
  return `BN-${day}-${tail}`;
}

/** What a citizen typed, made comparable: upper case, no spaces, O read as 0 and I/L as 1. */
export function normalizeReference(text: string): string {
  const s = text.trim().toUpperCase().replace(/\s+/g, '');
  if (!s.startsWith('BN-')) return s;
  return `BN-${s.slice(3).replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}
