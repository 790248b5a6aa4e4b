import type { Config } from '../../platform/config.ts';
import type { Db } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import type { Logger } from '../../platform/log.ts';
import { refreshFromGateway } from './commands/apply-gateway-result.ts';
import { httpPaymentGateway, type PaymentGateway } from './gateway/index.ts';
import { pendingToCheck } from './queries.ts';

export { paymentRoutes } from './routes.ts';
export { quoteFees } from './fees.ts';
export type { PaymentGateway } from './gateway/index.ts';

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

export function registerPaymentJobs(jobs: JobRunner, db: Db, gateway: PaymentGateway | null, log: Logger) {
  if (gateway)
    jobs.every('payments.check_pending', 10 * 60_000, () => checkPendingPayments(db, gateway, log));
}
