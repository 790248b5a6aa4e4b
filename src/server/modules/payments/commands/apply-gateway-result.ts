// What the gateway says about a payment (a signed IPN, or the answer to a status query) applied once:
// the same notice twice, a "failed" after a "paid", or a query after the IPN change nothing more.
import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db, Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { confirmPaymentInTx, definitionOf, lockDossier } from '../../services/index.ts';
import type { GatewayNotice, PaymentGateway } from '../gateway/index.ts';
import { lockRequest, recordPayment } from '../requests.ts';
import { gatewayNotices, paymentRequests, payments } from '../tables.ts';

export type NoticeOutcome =
  | 'applied'
  | 'duplicate'
  | 'already_paid'
  | 'not_paid'
  | 'rejected_signature'
  | 'rejected_amount'
  | 'unknown_reference';

/** The answer the gateway expects (the RspCode convention of Vietnamese gateways). */
export const ANSWER: Record<NoticeOutcome, { code: string; message: string }> = {
  applied: { code: '00', message: 'Confirmed' },
  duplicate: { code: '02', message: 'Already confirmed' },
  already_paid: { code: '02', message: 'Request already paid' },
  not_paid: { code: '00', message: 'Noted' },
  rejected_signature: { code: '97', message: 'Invalid signature' },
  rejected_amount: { code: '04', message: 'Invalid amount' },
  unknown_reference: { code: '01', message: 'Order not found' },
};

const gatewayCtx = () => systemContext('payment-gateway');

async function note(
  db: Db | Tx,
  source: 'ipn' | 'query',
  payload: Record<string, unknown>,
  outcome: NoticeOutcome,
  n?: { reference: string; transactionId: string | null },
) {
  await db.insert(gatewayNotices).values({
    source,
    reference:
      n?.reference ?? (typeof payload.reference === 'string' ? payload.reference.slice(0, 60) : null),
    transactionId: n?.transactionId ?? null,
    payload,
    outcome,
  });
}

/** A notification as posted by the gateway: verified, then applied in one transaction. */
export async function handleIpn(
  db: Db,
  gateway: PaymentGateway,
  payload: Record<string, unknown>,
): Promise<NoticeOutcome> {
  const notice = gateway.verifyNotice(payload);
  if (!notice) {
    await note(db, 'ipn', payload, 'rejected_signature');
    return 'rejected_signature';
  }
  return applyGatewayResult(db, notice, 'ipn', payload);
}

export async function applyGatewayResult(
  db: Db,
  n: GatewayNotice,
  source: 'ipn' | 'query',
  payload: Record<string, unknown>,
): Promise<NoticeOutcome> {
  return db.transaction(async (tx) => {
    const outcome = await decide(tx, n);
    await note(tx, source, payload, outcome, n);
    return outcome;
  });
}

async function decide(tx: Tx, n: GatewayNotice): Promise<NoticeOutcome> {
  const r = await lockRequest(tx, { reference: n.reference });
  if (!r) return 'unknown_reference';
  if (n.status !== 'paid' || !n.transactionId) return 'not_paid';
  const [seen] = await tx
    .select({ id: payments.id })
    .from(payments)
    .where(eq(payments.gatewayTransactionId, n.transactionId));
  if (seen) return 'duplicate';
  if (n.amount !== r.amount) {
    await audit(tx, gatewayCtx(), {
      action: 'payment.amount_mismatch',
      targetType: 'payment_request',
      targetId: r.id,
      agencyId: r.agencyId,
      summary: {
        reference: r.reference,
        expected: r.amount,
        received: n.amount,
        transactionId: n.transactionId,
      },
    });
    return 'rejected_amount';
  }
  if (r.status === 'paid') return 'already_paid';
  const paidAt = n.paidAt && !Number.isNaN(Date.parse(n.paidAt)) ? new Date(n.paidAt) : new Date();
  await recordPayment(tx, gatewayCtx(), r, {
    channel: 'online',
    method: 'gateway',
    amount: n.amount,
    transactionId: n.transactionId,
    paidAt,
  });
  // Money for a financial obligation lets processing continue (status 6 → 4) in the same transaction;
  // not for a cancelled request (the dossier ended, or a corrected request replaced it).
  if (r.purpose === 'obligation' && r.status === 'pending') {
    const d = await lockDossier(tx, r.dossierId);
    if (d.status === 6) {
      await confirmPaymentInTx(tx, gatewayCtx(), d, await definitionOf(tx, d.procedureVersionId), {
        method: 'online',
        reference: r.reference,
      });
    }
  }
  return 'applied';
}

/** Asks the gateway about one request and applies the answer (return page, pending-request job). */
export async function refreshFromGateway(db: Db, gateway: PaymentGateway, reference: string) {
  const found = await gateway.queryPayment(reference);
  // checked_at lets the pending-request job ask about the least recently checked first
  await db
    .update(paymentRequests)
    .set({ checkedAt: new Date() })
    .where(eq(paymentRequests.reference, reference));
  if (!found) return 'unknown_reference' as const;
  return applyGatewayResult(
    db,
    {
      reference: found.reference,
      transactionId: found.transactionId,
      amount: found.amount,
      status: found.status,
      paidAt: found.paidAt,
    },
    'query',
    { ...found },
  );
}

export function requireGateway(g: PaymentGateway | null): PaymentGateway {
  if (!g) throw new AppError('payment_not_available');
  return g;
}
