import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type SyncState = 'pending' | 'synced' | 'failed';

// One row per dossier known to DVCQG: what the portal should have (revision) and what it acknowledged.
export const dvcqgSync = pgTable(
  'int_dvcqg_sync',
  {
    dossierId: uuid('dossier_id').primaryKey(),
    code: text('code').notNull(),
    state: text('state').$type<SyncState>().notNull().default('pending'),
    /** the dossier revision the portal should hold */
    revision: integer('revision').notNull(),
    /** the last revision the portal acknowledged */
    sentRevision: integer('sent_revision'),
    /** the national status last acknowledged */
    sentStatus: smallint('sent_status'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    lastAttemptAt: ts('last_attempt_at'),
    syncedAt: ts('synced_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('int_dvcqg_sync_state').on(t.state, t.updatedAt),
    uniqueIndex('int_dvcqg_sync_code').on(t.code),
  ],
);

// Each reconciliation of a period with the portal: counts and the codes that were re-sent.
export const dvcqgReconciliations = pgTable('int_dvcqg_reconciliations', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  from: date('from', { mode: 'string' }).notNull(),
  to: date('to', { mode: 'string' }).notNull(),
  localCount: integer('local_count').notNull(),
  remoteCount: integer('remote_count').notNull(),
  /** codes the portal lacks, or holds at an older revision or another status */
  missing: jsonb('missing').$type<string[]>().notNull().default([]),
  stale: jsonb('stale').$type<string[]>().notNull().default([]),
  /** codes the portal has that this system does not know */
  unknown: jsonb('unknown').$type<string[]>().notNull().default([]),
  resent: integer('resent').notNull(),
  actorLabel: text('actor_label').notNull(),
  at: ts('at').notNull().defaultNow(),
});

// Another system allowed in by an administrator: OAuth 2.0 client credentials, scopes, an agency subtree.
export const apiClients = pgTable('int_api_clients', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  agencyId: uuid('agency_id').notNull(),
  agencyPath: text('agency_path').notNull(),
  scopes: text('scopes').array().notNull(),
  /** SHA-256 of the secret (a 256-bit random value: a slow hash adds nothing) */
  secretHash: text('secret_hash').notNull(),
  rateLimitPerMinute: integer('rate_limit_per_minute').notNull().default(120),
  revokedAt: ts('revoked_at'),
  createdBy: uuid('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
});

// Short-lived bearer tokens issued to clients, stored hashed.
export const apiTokens = pgTable(
  'int_api_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id),
    scopes: text('scopes').array().notNull(),
    expiresAt: ts('expires_at').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('int_api_tokens_client').on(t.clientId)],
);

// A client's webhook: where to send which event types, signed with a secret kept sealed.
export const webhookSubscriptions = pgTable(
  'int_webhook_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id')
      .notNull()
      .references(() => apiClients.id),
    url: text('url').notNull(),
    eventTypes: text('event_types').array().notNull(),
    /** the signing secret, sealed with the deployment's SecretBox */
    secretSealed: text('secret_sealed').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('int_webhook_subscriptions_client').on(t.clientId)],
);

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

// One event for one subscription: the delivery log (attempts, last answer) and what replay re-sends.
export const webhookDeliveries = pgTable(
  'int_webhook_deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subscriptionId: uuid('subscription_id')
      .notNull()
      .references(() => webhookSubscriptions.id),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<DeliveryStatus>().notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastAttemptAt: ts('last_attempt_at'),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    uniqueIndex('int_webhook_deliveries_event').on(t.subscriptionId, t.eventId),
    index('int_webhook_deliveries_status').on(t.status, t.id).where(sql`status <> 'delivered'`),
  ],
);
