import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PaymentGateway } from '../gateway/index.ts';
import { mayPayOnline } from '../policy.ts';
import { readableRequest } from '../queries.ts';
import { paymentRequests } from '../tables.ts';

const PAY_WINDOW_MS = 24 * 3_600_000;

/**
 * The applicant starts paying a pending request: the gateway registers the payment (idempotent by
 * reference) and answers the page to send the payer to. Nothing is marked paid here: only the
 * gateway's signed notification or its status answer does that.
 */
export async function startOnlinePayment(
  db: Db,
  ctx: ActionContext,
  gateway: PaymentGateway,
  requestId: string,
  urls: { publicUrl: string },
): Promise<{ payUrl: string; reference: string }> {
  if (!ctx.actor) throw new AppError('unauthenticated');
  const found = await readableRequest(db, ctx.actor, requestId);
  if (!found) throw new AppError('not_found');
  const { r } = found;
  if (!mayPayOnline(ctx.actor, r)) throw new AppError('forbidden');
  if (r.status !== 'pending') throw new AppError('invalid_state', { status: r.status });
  const created = await gateway.createPayment({
    reference: r.reference,
    amount: r.amount,
    description: `${r.description} (${r.reference})`.slice(0, 255),
    returnUrl: `${urls.publicUrl}/ho-so-cua-toi/${r.dossierId}?thanh-toan=${r.reference}`,
    ipnUrl: `${urls.publicUrl}/api/payments/ipn`,
    expiresAt: new Date(Date.now() + PAY_WINDOW_MS),
  });
  await db.transaction(async (tx) => {
    await tx
      .update(paymentRequests)
      .set({ gatewayPaymentId: created.paymentId })
      .where(eq(paymentRequests.id, r.id));
    await audit(tx, ctx, {
      action: 'payment.start_online',
      targetType: 'payment_request',
      targetId: r.id,
      agencyId: r.agencyId,
      summary: { reference: r.reference, amount: r.amount, gatewayPaymentId: created.paymentId },
    });
  });
  return { payUrl: created.payUrl, reference: r.reference };
}
