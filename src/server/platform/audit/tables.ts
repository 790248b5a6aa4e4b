import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Written in the same transaction as every change; chained by a background job (seq + hash),
// so inserts take no global lock. Rows are never updated except to be chained, never deleted.
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    /** the agency the change concerns, for scoped browsing */
    agencyId: uuid('agency_id'),
    ip: text('ip'),
    requestId: text('request_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull().default({}),
    /** position in the hash chain, assigned when chained */
    seq: bigint('seq', { mode: 'number' }).unique(),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_unchained').on(t.id).where(sql`seq is null`),
    index('audit_log_actor').on(t.actorId, t.at),
    index('audit_log_target').on(t.targetType, t.targetId),
    // The audit log filtered by a dossier's code (the code is in the summary, not a column).
    index('audit_log_dossier_code').on(sql`(summary->>'code')`).where(sql`target_type = 'dossier'`),
    index('audit_log_at').on(t.at),
  ],
);
