// Message signing of the payment-gateway contract (docs/contracts/payment-gateway.md): every message is a
// flat object; its signature is the hex HMAC-SHA256, under the merchant's secret, of the canonical string
// (keys sorted, "key=value" joined by "&", values URI-encoded, `signature` and empty values left out).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Fields = Record<string, string | number | boolean | null | undefined>;

export function canonical(fields: Fields): string {
  return Object.keys(fields)
    .filter((k) => k !== 'signature' && fields[k] !== undefined && fields[k] !== null && fields[k] !== '')
    .sort()
    .map((k) => `${k}=${encodeURIComponent(String(fields[k]))}`)
    .join('&');
}

export function sign(secret: string, fields: Fields): string {
  return createHmac('sha256', secret).update(canonical(fields)).digest('hex');
}

export function signed<T extends Fields>(secret: string, fields: T): T & { signature: string } {
  return { ...fields, signature: sign(secret, fields) };
}

/** Constant-time comparison of the message's `signature` with the one it should carry. */
export function verify(secret: string, fields: Fields): boolean {
  const given = typeof fields.signature === 'string' ? fields.signature : '';
  const want = sign(secret, fields);
  if (!/^[0-9a-f]{64}$/.test(given)) return false;
  return timingSafeEqual(Buffer.from(given, 'hex'), Buffer.from(want, 'hex'));
}
