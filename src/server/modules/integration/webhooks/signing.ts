// Webhook signatures (docs/contracts/webhooks.md): HMAC-SHA256 over "<timestamp>.<body>" with the
// subscription's secret, hex, sent as "v1=<hex>" with the timestamp in its own header.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const HEADERS = {
  id: 'x-cqs-event-id',
  type: 'x-cqs-event-type',
  timestamp: 'x-cqs-timestamp',
  signature: 'x-cqs-signature',
} as const;

export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute, compare in constant time, refuse stale timestamps (replays). */
export function verify(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  body: string,
  toleranceS = 300,
  nowS = Math.floor(Date.now() / 1000),
): boolean {
  const ts = Number(headers.timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowS - ts) > toleranceS || !headers.signature) return false;
  const expected = Buffer.from(sign(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
