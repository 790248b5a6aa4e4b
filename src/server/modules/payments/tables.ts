import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { FeeLine } from '../../../contracts/payments.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const dong = (name: string) => bigint(name, { mode: 'number' });

// What the applicant is asked to pay for a dossier, under a reference unique across the deployment
// (the gateway's order id and the line on the receipt).
export const paymentRequests = pgTable(
  'pay_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reference: text('reference').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    /** the agency that collects (the dossier's holder when asked): officers see their subtree */
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    applicantUserId: uuid('applicant_user_id'),
    /** 'submission': fees paid with an online submission; 'obligation': status 6 */
    purpose: text('purpose').$type<'submission' | 'obligation'>().notNull(),
    amount: dong('amount').notNull(),
    description: text('description').notNull(),
    lines: jsonb('lines').$type<FeeLine[]>().notNull().default([]),
    status: text('status').$type<'pending' | 'paid' | 'cancelled'>().notNull().default('pending'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    paidAt: ts('paid_at'),
    cancelledAt: ts('cancelled_at'),
    /** the gateway's payment id once a payment was started online */
    gatewayPaymentId: text('gateway_payment_id'),
    /** the last time the status was asked of the gateway (the pending-request job) */
    checkedAt: ts('checked_at'),
  },
  (t) => [
    uniqueIndex('pay_requests_reference').on(t.reference),
    index('pay_requests_dossier').on(t.dossierId),
    // At most one open request per dossier and purpose: a new one cancels the old in the same transaction.
    uniqueIndex('pay_requests_one_pending').on(t.dossierId, t.purpose).where(sql`status = 'pending'`),
    index('pay_requests_created').on(t.createdAt),
  ],
);

// Money received: one row per payment, online (gateway) or at the counter. The online-payment
// indicator counts these rows by channel.
export const payments = pgTable(
  'pay_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => paymentRequests.id),
    dossierId: uuid('dossier_id').notNull(),
    amount: dong('amount').notNull(),
    channel: text('channel').$type<'online' | 'counter'>().notNull(),
    method: text('method').$type<'gateway' | 'cash' | 'bank_transfer'>().notNull(),
    /** the gateway's transaction id: an IPN delivered twice finds it and changes nothing */
    gatewayTransactionId: text('gateway_transaction_id'),
    paidAt: ts('paid_at').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByLabel: text('recorded_by_label'),
    /** receipt number (biên lai điện tử): <year>-<reference> */
    receiptNo: text('receipt_no').notNull(),
    note: text('note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    // One payment settles one request; a second one would be a double charge.
    uniqueIndex('pay_payments_request').on(t.requestId),
    uniqueIndex('pay_payments_gateway_txn').on(t.gatewayTransactionId),
    uniqueIndex('pay_payments_receipt').on(t.receiptNo),
    index('pay_payments_dossier').on(t.dossierId),
    index('pay_payments_paid_at').on(t.paidAt, t.channel),
  ],
);

// Every notification and status answer from the gateway, kept as received with what was done with it.
export const gatewayNotices = pgTable(
  'pay_gateway_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    source: text('source').$type<'ipn' | 'query'>().notNull(),
    reference: text('reference'),
    transactionId: text('transaction_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** applied, duplicate, ignored_failed, rejected_signature, rejected_amount, unknown_reference, already_paid */
    outcome: text('outcome').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
  },
  (t) => [index('pay_gateway_notices_reference').on(t.reference, t.receivedAt)],
);
