// Tables of the meetings module (ADR 16). Votes and durations are integers; times are UTC.
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  AttendMode,
  BallotChoice,
  ExpectedOutcome,
  ItemOutcome,
  ItemState,
  KindRules,
  MeetingMode,
  MeetingTemplate,
  MeetingState,
  NoteKind,
  NoteRect,
  ParticipantRole,
  PollResult,
  ReplyState,
  SpeechKind,
  SpeechState,
} from '../../../contracts/meetings.ts';

export type InvitationKind = 'invite' | 'update' | 'cancel' | 'reminder';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const meetingKinds = pgTable(
  'mtg_kinds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    rules: jsonb('rules').$type<KindRules>().notNull(),
    /** what the secretariat starts a meeting of this kind from; null: the shipped default of the code */
    template: jsonb('template').$type<MeetingTemplate>(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mtg_kinds_code').on(t.code)],
);

export const meetings = pgTable(
  'mtg_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kindId: uuid('kind_id')
      .notNull()
      .references(() => meetingKinds.id),
    agencyId: uuid('agency_id').notNull(),
    /** the organising agency's path, for scoping the secretariat's rights */
    agencyPath: text('agency_path').notNull(),
    title: text('title').notNull(),
    mode: text('mode').$type<MeetingMode>().notNull(),
    place: text('place'),
    startsAt: ts('starts_at').notNull(),
    plannedEndAt: ts('planned_end_at').notNull(),
    urgent: boolean('urgent').notNull().default(false),
    state: text('state').$type<MeetingState>().notNull().default('draft'),
    startedAt: ts('started_at'),
    endedAt: ts('ended_at'),
    currentItemId: uuid('current_item_id'),
    invitedAt: ts('invited_at'),
    /** working days between the first invitation and the start (Decision 45/2018: at least 3) */
    leadWorkingDays: integer('lead_working_days'),
    leadTooShort: boolean('lead_too_short').notNull().default(false),
    /** the iCalendar SEQUENCE of the invitation: raised by every update or cancellation sent */
    icalSequence: integer('ical_sequence').notNull().default(0),
    cancelledAt: ts('cancelled_at'),
    /** a recurring series: the first meeting's id (on every meeting of it, the first included) */
    seriesId: uuid('series_id'),
    /** the series' rule as an iCalendar RRULE (FREQ=MONTHLY;COUNT=6;BYDAY=-1FR) */
    rrule: text('rrule'),
    cancelReason: text('cancel_reason'),
    noticeNumber: text('notice_number'),
    noticeIssuedAt: ts('notice_issued_at'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('mtg_meetings_agency_start').on(t.agencyPath, t.startsAt),
    index('mtg_meetings_series').on(t.seriesId),
  ],
);

export const bridgePoints = pgTable('mtg_bridge_points', {
  id: uuid('id').primaryKey().defaultRandom(),
  meetingId: uuid('meeting_id')
    .notNull()
    .references(() => meetings.id),
  name: text('name').notNull(),
  unitCode: text('unit_code'),
});

export const participants = pgTable(
  'mtg_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    title: text('title'),
    role: text('role').$type<ParticipantRole>().notNull(),
    /** a substitute (dự thay) names the member they replace */
    substituteFor: uuid('substitute_for'),
    reply: text('reply').$type<ReplyState>().notNull().default('pending'),
    attendMode: text('attend_mode').$type<AttendMode>(),
    bridgePointId: uuid('bridge_point_id'),
    reason: text('reason'),
    repliedAt: ts('replied_at'),
    checkedInAt: ts('checked_in_at'),
    checkedOutAt: ts('checked_out_at'),
  },
  (t) => [
    uniqueIndex('mtg_participants_user').on(t.meetingId, t.userId).where(sql`${t.userId} is not null`),
    uniqueIndex('mtg_participants_one_chair').on(t.meetingId).where(sql`${t.role} = 'chair'`),
    index('mtg_participants_by_user').on(t.userId),
  ],
);

export const items = pgTable(
  'mtg_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    presentingAgencyId: uuid('presenting_agency_id'),
    presentingUnit: text('presenting_unit').notNull(),
    plannedMinutes: integer('planned_minutes').notNull(),
    expectedOutcome: text('expected_outcome').$type<ExpectedOutcome>().notNull(),
    state: text('state').$type<ItemState>().notNull().default('planned'),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    /** seconds discussed so far (an item may be opened more than once) */
    usedSeconds: integer('used_seconds').notNull().default(0),
    outcome: text('outcome').$type<ItemOutcome>(),
    settledBeforehand: boolean('settled_beforehand').notNull().default(false),
    /** overdue tasks of earlier meetings this content reviews (put on the agenda automatically) */
    carriedTaskIds: jsonb('carried_task_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('mtg_items_meeting').on(t.meetingId, t.position),
    uniqueIndex('mtg_items_one_open').on(t.meetingId).where(sql`${t.state} = 'open'`),
  ],
);

