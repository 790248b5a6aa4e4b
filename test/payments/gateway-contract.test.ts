// The gateway contract itself (docs/contracts/payment-gateway.md), checked against the sandbox server:
// the signature is the documented HMAC of the documented canonical string, and the server refuses what
// the contract refuses. The CQS client's behaviour on those answers is checked too.
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPaymentGateway } from '../../src/server/modules/payments/gateway/index.ts';
import { canonical, signed } from '../../src/server/modules/payments/gateway/signature.ts';
import { ConfigError, loadConfig } from '../../src/server/platform/config.ts';
import { type PaymentSandbox, startPaymentSandbox } from '../../src/sandbox/payment-gateway.ts';

const SECRET = 'contract-secret-0123456789';
let sandbox: PaymentSandbox;
beforeAll(async () => {
  sandbox = await startPaymentSandbox({ merchants: { CQSDEMO: SECRET }, ipnAttempts: 1 });
});
afterAll(() => sandbox.close());

const create = (body: Record<string, unknown>) =>
  fetch(`${sandbox.url}/v1/payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
const valid = (over: Record<string, unknown> = {}) => ({
  merchantId: 'CQSDEMO',
  reference: 'LP261126ABCDEFGH',
  amount: 75_000,
  currency: 'VND',
  description: 'Lệ phí cấp giấy phép',
  returnUrl: 'http://127.0.0.1:9/back',
  ipnUrl: 'http://127.0.0.1:9/ipn',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  timestamp: Date.now(),
  ...over,
});

describe('signature', () => {
  it('is the hex HMAC-SHA256 of the documented canonical string', () => {
    const fields = {
      reference: 'LP261126ABCDEFGH',
      merchantId: 'CQSDEMO',
      amount: 75000,
      timestamp: 1764143999000,
    };
    expect(canonical({ ...fields, signature: 'x', empty: '' })).toBe(
      'amount=75000&merchantId=CQSDEMO&reference=LP261126ABCDEFGH&timestamp=1764143999000',
    );
    const byHand = createHmac('sha256', SECRET)
      .update('amount=75000&merchantId=CQSDEMO&reference=LP261126ABCDEFGH&timestamp=1764143999000')
      .digest('hex');
    expect(signed(SECRET, fields).signature).toBe(byHand);
    expect(canonical({ description: 'Lệ phí & phí' })).toBe(
      'description=L%E1%BB%87%20ph%C3%AD%20%26%20ph%C3%AD',
    );
  });
});

describe('the sandbox enforces the contract', () => {
  it('creates once per reference; the same amount again is idempotent, another amount a conflict', async () => {
    const first = await create(signed(SECRET, valid()));
    expect(first.status).toBe(201);
    const again = await create(signed(SECRET, valid()));
    expect(again.status).toBe(200);
    expect((await again.json()).paymentId).toBe((await first.json()).paymentId);
    const other = await create(signed(SECRET, valid({ amount: 80_000 })));
    expect(other.status).toBe(409);
    expect((await other.json()).code).toBe('reference_conflict');
  });

  it('refuses a wrong signature, an unknown merchant and a stale timestamp', async () => {
    const wrong = signed('another-secret-000000000', valid({ reference: 'LP261126AAAAAAAA' }));
    expect((await (await create(wrong)).json()).code).toBe('invalid_signature');
    const unknown = signed(SECRET, valid({ merchantId: 'NOBODY' }));
    expect((await (await create(unknown)).json()).code).toBe('unknown_merchant');
    const stale = signed(SECRET, valid({ timestamp: Date.now() - 10 * 60_000 }));
    expect((await (await create(stale)).json()).code).toBe('stale_request');
  });

  it('names every broken rule of a create request', async () => {
    const res = await create(
      signed(SECRET, valid({ amount: 12.5, currency: 'USD', reference: 'lp-1', description: 'x' })),
    );
    expect(res.status).toBe(400);
    const { message } = await res.json();
    for (const rule of ['amount', 'currency', 'reference', 'description']) expect(message).toContain(rule);
  });
});

describe('the CQS client', () => {
  const client = (secret = SECRET) =>
    httpPaymentGateway({ url: sandbox.url, merchantId: 'CQSDEMO', secret, sandbox: true });

  it('creates, queries and verifies notices; an unknown reference is null', async () => {
    const c = client();
    const made = await c.createPayment({
      reference: 'LP261126CLIENT22',
      amount: 20_000,
      description: 'Phí chứng thực',
      returnUrl: 'http://127.0.0.1:9/back',
      ipnUrl: 'http://127.0.0.1:9/ipn',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    expect(made.payUrl).toBe(`${sandbox.url}/pay/${made.paymentId}`);
    expect(await c.queryPayment('LP261126CLIENT22')).toMatchObject({ status: 'pending', amount: 20_000 });
    expect(await c.queryPayment('LP261126NOTHERE2')).toBeNull();
    const notice = signed(SECRET, {
      merchantId: 'CQSDEMO',
      reference: 'R',
      amount: 1,
      status: 'paid',
      timestamp: 1,
    });
    expect(c.verifyNotice(notice)).toMatchObject({ reference: 'R', status: 'paid' });
    expect(c.verifyNotice({ ...notice, amount: 2 })).toBeNull();
    expect(c.verifyNotice({ ...notice, nested: { a: 1 } })).toBeNull();
  });

  it('does not believe answers signed with another key, and says the gateway is unavailable when it is down', async () => {
    await expect(client('not-the-merchant-secret-0').queryPayment('LP261126CLIENT22')).rejects.toMatchObject({
      code: 'payment_gateway_unavailable',
    });
    const down = httpPaymentGateway({
      url: 'http://127.0.0.1:9',
      merchantId: 'CQSDEMO',
      secret: SECRET,
      sandbox: true,
    });
    await expect(down.queryPayment('LP261126CLIENT22')).rejects.toMatchObject({
      code: 'payment_gateway_unavailable',
    });
  });
});

describe('configuration', () => {
  it('wants all three payment settings or none, and labels a gateway as a sandbox unless told otherwise', () => {
    expect(() => loadConfig({ DATA_DIR: '/tmp', PAYMENT_GATEWAY_URL: 'http://127.0.0.1:8190' })).toThrow(
      ConfigError,
    );
    const all = {
      DATA_DIR: '/tmp',
      PAYMENT_GATEWAY_URL: 'http://127.0.0.1:8190/',
      PAYMENT_MERCHANT_ID: 'CQSDEMO',
      PAYMENT_SECRET: SECRET,
    };
    expect(loadConfig(all).payments).toEqual({
      url: 'http://127.0.0.1:8190',
      merchantId: 'CQSDEMO',
      secret: SECRET,
      sandbox: true,
    });
    expect(loadConfig({ ...all, PAYMENT_GATEWAY_SANDBOX: 'false' }).payments?.sandbox).toBe(false);
    expect(loadConfig({ DATA_DIR: '/tmp' }).payments).toBeUndefined();
  });
});
