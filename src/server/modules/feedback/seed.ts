// The default category tree; the demo reports are in demo.ts.
import type { DbOrTx } from '../../platform/db/client.ts';
import { DEFAULT_CATEGORIES } from './categories.ts';
import { DEFAULT_DEADLINES } from './deadline.ts';
import { fbCategories } from './tables.ts';

/** Inserts the default categories that are missing; administrators' changes are kept. */
export async function seedFeedbackCategories(tx: DbOrTx): Promise<void> {
  await tx
    .insert(fbCategories)
    .values(
      DEFAULT_CATEGORIES.map((c, i) => ({
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        description: c.description,
        keywords: c.keywords,
        ownerLevel: c.ownerLevel,
        departmentCode: c.departmentCode ?? null,
        duplicateRadiusM: c.duplicateRadiusM,
        deadlines: c.deadlines ?? DEFAULT_DEADLINES,
        allowAnonymousToAgency: c.allowAnonymousToAgency ?? true,
        followUpDays: c.followUpDays ?? null,
        sort: i,
      })),
    )
    .onConflictDoNothing({ target: fbCategories.code });
}
