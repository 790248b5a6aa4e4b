// Stopping the clock of the content under discussion: shared by close, defer, open-next and end.
import { and, eq } from 'drizzle-orm';
import type { ItemOutcome, ItemState } from '../../../contracts/meetings.ts';
import type { Tx } from '../../platform/db/client.ts';
import type { LedgerEntry } from './ledger.ts';
import { items, meetings, speeches } from './tables.ts';

type ItemRow = typeof items.$inferSelect;

/**
 * Ends the current speech, drops the waiting queue, adds the time used and leaves the item in
 * `state`. Returns the ledger rows to append (in order: speech ended, item closed).
 */
export async function stopItem(
  tx: Tx,
  item: ItemRow,
  state: ItemState,
  outcome: ItemOutcome | null,
  now: Date,
): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  const speaking = await tx
    .update(speeches)
    .set({ state: 'done', endedAt: now })
    .where(and(eq(speeches.itemId, item.id), eq(speeches.state, 'speaking')))
    .returning({ id: speeches.id, participantId: speeches.participantId });
  for (const s of speaking)
    entries.push({
      kind: 'speech.ended',
      itemId: item.id,
      participantId: s.participantId,
      data: { speechId: s.id },
    });
  await tx
    .update(speeches)
    .set({ state: 'withdrawn' })
    .where(and(eq(speeches.itemId, item.id), eq(speeches.state, 'waiting')));
  const used = item.openedAt ? Math.max(0, Math.round((now.getTime() - item.openedAt.getTime()) / 1000)) : 0;
  await tx
    .update(items)
    .set({ state, outcome: outcome ?? item.outcome, closedAt: now, usedSeconds: item.usedSeconds + used })
    .where(eq(items.id, item.id));
  await tx.update(meetings).set({ currentItemId: null }).where(eq(meetings.id, item.meetingId));
  entries.push({
    kind: 'item.closed',
    itemId: item.id,
    data: { outcome, usedSeconds: item.usedSeconds + used, plannedMinutes: item.plannedMinutes },
  });
  return entries;
}
