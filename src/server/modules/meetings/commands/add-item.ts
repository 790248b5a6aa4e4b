import { eq, sql } from 'drizzle-orm';
import type { ItemInput } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emitMeeting } from '../events.ts';
import { appendLedger } from '../ledger.ts';
import { lockMeeting, requireLive } from '../load.ts';
import { isSecretariat } from '../policy.ts';
import { items } from '../tables.ts';

/** The secretariat adds a content at the end of the agenda. */
export async function addItem(db: Db, ctx: ActionContext, meetingId: string, input: ItemInput) {
  return db.transaction(async (tx) => {
    const l = await lockMeeting(tx, meetingId, ctx.actor);
    if (!isSecretariat(ctx.actor, l.meeting)) throw new AppError('forbidden');
    requireLive(l.meeting);
    const [{ next } = { next: 1 }] = await tx
      .select({ next: sql<number>`coalesce(max(${items.position}), 0)::int + 1` })
      .from(items)
      .where(eq(items.meetingId, meetingId));
    const [item] = await tx
      .insert(items)
      .values({
        meetingId,
        position: next,
        title: input.title,
        presentingUnit: input.presentingUnit,
        presentingAgencyId: input.presentingAgencyId ?? null,
        plannedMinutes: input.plannedMinutes,
        expectedOutcome: input.expectedOutcome,
      })
      .returning();
    await appendLedger(tx, meetingId, {
      kind: 'item.added',
      itemId: item!.id,
      data: { plannedMinutes: input.plannedMinutes },
    });
    await audit(tx, ctx, {
      action: 'meeting.item_add',
      targetType: 'meeting',
      targetId: meetingId,
      agencyId: l.meeting.agencyId,
      summary: { itemId: item!.id, title: input.title },
    });
    await emitMeeting(tx, l, 'agenda_changed', { itemId: item!.id });
    return { id: item!.id };
  });
}
