// A reader rates the portal (Decree 42, art. 8): a score from 1 to 5 and the page it was given on.
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import type { PortalLang } from '../languages.ts';
import { ratings } from '../tables.ts';

export async function ratePortal(
  tx: Tx,
  ctx: ActionContext,
  input: { lang: PortalLang; score: unknown; path: unknown },
) {
  const score = Number(input.score);
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw new AppError('validation', {}, [{ field: 'body.score', key: 'field.rating_score' }]);
  const raw = typeof input.path === 'string' ? input.path : '';
  // Only a path of this portal is kept (no other site, no query): `/vi/...`.
  const path = /^\/(vi|en|ja|ko|zh)(\/[\w\-./%]*)?$/.test(raw) ? raw.slice(0, 300) : `/${input.lang}`;
  const [row] = await tx.insert(ratings).values({ lang: input.lang, score, path }).returning();
  await audit(tx, ctx, {
    action: 'portal.rating',
    targetType: 'portal_rating',
    targetId: String(row!.id),
    summary: { score, path },
  });
  await emit(tx, {
    type: 'portal.rated',
    aggregateType: 'portal_rating',
    aggregateId: String(row!.id),
    payload: { score },
    audience: { permission: 'portal.review' },
  });
  return row!;
}
