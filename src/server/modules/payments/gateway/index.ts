// The payment-gateway adapter: what CQS needs of a gateway (Vietnamese gateways and the national
// payment platform all work this way: create → redirect → signed IPN → query), and the HTTP client of
// docs/contracts/payment-gateway.md. The sandbox in src/sandbox/ is a server of the same contract.
import { AppError } from '../../../platform/errors.ts';
import { type Fields, signed, verify } from './signature.ts';

export type GatewayStatus = 'pending' | 'paid' | 'failed' | 'expired';

export interface GatewayPayment {
  paymentId: string;
  reference: string;
  amount: number;
  status: GatewayStatus;
  transactionId: string | null;
  paidAt: string | null;
}

export interface GatewayTransaction {
  transactionId: string;
  reference: string;
  amount: number;
  paidAt: string;
}

/** A notification (IPN) whose signature has been verified. */
export interface GatewayNotice {
  reference: string;
  transactionId: string | null;
  amount: number;
  status: GatewayStatus;
  paidAt: string | null;
}

export interface PaymentGateway {
  /** a test environment: the UI says so */
  readonly sandbox: boolean;
  createPayment(input: {
    reference: string;
    amount: number;
    description: string;
    returnUrl: string;
    ipnUrl: string;
    expiresAt: Date;
  }): Promise<{ paymentId: string; payUrl: string }>;
  /** null when the gateway has never heard of the reference */
  queryPayment(reference: string): Promise<GatewayPayment | null>;
  /** payments received in [from, to) */
  listTransactions(from: Date, to: Date): Promise<GatewayTransaction[]>;
  /** null when the signature or the merchant does not match */
  verifyNotice(fields: Record<string, unknown>): GatewayNotice | null;
}

const STATUSES: GatewayStatus[] = ['pending', 'paid', 'failed', 'expired'];

export function httpPaymentGateway(cfg: {
  url: string;
  merchantId: string;
  secret: string;
  sandbox: boolean;
  timeoutMs?: number;
}): PaymentGateway {
  const timeout = cfg.timeoutMs ?? 10_000;
  const call = async (method: 'GET' | 'POST', path: string, fields: Fields) => {
    const message = signed(cfg.secret, { ...fields, merchantId: cfg.merchantId, timestamp: Date.now() });
    const url = new URL(`${cfg.url}${path}`);
    if (method === 'GET')
      for (const [k, v] of Object.entries(message)) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : {},
        body: method === 'POST' ? JSON.stringify(message) : undefined,
        signal: AbortSignal.timeout(timeout),
        // A redirect could lead anywhere (the bearer token with it): the operator's URL is final.
        redirect: 'error',
      });
    } catch {
      throw new AppError('payment_gateway_unavailable');
    }
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    return { status: res.status, body };
  };
  /** Answers about a payment are signed by the gateway too: an unsigned one is not believed. */
  const trusted = (body: Record<string, unknown> | null): Record<string, unknown> => {
    if (!body || !verify(cfg.secret, body as Fields) || body.merchantId !== cfg.merchantId)
      throw new AppError('payment_gateway_unavailable');
    return body;
  };
  const toPayment = (b: Record<string, unknown>): GatewayPayment => ({
    paymentId: String(b.paymentId),
    reference: String(b.reference),
    amount: Number(b.amount),
    status: STATUSES.includes(b.status as GatewayStatus) ? (b.status as GatewayStatus) : 'pending',
    transactionId: typeof b.transactionId === 'string' ? b.transactionId : null,
    paidAt: typeof b.paidAt === 'string' ? b.paidAt : null,
  });

  return {
    sandbox: cfg.sandbox,
    async createPayment(input) {
      const r = await call('POST', '/v1/payments', {
        reference: input.reference,
        amount: input.amount,
        currency: 'VND',
        description: input.description,
        returnUrl: input.returnUrl,
        ipnUrl: input.ipnUrl,
        expiresAt: input.expiresAt.toISOString(),
      });
      if (r.status === 409) throw new AppError('conflict');
      if (r.status !== 200 && r.status !== 201) throw new AppError('payment_gateway_unavailable');
      const b = trusted(r.body);
      return { paymentId: String(b.paymentId), payUrl: String(b.payUrl) };
    },
    async queryPayment(reference) {
      const r = await call('GET', `/v1/payments/${encodeURIComponent(reference)}`, {});
      if (r.status === 404) return null;
      if (r.status !== 200) throw new AppError('payment_gateway_unavailable');
      return toPayment(trusted(r.body));
    },
    async listTransactions(from, to) {
      const r = await call('GET', '/v1/transactions', { from: from.toISOString(), to: to.toISOString() });
      if (r.status !== 200 || !Array.isArray(r.body?.items))
        throw new AppError('payment_gateway_unavailable');
      return (r.body.items as Record<string, unknown>[]).map((t) => ({
        transactionId: String(t.transactionId),
        reference: String(t.reference),
        amount: Number(t.amount),
        paidAt: String(t.paidAt),
      }));
    },
    verifyNotice(fields) {
      const flat: Fields = {};
      for (const [k, v] of Object.entries(fields)) {
        if (v !== null && typeof v === 'object') return null;
        flat[k] = v as Fields[string];
      }
      if (flat.merchantId !== cfg.merchantId || !verify(cfg.secret, flat)) return null;
      const amount = Number(flat.amount);
      if (!Number.isInteger(amount) || typeof flat.reference !== 'string') return null;
      if (!STATUSES.includes(flat.status as GatewayStatus)) return null;
      return {
        reference: flat.reference,
        transactionId: typeof flat.transactionId === 'string' ? flat.transactionId : null,
        amount,
        status: flat.status as GatewayStatus,
        paidAt: typeof flat.paidAt === 'string' ? flat.paidAt : null,
      };
    },
  };
}
