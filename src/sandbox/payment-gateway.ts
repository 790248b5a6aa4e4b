// The sandbox payment gateway (môi trường thử nghiệm): a separate HTTP server that implements and enforces
// docs/contracts/payment-gateway.md, for development and tests. No real money moves. Start it with
// `npm run sandbox:payments` (PORT, SANDBOX_MERCHANTS="merchantId:secret,…"); tests start it in-process.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Fields, signed, verify } from '../server/modules/payments/index.ts';

type Status = 'pending' | 'paid' | 'failed' | 'expired';

interface SandboxPayment {
  paymentId: string;
  merchantId: string;
  reference: string;
  amount: number;
  description: string;
  returnUrl: string;
  ipnUrl: string;
  expiresAt: string;
  status: Status;
  transactionId: string | null;
  paidAt: string | null;
  createdAt: string;
}

/** One IPN delivery attempt, as the sandbox saw it (GET /_sandbox/notifications). */
export interface Delivery {
  reference: string;
  body: Fields;
  httpStatus: number | null;
  answer: unknown;
  at: string;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** merchant id → shared secret */
  merchants: Record<string, string>;
  /** IPN attempts before giving up (default 3) */
  ipnAttempts?: number;
  /** allowed clock skew of signed requests, ms (default 5 minutes) */
  maxSkewMs?: number;
}

export interface PaymentSandbox {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 64 * 1024;
const newId = (prefix: string) => `${prefix}${randomBytes(8).toString('hex').toUpperCase()}`;

export async function startPaymentSandbox(opts: SandboxOptions): Promise<PaymentSandbox> {
  const byReference = new Map<string, SandboxPayment>();
  const byId = new Map<string, SandboxPayment>();
  /** money received for references the merchant never created (POST /_sandbox/transactions) */
  const strayTransactions: { transactionId: string; reference: string; amount: number; paidAt: string }[] =
    [];
  const deliveries: Delivery[] = [];
  const skew = opts.maxSkewMs ?? 5 * 60_000;
  let baseUrl = '';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { code, message });

  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let size = 0;
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) {
          reject(new Error('too large'));
          req.destroy();
        } else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  /** Checks merchant, signature and timestamp of a merchant request; answers the error itself. */
  const authenticate = (res: ServerResponse, fields: Fields): string | null => {
    const merchantId = String(fields.merchantId ?? '');
    const secret = opts.merchants[merchantId];
    if (!secret) {
      error(res, 401, 'unknown_merchant', 'merchantId is not registered with the sandbox');
      return null;
    }
    if (!verify(secret, fields)) {
      error(res, 401, 'invalid_signature', 'signature does not match the canonical string');
      return null;
    }
    const ts = Number(fields.timestamp);
    if (!Number.isFinite(ts) || Math.abs(Date.now() - ts) > skew) {
      error(res, 401, 'stale_request', 'timestamp is missing or outside the allowed skew');
      return null;
    }
    return secret;
  };

  const view = (p: SandboxPayment): Fields => ({
    merchantId: p.merchantId,
    paymentId: p.paymentId,
    reference: p.reference,
    amount: p.amount,
    status: p.status,
    transactionId: p.transactionId ?? undefined,
    paidAt: p.paidAt ?? undefined,
    timestamp: Date.now(),
  });

  const expire = (p: SandboxPayment) => {
    if (p.status === 'pending' && Date.parse(p.expiresAt) < Date.now()) p.status = 'expired';
  };

  /** Sends the signed IPN, retrying (1 s, 2 s…) until the merchant answers code 00 or 02. */
  const deliverIpn = async (
    p: SandboxPayment,
    o: { amount?: number; tamper?: boolean; times?: number } = {},
  ): Promise<Delivery[]> => {
    const secret = opts.merchants[p.merchantId]!;
    const body = signed(secret, {
      merchantId: p.merchantId,
      paymentId: p.paymentId,
      reference: p.reference,
      transactionId: p.transactionId ?? undefined,
      amount: o.amount ?? p.amount,
      status: p.status,
      paidAt: p.paidAt ?? undefined,
      bankCode: 'SANDBOX',
      timestamp: Date.now(),
    });
    if (o.tamper)
      body.signature = `${body.signature.slice(0, -1)}${body.signature.endsWith('0') ? '1' : '0'}`;
    const made: Delivery[] = [];
    for (let copy = 0; copy < (o.times ?? 1); copy++) {
      for (let attempt = 0; attempt < (opts.ipnAttempts ?? 3); attempt++) {
        const d: Delivery = { reference: p.reference, body, httpStatus: null, answer: null, at: '' };
        try {
          const r = await fetch(p.ipnUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(10_000),
          });
          d.httpStatus = r.status;
          d.answer = await r.json().catch(() => null);
        } catch (err) {
          d.answer = { error: (err as Error).message };
        }
        d.at = new Date().toISOString();
        deliveries.push(d);
        made.push(d);
        const code = (d.answer as { code?: string } | null)?.code;
        if (d.httpStatus !== null && d.httpStatus < 500 && code !== undefined) break;
        await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt));
      }
    }
    return made;
  };

  const settle = (p: SandboxPayment, status: 'paid' | 'failed') => {
    if (p.status !== 'pending') return false;
    p.status = status;
    if (status === 'paid') {
      p.transactionId = newId('T');
      p.paidAt = new Date().toISOString();
    }
    return true;
  };

  const returnUrl = (p: SandboxPayment) => {
    const secret = opts.merchants[p.merchantId]!;
    const q = signed(secret, {
      merchantId: p.merchantId,
      reference: p.reference,
      status: p.status,
      amount: p.amount,
      transactionId: p.transactionId ?? undefined,
      timestamp: Date.now(),
    });
    const u = new URL(p.returnUrl);
    for (const [k, v] of Object.entries(q)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  };

  const money = (n: number) => `${n.toLocaleString('vi-VN')} đ`;
  const esc = (s: string) =>
    s.replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
    );

  /** The payer's page: what is paid, to whom, and two buttons. Labelled as a sandbox everywhere. */
  const payPage = (p: SandboxPayment) => `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thanh toán thử nghiệm (sandbox)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1b1f24}
.banner{background:#8a4b00;color:#fff;padding:.75rem 1rem;font-weight:600}
main{max-width:32rem;margin:2rem auto;background:#fff;padding:1.5rem;border-radius:8px;border:1px solid #c9d1d9}
dt{font-weight:600;margin-top:.75rem}dd{margin:0}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.75rem;border-radius:6px;border:1px solid #0b4f9c;cursor:pointer}
.pay{background:#0b4f9c;color:#fff}.cancel{background:#fff;color:#0b4f9c}
</style></head><body>
<div class="banner" role="note">SANDBOX – Môi trường thử nghiệm: không có giao dịch tiền thật / Test environment: no real money moves</div>
<main>
<h1>Cổng thanh toán thử nghiệm</h1>
<p>Trạng thái: <strong id="status">${esc(p.status)}</strong></p>
<dl>
<dt>Mã thanh toán (reference)</dt><dd id="reference">${esc(p.reference)}</dd>
<dt>Nội dung</dt><dd>${esc(p.description)}</dd>
<dt>Số tiền</dt><dd id="amount">${esc(money(p.amount))}</dd>
</dl>
${
  p.status === 'pending'
    ? `<form method="post" action="/pay/${esc(p.paymentId)}">
