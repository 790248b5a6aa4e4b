import { and, eq } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { SLUG_PATTERN } from '../editions.ts';
import type { PortalLang } from '../languages.ts';
import { slugs } from '../tables.ts';

/** Refuses a slug that is malformed or belongs to another item in this language. */
export async function checkSlug(tx: DbOrTx, lang: PortalLang, slug: string, itemId: string | null) {
  if (!SLUG_PATTERN.test(slug))
    throw new AppError('validation', {}, [{ field: 'body.slug', key: 'field.slug_invalid' }]);
  const [owner] = await tx
    .select({ itemId: slugs.itemId })
    .from(slugs)
    .where(and(eq(slugs.lang, lang), eq(slugs.slug, slug)));
  if (owner && owner.itemId !== itemId) throw new AppError('portal_slug_taken', { slug });
}

/** Reserves the slug for the item for good (old slugs of the item keep redirecting to the new one). */
export async function reserveSlug(tx: DbOrTx, lang: PortalLang, slug: string, itemId: string) {
  await checkSlug(tx, lang, slug, itemId);
  await tx.insert(slugs).values({ lang, slug, itemId }).onConflictDoNothing();
}
