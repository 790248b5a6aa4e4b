// Tracking codes (PA-YYMMDD-XXXXXX, readable over the phone) and secrets of tracking links.
import { createHash, randomBytes, randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud on the hotline.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export function trackingCode(at: Date): string {
  const local = new Date(at.getTime() + 7 * 3_600_000);
  const ymd = local.toISOString().slice(2, 10).replaceAll('-', '');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `PA-${ymd}-${tail}`;
}

export const newSecret = () => randomBytes(18).toString('base64url');
export const hashSecret = (s: string) => createHash('sha256').update(s).digest('hex');
