import type { DbOrTx } from '../../platform/db/client.ts';
import { procedureList } from '../services/index.ts';
import { indexDocs } from './indexing.ts';
import { portalPaths } from './paths.ts';

/** Procedures in the portal's search (Vietnamese and English pages link to the same procedure). */
export async function indexProcedures(db: DbOrTx): Promise<number> {
  const list = (await procedureList(db)).filter((p) => p.active);
  await indexDocs(
    db,
    (['vi', 'en'] as const).flatMap((lang) =>
      list.map((p) => ({
        kind: 'procedure' as const,
        refId: p.code,
        lang,
        title: p.name,
        body: `${p.sectorName} ${p.code}`,
        path: portalPaths.procedure(lang, p.code),
        agencyName: null,
        at: null,
      })),
    ),
  );
  return list.length;
}
