// Tables of citizen feedback (phản ánh hiện trường). ADR 14 explains the model.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
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
import type { DeadlineRule } from './deadline.ts';
import type { ReportStatus } from './lifecycle.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type OwnerLevel = 'commune' | 'department';
export type ReportChannel = 'web' | 'open311' | 'hotline' | 'zalo' | 'social' | 'import';

/** A configurable tree of categories; `code` is the Open311 service_code and never changes. */
export const fbCategories = pgTable(
  'fb_categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    parentCode: text('parent_code'),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    description: text('description').notNull().default(''),
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    /** commune People's Committee of the point, or a city department (agency code) */
    ownerLevel: text('owner_level').$type<OwnerLevel>().notNull(),
    departmentCode: text('department_code'),
    /** open reports of the category within this distance are offered as duplicates */
    duplicateRadiusM: integer('duplicate_radius_m').notNull(),
    deadlines: jsonb('deadlines').$type<{ ordinary: DeadlineRule; urgent: DeadlineRule }>().notNull(),
    /** whether the reporter may hide their identity from the handling agency too */
    allowAnonymousToAgency: boolean('allow_anonymous_to_agency').notNull().default(true),
    /** days after publication without a rating before the report closes itself */
    autoCloseDays: smallint('auto_close_days').notNull().default(7),
    /** "is it still fixed?" asked this many days after closing; null: not asked */
    followUpDays: smallint('follow_up_days'),
    sort: smallint('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [uniqueIndex('fb_categories_code').on(t.code)],
);

/**
 * A report. `code` is the tracking code and the Open311 service_request_id; `token` the Open311 token.
 * Personal data is not here: contacts live in fb_followers, read only by the handling side.
 */
export const fbReports = pgTable(
  'fb_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    token: text('token').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => fbCategories.id),
    status: text('status').$type<ReportStatus>().notNull(),
    urgent: boolean('urgent').notNull().default(false),
    channel: text('channel').$type<ReportChannel>().notNull(),
    /** as written by the reporter (private: may hold names, phones, plates) */
    description: text('description').notNull(),
    /** what the public sees: redacted automatically, confirmed by the operator */
    publicDescription: text('public_description').notNull(),
    address: text('address'),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** the commune the point fell in and the dated version of it used for routing */
    unitCode: text('unit_code').notNull(),
    unitValidFrom: date('unit_valid_from', { mode: 'string' }).notNull(),
    agencyId: uuid('agency_id'),
    agencyPath: text('agency_path'),
    reporterUserId: uuid('reporter_user_id'),
    /** shown as "anonymous" to the public (always) and, when chosen and allowed, to the agency */
    hiddenFromAgency: boolean('hidden_from_agency').notNull().default(false),
    apiKeyId: uuid('api_key_id'),
    mergedIntoId: uuid('merged_into_id'),
    rejectReason: text('reject_reason').$type<RejectReason>(),
    rejectNote: text('reject_note'),
    reopenCount: smallint('reopen_count').notNull().default(0),
    followerCount: integer('follower_count').notNull().default(1),
    submittedAt: ts('submitted_at').notNull(),
    routedAt: ts('routed_at'),
    dueAt: ts('due_at'),
    dueExplanation: jsonb('due_explanation').$type<Record<string, unknown>>(),
    extensionReason: text('extension_reason'),
    /** the last deadline warning sent for the current deadline */
    escalation: text('escalation').$type<'due_soon' | 'overdue'>(),
    publishedAt: ts('published_at'),
    closedAt: ts('closed_at'),
    updatedAt: ts('updated_at').notNull(),
    idempotencyKey: text('idempotency_key'),
    /** when the "is it still fixed?" question went to the followers (categories with follow_up_days) */
    followUpAskedAt: ts('follow_up_asked_at'),
    /** the report's identifier in the system it was imported from (CSV import): imported once */
    externalRef: text('external_ref'),
  },
  (t) => [
    uniqueIndex('fb_reports_code').on(t.code),
    uniqueIndex('fb_reports_token').on(t.token),
    uniqueIndex('fb_reports_idempotency').on(t.idempotencyKey),
    uniqueIndex('fb_reports_external_ref').on(t.externalRef),
    index('fb_reports_queue').on(t.status, t.urgent, t.submittedAt),
    index('fb_reports_category_point').on(t.categoryId, t.lat, t.lng),
    index('fb_reports_unit_status').on(t.unitCode, t.status, t.submittedAt),
    index('fb_reports_agency_status').on(t.agencyId, t.status),
    index('fb_reports_submitted').on(t.submittedAt),
    index('fb_reports_updated').on(t.updatedAt),
    index('fb_reports_due').on(t.dueAt),
  ],
);

