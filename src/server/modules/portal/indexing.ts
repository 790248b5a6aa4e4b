// Writes the search documents: one row per thing and language, replaced whenever it changes.
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db/client.ts';
import type { PortalLang } from './languages.ts';
import { fold } from './search-text.ts';
import { type SearchKind, searchDocs } from './tables.ts';

export interface SearchDocInput {
  kind: SearchKind;
  refId: string;
  lang: PortalLang;
  title: string;
  body: string;
  path: string;
  agencyName?: string | null;
  at?: Date | null;
}

const row = (d: SearchDocInput) => ({
  kind: d.kind,
  refId: d.refId,
  lang: d.lang,
  title: d.title,
  body: d.body,
  folded: fold(`${d.title} ${d.title} ${d.body}`),
  path: d.path,
  agencyName: d.agencyName ?? null,
  year: d.at ? Number(d.at.toISOString().slice(0, 4)) : null,
  at: d.at ?? null,
});

export async function indexDocs(tx: DbOrTx, docs: readonly SearchDocInput[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500) {
    await tx
      .insert(searchDocs)
      .values(docs.slice(i, i + 500).map(row))
      .onConflictDoUpdate({
        target: [searchDocs.kind, searchDocs.refId, searchDocs.lang],
        set: {
          title: sql`excluded.title`,
          body: sql`excluded.body`,
          folded: sql`excluded.folded`,
          path: sql`excluded.path`,
          agencyName: sql`excluded.agency_name`,
          year: sql`excluded.year`,
          at: sql`excluded.at`,
        },
      });
  }
}

export async function unindexDoc(tx: DbOrTx, kind: SearchKind, refId: string, lang: PortalLang) {
  await tx
    .delete(searchDocs)
    .where(and(eq(searchDocs.kind, kind), eq(searchDocs.refId, refId), eq(searchDocs.lang, lang)));
}
