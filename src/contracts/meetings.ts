// Schemas of the meetings module, shared by the server and the web app.
import { z } from 'zod';

export const MeetingMode = z.enum(['in_person', 'online', 'hybrid']);
export type MeetingMode = z.infer<typeof MeetingMode>;
export const MeetingState = z.enum(['draft', 'invited', 'in_session', 'paused', 'ended', 'cancelled']);
export type MeetingState = z.infer<typeof MeetingState>;
export const ParticipantRole = z.enum(['chair', 'member', 'invitee', 'secretary', 'substitute']);
export type ParticipantRole = z.infer<typeof ParticipantRole>;
export const ReplyState = z.enum(['pending', 'attend', 'absent', 'substitute']);
export type ReplyState = z.infer<typeof ReplyState>;
export const AttendMode = z.enum(['in_person', 'online', 'bridge']);
export type AttendMode = z.infer<typeof AttendMode>;
export const ExpectedOutcome = z.enum(['decision', 'opinion', 'information']);
export type ExpectedOutcome = z.infer<typeof ExpectedOutcome>;
export const ItemState = z.enum(['planned', 'open', 'closed', 'deferred', 'withdrawn']);
export type ItemState = z.infer<typeof ItemState>;
export const ItemOutcome = z.enum(['approved', 'approved_with_changes', 'deferred', 'returned']);
export type ItemOutcome = z.infer<typeof ItemOutcome>;
export const SpeechKind = z.enum(['contribution', 'question', 'answer', 'point_of_order', 'debate']);
export type SpeechKind = z.infer<typeof SpeechKind>;
export const SpeechState = z.enum(['waiting', 'speaking', 'done', 'withdrawn']);
export type SpeechState = z.infer<typeof SpeechState>;
export const BallotChoice = z.enum(['agree', 'disagree', 'abstain']);
export type BallotChoice = z.infer<typeof BallotChoice>;

/** "At least / more than num/den of the base", in integers (never a float threshold). */
export const Fraction = z.strictObject({
  num: z.int().min(0).max(1000),
  den: z.int().min(1).max(1000),
  /** true: more than (quá nửa); false: at least (ít nhất hai phần ba) */
  strict: z.boolean(),
});
export type Fraction = z.infer<typeof Fraction>;

export const KindRules = z.strictObject({
  /** share of the members who must be present for the meeting to deliberate; null: no quorum */
  quorum: Fraction.nullable(),
  /** share of agree votes needed, of the members, of those present, or of the ballots cast */
  majority: Fraction.extend({ of: z.enum(['members', 'present', 'cast']) }),
  /** which participant roles are in the electorate */
  voters: z.array(z.enum(['chair', 'member', 'substitute'])).min(1),
  /** whether a substitute's presence counts towards the quorum */
  substitutesCount: z.boolean(),
  leadWorkingDays: z.int().min(0).max(30),
  conclusionWorkingDays: z.int().min(1).max(30),
  defaultItemMinutes: z.int().min(1).max(600),
});
export type KindRules = z.infer<typeof KindRules>;

export const PollResult = z.object({
  agree: z.int(),
  disagree: z.int(),
  abstain: z.int(),
  /** electors who cast no ballot */
  notVoting: z.int(),
  electorate: z.int(),
  members: z.int(),
  present: z.int(),
  quorate: z.boolean(),
  adopted: z.boolean(),
});
export type PollResult = z.infer<typeof PollResult>;

const Title = z.string().trim().min(3).max(500);
const Uuid = z.uuid();

export const ParticipantInput = z.strictObject({
  userId: Uuid,
  role: z.enum(['chair', 'member', 'invitee', 'secretary']),
});

export const ItemInput = z.strictObject({
  title: Title,
  presentingUnit: z.string().trim().min(2).max(300),
  presentingAgencyId: Uuid.optional(),
  plannedMinutes: z.int().min(1).max(600),
  expectedOutcome: ExpectedOutcome,
});
export type ItemInput = z.infer<typeof ItemInput>;

export const RepeatEvery = z.enum(['weekly', 'monthly_date', 'monthly_weekday']);
export type RepeatEvery = z.infer<typeof RepeatEvery>;

/**
 * A meeting template per kind (data an administrator may change): what the secretariat starts from —
 * title, format, place, the usual start time and length, the usual recurrence and the standing agenda.
 */
