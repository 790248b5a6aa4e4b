import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import type { ExplanationStep } from './deadline.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A procedure is an identity (its national code); what it says lives in versions with effective dates.
export const procedures = pgTable(
  'svc_procedures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sectorCode: text('sector_code').notNull(),
    sectorName: text('sector_name').notNull(),
    /** lower-case, diacritics removed: for search that ignores both */
    searchText: text('search_text').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('svc_procedures_code').on(t.code)],
);

/**
 * A version applies from effective_from until the next version's start; a dossier keeps its version.
 * A version published for a later date is scheduled: it changes nothing (the procedure's name, the
 * agencies offering it) until its date, when `applied_at` is set (issue 10 finding 8).
 */
export const procedureVersions = pgTable(
  'svc_procedure_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    version: integer('version').notNull(),
    effectiveFrom: ts('effective_from').notNull(),
    definition: jsonb('definition').$type<ProcedureDefinition>().notNull(),
    /** the agencies offering the procedure from this version on; null: unchanged */
    agencies: jsonb('agencies').$type<{ agencyId: string; serviceLevel: 'full' | 'partial' }[]>(),
    /** when the version took effect (its name and agencies applied); null while scheduled */
    appliedAt: ts('applied_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('svc_versions_number').on(t.procedureId, t.version),
    index('svc_versions_effective').on(t.procedureId, t.effectiveFrom),
  ],
);

// Which agencies offer a procedure, at which service level (toàn trình / một phần).
export const procedureAgencies = pgTable(
  'svc_procedure_agencies',
  {
    procedureId: uuid('procedure_id')
      .notNull()
      .references(() => procedures.id),
    agencyId: uuid('agency_id').notNull(),
    serviceLevel: text('service_level').$type<'full' | 'partial'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.procedureId, t.agencyId] })],
);

export type DossierChannel = 'counter' | 'online' | 'post';

export interface Applicant {
  type: 'citizen' | 'organisation';
  fullName: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

// The dossier: its national status, where it is in its workflow, who holds it, and its clock.
export const dossiers = pgTable(
  'svc_dossiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** <agency id>-<YYMMDD>-<NNNN>, assigned at acceptance */
    code: text('code'),
    /** BN-<YYMMDD>-<8 characters>, given to an online submission at once (ADR 22); null at the counter */
    receiptNo: text('receipt_no'),
    procedureId: uuid('procedure_id').notNull(),
    procedureVersionId: uuid('procedure_version_id').notNull(),
    status: smallint('status').notNull(),
    stepKey: text('step_key'),
    /** the role that acts on the current step (for inboxes) */
    stepRole: text('step_role'),
    channel: text('channel').$type<DossierChannel>().notNull(),
    applicant: jsonb('applicant').$type<Applicant>().notNull(),
    applicantUserId: uuid('applicant_user_id'),
    formData: jsonb('form_data').$type<Record<string, unknown>>().notNull().default({}),
    /** where the applicant was helped, where it was received, who decides */
    helpedAgencyId: uuid('helped_agency_id'),
    receivingAgencyId: uuid('receiving_agency_id').notNull(),
    competentAgencyId: uuid('competent_agency_id').notNull(),
    /** who holds it now: the agency (and, once claimed, the official) */
    holderAgencyId: uuid('holder_agency_id').notNull(),
    holderAgencyPath: text('holder_agency_path').notNull(),
    holderUserId: uuid('holder_user_id'),
    submittedAt: ts('submitted_at').notNull(),
    acceptedAt: ts('accepted_at'),
    dueAt: ts('due_at'),
    dueExplanation: jsonb('due_explanation').$type<ExplanationStep[]>(),
    stepDueAt: ts('step_due_at'),
    finishedAt: ts('finished_at'),
    returnedAt: ts('returned_at'),
    closedAt: ts('closed_at'),
    supplementCount: smallint('supplement_count').notNull().default(0),
    result: jsonb('result').$type<Record<string, unknown>>(),
    /** the last 4 digits of the applicant's phone or ID: the second factor for public tracking */
    trackingPin: text('tracking_pin').notNull(),
    /** optimistic concurrency: every transition bumps it */
    revision: integer('revision').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('svc_dossiers_code').on(t.code),
    uniqueIndex('svc_dossiers_receipt_no').on(t.receiptNo),
    index('svc_dossiers_status_due').on(t.status, t.dueAt),
    // Inboxes filter by agency-path prefix (LIKE '/a/b/%'): text_pattern_ops makes that indexable
    // under any collation; only open dossiers are in it.
    index('svc_dossiers_inbox')
      .on(t.holderAgencyPath.op('text_pattern_ops'), t.status)
      .where(sql`status in (1, 4, 5, 6, 9)`),
    index('svc_dossiers_applicant').on(t.applicantUserId, t.createdAt),
    index('svc_dossiers_procedure').on(t.procedureId, t.submittedAt),
    // An official's search by the applicant's phone (last nine digits) or ID number (queries.ts).
    index('svc_dossiers_applicant_phone').on(sql`right(${t.applicant}->>'phone', 9)`),
    index('svc_dossiers_applicant_id_number').on(sql`(${t.applicant}->>'idNumber')`),
  ],
);

