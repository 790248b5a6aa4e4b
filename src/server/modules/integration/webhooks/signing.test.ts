import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sign, verify } from './signing.ts';

describe('webhook signatures', () => {
  const secret = 'whsec_test';
  const body = '{"id":"evt_1_s","type":"dossier.status_changed"}';
  const ts = 1_795_680_000;

  it('is v1= hex HMAC-SHA256 over "<timestamp>.<body>", as the contract documents', () => {
    const expected = createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex');
    expect(sign(secret, ts, body)).toBe(`v1=${expected}`);
  });

  it('verifies the right signature within the tolerance, and nothing else', () => {
    const signature = sign(secret, ts, body);
    expect(verify(secret, { timestamp: String(ts), signature }, body, 300, ts + 299)).toBe(true);
    expect(verify(secret, { timestamp: String(ts), signature }, body, 300, ts + 301)).toBe(false);
    expect(verify('other', { timestamp: String(ts), signature }, body, 300, ts)).toBe(false);
    expect(verify(secret, { timestamp: String(ts), signature }, `${body} `, 300, ts)).toBe(false);
    expect(verify(secret, { timestamp: String(ts + 1), signature }, body, 300, ts)).toBe(false);
    expect(verify(secret, { timestamp: 'x', signature }, body, 300, ts)).toBe(false);
    expect(verify(secret, { timestamp: String(ts), signature: undefined }, body, 300, ts)).toBe(false);
  });
});
