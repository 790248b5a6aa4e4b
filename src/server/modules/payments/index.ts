// Payments: fee requests and payments, the payment gateway, receipts and reconciliation (ADR 9). It
// gives services its payment desk and opens the fee request of a submission (ADR 13).
import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/client.ts';
import type { Logger } from '../../platform/log.ts';
import type { CqsModule } from '../../platform/module.ts';
import { seedPaymentHistory } from './history.ts';
import { contributeToDossierWrites, providePaymentDesk, quoteFees } from '../services/index.ts';
import { refreshFromGateway } from './commands/apply-gateway-result.ts';
import { httpPaymentGateway, type PaymentGateway } from './gateway/index.ts';
import { pendingToCheck } from './queries.ts';
import {
  cancelPendingRequests,
  lockRequest,
  openPaymentRequest,
  pendingRequestOf,
  recordPayment,
  unpaidRequestsOf,
} from './requests.ts';
import { paymentRoutes } from './routes.ts';
import * as tables from './tables.ts';

// The gateway contract's client and signatures (the sandbox server implements the same contract).
export { httpPaymentGateway, type PaymentGateway } from './gateway/index.ts';
export { type Fields, signed, verify } from './gateway/signature.ts';
export { handleIpn } from './commands/apply-gateway-result.ts';
export { reconcile } from './reconciliation.ts';

/** The configured gateway, or null: then only counter payments are recorded. */
export function paymentGateway(config: Config): PaymentGateway | null {
  return config.payments ? httpPaymentGateway(config.payments) : null;
}

/**
 * Asks the gateway about pending requests a payer started: an IPN lost on the way still ends as a
 * payment (the same path as the IPN, so it is applied once).
 */
export async function checkPendingPayments(db: Db, gateway: PaymentGateway, log: Logger, limit = 50) {
  let applied = 0;
  for (const { reference } of await pendingToCheck(db, limit)) {
    try {
      if ((await refreshFromGateway(db, gateway, reference)) === 'applied') applied++;
    } catch (err) {
      log.warn({ err, reference }, 'payment status query failed');
    }
  }
  return applied;
}

function contribute(): void {
  providePaymentDesk({
    open: (tx, ctx, d, request) => openPaymentRequest(tx, ctx, d, request),
    pending: (tx, dossierId, purpose) => pendingRequestOf(tx, dossierId, purpose),
    unpaid: (db, dossierId) => unpaidRequestsOf(db, dossierId),
    async recordAtDesk(tx, ctx, requestId, payment) {
      const r = await lockRequest(tx, { id: requestId });
      if (!r) throw new Error(`no payment request ${requestId}`);
      await recordPayment(tx, ctx, r, {
        channel: 'counter',
        method: payment.method,
        amount: r.amount,
        paidAt: new Date(),
        note: payment.note,
      });
    },
    cancelPending: cancelPendingRequests,
  });
  // Fees the catalogue collects with the submission: a request the applicant can pay at once.
  contributeToDossierWrites('payments', {
    historyWritten: seedPaymentHistory,
    afterSubmission({ row, definition }) {
      const quote = quoteFees(definition, row.formData);
      if (quote.atSubmission === 0) return null;
      return async (tx, ctx) => {
        await openPaymentRequest(tx, ctx, row, {
          purpose: 'submission',
          amount: quote.atSubmission,
          description: `Phí, lệ phí: ${definition.name}`.slice(0, 255),
          lines: quote.lines.filter((l) => l.collect === 'at_submission'),
        });
      };
    },
  });
}

/** The module, with the configured gateway (none: counter payments only). */
export function paymentsModule(gateway: PaymentGateway | null): CqsModule {
  return {
    name: 'payments',
    tablePrefix: 'pay_',
    tables,
    contribute,
    routes: (app, deps) => paymentRoutes(app, deps, gateway),
    start(deps) {
      if (gateway)
        deps.jobs.every('payments.check_pending', 10 * 60_000, () =>
          checkPendingPayments(deps.db, gateway, deps.log),
        );
    },
  };
}
