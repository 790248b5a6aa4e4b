import { z } from 'zod';

// Procedures and their workflows are data: a versioned definition that a dossier keeps for life.

export const LimitUnit = z.enum([
  'working_days',
  'half_days',
  'hours',
  'calendar_days',
  'months',
  'same_day',
  'none',
]);
export const TimeLimit = z.strictObject({ value: z.number().int().min(0).max(3650), unit: LimitUnit });
export const Channel = z.enum(['counter', 'online', 'post']);

/** National dossier statuses (DVCQG): 1 submitted … 10 returned. */
export const DossierStatus = z.union([
  z.literal(1),
  z.literal(2),
  z.literal(3),
  z.literal(4),
  z.literal(5),
  z.literal(6),
  z.literal(7),
  z.literal(8),
  z.literal(9),
  z.literal(10),
]);
export type DossierStatus = z.infer<typeof DossierStatus>;

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, 'field.key');

export const Component = z.strictObject({
  key: Key,
  name: z.string().min(2).max(500),
  nameEn: z.string().max(500).optional(),
  /** bản chính (originals to show or submit) and bản sao (copies) */
  originals: z.number().int().min(0).max(20),
  copies: z.number().int().min(0).max(20),
  required: z.boolean(),
  note: z.string().max(1000).optional(),
  /**
   * The procedure's e-form is this document (the declaration, tờ khai / đơn): the applicant fills the
   * e-form instead of uploading it, and the system renders the answers to PDF as this component.
   */
  eForm: z.boolean().optional(),
});

/** An e-form property name (camelCase in the catalogue's JSON Schemas). */
const FieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,59}$/, 'field.key');

/** A condition on one e-form answer: equal to a value, or one of several (a missing answer matches neither). */
export const FeeCondition = z.strictObject({
  field: FieldName,
  equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
  in: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(50)
    .optional(),
  /** true: the condition holds when the answer is NOT equal / NOT in the list (a missing answer holds) */
  not: z.boolean().optional(),
});
export type FeeCondition = z.infer<typeof FeeCondition>;

/**
 * How the amount follows from the e-form (default: the fixed amount). per_unit: amount × max(0, units −
 * free). tiered: per unit of `field`, the first tiers at their price, capped per set, times `times`.
 */
export const FeeRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('per_unit'),
    field: FieldName,
    /** units included without charge (e.g. the first two certificates) */
    free: z.number().int().min(0).max(1000).optional(),
  }),
  z.strictObject({
    kind: z.literal('tiered'),
    field: FieldName,
    tiers: z
      .array(
        z.strictObject({
          upTo: z.number().int().min(1).optional(),
          amount: z.number().int().min(0).max(1_000_000_000),
        }),
      )
      .min(1)
      .max(10),
    max: z.number().int().min(0).optional(),
    /** a field whose value multiplies the capped amount (number of copies) */
    times: FieldName.optional(),
  }),
]);
export type FeeRule = z.infer<typeof FeeRule>;

export const Fee = z.strictObject({
  code: Key,
  name: z.string().min(2).max(300),
  kind: z.enum(['fee', 'charge']),
  /** integer đồng */
  amount: z.number().int().min(0).max(1_000_000_000_000),
  note: z.string().max(500).optional(),
  /** the fee applies only when the e-form answers satisfy this */
  when: FeeCondition.optional(),
  rule: FeeRule.optional(),
  /** legal exemptions: the first one matching waives the fee (percent 100) or part of it */
  exemptions: z
    .array(
      z.strictObject({
        when: FeeCondition,
        percent: z.number().int().min(1).max(100),
        reason: z.string().min(3).max(500),
      }),
    )
    .max(10)
    .optional(),
  /** paid with the online submission ("at_submission") or when the officer asks for it (default) */
  collect: z.enum(['at_submission', 'on_request']).optional(),
});

/** Who a step belongs to: the agency that received the dossier, the competent one, or a named agency. */
export const StepAgency = z.union([
  z.literal('receiving'),
  z.literal('competent'),
  z.strictObject({ code: z.string().min(5).max(40) }),
]);