export const documents = pgTable(
  'mtg_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    title: text('title').notNull(),
    /** null for a classified document: listed by metadata, kept on paper */
    fileId: uuid('file_id'),
    classified: boolean('classified').notNull().default(false),
    version: integer('version').notNull().default(1),
    latest: boolean('latest').notNull().default(true),
    pageCount: integer('page_count').notNull(),
    approvedAt: ts('approved_at'),
    approvedBy: uuid('approved_by'),
    publishedAt: ts('published_at'),
    paperCopies: integer('paper_copies').notNull().default(0),
    uploadedBy: uuid('uploaded_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('mtg_documents_item').on(t.itemId),
    uniqueIndex('mtg_documents_one_latest').on(t.itemId, t.title).where(sql`${t.latest}`),
  ],
);

/**
 * A member's private notes on a document page (highlights and text). Only their author reads them:
 * every query names `user_id`; no route, export, audit row or event carries their text.
 */
export const notes = pgTable(
  'mtg_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    userId: uuid('user_id').notNull(),
    page: integer('page').notNull(),
    kind: text('kind').$type<NoteKind>().notNull(),
    text: text('text'),
    /** a highlighted area as fractions of the page (0–1), from its top left corner */
    rect: jsonb('rect').$type<NoteRect>(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('mtg_notes_owner').on(t.userId, t.documentId, t.page)],
);

export const invitations = pgTable(
  'mtg_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    channel: text('channel').$type<'app' | 'email' | 'sms'>().notNull(),
    kind: text('kind').$type<InvitationKind>().notNull(),
    /** the iCalendar SEQUENCE the message carried */
    sequence: integer('sequence').notNull().default(0),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [
    index('mtg_invitations_meeting').on(t.meetingId),
    index('mtg_invitations_participant').on(t.participantId, t.sentAt),
  ],
);

export const speeches = pgTable(
  'mtg_speeches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind').$type<SpeechKind>().notNull(),
    state: text('state').$type<SpeechState>().notNull().default('waiting'),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    begunAt: ts('begun_at'),
    endedAt: ts('ended_at'),
    capSeconds: integer('cap_seconds'),
  },
  (t) => [
    index('mtg_speeches_item').on(t.itemId, t.requestedAt),
    uniqueIndex('mtg_speeches_one_speaking').on(t.meetingId).where(sql`${t.state} = 'speaking'`),
    uniqueIndex('mtg_speeches_one_waiting').on(t.itemId, t.participantId).where(sql`${t.state} = 'waiting'`),
  ],
);

export const polls = pgTable(
  'mtg_polls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id').references(() => items.id),
    question: text('question').notNull(),
    secret: boolean('secret').notNull(),
    /** the kind's rules when the poll opened: a later rule change does not alter it */
    rules: jsonb('rules').$type<KindRules>().notNull(),
    state: text('state').$type<'open' | 'closed'>().notNull().default('open'),
    openedAt: ts('opened_at').notNull().defaultNow(),
    closedAt: ts('closed_at'),
    members: integer('members').notNull(),
    present: integer('present').notNull(),
    electorate: integer('electorate').notNull(),
    result: jsonb('result').$type<PollResult>(),
    /** a consent block: the contents a written round found without objection, adopted by this one vote */
    consentItemIds: jsonb('consent_item_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('mtg_polls_meeting').on(t.meetingId),
    uniqueIndex('mtg_polls_one_open').on(t.meetingId).where(sql`${t.state} = 'open'`),
  ],
);

export const pollElectors = pgTable(
  'mtg_poll_electors',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    userId: uuid('user_id').notNull(),
    voted: boolean('voted').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.participantId] }), index('mtg_electors_user').on(t.userId)],
);

