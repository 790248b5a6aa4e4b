import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { LIVE_STATES, OPEN_STATES } from '../editions.ts';
import type { PortalLang } from '../languages.ts';
import { editions, items, sections } from '../tables.ts';

export type EditionRow = typeof editions.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type SectionRow = typeof sections.$inferSelect;

/** The item and its section, locked for the rest of the transaction (one writer per item at a time). */
export async function loadItemForUpdate(tx: DbOrTx, itemId: string) {
  const [row] = await tx
    .select({ item: items, section: sections })
    .from(items)
    .innerJoin(sections, eq(sections.id, items.sectionId))
    .where(eq(items.id, itemId))
    .for('update', { of: items });
  if (!row) throw new AppError('not_found');
  return row;
}

export async function openEdition(tx: DbOrTx, itemId: string, lang: PortalLang) {
  const [row] = await tx
    .select()
    .from(editions)
    .where(
      and(eq(editions.itemId, itemId), eq(editions.lang, lang), inArray(editions.state, [...OPEN_STATES])),
    );
  return row;
}

export async function liveEdition(tx: DbOrTx, itemId: string, lang: PortalLang) {
  const [row] = await tx
    .select()
    .from(editions)
    .where(
      and(eq(editions.itemId, itemId), eq(editions.lang, lang), inArray(editions.state, [...LIVE_STATES])),
    );
  return row;
}

export async function nextEditionNumber(tx: DbOrTx, itemId: string, lang: PortalLang) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(max(${editions.number}), 0)::int` })
    .from(editions)
    .where(and(eq(editions.itemId, itemId), eq(editions.lang, lang)));
  return (row?.n ?? 0) + 1;
}