export const WorkflowStep = z.strictObject({
  key: Key,
  name: z.string().min(2).max(200),
  nameEn: z.string().max(200).optional(),
  /** the role that acts on this step */
  role: z.string().min(2).max(60),
  agency: StepAgency,
  /** the step's share of the time limit, in working time */
  allowance: TimeLimit,
  /** true for a consultation (liên thông) step owned by another agency */
  consultation: z.boolean().optional(),
  /** the step where the result is ready (status 9 follows its completion) */
  final: z.boolean().optional(),
});

export const WorkflowAction = z.strictObject({
  key: Key,
  name: z.string().min(2).max(200),
  nameEn: z.string().max(200).optional(),
  from: Key,
  /** the next step, or "done" when the result is ready (status 9) */
  to: z.union([Key, z.literal('done')]),
  /**
   * Consultation steps opened at once, each owned by its own agency with its own time allowance; the
   * dossier waits at `to` until every one has answered (parallel liên thông).
   */
  parallel: z.array(Key).min(2).max(10).optional(),
  requires: z
    .strictObject({
      comment: z.boolean().optional(),
      attachment: z.boolean().optional(),
      result: z.boolean().optional(),
    })
    .optional(),
});

export type WorkflowAction = z.infer<typeof WorkflowAction>;

export const WorkflowDefinition = z.strictObject({
  start: Key,
  steps: z.array(WorkflowStep).min(1).max(50),
  actions: z.array(WorkflowAction).min(1).max(200),
});
export type WorkflowDefinition = z.infer<typeof WorkflowDefinition>;

/** Where the competent authority is: a fixed agency, or the commune that receives / where the applicant lives. */
export const CompetentAgency = z.union([
  z.strictObject({ kind: z.literal('fixed'), code: z.string().min(5).max(40) }),
  z.strictObject({ kind: z.literal('receiving_commune') }),
]);

export const ProcedureDefinition = z.strictObject({
  /** national code, e.g. 1.001193, or a local variant 1.000494.000.00.00.H29 */
  code: z.string().regex(/^\d\.\d{6}(\.[0-9A-Z.]+)?$/, 'field.procedure_code'),
  name: z.string().min(5).max(500),
  nameEn: z.string().max(500).optional(),
  sector: z.strictObject({
    code: z.string().min(1).max(40),
    name: z.string().min(2).max(200),
    nameEn: z.string().max(200).optional(),
  }),
  /** the seven published parts (Decree 63/2010 art. 8) */
  steps: z.array(z.string().min(2).max(2000)).min(1).max(30),
  methods: z.array(Channel).min(1),
  methodsText: z.string().max(4000).optional(),
  components: z.array(Component).max(60),
  timeLimit: z.strictObject({
    default: TimeLimit,
    online: TimeLimit.optional(),
    counter: TimeLimit.optional(),
  }),
  timeLimitText: z.string().max(2000),
  applicantTypes: z.array(z.enum(['citizen', 'organisation'])).min(1),
  implementingAgencyText: z.string().min(2).max(1000),
  competent: CompetentAgency,
  result: z.strictObject({ type: z.enum(['paper', 'electronic', 'none']), name: z.string().min(2).max(500) }),
  fees: z.array(Fee).max(20),
  legalBasis: z.array(z.string().min(2).max(500)).min(1).max(40),
  serviceLevel: z.enum(['full', 'partial']),
  /** working days the applicant has to supplement before the dossier may be closed */
  supplementDays: z.number().int().min(1).max(365).default(30),
  /** the e-form: a JSON Schema object with UI hints, rendered by the web client */
  form: z.strictObject({
    schema: z.record(z.string(), z.unknown()),
    ui: z.record(z.string(), z.unknown()).optional(),
  }),
  workflow: WorkflowDefinition,
});
export type ProcedureDefinition = z.infer<typeof ProcedureDefinition>;

// ---- requests and views ----
export const ApplicantInput = z.strictObject({
  type: z.enum(['citizen', 'organisation']).default('citizen'),
  fullName: z.string().trim().min(2).max(200),
  idNumber: z
    .string()
    .regex(/^\d{9}(\d{3})?$/, 'field.id_number')
    .optional(),
  phone: z
    .string()
    .regex(/^(0|\+84)\d{9}$/, 'field.phone')
    .optional(),
  email: z.email().max(200).optional(),
  address: z.string().trim().max(500).optional(),
});