export const ballots = pgTable(
  'mtg_ballots',
  {
    pollId: uuid('poll_id')
      .notNull()
      .references(() => polls.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    choice: text('choice').$type<BallotChoice>().notNull(),
    castAt: ts('cast_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.pollId, t.participantId] })],
);

/** No voter, no time, a random id: deleted when the poll is tallied (ADR 17). */
export const secretBallots = pgTable('mtg_secret_ballots', {
  id: uuid('id').primaryKey().defaultRandom(),
  pollId: uuid('poll_id')
    .notNull()
    .references(() => polls.id),
  choice: text('choice').$type<BallotChoice>().notNull(),
});

export const conclusions = pgTable(
  'mtg_conclusions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    outcome: text('outcome').$type<ItemOutcome>().notNull(),
    text: text('text').notNull(),
    decidedAt: ts('decided_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
  },
  (t) => [uniqueIndex('mtg_conclusions_item').on(t.itemId)],
);

export const tasks = pgTable(
  'mtg_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    conclusionId: uuid('conclusion_id')
      .notNull()
      .references(() => conclusions.id),
    title: text('title').notNull(),
    responsibleAgencyId: uuid('responsible_agency_id').notNull(),
    responsibleAgencyPath: text('responsible_agency_path').notNull(),
    responsibleName: text('responsible_name').notNull(),
    workingDays: integer('working_days').notNull(),
    dueAt: ts('due_at').notNull(),
    state: text('state').$type<'open' | 'done'>().notNull().default('open'),
    doneAt: ts('done_at'),
    evidence: text('evidence'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('mtg_tasks_agency').on(t.responsibleAgencyPath, t.state),
    index('mtg_tasks_meeting').on(t.meetingId),
  ],
);

/** The measurement ledger: append-only (a trigger refuses UPDATE/DELETE), `at` from the server clock. */
export const ledger = pgTable(
  'mtg_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    at: ts('at').notNull().defaultNow(),
    kind: text('kind').notNull(),
    itemId: uuid('item_id'),
    participantId: uuid('participant_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('mtg_ledger_meeting').on(t.meetingId, t.id)],
);

/** What an agency reports on a task before closing it (progress in percent, integers). */
export const taskReports = pgTable(
  'mtg_task_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    at: ts('at').notNull().defaultNow(),
    byUserId: uuid('by_user_id').notNull(),
    byName: text('by_name').notNull(),
    percent: integer('percent').notNull(),
    note: text('note').notNull(),
  },
  (t) => [index('mtg_task_reports_task').on(t.taskId, t.at)],
);

/**
 * The minutes (biên bản): drafted from the structured record, edited by the secretariat (optimistic
 * `version`), signed off by the chair and frozen from then on.
 */
export const minutes = pgTable('mtg_minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  body: text('body').notNull(),
  version: integer('version').notNull().default(1),
  state: text('state').$type<'draft' | 'signed'>().notNull().default('draft'),
  draftedAt: ts('drafted_at').notNull().defaultNow(),
  draftedBy: uuid('drafted_by'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  signedAt: ts('signed_at'),
  signedBy: uuid('signed_by'),
});

/**
 * Questions and opinions sent in advance on a content (issue 12, item 4), gathered for the presenting
 * unit and the chair so the discussion starts from them.
 */
export const advanceQuestions = pgTable(
  'mtg_advance_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    kind: text('kind').$type<'question' | 'opinion'>().notNull(),
    text: text('text').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('mtg_advance_questions_item').on(t.meetingId, t.itemId, t.createdAt)],
);

/**
 * A written opinion round (phiếu lấy ý kiến) on contents of a meeting, between meetings: a question per
 * content, a deadline, the electorate snapshotted when it opens (the kind's voters), answers hidden
 * until it closes, then tallied once with the kind's rule (`result` per question).
 */
export const rounds = pgTable(
  'mtg_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    title: text('title').notNull(),
    deadline: ts('deadline').notNull(),
    rules: jsonb('rules').$type<KindRules>().notNull(),
    state: text('state').$type<'open' | 'closed'>().notNull().default('open'),
    members: integer('members').notNull(),
    openedAt: ts('opened_at').notNull().defaultNow(),
    openedBy: uuid('opened_by'),
    closedAt: ts('closed_at'),
    /** contents with no objection and adopted: proposed to the meeting as one consent block */
    consentItemIds: jsonb('consent_item_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [index('mtg_rounds_meeting').on(t.meetingId)],
);

export const roundQuestions = pgTable(
  'mtg_round_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    position: integer('position').notNull(),
    itemId: uuid('item_id').references(() => items.id),
    question: text('question').notNull(),
    options: jsonb('options').$type<BallotChoice[]>().notNull(),
    result: jsonb('result').$type<PollResult>(),
  },
  (t) => [uniqueIndex('mtg_round_questions_position').on(t.roundId, t.position)],
);

export const roundElectors = pgTable(
  'mtg_round_electors',
  {
    roundId: uuid('round_id')
      .notNull()
      .references(() => rounds.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    answeredAt: ts('answered_at'),
    remindedDay: integer('reminded_day'),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.participantId] })],
);

/** One answer per elector and question (the unique index), with an optional written opinion. */
export const roundAnswers = pgTable(
  'mtg_round_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => roundQuestions.id),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => participants.id),
    choice: text('choice').$type<BallotChoice>().notNull(),
    comment: text('comment'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mtg_round_answers_one').on(t.questionId, t.participantId)],
);

/**
 * The baseline: past meetings held before the system (issue 12, item 8), imported from CSV with their
 * provenance (the file, its line, who imported it and when). The report measures the time saved against
 * them, per kind.
 */
export const baselines = pgTable(
  'mtg_baselines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kindId: uuid('kind_id')
      .notNull()
      .references(() => meetingKinds.id),
    agencyId: uuid('agency_id').notNull(),
    agencyPath: text('agency_path').notNull(),
    startedAt: ts('started_at').notNull(),
    endedAt: ts('ended_at').notNull(),
    items: integer('items').notNull(),
    attendees: integer('attendees').notNull(),
    pagesPrinted: integer('pages_printed').notNull(),
    source: text('source').notNull(),
    line: integer('line').notNull(),
    importId: uuid('import_id').notNull(),
    importedBy: uuid('imported_by'),
    importedAt: ts('imported_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mtg_baselines_one').on(t.agencyId, t.kindId, t.startedAt)],
);
