// Creating an article and saving an edition of it in one language. A save names the lock version it
// edited; a stale save is refused with 409 and both versions, so the editor can compare them.
import { eq, sql } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { getUser } from '../../identity/index.ts';
import { type DocNode, renderBody } from '../body.ts';
import { nextState, slugify } from '../editions.ts';
import type { PortalLang } from '../languages.ts';
import { editionActors, PORTAL_PERMISSIONS } from '../policy.ts';
import { editions, items, sections } from '../tables.ts';
import { type EditionRow, liveEdition, loadItemForUpdate, nextEditionNumber, openEdition } from './load.ts';
import { checkSlug } from './slugs.ts';

export interface EditionContent {
  title: string;
  summary: string;
  body: DocNode;
  slug?: string | undefined;
  changeNote?: string | null | undefined;
  major?: boolean | undefined;
}

/** Refused with the version the editor has not seen (the client shows it beside theirs). */
export class EditConflict extends AppError {
  constructor(
    readonly current: EditionRow,
    by: string,
  ) {
    super('portal_edit_conflict', { by });
  }
}

export async function createItem(
  tx: Tx,
  ctx: ActionContext,
  input: {
    sectionId: string;
    kind: 'article' | 'page';
    categories: string[];
    tags: string[];
    lang: PortalLang;
  } & EditionContent,
) {
  const [section] = await tx.select().from(sections).where(eq(sections.id, input.sectionId));
  if (!section) throw new AppError('validation', {}, [{ field: 'body.sectionId', key: 'field.invalid' }]);
  const actor = requirePermission(ctx.actor, PORTAL_PERMISSIONS.edit, section.agencyPath);
  const slug = input.slug ?? slugify(input.title);
  await checkSlug(tx, input.lang, slug, null);
  const [item] = await tx
    .insert(items)
    .values({
      sectionId: section.id,
      kind: input.kind,
      categories: input.categories,
      tags: input.tags,
      createdBy: actor.userId,
    })
    .returning();
  const edition = await insertDraft(tx, item!.id, input.lang, 1, { ...input, slug }, actor.userId);
  await audit(tx, ctx, {
    action: 'portal.item_create',
    targetType: 'portal_item',
    targetId: item!.id,
    summary: { section: section.code, lang: input.lang, title: input.title },
  });
  await emit(tx, {
    type: 'portal.edition_saved',
    aggregateType: 'portal_item',
    aggregateId: item!.id,
    payload: { lang: input.lang, number: 1, state: 'draft' },
    audience: { permission: PORTAL_PERMISSIONS.edit, agencyPaths: [section.agencyPath] },
  });
  return { item: item!, edition };
}

async function insertDraft(
  tx: Tx,
  itemId: string,
  lang: PortalLang,
  number: number,
  c: EditionContent & { slug: string },
  userId: string,
) {
  const [row] = await tx
    .insert(editions)
    .values({
      itemId,
      lang,
      number,
      state: 'draft',
      title: c.title,
      summary: c.summary,
      body: c.body,
      bodyHtml: renderBody(c.body),
      slug: c.slug,
      changeNote: c.changeNote ?? null,
      major: c.major ?? false,
      createdBy: userId,
      updatedBy: userId,
    })
    .returning();
  return row!;
}

/**
 * Saves the language's edition in progress, or starts one: from the live edition when there is one
 * (the next edition), else the first edition of a new translation. Other languages are not touched.
 */
export async function saveEdition(
  tx: Tx,
  ctx: ActionContext,
  input: { itemId: string; lang: PortalLang; lockVersion: number | null } & EditionContent,
) {
  const { item, section } = await loadItemForUpdate(tx, input.itemId);
  const actors = editionActors(ctx.actor, section.agencyPath);
  if (!ctx.actor) throw new AppError('unauthenticated');
  if (actors.length === 0) throw new AppError('forbidden');
  const userId = ctx.actor.userId;
  const open = await openEdition(tx, item.id, input.lang);
  let edition: EditionRow;
  if (open) {
    if (input.lockVersion !== open.lockVersion) {
      const by = open.updatedBy ? ((await getUser(tx, open.updatedBy))?.fullName ?? '') : '';
      throw new EditConflict(open, by);
    }
    const move = nextState(open.state, 'save', actors[0]!);
    if (!move.ok) throw new AppError('invalid_state');
    const slug = input.slug ?? open.slug;
    await checkSlug(tx, input.lang, slug, item.id);
    const [row] = await tx
      .update(editions)
      .set({
        state: move.to,
        title: input.title,
        summary: input.summary,
        body: input.body,
        bodyHtml: renderBody(input.body),
        slug,
        changeNote: input.changeNote ?? null,
        major: input.major ?? false,
        lockVersion: sql`${editions.lockVersion} + 1`,
        updatedBy: userId,
        updatedAt: new Date(),
        // A change after review needs a new review; a schedule is cancelled.
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        scheduledAt: null,
        scheduleError: null,
      })
      .where(eq(editions.id, open.id))
      .returning();
    edition = row!;
  } else {
    // A new edition must say it knows there is none in progress (lockVersion null).
    if (input.lockVersion !== null) throw new AppError('conflict');
    const live = await liveEdition(tx, item.id, input.lang);
    const slug = input.slug ?? live?.slug ?? slugify(input.title);
    await checkSlug(tx, input.lang, slug, item.id);
    edition = await insertDraft(
      tx,
      item.id,
      input.lang,
      await nextEditionNumber(tx, item.id, input.lang),
      { ...input, slug },
      userId,
    );
  }
  await audit(tx, ctx, {
    action: 'portal.edition_save',
    targetType: 'portal_item',
    targetId: item.id,
    summary: { lang: input.lang, number: edition.number, lockVersion: edition.lockVersion },
  });
  await emit(tx, {
    type: 'portal.edition_saved',
    aggregateType: 'portal_item',
    aggregateId: item.id,
    payload: { lang: input.lang, number: edition.number, state: edition.state },
    audience: { permission: PORTAL_PERMISSIONS.edit, agencyPaths: [section.agencyPath] },
  });
  return edition;
}
