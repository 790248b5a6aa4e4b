// NOTIFY takes one lock for the whole cluster at commit and holds it through the WAL flush, so
// transactions that notify commit one at a time (ADR 12: it capped submissions at the disk's flush
// rate). A wake-up only has to end a listener's wait, and listeners that were woken keep looking for
// a while, so a process sends at most one per channel per window.
import { type SQL, sql } from 'drizzle-orm';

export const WAKE_WINDOW_MS = 100;
const lastSent = new Map<string, number>();

/** For a select list in the writing statement: `pg_notify(channel, payload)`, or null inside the window. */
export function wake(channel: string, payload = ''): SQL {
  const now = Date.now();
  if (now - (lastSent.get(channel) ?? 0) < WAKE_WINDOW_MS) return sql`null`;
  lastSent.set(channel, now);
  return sql`pg_notify(${channel}, ${payload})`;
}
