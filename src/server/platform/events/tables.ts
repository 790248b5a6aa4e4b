import { bigserial, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** Who may see an event in a browser: everyone, some users, or holders of a permission over some agencies. */
export interface Audience {
  public?: boolean;
  userIds?: string[];
  /** agency paths ("/root/…/id/"); a user sees the event when a membership of theirs covers one of them */
  agencyPaths?: string[];
  /** the permission the covering membership must grant (alone: held anywhere) */
  permission?: string;
}

// The transactional outbox: written with the change, dispatched at least once afterwards.
export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    aggregateType: text('aggregate_type').notNull(),
    aggregateId: text('aggregate_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    audience: jsonb('audience').$type<Audience>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true, mode: 'date' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastError: text('last_error'),
  },
  (t) => [index('outbox_pending').on(t.nextAttemptAt, t.id).where(sql`dispatched_at is null`)],
);
