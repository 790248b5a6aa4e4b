// The portal's tables (ptl_…): sites and sections per agency, items with one edition history per
// language, the legal-documents register, the search documents, investment projects, industrial parks
// and investor enquiries. See docs/adr/0015-portal-data-model-and-editions.md.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  doublePrecision,
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
import type { DocNode } from './body.ts';
import type { PortalLang } from './languages.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Text in several languages: { vi: "…", en: "…" }; Vietnamese is always present. */
export type Texts = Partial<Record<PortalLang, string>>;

// One portal per agency that has one: the city's (slug "") aggregates every site's news.
export const sites = pgTable(
  'ptl_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    slug: text('slug').notNull(),
    names: jsonb('names').$type<Texts>().notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ptl_sites_slug').on(t.slug), uniqueIndex('ptl_sites_agency').on(t.agencyId)],
);

export const SECTION_KINDS = [
  'news',
  'announcements',
  'pages',
  'investment_news',
  // what Decree 42/2022, art. 4.1 asks of every portal beyond news (checked by the conformity report)
  'guidance',
  'plans',
  'disclosure',
  'budget',
  'statistics',
  'contacts',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

// A section belongs to one agency's site; editors and reviewers act over the agency's subtree.
export const sections = pgTable(
  'ptl_sections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    siteId: uuid('site_id')
      .notNull()
      .references(() => sites.id),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    code: text('code').notNull(),
    kind: text('kind').$type<SectionKind>().notNull(),
    names: jsonb('names').$type<Texts>().notNull(),
    position: smallint('position').notNull().default(0),
  },
  (t) => [uniqueIndex('ptl_sections_code').on(t.siteId, t.code)],
);

// An article or page: what stays the same across languages and editions.
export const items = pgTable(
  'ptl_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sectionId: uuid('section_id')
      .notNull()
      .references(() => sections.id),
    kind: text('kind').$type<'article' | 'page'>().notNull(),
    categories: text('categories').array().notNull().default(sql`'{}'::text[]`),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ptl_items_section').on(t.sectionId)],
);

export const EDITION_STATES = [
  'draft',
  'submitted',
  'approved',
  'scheduled',
  'published',
  'superseded',
  'withdrawn',
  'redirected',
  'gone',
] as const;
export type EditionState = (typeof EDITION_STATES)[number];

// One edition of one item in one language. Each language has its own history: at most one edition in
// progress (draft … scheduled) and at most one live (published, withdrawn, redirected or gone).
export const editions = pgTable(
  'ptl_editions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    lang: text('lang').$type<PortalLang>().notNull(),
    number: integer('number').notNull(),
    state: text('state').$type<EditionState>().notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    body: jsonb('body').$type<DocNode>().notNull(),
    /** the body rendered and sanitized when saved: what readers get */
    bodyHtml: text('body_html').notNull(),
    slug: text('slug').notNull(),
    /** shown to readers when `major` */
    changeNote: text('change_note'),
    major: boolean('major').notNull().default(false),
    /** optimistic lock: a save names the version it edited */
    lockVersion: integer('lock_version').notNull().default(1),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    submittedBy: uuid('submitted_by'),
    submittedAt: ts('submitted_at'),
    approvedBy: uuid('approved_by'),
    approvedAt: ts('approved_at'),
    scheduledAt: ts('scheduled_at'),
    /** why the scheduled publication failed (an alert was raised) */
    scheduleError: text('schedule_error'),
    publishedAt: ts('published_at'),
    /** first publication of the item in this language (the article's date) */
    firstPublishedAt: ts('first_published_at'),
    supersededAt: ts('superseded_at'),
    unpublishedAt: ts('unpublished_at'),
    unpublishReason: text('unpublish_reason'),
    redirectTo: text('redirect_to'),
  },
  (t) => [
    uniqueIndex('ptl_editions_number').on(t.itemId, t.lang, t.number),
    uniqueIndex('ptl_editions_open')
      .on(t.itemId, t.lang)
      .where(sql`state in ('draft', 'submitted', 'approved', 'scheduled')`),
    uniqueIndex('ptl_editions_live')
      .on(t.itemId, t.lang)
      .where(sql`state in ('published', 'withdrawn', 'redirected', 'gone')`),
    index('ptl_editions_published').on(t.lang, t.publishedAt).where(sql`state = 'published'`),
    index('ptl_editions_due').on(t.scheduledAt).where(sql`state = 'scheduled'`),
  ],
);

// A slug belongs to one item in one language for good: old slugs keep answering with a redirect.
export const slugs = pgTable(
  'ptl_slugs',
  {
    lang: text('lang').$type<PortalLang>().notNull(),
    slug: text('slug').notNull(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.lang, t.slug] })],
);