export const MeetingTemplate = z.strictObject({
  title: Title,
  mode: MeetingMode,
  place: z.string().trim().max(300).optional(),
  /** local time of day, hh:mm */
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  durationMinutes: z
    .int()
    .min(15)
    .max(24 * 60),
  repeat: RepeatEvery.nullable(),
  items: z.array(ItemInput.omit({ presentingAgencyId: true })).max(30),
});
export type MeetingTemplate = z.infer<typeof MeetingTemplate>;

export const CreateMeetingBody = z
  .strictObject({
    kindCode: z.string().min(2).max(60),
    agencyId: Uuid,
    title: Title,
    mode: MeetingMode,
    place: z.string().trim().max(300).optional(),
    startsAt: z.iso.datetime({ offset: true }),
    plannedEndAt: z.iso.datetime({ offset: true }),
    urgent: z.boolean().default(false),
    participants: z.array(ParticipantInput).min(1).max(5000),
    bridgePoints: z
      .array(
        z.strictObject({ name: z.string().trim().min(2).max(200), unitCode: z.string().max(10).optional() }),
      )
      .max(200)
      .default([]),
    items: z.array(ItemInput).max(100).default([]),
    /**
     * A recurring regular meeting: the secretary's choice ("weekly", "monthly on this date", "monthly on
     * this weekday", with the number of meetings), or an iCalendar RRULE (FREQ=WEEKLY|MONTHLY, INTERVAL,
     * COUNT ≤ 24, BYDAY=<n><weekday> or BYMONTHDAY). Every meeting of the series is created at once.
     */
    repeat: z.strictObject({ every: RepeatEvery, count: z.int().min(2).max(24) }).optional(),
    rrule: z.string().trim().min(10).max(200).optional(),
  })
  .refine((b) => !(b.repeat && b.rrule), { path: ['rrule'], message: 'field.recurrence_invalid' })
  .refine((b) => Date.parse(b.plannedEndAt) > Date.parse(b.startsAt), {
    path: ['plannedEndAt'],
    message: 'field.meeting_end_before_start',
  })
  .refine((b) => b.participants.filter((p) => p.role === 'chair').length === 1, {
    path: ['participants'],
    message: 'field.meeting_one_chair',
  });
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** A change of time, place or format before the meeting opens: sent to invitees as an iCalendar update. */
export const UpdateMeetingBody = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }).optional(),
  plannedEndAt: z.iso.datetime({ offset: true }).optional(),
  place: z.string().trim().max(300).optional(),
  mode: MeetingMode.optional(),
  urgent: z.boolean().optional(),
  reason: z.string().trim().min(3).max(500).optional(),
});
export type UpdateMeetingBody = z.infer<typeof UpdateMeetingBody>;
export const CancelMeetingBody = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const ReorderBody = z.strictObject({ itemIds: z.array(Uuid).min(1).max(100) });
export const ReplyBody = z.discriminatedUnion('reply', [
  z.strictObject({
    reply: z.literal('attend'),
    mode: AttendMode,
    bridgePointId: Uuid.optional(),
  }),
  z.strictObject({ reply: z.literal('absent'), reason: z.string().trim().min(3).max(500) }),
  z.strictObject({
    reply: z.literal('substitute'),
    substituteUserId: Uuid,
    reason: z.string().trim().min(3).max(500),
  }),
]);
export type ReplyBody = z.infer<typeof ReplyBody>;
export const CheckInBody = z.strictObject({
  participantId: Uuid.optional(),
  mode: AttendMode.default('in_person'),
});
export const SpeakBody = z.strictObject({ kind: SpeechKind.default('contribution') });
export const OpenPollBody = z.strictObject({
  itemId: Uuid.optional(),
  question: Title,
  secret: z.boolean(),
});
export const BallotBody = z.strictObject({ choice: BallotChoice });
export const CloseItemBody = z.strictObject({ outcome: ItemOutcome.optional() });
export const ConclusionBody = z.strictObject({
  outcome: ItemOutcome,
  text: z.string().trim().min(3).max(5000),
  tasks: z
    .array(
      z.strictObject({
        title: Title,
        responsibleAgencyId: Uuid,
        workingDays: z.int().min(1).max(365),
      }),
    )
    .max(50)
    .default([]),
});
export type ConclusionBody = z.infer<typeof ConclusionBody>;
export const CompleteTaskBody = z.strictObject({ evidence: z.string().trim().min(3).max(2000) });

