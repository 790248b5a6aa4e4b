// The scheduled publisher. Runs every half minute and publishes every scheduled edition whose time has
// come — after a restart or an outage too, however late (the catch-up). An edition that cannot go out
// keeps its state, gets the reason, and raises an alert event for its section's reviewers, once.
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { editions } from '../tables.ts';
import { loadItemForUpdate } from './load.ts';
import { publishEdition } from './move-edition.ts';

export async function publishDueEditions(
  db: Db,
  now = new Date(),
): Promise<{ published: number; failed: number }> {
  const due = await db
    .select({ id: editions.id, itemId: editions.itemId })
    .from(editions)
    .where(
      and(eq(editions.state, 'scheduled'), lte(editions.scheduledAt, now), isNull(editions.scheduleError)),
    )
    .orderBy(editions.scheduledAt)
    .limit(200);
  let published = 0;
  let failed = 0;
  for (const { id, itemId } of due) {
    try {
      await db.transaction(async (tx) => {
        const { item, section } = await loadItemForUpdate(tx, itemId);
        const [edition] = await tx.select().from(editions).where(eq(editions.id, id));
        if (edition?.state !== 'scheduled') return;
        const late = now.getTime() - edition.scheduledAt!.getTime();
        await publishEdition(tx, item, section, edition, now);
        await audit(tx, systemContext('portal.scheduler'), {
          action: 'portal.edition_publish_due',
          targetType: 'portal_item',
          targetId: item.id,
          summary: { lang: edition.lang, number: edition.number, lateSeconds: Math.round(late / 1000) },
        });
        await emit(tx, {
          type: 'portal.edition_published',
          aggregateType: 'portal_item',
          aggregateId: item.id,
          payload: { lang: edition.lang, number: edition.number, scheduled: true },
          audience: { public: true },
        });
      });
      published++;
    } catch (err) {
      failed++;
      await raiseScheduleAlert(db, id, itemId, err);
    }
  }
  return { published, failed };
}

async function raiseScheduleAlert(db: Db, editionId: string, itemId: string, err: unknown) {
  const reason = err instanceof AppError ? err.code : 'internal';
  await db.transaction(async (tx) => {
    const { section } = await loadItemForUpdate(tx, itemId);
    const [row] = await tx
      .update(editions)
      .set({ scheduleError: reason, lockVersion: sql`${editions.lockVersion} + 1` })
      .where(and(eq(editions.id, editionId), eq(editions.state, 'scheduled')))
      .returning();
    if (!row) return;
    await audit(tx, systemContext('portal.scheduler'), {
      action: 'portal.schedule_failed',
      targetType: 'portal_item',
      targetId: itemId,
      summary: { lang: row.lang, number: row.number, reason },
    });
    await emit(tx, {
      type: 'portal.schedule_failed',
      aggregateType: 'portal_item',
      aggregateId: itemId,
      payload: { lang: row.lang, number: row.number, reason, scheduledAt: row.scheduledAt?.toISOString() },
      audience: { permission: PORTAL_PERMISSIONS.review, agencyPaths: [section.agencyPath] },
    });
  });
}
