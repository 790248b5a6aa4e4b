// Fees and online payment end to end over real HTTP: CQS listens, the sandbox gateway (a separate
// server enforcing docs/contracts/payment-gateway.md) redirects, signs and notifies, and CQS verifies.
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../src/contracts/services.ts';
import { checkPendingPayments, type PaymentGateway } from '../../src/server/modules/payments/index.ts';
import { httpPaymentGateway } from '../../src/server/modules/payments/gateway/index.ts';
import { signed } from '../../src/server/modules/payments/gateway/signature.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfText } from '../../src/server/platform/pdf/test-support.ts';
import { type PaymentSandbox, startPaymentSandbox } from '../../src/sandbox/payment-gateway.ts';
import { agentFrom, expectError, signIn } from '../helpers/agents.ts';
import { count, expectNoChange } from '../helpers/db-state.ts';
import { registerCitizen } from '../helpers/mailbox.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from '../services/fixtures.ts';

const MERCHANT = 'CQSTEST';
const SECRET = 'test-secret-0123456789abcdef';

/** Paid with the submission: 150 000 đ, plus 10 000 đ per copy after the first, waived for the poor. */
const UPFRONT: ProcedureDefinition = {
  ...BUILDING_LIKE,
  code: '1.999201',
  name: 'Thủ tục thử nghiệm thu phí khi nộp hồ sơ',
  form: {
    schema: {
      type: 'object',
      required: ['address', 'area'],
      properties: {
        ...(BUILDING_LIKE.form.schema.properties as object),
        copies: { type: 'integer', title: 'Số bản', minimum: 1, maximum: 10 },
        poorHousehold: { type: 'boolean', title: 'Hộ nghèo' },
      },
    },
  },
  fees: [
    {
      code: 'phi_tham_dinh',
      name: 'Phí thẩm định hồ sơ',
      kind: 'fee',
      amount: 150_000,
      collect: 'at_submission',
      exemptions: [
        { when: { field: 'poorHousehold', equals: true }, percent: 100, reason: 'Hộ nghèo được miễn' },
      ],
    },
    {
      code: 'phi_ban_sao',
      name: 'Phí cấp thêm bản',
      kind: 'fee',
      amount: 10_000,
      rule: { kind: 'per_unit', field: 'copies', free: 1 },
      collect: 'at_submission',
    },
    { code: 'le_phi', name: 'Lệ phí cấp giấy phép', kind: 'charge', amount: 75_000 },
  ],
};

let t: TestPlatform;
let sandbox: PaymentSandbox;
let gateway: PaymentGateway;
let centreId: string;
let citizen: Agent;
let otherCitizen: Agent;
let desk: Agent;
let otherDesk: Agent;
let specialist: Agent;
const db = () => t.platform.deps.db;

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

beforeAll(async () => {
  sandbox = await startPaymentSandbox({ merchants: { [MERCHANT]: SECRET }, ipnAttempts: 1 });
  gateway = httpPaymentGateway({ url: sandbox.url, merchantId: MERCHANT, secret: SECRET, sandbox: true });
  const port = await freePort();
  t = await startTestPlatform({
    env: {
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      PAYMENT_GATEWAY_URL: sandbox.url,
      PAYMENT_MERCHANT_ID: MERCHANT,
      PAYMENT_SECRET: SECRET,
    },
  });
  await t.platform.app.listen({ port, host: '127.0.0.1' });
  const [centre] = await queryRows<{ id: string }>(
    db(),
    sql`select id from id_agencies where code = '000.00.30.H29'`,
  );
  centreId = centre!.id;
  const roles = (await queryRows<{ code: string }>(db(), sql`select code from id_roles`)).map((r) => r.code);
  for (const definition of [BUILDING_LIKE, UPFRONT])
    await db().transaction((tx) =>
      publishProcedure(
        tx,
        systemContext('test'),
        { definition, agencies: [{ agencyId: centreId, serviceLevel: 'full' }] },
        roles,
      ),
    );
  citizen = await signIn(t, 'congdan@cqs.demo');
  desk = await signIn(t, 'motcua.ttpvhcc@cqs.demo');
  otherDesk = await signIn(t, 'motcua.thudaumot@cqs.demo');
  specialist = await signIn(t, 'chuyenvien.xaydung@cqs.demo');
  ({ agent: otherCitizen } = await registerCitizen(t, agentFrom(t), {
    fullName: 'Trần Văn Khác',
    email: 'tran.van.khac@example.vn',
    password: DEMO_PASSWORD,
  }));
});
afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