/** A document of a content: a PDF already uploaded (`/api/files`), or a classified one by metadata only. */
export const DocumentBody = z.discriminatedUnion('classified', [
  z.strictObject({
    classified: z.literal(false).default(false),
    title: Title,
    fileId: Uuid,
  }),
  z.strictObject({
    classified: z.literal(true),
    title: Title,
    pageCount: z.int().min(1).max(10_000),
    paperCopies: z.int().min(1).max(10_000),
  }),
]);
export type DocumentBody = z.infer<typeof DocumentBody>;

export const NoteKind = z.enum(['highlight', 'text']);
export type NoteKind = z.infer<typeof NoteKind>;
const Fraction01 = z.number().min(0).max(1);
export const NoteRect = z.strictObject({ x: Fraction01, y: Fraction01, w: Fraction01, h: Fraction01 });
export type NoteRect = z.infer<typeof NoteRect>;
export const NoteBody = z
  .strictObject({
    page: z.int().min(1).max(10_000),
    kind: NoteKind,
    text: z.string().trim().min(1).max(5000).optional(),
    rect: NoteRect.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.kind === 'text' && !b.text)
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'field.meeting_note_empty' });
    if (b.kind === 'highlight' && !b.rect)
      ctx.addIssue({ code: 'custom', path: ['rect'], message: 'field.meeting_note_empty' });
  });
export type NoteBody = z.infer<typeof NoteBody>;
export const NoteUpdateBody = z.strictObject({ text: z.string().trim().min(1).max(5000) });

export const DraftMinutesBody = z.strictObject({ redraft: z.boolean().default(false) });
export const EditMinutesBody = z.strictObject({
  body: z.string().trim().min(10).max(200_000),
  version: z.int().min(1),
});
export const SignMinutesBody = z.strictObject({ version: z.int().min(1) });
export const TaskProgressBody = z.strictObject({
  percent: z.int().min(0).max(100),
  note: z.string().trim().min(3).max(2000),
});

/** A question or an opinion sent in advance on a content, for the presenting unit and the chair. */
export const AdvanceQuestionBody = z.strictObject({
  kind: z.enum(['question', 'opinion']),
  text: z.string().trim().min(3).max(4000),
});

/** A written opinion round: a question per content (or a free question), its options and a deadline. */
export const OpenRoundBody = z
  .strictObject({
    title: Title,
    deadline: z.iso.datetime({ offset: true }),
    questions: z
      .array(
        z.strictObject({
          itemId: Uuid.optional(),
          question: Title,
          options: z.array(BallotChoice).min(2).max(3).default(['agree', 'disagree', 'abstain']),
        }),
      )
      .min(1)
      .max(50),
  })
  .refine((b) => Date.parse(b.deadline) > Date.now(), {
    path: ['deadline'],
    message: 'field.round_deadline_past',
  })
  .refine((b) => b.questions.every((q) => new Set(q.options).size === q.options.length), {
    path: ['questions'],
    message: 'field.invalid',
  });
export type OpenRoundBody = z.infer<typeof OpenRoundBody>;

/** An elector's answers, every question of the round at once. */
export const RoundAnswerBody = z.strictObject({
  answers: z
    .array(
      z.strictObject({
        questionId: Uuid,
        choice: BallotChoice,
        comment: z.string().trim().max(2000).optional(),
      }),
    )
    .min(1)
    .max(50),
});
export type RoundAnswerBody = z.infer<typeof RoundAnswerBody>;

export const ConsentBlockBody = z.strictObject({ roundId: Uuid });

/**
 * A baseline of past meetings as CSV, one meeting a line under a header:
 * date (dd/mm/yyyy or yyyy-mm-dd), kind (a kind's code), start, end (hh:mm), items, attendees,
 * pages_printed. `source` says where the figures come from (the register, the file).
 */
export const BaselineImportBody = z.strictObject({
  agencyId: Uuid,
  source: z.string().trim().min(3).max(300),
  csv: z.string().min(10).max(2_000_000),
});
export type BaselineImportBody = z.infer<typeof BaselineImportBody>;

export const ReportQuery = z.object({
  kindCode: z.string().min(2).max(60).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;