export const SubmitDossierBody = z.strictObject({
  procedureCode: z.string().min(3).max(60),
  channel: z.enum(['online', 'counter']),
  agencyId: z.uuid(),
  applicant: ApplicantInput,
  formData: z.record(z.string(), z.unknown()),
  components: z
    .array(z.strictObject({ componentKey: z.string().min(1).max(60), fileId: z.uuid() }))
    .max(60)
    .default([]),
  /** counter intake: how the desk took the fees due with the submission (required when there are any) */
  feePayment: z.enum(['cash', 'bank_transfer']).optional(),
});

const Revision = z.number().int().min(0).optional();
export const RefuseBody = z.strictObject({
  reasons: z.array(z.string().trim().min(3).max(1000)).min(1).max(30),
  revision: Revision,
});
export const SupplementRequestBody = z.strictObject({
  items: z
    .array(
      z.strictObject({ name: z.string().trim().min(2).max(500), reason: z.string().trim().min(3).max(1000) }),
    )
    .min(1)
    .max(50),
  revision: Revision,
});
export const SupplementAnswerBody = z.strictObject({
  note: z.string().trim().max(2000).optional(),
  /** files uploaded for the answer (POST /api/files), each for a component of the procedure or not */
  files: z
    .array(z.strictObject({ fileId: z.uuid(), componentKey: z.string().min(1).max(60).optional() }))
    .max(60)
    .default([]),
  revision: Revision,
});
export const StepBody = z.strictObject({
  action: z.string().min(1).max(60),
  comment: z.string().trim().max(4000).optional(),
  fileId: z.uuid().optional(),
  revision: Revision,
});
export const HandOverBody = z.strictObject({
  method: z.enum(['counter', 'post', 'electronic']),
  revision: Revision,
});
export const ReasonsBody = z.strictObject({
  reasons: z.array(z.string().trim().min(3).max(1000)).min(1).max(30),
  revision: Revision,
});
export const WithdrawBody = z.strictObject({
  reason: z.string().trim().max(1000).optional(),
  revision: Revision,
});

export const DossierSummary = z.object({
  id: z.uuid(),
  code: z.string().nullable(),
  /** the receipt number of an online submission (ADR 22) */
  receiptNo: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  status: z.number(),
  stepName: z.string().nullable(),
  applicantName: z.string(),
  channel: z.string(),
  holderAgencyName: z.string(),
  submittedAt: z.string(),
  dueAt: z.string().nullable(),
  /** overdue, due_today, due_soon (≤ 2 working days), on_track, paused, none */
  urgency: z.enum(['overdue', 'due_today', 'due_soon', 'on_track', 'paused', 'none']),
});

export const TimelineEntry = z.object({
  at: z.string(),
  action: z.string(),
  actor: z.string(),
  fromStatus: z.number().nullable(),
  toStatus: z.number(),
  /** the step entered, and the step left */
  step: z.string().nullable(),
  fromStep: z.string().nullable(),
  agency: z.string().nullable(),
  comment: z.string().nullable(),
  stepTimeliness: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});

export const AllowedAction = z.object({
  kind: z.enum([
    'accept',
    'refuse',
    'request_supplement',
    'supplement',
    'step',
    'consult',
    'hand_over',
    'withdraw',
    'stop',
    'apology',
  ]),
  /** for 'consult': "<branch step>:<action>" */
  key: z.string(),
  name: z.string(),
  requires: z.array(z.string()),
  /** why it cannot be taken yet (fees unpaid), in the request's language; the page says so */
  blocked: z.string().nullable(),
});

/** A branch of a parallel consultation, open or answered. */
export const ConsultationView = z.object({
  step: z.string(),
  stepName: z.string(),
  agencyName: z.string(),
  openedAt: z.string(),
  dueAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerName: z.string().nullable(),
  comment: z.string().nullable(),
  timeliness: z.enum(['early', 'on_time', 'late']).nullable(),
});

export const ConsultationBody = z.strictObject({
  action: z.string().min(1).max(60),
  comment: z.string().max(4000).optional(),
  fileId: z.uuid().optional(),
  revision: z.number().int().optional(),
});