async function submit(procedureCode: string, formData: Record<string, unknown>): Promise<string> {
  const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
  const fileId = (await citizen.post('/api/files', body, { 'content-type': contentType })).json().id;
  const res = await citizen.post('/api/dossiers', {
    procedureCode,
    channel: 'online',
    agencyId: centreId,
    applicant: { type: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' },
    formData: { address: 'Số 5 đường Yersin', area: 80, ...formData },
    components: [{ componentKey: 'don', fileId }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

interface RequestJson {
  id: string;
  reference: string;
  amount: number;
  status: string;
  payment: { id: string; channel: string; receiptNo: string } | null;
}
const paymentsOf = async (a: Agent, dossierId: string) => {
  const res = await a.get(`/api/dossiers/${dossierId}/payments`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    quote: { total: number; atSubmission: number; onRequest: number };
    requests: RequestJson[];
    sandbox: boolean;
    mayPayOnline: boolean;
    mayRecordCounter: boolean;
  };
};

/** The payer's side: open the gateway's page, press "pay"; the sandbox notifies CQS, then redirects. */
async function payAtSandbox(requestId: string): Promise<string> {
  const start = await citizen.post(`/api/payments/requests/${requestId}/pay-online`, {});
  expect(start.statusCode, start.body).toBe(200);
  const { payUrl } = start.json() as { payUrl: string };
  expect(payUrl.startsWith(sandbox.url)).toBe(true);
  const page = await fetch(payUrl);
  expect(await page.text()).toContain('Môi trường thử nghiệm');
  const paid = await fetch(payUrl, {
    method: 'POST',
    body: new URLSearchParams({ action: 'pay' }),
    redirect: 'manual',
  });
  expect(paid.status).toBe(303);
  return paid.headers.get('location')!;
}

const sandboxControl = async (reference: string, action: 'settle' | 'notify', body: object) => {
  const res = await fetch(`${sandbox.url}/_sandbox/payments/${reference}/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { deliveries: { httpStatus: number; answer: { code: string } }[] };
};

describe('fees', () => {
  it('quotes a procedure before submission from the e-form answers (public)', async () => {
    const anon = agentFrom(t);
    const q = await anon.post('/api/payments/quote', {
      procedureCode: UPFRONT.code,
      formData: { copies: 3 },
    });
    expect(q.statusCode, q.body).toBe(200);
    expect(q.json()).toMatchObject({ total: 245_000, atSubmission: 170_000, onRequest: 75_000 });
    const poor = await anon.post('/api/payments/quote', {
      procedureCode: UPFRONT.code,
      formData: { copies: 1, poorHousehold: true },
    });
    expect(poor.json()).toMatchObject({ atSubmission: 0 });
    expect(
      (await anon.post('/api/payments/quote', { procedureCode: '9.999999', formData: {} })).statusCode,
    ).toBe(404);
  });

  it('opens no request when the exemption waives what is due at submission', async () => {
    const id = await submit(UPFRONT.code, { copies: 1, poorHousehold: true });
    expect((await paymentsOf(citizen, id)).requests).toEqual([]);
  });
});

describe('online payment through the sandbox gateway', () => {
  let dossierId: string;
  let request: RequestJson;

  beforeAll(async () => {
    dossierId = await submit(UPFRONT.code, { copies: 2 });
    const view = await paymentsOf(citizen, dossierId);
    expect(view.sandbox).toBe(true);
    expect(view.mayPayOnline).toBe(true);
    expect(view.requests).toHaveLength(1);
    request = view.requests[0]!;
  });

  it('opens a request with a unique reference for what is due at submission', async () => {
    expect(request).toMatchObject({ amount: 160_000, status: 'pending', payment: null });
    expect(request.reference).toMatch(/^LP\d{6}[2-9A-HJ-NP-Z]{8}$/);
  });

  it("a citizen cannot pay or see another citizen's request; an officer of another agency cannot see it", async () => {
    await expectNoChange(db(), async () => {
      expect(
        (await otherCitizen.post(`/api/payments/requests/${request.id}/pay-online`, {})).statusCode,
      ).toBe(404);
      expect((await otherCitizen.get(`/api/dossiers/${dossierId}/payments`)).statusCode).toBe(404);
      expect((await otherCitizen.post(`/api/payments/requests/${request.id}/refresh`, {})).statusCode).toBe(
        404,
      );
      expect((await otherDesk.get(`/api/dossiers/${dossierId}/payments`)).statusCode).toBe(404);
      const counter = await otherDesk.post(`/api/payments/requests/${request.id}/counter`, {
        method: 'cash',
        amount: 160_000,
      });
      expect(counter.statusCode).toBe(404);
      // The desk that may read it is not the payer: it cannot start an online payment.
      expect((await desk.post(`/api/payments/requests/${request.id}/pay-online`, {})).statusCode).toBe(403);
    }, ['payment_requests', 'payments', 'audit']);
  });

  it('pays, returns to the dossier page, records an online payment once, and issues the receipt', async () => {
    const back = await payAtSandbox(request.id);
    expect(back).toContain(`/ho-so-cua-toi/${dossierId}?thanh-toan=${request.reference}`);
    const view = await paymentsOf(citizen, dossierId);
    const paid = view.requests[0]!;
    expect(paid.status).toBe('paid');
    expect(paid.payment).toMatchObject({ channel: 'online' });
    // The 766 online-payment component counts it once the dossier is received: a fee paid with the
    // submission, not only an obligation.
    expect((await desk.post(`/api/dossiers/${dossierId}/accept`, {})).statusCode).toBe(200);
    const [fact] = await queryRows<{ paid_online: boolean }>(
      db(),
      sql`select paid_online from stats_dossier_facts where dossier_id = ${dossierId}`,
    );
    expect(fact?.paid_online).toBe(true);
    const [online] = await queryRows<{ n: number; amount: number }>(
      db(),
      sql`select count(*)::int as n, sum(amount)::int as amount from pay_payments where dossier_id = ${dossierId} and channel = 'online'`,
    );
    expect(online).toEqual({ n: 1, amount: 160_000 });

    const receipt = await citizen.get(`/api/payments/${paid.payment!.id}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(receipt.rawPayload);
    for (const expected of [
      'BIÊN LAI THU PHÍ, LỆ PHÍ',
      'Phí thẩm định hồ sơ',
      'Phí cấp thêm bản',
      'Một trăm sáu mươi nghìn đồng',
      '160.000 đồng',
      request.reference,
      'Nguyễn Thị Hồng Nhung',
      'MÔI TRƯỜNG THỬ NGHIỆM',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(expected);
    expect((await otherCitizen.get(`/api/payments/${paid.payment!.id}/receipt`)).statusCode).toBe(404);
  });

  it('the same IPN delivered twice changes nothing', async () => {
    const before = await count(db(), 'audit_log', sql`action = 'payment.record'`);
    const notified = await sandboxControl(request.reference, 'notify', { times: 2 });
    expect(notified.deliveries.map((d) => d.answer.code)).toEqual(['02', '02']);
    expect(await count(db(), 'pay_payments', sql`dossier_id = ${dossierId}`)).toBe(1);
    expect(await count(db(), 'audit_log', sql`action = 'payment.record'`)).toBe(before);
  });

  it('a "failed" notice after the payment (out of order) changes nothing', async () => {
    const late = signed(SECRET, {
      merchantId: MERCHANT,
      reference: request.reference,
      amount: 160_000,
      status: 'failed',
      timestamp: Date.now(),
    });
    const res = await agentFrom(t).post('/api/payments/ipn', late);
    expect(res.json()).toEqual({ code: '00', message: 'Noted' });
    expect((await paymentsOf(citizen, dossierId)).requests[0]!.status).toBe('paid');
  });
});

describe('refused notifications', () => {
  it('refuses a body that is not a flat notice, changing nothing', async () => {
    await expectNoChange(db(), async () => {
      const nested = await agentFrom(t).post('/api/payments/ipn', { reference: { $ne: null } });
      expect(nested.statusCode).toBe(400);
      const wide = Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, i]));
      expect((await agentFrom(t).post('/api/payments/ipn', wide)).statusCode).toBe(400);
    }, ['payment_requests', 'payments', 'audit']);
  });

  it('refuses a tampered signature; the pending-request job later applies what the gateway says', async () => {
    const id = await submit(UPFRONT.code, { copies: 1 });
    const [r] = (await paymentsOf(citizen, id)).requests;
    expect((await citizen.post(`/api/payments/requests/${r!.id}/pay-online`, {})).statusCode).toBe(200);
    const settled = await sandboxControl(r!.reference, 'settle', { tamper: true });
    expect(settled.deliveries[0]!.answer.code).toBe('97');
    expect((await paymentsOf(citizen, id)).requests[0]!.status).toBe('pending');
    const [notice] = await queryRows<{ outcome: string }>(
      db(),
      sql`select outcome from pay_gateway_notices where reference = ${r!.reference} order by received_at desc limit 1`,
    );
    expect(notice!.outcome).toBe('rejected_signature');
    // The IPN is lost: the job asks the gateway and records the payment (once, however often it runs).
    expect(await checkPendingPayments(db(), gateway, t.platform.deps.log)).toBeGreaterThanOrEqual(1);
    expect(await checkPendingPayments(db(), gateway, t.platform.deps.log)).toBe(0);
    expect((await paymentsOf(citizen, id)).requests[0]!.status).toBe('paid');
  });

  it('refuses an amount that is not the requested one, and one forged with another key', async () => {
    const id = await submit(UPFRONT.code, { copies: 1 });
    const [r] = (await paymentsOf(citizen, id)).requests;
    expect((await citizen.post(`/api/payments/requests/${r!.id}/pay-online`, {})).statusCode).toBe(200);
    const settled = await sandboxControl(r!.reference, 'settle', { amount: 1_000 });
    expect(settled.deliveries[0]!.answer.code).toBe('04');
    const forged = signed('someone-elses-secret-000000', {
      merchantId: MERCHANT,
      reference: r!.reference,
      transactionId: 'TFORGED',
      amount: r!.amount,
      status: 'paid',
      timestamp: Date.now(),
    });
    expect((await agentFrom(t).post('/api/payments/ipn', forged)).json().code).toBe('97');
    expect((await paymentsOf(citizen, id)).requests[0]!.status).toBe('pending');
    expect(await count(db(), 'pay_payments', sql`dossier_id = ${id}`)).toBe(0);
    expect(
      await count(db(), 'audit_log', sql`action = 'payment.amount_mismatch' and target_id = ${r!.id}`),
    ).toBe(1);
  });
});

describe('fees gate acceptance (issue 11, item 11)', () => {
  it('the desk cannot accept while the submission fee is unpaid, says why, and accepts once it is recorded', async () => {
    const id = await submit(UPFRONT.code, { copies: 1 });
    const refused = await desk.post(`/api/dossiers/${id}/accept`, {});
    const error = expectError(refused, 409, 'fee_unpaid');
    const view = await paymentsOf(citizen, id);
    const submission = view.requests.find((r) => r.amount === 150_000)!;
    expect(error.message).toContain('150.000 đồng');
    expect(error.message).toContain(submission.reference);
    // The dossier page says so on the action, with nothing changed.
    const page = (await desk.get(`/api/dossiers/${id}`)).json() as {
      status: number;
      actions: { kind: string; blocked: string | null }[];
    };
    expect(page.status).toBe(1);
    expect(page.actions.find((a) => a.kind === 'accept')?.blocked).toMatch(
      /^Chưa tiếp nhận được: còn 150\.000 đồng/,
    );
    expect(page.actions.find((a) => a.kind === 'refuse')?.blocked).toBeNull();

    const paid = await desk.post(`/api/payments/requests/${submission.id}/counter`, {
      method: 'cash',
      amount: 150_000,
    });
    expect(paid.statusCode, paid.body).toBe(200);
    expect((await desk.post(`/api/dossiers/${id}/accept`, {})).statusCode).toBe(200);
    // An obligation asked for later pauses the dossier until it is paid.
    const asked = await specialist.post(`/api/dossiers/${id}/request-payment`, {
      amount: 75_000,
      description: 'Lệ phí cấp giấy phép',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const obligation = (await paymentsOf(citizen, id)).requests.find((r) => r.amount === 75_000)!;
    await payAtSandbox(obligation.id);
    const [after] = await queryRows<{ status: number }>(
      db(),
      sql`select status from svc_dossiers where id = ${id}`,
    );
    expect(after!.status).toBe(4);
  });
});

describe('fees at counter intake (issue 11, item 11)', () => {
  const counterBody = (feePayment?: 'cash' | 'bank_transfer') => ({
    procedureCode: UPFRONT.code,
    channel: 'counter',
    agencyId: centreId,
    applicant: { type: 'citizen', fullName: 'Lê Văn Quầy', phone: '0987654321' },
    formData: { address: 'Số 7 đường Yersin', area: 80, copies: 1 },
    ...(feePayment ? { feePayment } : {}),
  });

  it('refuses the intake, naming the amount, until the desk says how the fees were taken; nothing is stored', async () => {
    const count = async () =>
      (
        (await queryRows<{ n: number }>(
          db(),
          sql`select count(*)::int as n from svc_dossiers where applicant->>'fullName' = 'Lê Văn Quầy'`,
        )) as [{ n: number }]
      )[0].n;
    const refused = await desk.post('/api/dossiers', counterBody());
    const error = expectError(refused, 400, 'validation');
    expect(error.fields).toContainEqual(
      expect.objectContaining({
        field: 'body.feePayment',
        message: expect.stringContaining('150.000 đồng'),
      }),
    );
    expect(await count()).toBe(0);

    const taken = await desk.post('/api/dossiers', counterBody('cash'));
    expect(taken.statusCode, taken.body).toBe(200);
    const { id, code } = taken.json() as { id: string; code: string | null };
    expect(code).not.toBeNull();
    const view = await paymentsOf(desk, id);
    expect(view.requests).toEqual([
      expect.objectContaining({
        amount: 150_000,
        status: 'paid',
        payment: expect.objectContaining({ channel: 'counter' }),
      }),
    ]);
    expect(await count()).toBe(1);
  });
});

describe('a dossier that ends before the money arrives', () => {
  it('cancels the open request; money arriving later is recorded but flagged for a refund', async () => {
    const id = await submit(UPFRONT.code, { copies: 1 });
    const [r] = (await paymentsOf(citizen, id)).requests;
    expect((await citizen.post(`/api/payments/requests/${r!.id}/pay-online`, {})).statusCode).toBe(200);
    expect((await citizen.post(`/api/dossiers/${id}/withdraw`, {})).statusCode).toBe(200);
    expect((await paymentsOf(citizen, id)).requests[0]!.status).toBe('cancelled');
    const settled = await sandboxControl(r!.reference, 'settle', {});
    expect(settled.deliveries[0]!.answer.code).toBe('00');
    const after = (await paymentsOf(citizen, id)).requests[0]!;
    expect(after.status).toBe('cancelled');
    expect(after.payment).toMatchObject({ channel: 'online' });
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const admin = await signIn(t, 'admin@cqs.demo');
    const report = (await admin.get(`/api/payments/reconciliation?from=${today}&to=${today}`)).json();
    expect(report.rows).toContainEqual(
      expect.objectContaining({ outcome: 'paid_after_cancellation', reference: r!.reference }),
    );
  });
});

describe('financial obligation (status 6)', () => {
  async function inObligation(): Promise<{ id: string; request: RequestJson }> {
    const id = await submit(BUILDING_LIKE.code, {});
    expect((await desk.post(`/api/dossiers/${id}/accept`, {})).statusCode).toBe(200);
    const res = await specialist.post(`/api/dossiers/${id}/request-payment`, {
      amount: 75_000,
      description: 'Lệ phí cấp giấy phép',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = await paymentsOf(citizen, id);
    expect(view.requests).toHaveLength(1);
    expect(view.requests[0]).toMatchObject({ amount: 75_000, status: 'pending' });
    return { id, request: view.requests[0]! };
  }
  const status = async (id: string) =>
    (await queryRows<{ status: number }>(db(), sql`select status from svc_dossiers where id = ${id}`))[0]!
      .status;

  it('paid online: the dossier goes back to processing (6 → 4) with the reference on its timeline', async () => {
    const { id, request } = await inObligation();
    expect(await status(id)).toBe(6);
    await payAtSandbox(request.id);
    expect(await status(id)).toBe(4);
    const [event] = await queryRows<{ data: { method: string; reference: string } }>(
      db(),
      sql`select data from svc_dossier_events where dossier_id = ${id} and action = 'confirm_payment'`,
    );
    expect(event!.data).toEqual({ method: 'online', reference: request.reference });
  });

  it('paid at the counter: only the desk of its agency records it, for the exact amount', async () => {
    const { id, request } = await inObligation();
    expect(
      (await citizen.post(`/api/payments/requests/${request.id}/counter`, { method: 'cash', amount: 75_000 }))
        .statusCode,
    ).toBe(403);
    await expectError(
      await desk.post(`/api/payments/requests/${request.id}/counter`, { method: 'cash', amount: 70_000 }),
      422,
      'payment_amount_mismatch',
    );
    const ok = await desk.post(`/api/payments/requests/${request.id}/counter`, {
      method: 'cash',
      amount: 75_000,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ channel: 'counter', method: 'cash', recordedBy: 'Lê Hoàng Nam' });
    expect(await status(id)).toBe(4);
    await expectError(
      await desk.post(`/api/payments/requests/${request.id}/counter`, { method: 'cash', amount: 75_000 }),
      409,
      'invalid_state',
    );
    const receipt = await desk.get(`/api/payments/${ok.json().id}/receipt`);
    expect(await pdfText(receipt.rawPayload)).toContain('Tiền mặt tại Bộ phận Một cửa');
  });

  it('the existing confirm-payment command records the counter payment against the open request', async () => {
    const { id, request } = await inObligation();
    await expectError(
      await specialist.post(`/api/dossiers/${id}/confirm-payment`, { method: 'online' }),
      409,
      'payment_not_received',
    );
    const ok = await specialist.post(`/api/dossiers/${id}/confirm-payment`, {
      method: 'bank_transfer',
      reference: 'FT1',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const view = await paymentsOf(citizen, id);
    expect(view.requests[0]!.id).toBe(request.id);
    expect(view.requests[0]!.payment).toMatchObject({ channel: 'counter', method: 'bank_transfer' });
  });
});

describe('reconciliation', () => {
  it('sorts requests against gateway payments; JSON and CSV; finance staff see their agency only', async () => {
    // unpaid: a request never paid; a stray payment at the gateway with no request behind it
    await submit(UPFRONT.code, { copies: 1 });
    const stray = await fetch(`${sandbox.url}/_sandbox/transactions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'LPSTRAY0001', amount: 50_000 }),
    });
    expect(stray.status).toBe(201);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const admin = await signIn(t, 'admin@cqs.demo');
    const res = await admin.get(`/api/payments/reconciliation?from=${today}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as {
      counts: Record<string, number>;
      rows: { outcome: string; reference: string }[];
    };
    expect(report.counts.matched).toBeGreaterThanOrEqual(3);
    expect(report.counts.unpaid).toBeGreaterThanOrEqual(1);
    expect(report.counts.paid_at_counter).toBeGreaterThanOrEqual(2);
    expect(report.rows).toContainEqual(
      expect.objectContaining({ outcome: 'payment_without_request', reference: 'LPSTRAY0001' }),
    );
    expect(report.counts.amount_mismatch).toBe(0);

    const csv = await admin.get(`/api/payments/reconciliation?from=${today}&to=${today}&format=csv`);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"Kết quả đối soát","Mã thanh toán"');
    expect(csv.body).toContain('"Giao dịch không có yêu cầu","LPSTRAY0001"');

    const finance = await signIn(t, 'ketoan.ttpvhcc@cqs.demo');
    const scoped = (await finance.get(`/api/payments/reconciliation?from=${today}&to=${today}`)).json();
    expect(scoped.rows.length).toBeGreaterThan(0);
    expect(scoped.rows.map((r: { reference: string }) => r.reference)).not.toContain('LPSTRAY0001');
    expect((await desk.get(`/api/payments/reconciliation?from=${today}&to=${today}`)).statusCode).toBe(403);
    expect((await citizen.get(`/api/payments/reconciliation?from=${today}&to=${today}`)).statusCode).toBe(
      403,
    );
    await expectError(
      await admin.get(`/api/payments/reconciliation?from=2026-12-02&to=2026-12-01`),
      400,
      'validation',
    );
  });
});
