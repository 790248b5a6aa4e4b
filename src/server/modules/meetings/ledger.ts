// The measurement ledger: every command appends what happened; the server's clock stamps it.
import type { DbOrTx } from '../../platform/db/client.ts';
import { ledger } from './tables.ts';

export const LEDGER_KINDS = [
  'meeting.created',
  'meeting.invited',
  'meeting.updated',
  'invitation.reminded',
  'meeting.cancelled',
  'meeting.started',
  'meeting.paused',
  'meeting.resumed',
  'meeting.ended',
  'item.added',
  'item.reordered',
  'item.deferred',
  'item.withdrawn',
  'item.opened',
  'item.closed',
  'reply',
  'check_in',
  'check_out',
  'speech.requested',
  'speech.begun',
  'speech.ended',
  'poll.opened',
  'ballot.cast',
  'poll.closed',
  'document.added',
  'document.published',
  'document.printed',
  'paper.exception',
  'conclusion.recorded',
  'notice.issued',
  'task.created',
  'task.progress',
  'task.reminded',
  'task.done',
  'minutes.drafted',
  'item.question',
  'round.opened',
  'round.answered',
  'round.reminded',
  'round.closed',
  'item.settled',
  'minutes.signed',
] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  kind: LedgerKind;
  itemId?: string | null;
  participantId?: string | null;
  data?: Record<string, unknown>;
}

/** Appends rows for one meeting; `at` is left to the database (`now()`), never taken from a client. */
export async function appendLedger(tx: DbOrTx, meetingId: string, ...entries: LedgerEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(ledger).values(
    entries.map((e) => ({
      meetingId,
      kind: e.kind,
      itemId: e.itemId ?? null,
      participantId: e.participantId ?? null,
      data: e.data ?? {},
    })),
  );
}