export type RejectReason = 'out_of_scope' | 'unverifiable' | 'duplicate' | 'not_public';

/** The reporter and those who said "this is my problem too": contacts are private to the handling side. */
export const fbFollowers = pgTable(
  'fb_followers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => fbReports.id),
    isReporter: boolean('is_reporter').notNull(),
    userId: uuid('user_id'),
    name: text('name'),
    phone: text('phone'),
    email: text('email'),
    /** sha256 of the secret in the follower's tracking link: lets an anonymous reporter rate */
    secretHash: text('secret_hash').notNull(),
    joinedAt: ts('joined_at').notNull(),
    /** the language of the follower's messages (the page they reported or joined from) */
    lang: text('lang').$type<'vi' | 'en'>().notNull().default('vi'),
    /** the report they followed before an operator merged it into this one */
    mergedFromId: uuid('merged_from_id'),
    /** their answer to "is it still fixed?" (null: not asked or not answered) */
    followUpFixed: boolean('follow_up_fixed'),
  },
  (t) => [index('fb_followers_report').on(t.reportId), index('fb_followers_user').on(t.userId)],
);

/**
 * Photos, re-encoded (location and every other metadata stripped) before they are stored. An upload
 * belongs to no report until a submission or reply attaches it with its upload secret.
 */
export const fbMedia = pgTable(
  'fb_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id'),
    replyId: uuid('reply_id'),
    sha256: text('sha256').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    /** sha256 of the secret given to the uploader: only they can attach it */
    secretHash: text('secret_hash').notNull(),
    /** the operator confirmed the photo may be public (faces are not detected automatically) */
    publicApproved: boolean('public_approved').notNull().default(false),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('fb_media_report').on(t.reportId),
    index('fb_media_reply').on(t.replyId),
    // The blob sweep asks whether a photo still names a blob.
    index('fb_media_sha').on(t.sha256),
  ],
);

/** Everything that happened to a report; `publicNote` (redacted) is what the public timeline shows. */
export const fbTimeline = pgTable(
  'fb_timeline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id').notNull(),
    at: ts('at').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status').$type<ReportStatus>(),
    toStatus: text('to_status').$type<ReportStatus>().notNull(),
    actorUserId: uuid('actor_user_id'),
    agencyId: uuid('agency_id'),
    note: text('note'),
    publicNote: text('public_note'),
    isPublic: boolean('is_public').notNull().default(true),
  },
  (t) => [index('fb_timeline_report').on(t.reportId, t.at)],
);

export type ReplyStatus = 'pending_review' | 'published' | 'sent_back';

/** The agency's formal answer, reviewed by an operator before the public sees its redacted text. */
export const fbReplies = pgTable(
  'fb_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    text: text('text').notNull(),
    publicText: text('public_text'),
    status: text('status').$type<ReplyStatus>().notNull(),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    createdAt: ts('created_at').notNull(),
    publishedAt: ts('published_at'),
  },
  (t) => [index('fb_replies_report').on(t.reportId, t.createdAt)],
);

/** One rating per follower per published answer (round = the report's reopen count when rated). */
export const fbRatings = pgTable(
  'fb_ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id').notNull(),
    followerId: uuid('follower_id').notNull(),
    round: smallint('round').notNull(),
    satisfied: boolean('satisfied').notNull(),
    comment: text('comment'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('fb_ratings_once').on(t.reportId, t.followerId, t.round)],
);

/** Open311 API keys: only the hash is kept; each key has its own rate limit. */
export const fbApiKeys = pgTable(
  'fb_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    keyHash: text('key_hash').notNull(),
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    contactEmail: text('contact_email'),
    perMinute: integer('per_minute').notNull().default(60),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    lastUsedAt: ts('last_used_at'),
    /** when an administrator revoked it (then `active` is false), and who */
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [uniqueIndex('fb_api_keys_hash').on(t.keyHash)],
);