<p><button class="pay" name="action" value="pay" type="submit">Thanh toán (thử nghiệm)</button>
<button class="cancel" name="action" value="cancel" type="submit">Hủy giao dịch</button></p></form>`
    : `<p><a href="${esc(returnUrl(p))}">Quay lại Cổng dịch vụ công</a></p>`
}
</main></body></html>`;

  const server = createServer((req, res) => {
    void handle(req, res).catch((err) => {
      if (!res.headersSent) error(res, 500, 'internal', (err as Error).message);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    const path = url.pathname;
    const query = Object.fromEntries(url.searchParams) as Fields;

    // ---- merchant API ----
    if (req.method === 'POST' && path === '/v1/payments') {
      let body: Fields;
      try {
        body = JSON.parse(await readBody(req)) as Fields;
      } catch {
        return error(res, 400, 'invalid_request', 'body must be a JSON object');
      }
      if (!authenticate(res, body)) return;
      const problems: string[] = [];
      const amount = body.amount;
      if (typeof amount !== 'number' || !Number.isInteger(amount) || amount < 1000 || amount > 1e12)
        problems.push('amount must be an integer number of đồng between 1000 and 10^12');
      if (body.currency !== 'VND') problems.push('currency must be VND');
      if (typeof body.reference !== 'string' || !/^[A-Z0-9]{8,34}$/.test(body.reference))
        problems.push('reference must be 8–34 upper-case letters or digits');
      for (const k of ['returnUrl', 'ipnUrl'] as const)
        if (typeof body[k] !== 'string' || !URL.canParse(body[k] as string))
          problems.push(`${k} must be a URL`);
      if (
        typeof body.description !== 'string' ||
        body.description.length < 3 ||
        body.description.length > 255
      )
        problems.push('description must be 3–255 characters');
      if (typeof body.expiresAt !== 'string' || Number.isNaN(Date.parse(body.expiresAt)))
        problems.push('expiresAt must be an ISO timestamp');
      if (problems.length) return error(res, 400, 'invalid_request', problems.join('; '));
      const existing = byReference.get(`${body.merchantId}/${body.reference}`);
      const secret = opts.merchants[String(body.merchantId)]!;
      if (existing) {
        expire(existing);
        // Creating twice with the same reference is idempotent; another amount is a conflict.
        if (existing.amount !== amount)
          return error(res, 409, 'reference_conflict', 'reference already used with another amount');
        return send(
          res,
          200,
          signed(secret, { ...view(existing), payUrl: `${baseUrl}/pay/${existing.paymentId}` }),
        );
      }
      const p: SandboxPayment = {
        paymentId: newId('P'),
        merchantId: String(body.merchantId),
        reference: String(body.reference),
        amount: amount as number,
        description: String(body.description),
        returnUrl: String(body.returnUrl),
        ipnUrl: String(body.ipnUrl),
        expiresAt: String(body.expiresAt),
        status: 'pending',
        transactionId: null,
        paidAt: null,
        createdAt: new Date().toISOString(),
      };
      byReference.set(`${p.merchantId}/${p.reference}`, p);
      byId.set(p.paymentId, p);
      return send(res, 201, signed(secret, { ...view(p), payUrl: `${baseUrl}/pay/${p.paymentId}` }));
    }
    const status = /^\/v1\/payments\/([A-Z0-9]+)$/.exec(path);
    if (req.method === 'GET' && status) {
      const secret = authenticate(res, query);
      if (!secret) return;
      const p = byReference.get(`${query.merchantId}/${status[1]}`);
      if (!p) return error(res, 404, 'not_found', 'no payment with this reference');
      expire(p);
      return send(res, 200, signed(secret, view(p)));
    }
    if (req.method === 'GET' && path === '/v1/transactions') {
      const secret = authenticate(res, query);
      if (!secret) return;
      const from = Date.parse(String(query.from));
      const to = Date.parse(String(query.to));
      if (Number.isNaN(from) || Number.isNaN(to) || from > to)
        return error(res, 400, 'invalid_request', 'from and to must be ISO timestamps, from ≤ to');
      const inRange = (at: string | null) => at !== null && Date.parse(at) >= from && Date.parse(at) < to;
      const items = [
        ...[...byReference.values()]
          .filter((p) => p.merchantId === query.merchantId && p.status === 'paid' && inRange(p.paidAt))
          .map((p) => ({
            transactionId: p.transactionId!,
            reference: p.reference,
            amount: p.amount,
            paidAt: p.paidAt!,
          })),
        ...strayTransactions.filter((t) => inRange(t.paidAt)),
      ];
      return send(res, 200, { items });
    }

    // ---- the payer's pages ----
    const page = /^\/pay\/([A-Z0-9]+)$/.exec(path);
    if (page) {
      const p = byId.get(page[1]!);
      if (!p) return error(res, 404, 'not_found', 'no such payment');
      expire(p);
      if (req.method === 'GET') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        return res.end(payPage(p));
      }
      if (req.method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const action = form.get('action');
        if (action !== 'pay' && action !== 'cancel')
          return error(res, 400, 'invalid_request', 'action must be pay or cancel');
        if (settle(p, action === 'pay' ? 'paid' : 'failed')) await deliverIpn(p);
        res.writeHead(303, { location: returnUrl(p) });
        return res.end();
      }
    }

    // ---- test controls (sandbox only) ----
    const control = /^\/_sandbox\/payments\/([A-Z0-9]+)\/(settle|notify)$/.exec(path);
    if (req.method === 'POST' && control) {
      const p = [...byReference.values()].find((x) => x.reference === control[1]);
      if (!p) return error(res, 404, 'not_found', 'no payment with this reference');
      const o = JSON.parse((await readBody(req)) || '{}') as {
        status?: 'paid' | 'failed';
        amount?: number;
        tamper?: boolean;
        times?: number;
        deliver?: boolean;
      };
      if (control[2] === 'settle') settle(p, o.status ?? 'paid');
      const made = o.deliver === false ? [] : await deliverIpn(p, o);
      return send(res, 200, { status: p.status, transactionId: p.transactionId, deliveries: made });
    }
    if (req.method === 'POST' && path === '/_sandbox/transactions') {
      const o = JSON.parse((await readBody(req)) || '{}') as {
        reference: string;
        amount: number;
        paidAt?: string;
      };
      const t = {
        transactionId: newId('T'),
        reference: o.reference,
        amount: o.amount,
        paidAt: o.paidAt ?? new Date().toISOString(),
      };
      strayTransactions.push(t);
      return send(res, 201, t);
    }
    if (req.method === 'GET' && path === '/_sandbox/notifications')
      return send(res, 200, { items: deliveries });
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, { status: 'ok', sandbox: true });
    return error(res, 404, 'not_found', 'no such route');
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  baseUrl = `http://${opts.host ?? '127.0.0.1'}:${addr.port}`;
  return {
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