export const LEGAL_TYPES = [
  'nghi_quyet',
  'quyet_dinh',
  'chi_thi',
  'ke_hoach',
  'cong_van',
  'thong_bao',
  'bao_cao',
] as const;
export type LegalType = (typeof LEGAL_TYPES)[number];
export const LEGAL_STATUSES = ['in_force', 'not_yet', 'replaced', 'expired'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

// Decree 42, art. 4.1(a): the legal-documents register.
export const legalDocuments = pgTable(
  'ptl_legal_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    docType: text('doc_type').$type<LegalType>().notNull(),
    /** số, ký hiệu: "15/2025/QĐ-UBND" */
    numberSymbol: text('number_symbol').notNull(),
    issuingBody: text('issuing_body').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    field: text('field').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }),
    status: text('status').$type<LegalStatus>().notNull(),
    replacedBy: text('replaced_by'),
    fileId: uuid('file_id'),
    fileName: text('file_name'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ptl_legal_number').on(t.numberSymbol), index('ptl_legal_issued').on(t.issuedOn)],
);

export const SEARCH_KINDS = ['article', 'legal', 'procedure', 'project'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

// One row per searchable thing and language, written when it is published or changed. `folded` is the
// text lower-cased without Vietnamese diacritics, so one 'simple' text-search configuration (present
// on PGlite, where unaccent is not) serves "thu tuc dat dai" and "thủ tục đất đai" alike.
export const searchDocs = pgTable(
  'ptl_search_docs',
  {
    kind: text('kind').$type<SearchKind>().notNull(),
    refId: text('ref_id').notNull(),
    lang: text('lang').$type<PortalLang>().notNull(),
    title: text('title').notNull(),
    /** plain text, diacritics kept: the snippet is cut from it */
    body: text('body').notNull(),
    folded: text('folded').notNull(),
    tsv: tsvector('tsv').notNull().generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, folded)`),
    path: text('path').notNull(),
    agencyName: text('agency_name'),
    year: smallint('year'),
    at: ts('at'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.refId, t.lang] }), index('ptl_search_tsv').using('gin', t.tsv)],
);

export const INVESTMENT_FORMS = ['own_capital', 'joint_venture', 'ppp'] as const;
export const PROJECT_STATUSES = ['calling', 'in_talks', 'awarded'] as const;
export const LAND_STATUSES = ['cleared', 'being_cleared', 'not_cleared'] as const;

/** What a project says in one language. */
export interface ProjectTexts {
  name: string;
  summary: string;
  objectives: string;
  incentives: string;
}

// Projects calling for investment, in five languages.
export const projects = pgTable(
  'ptl_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    slug: text('slug').notNull(),
    sector: text('sector').notNull(),
    communeCode: text('commune_code').notNull(),
    communeName: text('commune_name').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    /** square metres */
    landAreaM2: integer('land_area_m2').notNull(),
    landStatus: text('land_status').$type<(typeof LAND_STATUSES)[number]>().notNull(),
    /** indicative capital in đồng and in US dollars (whole units) */
    capitalVnd: bigint('capital_vnd', { mode: 'number' }).notNull(),
    capitalUsd: bigint('capital_usd', { mode: 'number' }).notNull(),
    investmentForm: text('investment_form').$type<(typeof INVESTMENT_FORMS)[number]>().notNull(),
    status: text('status').$type<(typeof PROJECT_STATUSES)[number]>().notNull(),
    texts: jsonb('texts').$type<Partial<Record<PortalLang, ProjectTexts>>>().notNull(),
    contact: jsonb('contact').$type<{ office: string; phone: string; email: string }>().notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ptl_projects_code').on(t.code), uniqueIndex('ptl_projects_slug').on(t.slug)],
);

// Industrial parks: what investors look for first.
export const parks = pgTable(
  'ptl_parks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    names: jsonb('names').$type<Texts>().notNull(),
    communeCode: text('commune_code').notNull(),
    communeName: text('commune_name').notNull(),
    /** hectares × 100 (two decimals, no floats) */
    areaHa100: integer('area_ha100').notNull(),
    availableHa100: integer('available_ha100').notNull(),
    occupancyPct: smallint('occupancy_pct').notNull(),
    /** indicative land rent, US dollars per m² for the remaining term */
    priceUsdM2: integer('price_usd_m2'),
    infrastructure: jsonb('infrastructure').$type<Texts>().notNull(),
    contact: jsonb('contact').$type<{ office: string; phone: string; email: string }>().notNull(),
  },
  (t) => [uniqueIndex('ptl_parks_code').on(t.code)],
);

export const ENQUIRY_STAGES = [
  'enquiry',
  'qualified',
  'site_visit',
  'dossier',
  'irc',
  'aftercare',
  'closed',
] as const;
export type EnquiryStage = (typeof ENQUIRY_STAGES)[number];

// An investor's enquiry: one manager, a response deadline, a stage in the pipeline.
export const enquiries = pgTable(
  'ptl_enquiries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').references(() => projects.id),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    country: text('country').notNull(),
    email: text('email'),
    phone: text('phone'),
    message: text('message').notNull(),
    lang: text('lang').$type<PortalLang>().notNull(),
    stage: text('stage').$type<EnquiryStage>().notNull().default('enquiry'),
    managerId: uuid('manager_id'),
    respondBy: ts('respond_by').notNull(),
    respondedAt: ts('responded_at'),
    /** when the manager(s) were reminded that the response deadline had passed (once) */
    remindedAt: ts('reminded_at'),
    lockVersion: integer('lock_version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('ptl_enquiries_stage').on(t.stage, t.respondBy)],
);

export const enquiryNotes = pgTable(
  'ptl_enquiry_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id),
    at: ts('at').notNull().defaultNow(),
    authorId: uuid('author_id'),
    fromStage: text('from_stage').$type<EnquiryStage>(),
    toStage: text('to_stage').$type<EnquiryStage>(),
    text: text('text').notNull(),
  },
  (t) => [index('ptl_enquiry_notes_enquiry').on(t.enquiryId)],
);

export const FIGURE_KINDS = ['fdi', 'domestic'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

// FDI and domestic-investment figures by year, country of the investor (FDI only; '' for domestic) and
// sector, as the provincial investment reports give them (imported from CSV or Excel). A year present
// in an import replaces what was stored for that year and kind.
export const investmentFigures = pgTable(
  'ptl_investment_figures',
  {
    kind: text('kind').$type<FigureKind>().notNull(),
    year: smallint('year').notNull(),
    /** ISO 3166-1 alpha-2 of the investor's country for FDI, '' for domestic investment */
    country: text('country').notNull(),
    sector: text('sector').notNull(),
    /** new projects licensed that year */
    projects: integer('projects').notNull(),
    /** registered capital, thousands of US dollars (whole numbers, no floats) */
    capitalKusd: bigint('capital_kusd', { mode: 'number' }).notNull(),
    importedAt: ts('imported_at').notNull().defaultNow(),
    importedBy: uuid('imported_by'),
  },
  (t) => [primaryKey({ columns: [t.kind, t.year, t.country, t.sector] })],
);

export const QUESTION_STATES = ['received', 'answered', 'published', 'rejected'] as const;
export type QuestionState = (typeof QUESTION_STATES)[number];

// Questions from the public (Decree 42, art. 8): a tracking code for the asker, answered by the
// competent agency's reviewers, published with the answer; or refused with a reason.
export const questions = pgTable(
  'ptl_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** what the asker types to follow the question: "HD-7K2M9Q" */
    code: text('code').notNull(),
    lang: text('lang').$type<PortalLang>().notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    title: text('title').notNull(),
    question: text('question').notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    state: text('state').$type<QuestionState>().notNull().default('received'),
    answer: text('answer'),
    answeredBy: uuid('answered_by'),
    answeredAt: ts('answered_at'),
    publishedAt: ts('published_at'),
    rejectReason: text('reject_reason'),
    lockVersion: integer('lock_version').notNull().default(1),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ptl_questions_code').on(t.code),
    index('ptl_questions_state').on(t.state, t.createdAt),
  ],
);

// Readers rate the portal (Decree 42, art. 8): one score from 1 to 5, the page they were on.
export const ratings = pgTable(
  'ptl_ratings',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    lang: text('lang').$type<PortalLang>().notNull(),
    score: smallint('score').notNull(),
    path: text('path').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('ptl_ratings_at').on(t.createdAt)],
);

export const EVENT_FORMATS = ['in_person', 'online', 'hybrid'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** What an event says in one language. */
export interface EventTexts {
  title: string;
  summary: string;
  agenda: string[];
}

// Investment-promotion conferences and webinars: in person, online or hybrid with bridge points abroad.
export const events = pgTable(
  'ptl_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    format: text('format').$type<EventFormat>().notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    texts: jsonb('texts').$type<Partial<Record<PortalLang, EventTexts>>>().notNull(),
    /** bridge points ("Tokyo", "Seoul"…); online registrants choose "online" */
    bridgePoints: text('bridge_points').array().notNull().default(sql`'{}'::text[]`),
    slots: integer('slots').notNull(),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('ptl_events_slug').on(t.slug), index('ptl_events_starts').on(t.startsAt)],
);

export const eventRegistrations = pgTable(
  'ptl_event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    /** the confirmation code the registrant receives */
    code: text('code').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation').notNull(),
    country: text('country').notNull(),
    email: text('email').notNull(),
    /** a bridge point of the event, or 'online' */
    bridgePoint: text('bridge_point').notNull(),
    /** a question sent in advance */
    question: text('question'),
    lang: text('lang').$type<PortalLang>().notNull(),
    attended: boolean('attended').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ptl_event_registrations_email').on(t.eventId, sql`lower(${t.email})`),
    uniqueIndex('ptl_event_registrations_code').on(t.code),
  ],
);
