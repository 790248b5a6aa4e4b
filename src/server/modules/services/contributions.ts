// Extension points of the dossier write path (ADR 13): other modules add their part to the writes of
// a dossier — the statistics fact, a fee request — without services importing them. Each module
// registers its part once per process (its `contribute()`); services calls them in its own statements
// and transactions, so a submission still goes out as one statement (ADR 12) and the change hook batches.
import type { SQLWrapper } from 'drizzle-orm';
import type { FeeLine } from '../../../contracts/payments.ts';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { Db, DbOrTx, Tx } from '../../platform/db/client.ts';
import type { DossierChannel } from './tables.ts';
import type { DossierRow } from './transition.ts';
import { AppError } from '../../platform/errors.ts';
import { type Language, t } from '../../platform/i18n/index.ts';

/** A dossier being submitted, before it is stored: what a contribution may read. */
export interface SubmittedDossier {
  row: DossierRow;
  definition: ProcedureDefinition;
  competentAgencyPath: string;
  /** how many component files were submitted with it */
  componentFiles: number;
  /** the service level at which the receiving agency offers the procedure (toàn trình / một phần) */
  receivingServiceLevel: 'full' | 'partial';
}

/** What one module adds to the writes of dossiers. */
export interface DossierWriteContribution {
  /** rows for the submission's single statement, named as CTEs (unique across contributions) */
  submissionRows?(db: DbOrTx, s: SubmittedDossier): Promise<Record<string, SQLWrapper>>;
  /**
   * work that must follow the statement in the same transaction, or null when there is none for this
   * dossier (a submission none of them needs one for goes out without BEGIN/COMMIT)
   */
  afterSubmission?(s: SubmittedDossier): ((tx: Tx, ctx: ActionContext) => Promise<void>) | null;
  /** in the transaction that changed these dossiers (a transition, a rating, a sync acknowledgement) */
  dossiersChanged?(tx: Tx, ids: readonly string[]): Promise<void>;
  /**
   * the demo's generated history (`generateDossiers` with `demo`): after each batch is written, the
   * module adds its own part of those dossiers (payments, sync states); the statistics are rebuilt after
   */
  historyWritten?(db: Db, dossiers: readonly HistoricalDossier[]): Promise<void>;
}

/** A dossier of the generated history, as it was written. */
export interface HistoricalDossier {
  id: string;
  code: string | null;
  status: number;
  channel: DossierChannel;
  revision: number;
  formData: Record<string, unknown>;
  definition: ProcedureDefinition;
  receivingAgencyId: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

const contributions = new Map<string, DossierWriteContribution>();

/** Registers (or replaces: a second platform in one process registers again) a module's part. */
export function contributeToDossierWrites(module: string, c: DossierWriteContribution): void {
  contributions.set(module, c);
}

export async function submissionRows(db: DbOrTx, s: SubmittedDossier): Promise<Record<string, SQLWrapper>> {
  const rows: Record<string, SQLWrapper> = {};
  for (const c of contributions.values()) {
    if (!c.submissionRows) continue;
    for (const [name, part] of Object.entries(await c.submissionRows(db, s))) {
      if (name in rows) throw new Error(`two dossier-write contributions name the CTE "${name}"`);
      rows[name] = part;
    }
  }
  return rows;
}

export function afterSubmission(s: SubmittedDossier): Array<(tx: Tx, ctx: ActionContext) => Promise<void>> {
  const work = [];
  for (const c of contributions.values()) {
    const w = c.afterSubmission?.(s);
    if (w) work.push(w);
  }
  return work;
}

/** Every module adds its part of a batch of generated history. */
export async function afterHistoryWritten(db: Db, dossiers: readonly HistoricalDossier[]): Promise<void> {
  if (dossiers.length === 0) return;
  for (const c of contributions.values()) await c.historyWritten?.(db, dossiers);
}

/** Every module re-derives what it keeps about these dossiers, in the caller's transaction. */
export async function afterDossiersChanged(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const c of contributions.values()) await c.dossiersChanged?.(tx, ids);
}

/** A pending request for money, as services sees it. */
export interface PendingPayment {
  id: string;
  reference: string;
  amount: number;
}

/**
 * How services asks for money and learns it was paid; the payments module provides it. A procedure's
 * fees are worked out by services itself (`fees.ts`: they are part of the catalogue).
 */
export interface PaymentDesk {
  open(
    tx: Tx,
    ctx: ActionContext,
    d: DossierRow,
    request: { purpose: 'submission' | 'obligation'; amount: number; description: string; lines: FeeLine[] },
  ): Promise<{ reference: string }>;
  /** the pending request of a dossier for one purpose, locked for the transaction */
  pending(
    tx: Tx,
    dossierId: string,
    purpose: 'submission' | 'obligation',
  ): Promise<PendingPayment | undefined>;
  /** every request of the dossier still waiting for money (no lock: for views) */
  unpaid(
    db: DbOrTx,
    dossierId: string,
  ): Promise<(PendingPayment & { purpose: 'submission' | 'obligation' })[]>;
  /** money taken at the desk (cash or a transfer the officer saw) against a pending request */
  recordAtDesk(
    tx: Tx,
    ctx: ActionContext,
    requestId: string,
    payment: { method: 'cash' | 'bank_transfer'; note?: string | undefined },
  ): Promise<void>;
  /** a dossier that ends owes nothing more: its pending requests are cancelled */
  cancelPending(tx: Tx, ctx: ActionContext, dossierId: string, reason: string): Promise<void>;
}

let desk: PaymentDesk | null = null;

/**
 * Fees gate two steps (issue 11, item 11): fees due with the submission are paid before the desk
 * accepts, and every requested fee before the result is handed over. Throws `fee_unpaid`, naming the
 * amount, the reference and what the officer may do, when money is still owed.
 */
/** What the dossier still owes (nothing when no payments module is registered). */
export async function unpaidFees(db: DbOrTx, dossierId: string) {
  return desk ? desk.unpaid(db, dossierId) : [];
}

/** What blocks `step` among a dossier's unpaid requests: their total and references, or null. */
export function feesOwedFor(
  owed: readonly { purpose: 'submission' | 'obligation'; amount: number; reference: string }[],
  step: 'accept' | 'hand_over',
): { amount: string; reference: string } | null {
  const due = owed.filter((r) => step === 'hand_over' || r.purpose === 'submission');
  if (due.length === 0) return null;
  return {
    amount: due.reduce((s, r) => s + r.amount, 0).toLocaleString('vi-VN'),
    reference: due.map((r) => r.reference).join(', '),
  };
}

export async function requireFeesPaid(
  tx: Tx,
  lang: Language,
  dossierId: string,
  step: 'accept' | 'hand_over',
) {
  const owed = feesOwedFor(await unpaidFees(tx, dossierId), step);
  if (owed) throw new AppError('fee_unpaid', { ...owed, action: t(lang, `services:fee_unpaid.${step}`) });
}

export function providePaymentDesk(d: PaymentDesk): void {
  desk = d;
}

export function paymentDesk(): PaymentDesk {
  if (!desk) throw new Error('no payment desk: the payments module is not registered');
  return desk;
}
