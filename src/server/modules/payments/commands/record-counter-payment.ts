import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { confirmPaymentInTx, definitionOf, lockDossier, mayReadDossier } from '../../services/index.ts';
import { mayRecordCounter } from '../policy.ts';
import { lockRequest, recordPayment } from '../requests.ts';

/**
 * The desk records money received at the counter (cash or transfer) for a pending request; for a
 * financial obligation the dossier goes back to processing in the same transaction.
 */
export async function recordCounterPayment(
  db: Db,
  ctx: ActionContext,
  requestId: string,
  input: { method: 'cash' | 'bank_transfer'; amount: number; note?: string | undefined },
) {
  if (!ctx.actor) throw new AppError('unauthenticated');
  return db.transaction(async (tx) => {
    const r = await lockRequest(tx, { id: requestId });
    if (!r) throw new AppError('not_found');
    const d = await lockDossier(tx, r.dossierId);
    if (!(await mayReadDossier(tx, ctx.actor, d))) throw new AppError('not_found');
    if (!mayRecordCounter(ctx.actor, d, r)) throw new AppError('forbidden');
    if (r.status !== 'pending') throw new AppError('invalid_state', { status: r.status });
    const payment = await recordPayment(tx, ctx, r, {
      channel: 'counter',
      method: input.method,
      amount: input.amount,
      paidAt: new Date(),
      note: input.note,
    });
    if (r.purpose === 'obligation' && d.status === 6) {
      await confirmPaymentInTx(tx, ctx, d, await definitionOf(tx, d.procedureVersionId), {
        method: input.method === 'cash' ? 'counter' : 'bank_transfer',
        reference: r.reference,
      });
    }
    return payment;
  });
}
