import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// A file record points at a content-addressed blob (sha256); several records may share one blob.
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    mime: text('mime').notNull(),
    name: text('name').notNull(),
    ownerId: uuid('owner_id'),
    /** the agency whose officials may read it (besides the owner) */
    agencyId: uuid('agency_id'),
    /** what the file is attached to, once attached (e.g. a dossier) */
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('files_sha').on(t.sha256), index('files_owner').on(t.ownerId)],
);
