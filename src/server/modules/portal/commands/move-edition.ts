// Every change of an edition's state after it is written: submit, return, approve (by a second
// person), schedule, unschedule, publish, and unpublishing the live edition as withdrawn, redirected
// or gone. One language at a time; the others are not touched.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { DbOrTx, Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { bodyText } from '../body.ts';
import {
  EDITION_TRANSITIONS,
  type EditionAction,
  type EditionActor,
  LIVE_STATES,
  mayApprove,
  nextState,
} from '../editions.ts';
import { indexDocs, unindexDoc } from '../indexing.ts';
import type { PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { editionActors, PORTAL_PERMISSIONS } from '../policy.ts';
import { editions, sites } from '../tables.ts';
import {
  type EditionRow,
  type ItemRow,
  liveEdition,
  loadItemForUpdate,
  openEdition,
  type SectionRow,
} from './load.ts';
import { reserveSlug } from './slugs.ts';

export type MoveInput =
  | { action: 'submit' | 'return' | 'approve' | 'unschedule' | 'publish'; note?: string }
  | { action: 'schedule'; at: Date }
  | { action: 'withdraw'; reason: string }
  | { action: 'redirect'; to: string; reason?: string }
  | { action: 'gone'; reason?: string };

export async function moveEdition(
  tx: Tx,
  ctx: ActionContext,
  itemId: string,
  lang: PortalLang,
  lockVersion: number,
  input: MoveInput,
  now = new Date(),
) {
  const { item, section } = await loadItemForUpdate(tx, itemId);
  if (!ctx.actor) throw new AppError('unauthenticated');
  const actors = editionActors(ctx.actor, section.agencyPath);
  if (actors.length === 0) throw new AppError('forbidden');
  const unpublishing = input.action === 'withdraw' || input.action === 'redirect' || input.action === 'gone';
  const edition = unpublishing ? await liveEdition(tx, itemId, lang) : await openEdition(tx, itemId, lang);
  if (!edition) throw new AppError('invalid_state');
  if (edition.lockVersion !== lockVersion) throw new AppError('conflict');
  // A wrong state is a conflict whoever asks; the right state but not the right role is forbidden.
  if (!EDITION_TRANSITIONS[input.action].from.includes(edition.state)) throw new AppError('invalid_state');
  const actor = pickActor(edition, input.action, actors);
  if (!actor) throw new AppError('forbidden');
  const move = nextState(edition.state, input.action, actor);
  if (!move.ok) throw new AppError('forbidden');
  const userId = ctx.actor.userId;
  let updated: EditionRow;
  switch (input.action) {
    case 'approve':
      if (!mayApprove(userId, edition)) throw new AppError('portal_second_reviewer');
      updated = await setEdition(tx, edition, { state: move.to, approvedBy: userId, approvedAt: now });
      break;
    case 'submit':
      updated = await setEdition(tx, edition, { state: move.to, submittedBy: userId, submittedAt: now });
      break;
    case 'return':
      updated = await setEdition(tx, edition, {
        state: move.to,
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
      });
      break;
    case 'schedule':
      if (input.at.getTime() <= now.getTime()) throw new AppError('portal_schedule_in_past');
      updated = await setEdition(tx, edition, { state: move.to, scheduledAt: input.at, scheduleError: null });
      break;
    case 'unschedule':
      updated = await setEdition(tx, edition, { state: move.to, scheduledAt: null });
      break;
    case 'publish':
      updated = await publishEdition(tx, item, section, edition, now);
      break;
    case 'withdraw':
      updated = await setEdition(tx, edition, {
        state: move.to,
        unpublishedAt: now,
        unpublishReason: input.reason,
      });
      break;
    case 'redirect':
      updated = await setEdition(tx, edition, {
        state: move.to,
        unpublishedAt: now,
        unpublishReason: input.reason ?? null,
        redirectTo: input.to,
      });
      break;
    case 'gone':
      updated = await setEdition(tx, edition, {
        state: move.to,
        unpublishedAt: now,
        unpublishReason: input.reason ?? null,
      });
      break;
  }
  if (unpublishing && input.action !== 'withdraw') await unindexDoc(tx, 'article', itemId, lang);
  await audit(tx, ctx, {
    action: `portal.edition_${input.action}`,
    targetType: 'portal_item',
    targetId: itemId,
    summary: {
      lang,
      number: edition.number,
      from: edition.state,
      to: updated.state,
      ...('at' in input ? { at: input.at.toISOString() } : {}),
      ...('reason' in input && input.reason ? { reason: input.reason } : {}),
      ...('note' in input && input.note ? { note: input.note } : {}),
    },
  });
  await emit(tx, {
    type: `portal.edition_${updated.state}`,
    aggregateType: 'portal_item',
    aggregateId: itemId,
    payload: { lang, number: edition.number, from: edition.state, to: updated.state },
    audience:
      updated.state === 'published'
        ? { public: true }
        : { permission: PORTAL_PERMISSIONS.edit, agencyPaths: [section.agencyPath] },
  });
  return updated;
}

/** The role the person acts in: approving and unpublishing need the reviewer's. */
function pickActor(
  edition: EditionRow,
  action: EditionAction,
  actors: EditionActor[],
): EditionActor | undefined {
  return actors.find((a) => nextState(edition.state, action, a).ok);
}

async function setEdition(tx: DbOrTx, edition: EditionRow, set: Partial<typeof editions.$inferInsert>) {
  const [row] = await tx
    .update(editions)
    .set({ ...set, lockVersion: sql`${editions.lockVersion} + 1` })
    .where(eq(editions.id, edition.id))
    .returning();
  return row!;
}

/**
 * Makes an approved (or due scheduled) edition the live one of its language: the previous live
 * edition is superseded, the slug reserved for good, the search document replaced.
 */
export async function publishEdition(
  tx: Tx,
  item: ItemRow,
  section: SectionRow,
  edition: EditionRow,
  now: Date,
): Promise<EditionRow> {
  const previous = await liveEdition(tx, item.id, edition.lang);
  if (previous)
    await tx
      .update(editions)
      .set({ state: 'superseded', supersededAt: now, lockVersion: sql`${editions.lockVersion} + 1` })
      .where(
        and(
          eq(editions.itemId, item.id),
          eq(editions.lang, edition.lang),
          inArray(editions.state, [...LIVE_STATES]),
        ),
      );
  await reserveSlug(tx, edition.lang, edition.slug, item.id);
  const updated = await setEdition(tx, edition, {
    state: 'published',
    publishedAt: now,
    firstPublishedAt: previous?.firstPublishedAt ?? now,
    scheduleError: null,
  });
  const [site] = await tx.select({ names: sites.names }).from(sites).where(eq(sites.id, section.siteId));
  await indexDocs(tx, [
    {
      kind: 'article',
      refId: item.id,
      lang: edition.lang,
      title: edition.title,
      body: `${edition.summary} ${bodyText(edition.body)}`.trim(),
      path: portalPaths.article(edition.lang, edition.slug),
      agencyName: site?.names[edition.lang] ?? site?.names.vi ?? null,
      at: updated.firstPublishedAt,
    },
  ]);
  return updated;
}
