import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { vietnameseSortKey } from '../../platform/db/vietnamese-order.ts';

export type UnitLevel = 'province' | 'commune';

// Administrative units with validity dates: a merge or rename closes one row and opens another,
// so history keeps the unit it was recorded under.
export const units = pgTable(
  'id_units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    level: text('level').$type<UnitLevel>().notNull(),
    name: text('name').notNull(),
    fullName: text('full_name').notNull(),
    nameEn: text('name_en'),
    parentCode: text('parent_code'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    areaKm2: real('area_km2'),
    /** named sets, e.g. "binh-duong-cu" for the 36 units that were Bình Dương province */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    boundary: jsonb('boundary').$type<GeoJsonGeometry>(),
  },
  (t) => [
    uniqueIndex('id_units_code_from').on(t.code, t.validFrom),
    index('id_units_parent').on(t.parentCode),
  ],
);

export interface GeoJsonGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

// How units became other units (merge, split, rename), so older figures re-aggregate to today's units.
export const unitLineage = pgTable(
  'id_unit_lineage',
  {
    fromCode: text('from_code').notNull(),
    toCode: text('to_code').notNull(),
    kind: text('kind').$type<'merge' | 'split' | 'rename'>().notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    source: text('source'),
  },
  (t) => [primaryKey({ columns: [t.fromCode, t.toCode, t.effectiveOn] })],
);

export type AgencyKind =
  | 'peoples_committee'
  | 'department'
  | 'service_centre'
  | 'one_stop_desk'
  | 'division'
  | 'other';

// Agencies in a tree; `path` is the chain of ids from the root ("/a/b/c/"), so a subtree is a prefix.
export const agencies = pgTable(
  'id_agencies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** mã định danh điện tử, e.g. 000.00.00.H29 */
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind').$type<AgencyKind>().notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => agencies.id),
    path: text('path').notNull(),
    unitCode: text('unit_code').notNull(),
    /** the number citizens call about their dossiers (printed on form 02); one-stop desks have one */
    phone: text('phone'),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('id_agencies_code').on(t.code),
    index('id_agencies_path').on(t.path),
    index('id_agencies_parent').on(t.parentId),
  ],
);

export type UserKind = 'official' | 'citizen';

export const users = pgTable(
  'id_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<UserKind>().notNull(),
    email: text('email'),
    phone: text('phone'),
    fullName: text('full_name').notNull(),
    /** Vietnamese alphabetical order of the name, compared with `collate "C"` (paged lists sort in the database) */
    nameSort: text('name_sort')
      .notNull()
      .generatedAlwaysAs(() => vietnameseSortKey(sql`full_name`)),
    /** job title shown on documents (chức danh) */
    title: text('title'),
    passwordHash: text('password_hash').notNull(),
    locale: text('locale').notNull().default('vi'),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true, mode: 'date' }),
    /** the last TOTP time step accepted: a code is never accepted twice */
    totpLastStep: integer('totp_last_step'),
    disabledAt: timestamp('disabled_at', { withTimezone: true, mode: 'date' }),
    /** only usable while the deployment runs in demo mode */
    demo: boolean('demo').notNull().default(false),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('id_users_email').on(sql`lower(${t.email})`),
    uniqueIndex('id_users_phone').on(t.phone),
    index('id_users_name_sort').on(sql`${t.nameSort} collate "C"`),
  ],
);

// Roles are data: a code, names, and named permissions.
export const roles = pgTable('id_roles', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull(),
  /** built-in roles cannot be deleted */
  builtIn: boolean('built_in').notNull().default(false),
  /** holders must use a second factor (TOTP) */
  requiresTotp: boolean('requires_totp').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

// A user holds a role in an agency; permissions reach that agency and everything below it.
export const memberships = pgTable(
  'id_memberships',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    roleCode: text('role_code')
      .notNull()
      .references(() => roles.code, { onUpdate: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.agencyId, t.roleCode] }),
    index('id_memberships_agency').on(t.agencyId),
  ],
);

// Server-side sessions; the cookie carries a random token, the table keeps only its SHA-256.
export const sessions = pgTable(
  'id_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('id_sessions_user').on(t.userId)],
);

export const passwordResets = pgTable('id_password_resets', {
  tokenHash: text('token_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true, mode: 'date' }),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * A citizen's registration waiting for its confirmation link: the account exists only once the link
 * is opened, so the answer to the form says nothing about whether the e-mail or phone was taken.
 */
export const registrations = pgTable('id_registrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  phone: text('phone'),
  passwordHash: text('password_hash').notNull(),
  locale: text('locale').notNull(),
  /** set by the job that sends the link (only the hash is kept) */
  tokenHash: text('token_hash').unique(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
