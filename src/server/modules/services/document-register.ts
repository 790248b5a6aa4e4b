// "Số: …" on forms 01–05: a number drawn from the issuing agency's register for the year, in the
// transaction that issues the paper, and stored against the event so every re-print shows it (ADR 23).
import { eq, sql } from 'drizzle-orm';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { FormCode } from './documents/index.ts';
import { documentNumbers, documentRegisters } from './tables.ts';

/** The paper an action issues, and which agency issues it: the letters (04, 05) are the deciding agency's. */
export const PAPER_OF_ACTION: Readonly<
  Record<string, { form: FormCode; issuer: 'receiving' | 'competent' }>
> = {
  accept: { form: '01', issuer: 'receiving' },
  request_supplement: { form: '02', issuer: 'receiving' },
  refuse: { form: '03', issuer: 'receiving' },
  apology: { form: '04', issuer: 'competent' },
  stop: { form: '05', issuer: 'competent' },
};

/** The symbol after the number ("12/GTN"): the kind of paper, abbreviated as registers do. */
const SYMBOL: Partial<Record<FormCode, string>> = {
  '01': 'GTN',
  '02': 'PYCBS',
  '03': 'PTC',
  '04': 'VBXL',
  '05': 'TB',
};

const VN_OFFSET_MS = 7 * 3600_000;

/** Draws the next number of the agency's register for the local year of `at` and records it. */
export async function registerPaper(
  tx: Tx,
  paper: { eventId: number; dossierId: string; form: FormCode; agencyId: string; at: Date },
): Promise<number> {
  const year = new Date(paper.at.getTime() + VN_OFFSET_MS).getUTCFullYear();
  // One row per agency and year, bumped in place: concurrent issues queue on its lock, no gaps, no repeats.
  const [row] = await tx
    .insert(documentRegisters)
    .values({ agencyId: paper.agencyId, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [documentRegisters.agencyId, documentRegisters.year],
      set: { lastNumber: sql`${documentRegisters.lastNumber} + 1` },
    })
    .returning({ number: documentRegisters.lastNumber });
  await tx.insert(documentNumbers).values({
    eventId: paper.eventId,
    dossierId: paper.dossierId,
    form: paper.form,
    agencyId: paper.agencyId,
    year,
    number: row!.number,
    issuedAt: paper.at,
  });
  return row!.number;
}

/** "Số: 07/GTN" as printed (Decree 30: numbers under 10 take a leading zero); '' when not registered. */
export async function paperNumber(db: DbOrTx, eventId: number | undefined): Promise<string> {
  if (eventId === undefined) return '';
  const [row] = await db.select().from(documentNumbers).where(eq(documentNumbers.eventId, eventId));
  if (!row) return '';
  return `${String(row.number).padStart(2, '0')}/${SYMBOL[row.form as FormCode] ?? ''}`;
}
