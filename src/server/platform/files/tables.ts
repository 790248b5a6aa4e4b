import { sql } from 'drizzle-orm';
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
  (t) => [
    index('files_sha').on(t.sha256),
    index('files_owner').on(t.ownerId),
    // The orphan sweep's candidates: files nothing has taken, oldest first.
    index('files_loose').on(t.createdAt).where(sql`resource_id is null`),
  ],
);

// An upload in progress, sent in chunks; it survives a dropped connection and resumes at `received`.
export const uploads = pgTable('file_uploads', {
  id: uuid('id').primaryKey().defaultRandom(),
  ownerId: uuid('owner_id').notNull(),
  name: text('name').notNull(),
  size: bigint('size', { mode: 'number' }).notNull(),
  received: bigint('received', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});