// Every transition, in order: the timeline, the hand-over record (form 06) and the DVCQG QuaTrinhXuLy.
export const dossierEvents = pgTable(
  'svc_dossier_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    at: ts('at').notNull(),
    action: text('action').notNull(),
    actorId: uuid('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorTitle: text('actor_title'),
    fromStatus: smallint('from_status'),
    toStatus: smallint('to_status').notNull(),
    fromStep: text('from_step'),
    toStep: text('to_step'),
    fromAgencyId: uuid('from_agency_id'),
    toAgencyId: uuid('to_agency_id'),
    comment: text('comment'),
    /** the step's due moment and whether the hand-over was early, on time or late */
    stepDueAt: ts('step_due_at'),
    stepTimeliness: text('step_timeliness').$type<'early' | 'on_time' | 'late'>(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('svc_dossier_events_dossier').on(t.dossierId, t.id)],
);

// Clock pauses (supplement, financial obligation): the due date is recomputed from them.
export const dossierPauses = pgTable(
  'svc_dossier_pauses',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    reason: text('reason').$type<'supplement' | 'financial_obligation'>().notNull(),
    from: ts('from').notNull(),
    to: ts('to'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('svc_dossier_pauses_dossier').on(t.dossierId)],
);

// Parallel consultations (liên thông song song): one row per branch, owned by its agency with its own
// due moment; the dossier waits at the join step until every branch of the round has answered.
export const dossierConsultations = pgTable(
  'svc_dossier_consultations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** the branch step and the step where the branches meet */
    stepKey: text('step_key').notNull(),
    joinStepKey: text('join_step_key').notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    role: text('role').notNull(),
    openedAt: ts('opened_at').notNull(),
    dueAt: ts('due_at'),
    answeredAt: ts('answered_at'),
    answeredBy: uuid('answered_by'),
    /** the branch action taken, its comment and timeliness against dueAt */
    answer: text('answer'),
    comment: text('comment'),
    timeliness: text('timeliness').$type<'early' | 'on_time' | 'late'>(),
  },
  (t) => [
    index('svc_consultations_dossier').on(t.dossierId),
    index('svc_consultations_open').on(t.agencyPath.op('text_pattern_ops')).where(sql`answered_at is null`),
  ],
);

// The files of a dossier, per component.
export const dossierFiles = pgTable(
  'svc_dossier_files',
  {
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    fileId: uuid('file_id').notNull(),
    componentKey: text('component_key').notNull(),
    /** 'component' (submitted), 'result', 'document' (a generated form) */
    role: text('role').$type<'component' | 'result' | 'document'>().notNull().default('component'),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.fileId] })],
);

// Daily sequence per agency for dossier codes: one row locked by UPDATE … RETURNING, safe across nodes.
export const dossierCounters = pgTable(
  'svc_dossier_counters',
  {
    agencyCode: text('agency_code').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);

// Replays of a submission return the first answer; the same key with another body is refused.
export const idempotencyKeys = pgTable(
  'svc_idempotency_keys',
  {
    key: text('key').notNull(),
    userId: uuid('user_id').notNull(),
    requestHash: text('request_hash').notNull(),
    dossierId: uuid('dossier_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// Corrections to the computed holiday calendar (the annual notice), each with its legal source.
export const calendarNotices = pgTable(
  'svc_calendar_notices',
  {
    date: date('date', { mode: 'string' }).notNull(),
    kind: text('kind')
      .$type<'day_off' | 'working_day' | 'half_day_am' | 'half_day_pm' | 'not_holiday'>()
      .notNull(),
    nameKey: text('name_key').notNull(),
    source: text('source').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.date] })],
);

/**
 * Deadline rules an administrator sets for the whole deployment, each with its legal source
 * (DeadlineSettings in deadline.ts: calendarDaysSkipHolidays, sameDayCutoff); no row = the default.
 */
export const deadlineSettings = pgTable('svc_deadline_settings', {
  key: text('key').$type<'calendarDaysSkipHolidays' | 'sameDayCutoff'>().primaryKey(),
  value: jsonb('value').$type<boolean | string>().notNull(),
  source: text('source').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const ratings = pgTable('svc_ratings', {
  dossierId: uuid('dossier_id')
    .primaryKey()
    .references(() => dossiers.id),
  score: smallint('score').notNull(),
  /** the 9-criterion form, each 0–2, when answered */
  criteria: jsonb('criteria').$type<Record<string, number>>(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * Templates edited by administrators: a document form (01–07) for one agency, or the applicant
 * notification for the whole deployment. Absent rows fall back to the shipped defaults.
 */
export const templates = pgTable(
  'svc_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').$type<'document' | 'notification'>().notNull(),
    /** the form code ("01") or the notification ("dossier_status") */
    key: text('key').notNull(),
    /** the agency whose documents use it; null for the deployment default */
    agencyId: uuid('agency_id'),
    lang: text('lang').notNull().default('vi'),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('svc_templates_unique').on(
      t.kind,
      t.key,
      sql`coalesce(${t.agencyId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.lang,
    ),
  ],
);

/**
 * The register of papers an agency issues (sổ đăng ký văn bản đi), one sequence per agency and
 * calendar year (Decree 30/2020 art. 15): the counter, then one row per numbered paper, keyed by the
 * dossier event that issued it so re-printing the paper prints the same number (ADR 23).
 */
export const documentRegisters = pgTable(
  'svc_document_registers',
  {
    agencyId: uuid('agency_id').notNull(),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.year] })],
);

export const documentNumbers = pgTable(
  'svc_document_numbers',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .primaryKey()
      .references(() => dossierEvents.id),
    dossierId: uuid('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    form: text('form').notNull(),
    agencyId: uuid('agency_id').notNull(),
    year: smallint('year').notNull(),
    number: integer('number').notNull(),
    issuedAt: ts('issued_at').notNull(),
  },
  (t) => [
    uniqueIndex('svc_document_numbers_seq').on(t.agencyId, t.year, t.number),
    index('svc_document_numbers_dossier').on(t.dossierId),
  ],
);