export const DossierView = DossierSummary.extend({
  revision: z.number(),
  applicant: z.record(z.string(), z.unknown()),
  formData: z.record(z.string(), z.unknown()),
  formSchema: z.record(z.string(), z.unknown()),
  components: z.array(
    z.object({
      componentKey: z.string(),
      name: z.string(),
      fileId: z.uuid(),
      fileName: z.string(),
      /** the type read from the content at upload: the page previews PDFs and images */
      mime: z.string(),
      role: z.string(),
    }),
  ),
  /** the components of the dossier's procedure version, for naming files sent later (supplements) */
  procedureComponents: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      /** the e-form is this component: read it at GET /api/dossiers/{id}/declaration.pdf */
      eForm: z.boolean(),
    }),
  ),
  dueExplanation: z.string().nullable(),
  supplementCount: z.number(),
  timeline: z.array(TimelineEntry),
  consultations: z.array(ConsultationView),
  actions: z.array(AllowedAction),
  documents: z.array(z.string()),
  /** the applicant's rating once given (the score 1–5) */
  rating: z.object({ score: z.number(), ratedAt: z.string() }).nullable(),
});

/** The answer to a submission: what the confirmation page shows (ADR 22). */
export const SubmitAnswer = z.object({
  id: z.uuid(),
  replayed: z.boolean(),
  /** the dossier code: at once for counter intake, null for an online submission until accepted */
  code: z.string().nullable(),
  /** the online submission's receipt number, trackable at /tra-cuu at once */
  receiptNo: z.string().nullable(),
  submittedAt: z.string(),
  /** the latest time the one-stop desk answers an online submission */
  answerBy: z.string().nullable(),
  /** what happens next, in the request's language */
  nextSteps: z.string().nullable(),
});

export const TrackingView = z.object({
  /** the dossier code, or the receipt number while the dossier waits for acceptance */
  code: z.string(),
  receiptNo: z.string().nullable(),
  procedureName: z.string(),
  status: z.number(),
  statusName: z.string(),
  holderAgencyName: z.string(),
  dueAt: z.string().nullable(),
  dueExplanation: z.string().nullable(),
  timeline: z.array(
    z.object({
      at: z.string(),
      statusName: z.string(),
      /** the workflow step entered, in words */
      stepName: z.string().nullable(),
      agency: z.string().nullable(),
      stepTimeliness: z.string().nullable(),
    }),
  ),
});

export const ProcedureSummary = z.object({
  code: z.string(),
  name: z.string(),
  /** the English name, where the procedure has one */
  nameEn: z.string().optional(),
  sectorName: z.string(),
  sectorNameEn: z.string().optional(),
  serviceLevel: z.enum(['full', 'partial']),
  timeLimitText: z.string(),
});

export const ApologyBody = z.strictObject({
  reason: z.string().trim().min(5).max(2000),
  newDueAt: z.iso.datetime({ offset: true }),
  revision: Revision,
});
export const PaymentRequestBody = z.strictObject({
  amount: z.number().int().min(1).max(1_000_000_000_000),
  description: z.string().trim().min(3).max(1000),
  revision: Revision,
});
export const PaymentConfirmBody = z.strictObject({
  method: z.enum(['online', 'counter', 'bank_transfer']),
  reference: z.string().trim().max(200).optional(),
  revision: Revision,
});
export const RatingBody = z.strictObject({
  score: z.number().int().min(1, 'field.rating').max(5, 'field.rating'),
  criteria: z.record(z.string(), z.number().int().min(0, 'field.rating').max(2, 'field.rating')).optional(),
  comment: z.string().trim().max(2000).optional(),
});
export const BulkBody = z.strictObject({ ids: z.array(z.uuid()).min(1).max(200) });
export const BulkHandOverBody = BulkBody.extend({ method: z.enum(['counter', 'post', 'electronic']) });
export const BulkResult = z.object({
  done: z.array(z.object({ id: z.uuid(), status: z.number(), code: z.string().nullable() })),
  failed: z.array(z.object({ id: z.uuid(), code: z.string(), message: z.string() })),
});
export const RegisterQuery = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  agencyId: z.uuid().optional(),
  status: z.coerce.number().int().min(1).max(10).optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'pdf']).default('json'),
});
