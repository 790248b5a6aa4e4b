// One historical dossier as the real commands would have left it: the dossier row, its events (one
// per transition, with the same fields and data as applyTransition writes), its supplement pauses and
// its rating. Pure: everything comes from the context and the PRNG; nothing touches the database.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import {
  addWorkingTime,
  type WorkingCalendar,
  workingTimeBetween,
} from '../../../platform/calendar/index.ts';
import { dueDateOf } from '../clock.ts';
import { classifyTimeliness, computeDueDate, type ExplanationStep } from '../deadline.ts';
import type { Applicant, DossierChannel } from '../tables.ts';
import { answersFromSchema, FORM_BUILDERS } from './forms.ts';
import type { Rng } from './prng.ts';
import {
  ANSWER_NOTES,
  CRITERIA,
  RATING_COMMENTS,
  REFUSE_REASONS,
  STEP_COMMENTS,
  STOP_REASONS,
  SUPPLEMENT_REASONS,
  WITHDRAW_REASONS,
} from './texts.ts';
import type {
  AgencyRef,
  BuildContext,
  BuiltDossier,
  Choice,
  CommuneRef,
  DossierRow,
  EventRow,
  Hold,
  PauseRow,
  RatingRow,
} from './types.ts';
import { MINUTE_MS, OUTCOMES, onlineShare, POST_SHARE, SCORES, submissionTime } from './volumes.ts';
import { allowanceMinutes, isReturn, walkWorkflow } from './workflow-path.ts';

type Step = ProcedureDefinition['workflow']['steps'][number];

const HOUR_MS = 60 * MINUTE_MS;
/** one working day of office time (8 hours) */
const WORKDAY_MS = 8 * HOUR_MS;
const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

// ---- choosing what to generate -------------------------------------------------------------------

/** Procedure, place, channel and moment of one dossier submitted on local day `day`. */
export function chooseDossier(rng: Rng, ctx: BuildContext, day: number): Choice {
  const procedure = ctx.procedures.pick(rng);
  let receiving: AgencyRef;
  let competent: AgencyRef;
  let home: CommuneRef;
  if (procedure.communes) {
    home = procedure.communes.pick(rng);
    receiving = home.agency;
    competent = home.agency;
  } else {
    home = ctx.communes.pick(rng);
    receiving = rng.pick(procedure.receivers);
    competent = procedure.competent ?? receiving;
  }
  const latest = procedure.versions[procedure.versions.length - 1]!.def;
  const progress = (day - ctx.fromDay) / Math.max(1, ctx.untilDay - ctx.fromDay);
  const methods = latest.methods;
  let channel: DossierChannel = methods.includes('counter') ? 'counter' : methods[0]!;
  if (methods.includes('online') && rng.chance(onlineShare(procedure.code, progress))) channel = 'online';
  else if (methods.includes('post') && rng.chance(POST_SHARE)) channel = 'post';
  const submittedAt = submissionTime(rng, ctx.calendar, day, channel === 'online');
  // The version in force when it was received; history older than the first version keeps the first.
  let version = procedure.versions[0]!;
  for (const v of procedure.versions) if (v.effectiveFrom <= submittedAt) version = v;
  return { procedure, version, receiving, competent, home, channel, submittedAt };
}

// ---- the simulation ------------------------------------------------------------------------------

interface Actor {
  id: string | null;
  label: string;
  title: string | null;
}

const SYSTEM_EXPIRY: Actor = { id: null, label: 'supplement-deadline', title: null };

interface Changes {
  code?: string;
  acceptedAt?: number;
  due?: { dueAt: Date | null; explanation: ExplanationStep[] };
  step?: { step: Step; agency: AgencyRef; dueAt: number | null } | null;
  holder?: AgencyRef;
  stepRoleCleared?: boolean;
  finishedAt?: number;
  returnedAt?: number;
  closedAt?: number;
  supplementCount?: number;
  result?: Record<string, unknown>;
}

/** The dossier's state, moved only through `move` (the generator's applyTransition). */
class Sim {
  readonly events: EventRow[] = [];
  readonly pauses: { from: number; to: number | null; items: unknown[] }[] = [];
  status = 1;
  stepKey: string | null = null;
  stepRole: string | null = null;
  stepDueAt: number | null = null;
  holder: AgencyRef;
  code: string | null = null;
  acceptedAt: number | null = null;
  dueAt: number | null = null;
  dueExplanation: ExplanationStep[] | null = null;
  finishedAt: number | null = null;
  returnedAt: number | null = null;
  closedAt: number | null = null;
  supplementCount = 0;
  result: Record<string, unknown> | null = null;
  revision = 0;
  updatedAt: number;
  /** the next transition would fall after `until`: history stops here */
  halted = false;
  /** where the dossier stays because its officer has not acted yet (the demo's inboxes) */
  hold: Hold | null = null;

  constructor(
    private readonly until: number,
    readonly id: string,
    receiving: AgencyRef,
    submittedAt: number,
    actor: Actor,
    channel: DossierChannel,
  ) {
    this.holder = receiving;
    this.updatedAt = submittedAt;
    this.events.push({
      dossier_id: id,
      at: iso(submittedAt),
      action: 'submit',
      actor_id: actor.id,
      actor_label: actor.label,
      actor_title: actor.title,
      from_status: null,
      to_status: 1,
      from_step: null,
      to_step: null,
      from_agency_id: null,
      to_agency_id: receiving.id,
      comment: null,
      step_due_at: null,
      step_timeliness: null,
      data: { channel },
    });
  }

  /** Whether a transition at `at` is still history (before `until`). */
  can(at: number): boolean {
    if (this.halted || at >= this.until || this.held()) this.halted = true;
    return !this.halted;
  }

  private held(): boolean {
    const h = this.hold;
    return (
      !!h &&
      this.holder.id === h.agencyId &&
      h.statuses.includes(this.status) &&
      (h.role === null || this.stepRole === h.role)
    );
  }

  move(
    at: number,
    action: string,
    toStatus: number,
    actor: Actor,
    changes: Changes = {},
    data: Record<string, unknown> = {},
    comment: string | null = null,
  ): boolean {
    if (!this.can(at)) return false;
    const fromStatus = this.status;
    const fromStep = this.stepKey;
    const fromAgency = this.holder;
    const stepDue = this.stepDueAt;
    if (changes.code !== undefined) this.code = changes.code;
    if (changes.acceptedAt !== undefined) this.acceptedAt = changes.acceptedAt;
    if (changes.due) {
      this.dueAt = changes.due.dueAt ? changes.due.dueAt.getTime() : null;
      this.dueExplanation = changes.due.explanation;
    }
    if (changes.step !== undefined) {
      this.stepKey = changes.step?.step.key ?? null;
      this.stepRole = changes.step?.step.role ?? null;
      this.stepDueAt = changes.step?.dueAt ?? null;
      if (changes.step) this.holder = changes.step.agency;
    }
    if (changes.holder) this.holder = changes.holder;
    if (changes.stepRoleCleared) this.stepRole = null;
    if (changes.finishedAt !== undefined) this.finishedAt = changes.finishedAt;
    if (changes.returnedAt !== undefined) this.returnedAt = changes.returnedAt;
    if (changes.closedAt !== undefined) this.closedAt = changes.closedAt;
    if (changes.supplementCount !== undefined) this.supplementCount = changes.supplementCount;
    if (changes.result) this.result = changes.result;
    this.status = toStatus;
    this.revision++;
    this.updatedAt = at;
    this.events.push({
      dossier_id: this.id,
      at: iso(at),
      action,
      actor_id: actor.id,
      actor_label: actor.label,
      actor_title: actor.title,
      from_status: fromStatus,
      to_status: toStatus,
      from_step: fromStep,
      to_step: this.stepKey,
      from_agency_id: fromAgency.id,
      to_agency_id: this.holder.id,
      comment,
      step_due_at: isoOrNull(stepDue),
      step_timeliness: stepDue !== null && fromStatus === 4 ? classifyTimeliness(at, stepDue) : null,
      data,
    });
    return true;
  }
}

/** `ms` of office time after `t`, rounded up to the second (officials' clocks show seconds). */
const later = (cal: WorkingCalendar, t: number, ms: number) =>
  Math.ceil(addWorkingTime(cal, t, Math.max(0, Math.round(ms))).getTime() / 1000) * 1000;

/**
 * Builds one dossier's history, then cuts it at `until`: what would happen later has not happened yet,
 * so recent dossiers are still waiting (1), paused (5), in progress (4) or waiting for collection (9).
 */
export function buildDossier(rng: Rng, ctx: BuildContext, c: Choice): BuiltDossier {
  const cal = ctx.calendar;
  const def = c.version.def;
  const sector = def.sector.code;
  const id = rng.uuid();
  const form =
    FORM_BUILDERS[c.procedure.code]?.(rng, { commune: c.home.fullName, at: c.submittedAt }) ??
    answersFromSchema(rng, def.form.schema, { commune: c.home.fullName, at: c.submittedAt });
  const applicant = form.applicant;
  const digits = (applicant.phone ?? applicant.idNumber ?? '0000').replace(/\D/g, '');
  const trackingPin = digits.slice(-4);

  const actors = new Map<string, Actor>();
  const official = (agency: AgencyRef, role: string): Actor => {
    const key = `${agency.id}|${role}`;
    let a = actors.get(key);
    if (!a) {
      const pool = ctx.officials(agency, role, sector);
      const o =
        pool.real.length > 0 && (pool.generated.length === 0 || rng.chance(0.45))
          ? rng.pick(pool.real)
          : rng.pick(pool.generated);
      a = { id: o.id, label: o.name, title: o.title };
      actors.set(key, a);
    }
    return a;
  };
  const desk = official(c.receiving, 'one_stop_officer');
  const applicantActor: Actor = { id: null, label: applicant.fullName, title: null };
  const online = c.channel === 'online';
  const submitter = online ? applicantActor : desk;
  const answerer = online ? applicantActor : desk;
  const sim = new Sim(ctx.until, id, c.receiving, c.submittedAt, submitter, c.channel);
  sim.hold = c.hold ?? null;

  const stepAgency = (step: Step): AgencyRef =>
    step.agency === 'receiving'
      ? c.receiving
      : step.agency === 'competent'
        ? c.competent
        : (ctx.agencyByCode.get(step.agency.code) ?? c.competent);
  const stepEntry = (step: Step, at: number) => ({
    step,
    agency: stepAgency(step),
    dueAt: computeDueDate(cal, { receivedAt: at, limit: step.allowance }).dueAt?.getTime() ?? null,
  });

  // The plan: what will happen to this dossier, decided before its timeline is laid out.
  const u = rng.next();
  const supplements =
    u < OUTCOMES.twoSupplements ? 2 : u < OUTCOMES.twoSupplements + OUTCOMES.oneSupplement ? 1 : 0;
  const atIntake = online && supplements > 0 && rng.chance(OUTCOMES.supplementAtIntake);
  const remote = c.channel !== 'counter';
  const refuse = remote && rng.chance(OUTCOMES.refuseAtIntake);
  const withdrawEarly = remote && !refuse && rng.chance(OUTCOMES.withdrawAtIntake);
  const late = rng.chance(OUTCOMES.late);
  const interruption = rng.chance(OUTCOMES.withdrawInProcess)
    ? 'withdraw'
    : rng.chance(OUTCOMES.stopInProcess)
      ? 'stop'
      : null;
  const neverCollected = rng.chance(OUTCOMES.neverCollected);
  const rated = rng.chance(OUTCOMES.rated);

  /** Mẫu 02 and its answer; returns the time processing resumes, or null when history ends. */
  const supplementRound = (at: number, actor: Actor): number | null => {
    const count = sim.supplementCount + 1;
    const components = def.components.length ? def.components : [{ name: 'Tờ khai' }];
    const items = Array.from({ length: rng.chance(0.7) ? 1 : 2 }, () => ({
      name: rng.pick(components).name,
      reason: rng.pick(SUPPLEMENT_REASONS),
    }));
    const deadline = computeDueDate(cal, {
      receivedAt: at,
      limit: { value: def.supplementDays, unit: 'working_days' },
    }).dueAt!.getTime();
    const unanswered = rng.chance(OUTCOMES.supplementUnanswered);
    const wait = Math.min(rng.lognormal(online ? 2 : 3, 0.8), def.supplementDays - 1) * WORKDAY_MS;
    if (!sim.can(at)) return null;
    const previousStatus = sim.status;
    const previousDueAt = sim.dueAt;
    const pause = sim.acceptedAt !== null ? { from: at, to: null as number | null, items } : null;
    if (pause) sim.pauses.push(pause);
    const due =
      sim.acceptedAt !== null
        ? dueDateOf(cal, def, c.channel, new Date(sim.acceptedAt), pausesOf(sim))
        : null;
    sim.move(
      at,
      'request_supplement',
      5,
      actor,
      { supplementCount: count, ...(due ? { due } : {}) },
      {
        items,
        deadline: iso(deadline),
        request: count,
        countsAsLate: count > 1,
        previousStatus,
        previousDueAt: isoOrNull(previousDueAt),
      },
    );
    if (unanswered) {
      const expiry = deadline + rng.int(1, 59) * MINUTE_MS;
      if (!sim.can(expiry)) return null;
      if (pause) pause.to = expiry;
      sim.move(
        expiry,
        'expire_supplement',
        3,
        SYSTEM_EXPIRY,
        { closedAt: expiry, stepRoleCleared: true },
        {
          reason: 'supplement_time_limit',
        },
      );
      return null;
    }
    const answered = later(cal, at, Math.max(WORKDAY_MS / 8, wait));
    if (!sim.can(answered)) return null;
    if (pause) pause.to = answered;
    const after =
      sim.acceptedAt !== null
        ? dueDateOf(cal, def, c.channel, new Date(sim.acceptedAt), pausesOf(sim))
        : null;
    sim.move(
      answered,
      'supplement',
      previousStatus,
      answerer,
      after ? { due: after } : {},
      { answeredRequest: count, newDueAt: after?.dueAt?.toISOString() ?? null },
      rng.pick(ANSWER_NOTES),
    );
    return answered;
  };

  const finish = (): BuiltDossier => done(rng, ctx, c, sim, form, trackingPin, rated);

  // Intake: online and post dossiers wait for the one-stop desk; counter ones are accepted at once.
  let t = c.submittedAt;
  if (remote) {
    let delay = online ? Math.min(rng.exp(3 * HOUR_MS), 2 * WORKDAY_MS) : rng.uniform(0.5, 6) * HOUR_MS;
    if (atIntake) {
      const resumed = supplementRound(later(cal, t, delay * 0.5), desk);
      if (resumed === null) return finish();
      t = resumed;
      delay = rng.uniform(0.2, 4) * HOUR_MS;
    }
    t = later(cal, t, delay);
    if (refuse) {
      sim.move(t, 'refuse', 3, desk, { closedAt: t }, { reasons: [rng.pick(REFUSE_REASONS)] });
      return finish();
    }
    if (withdrawEarly) {
      sim.move(
        t,
        'withdraw',
        7,
        applicantActor,
        { closedAt: t, stepRoleCleared: true },
        {},
        rng.pick(WITHDRAW_REASONS),
      );
      return finish();
    }
  }

  // Acceptance (form 01): code, clock started, routed to the first step.
  if (!sim.can(t)) return finish();
  const code = ctx.allocateCode(c.competent.code, t);
  const due = dueDateOf(cal, def, c.channel, new Date(t), []);
  sim.move(
    t,
    'accept',
    2,
    desk,
    { code, acceptedAt: t, due },
    { code, dueAt: due.dueAt?.toISOString() ?? null },
  );
  const legs = walkWorkflow(rng, def.workflow);
  sim.move(
    t,
    'route',
    4,
    desk,
    { step: stepEntry(legs[0]!.step, t) },
    {
      step: legs[0]!.step.key,
      agency: stepAgency(legs[0]!.step).code,
    },
  );

  // Processing time: a share of the office time to the due date, above it for the late ones.
  const budget = due.dueAt ? workingTimeBetween(cal, t, due.dueAt) : 10 * WORKDAY_MS;
  const share = late ? rng.uniform(1.04, 1.6) : 0.1 + 0.85 * rng.next() ** 1.4;
  const work = Math.max(15 * MINUTE_MS, budget * share);
  const weights = legs.map((l) => allowanceMinutes(l.step.allowance) * rng.uniform(0.5, 1.5));
  const total = weights.reduce((a, b) => a + b, 0);
  const durations = weights.map((w) => (work * w) / total);
  // Where supplements (after intake) and an interruption happen.
  const specialistLegs = legs
    .map((l, i) => (l.step.role === 'specialist' && !l.step.consultation ? i : -1))
    .filter((i) => i >= 0);
  const supplementAt = Array.from({ length: supplements - (atIntake ? 1 : 0) }, () =>
    specialistLegs.length ? rng.pick(specialistLegs) : rng.int(0, legs.length - 1),
  ).sort((a, b) => a - b);
  const interruptAt = rng.int(0, legs.length - 1);

  for (const [i, leg] of legs.entries()) {
    let remaining = durations[i]!;
    for (const k of supplementAt) {
      if (k !== i) continue;
      const part = remaining * rng.uniform(0.2, 0.8);
      remaining -= part;
      const resumed = supplementRound(later(cal, t, part), official(stepAgency(leg.step), leg.step.role));
      if (resumed === null) return finish();
      t = resumed;
    }
    if (interruption && interruptAt === i) {
      const at = later(cal, t, remaining * rng.next());
      if (interruption === 'withdraw')
        sim.move(
          at,
          'withdraw',
          7,
          online ? applicantActor : desk,
          { closedAt: at, stepRoleCleared: true },
          {},
          rng.pick(WITHDRAW_REASONS),
        );
      else
        sim.move(
          at,
          'stop',
          8,
          official(c.competent, 'agency_leader'),
          { closedAt: at, stepRoleCleared: true },
          {
            reasons: [rng.pick(STOP_REASONS)],
          },
        );
      return finish();
    }
    t = later(cal, t, remaining);
    const actor = official(stepAgency(leg.step), leg.step.role);
    const action = leg.action;
    const comment = action.requires?.comment
      ? rng.pick(
          isReturn(action)
            ? STEP_COMMENTS.return!
            : legs[i + 1]?.step.consultation
              ? STEP_COMMENTS.consult!
              : STEP_COMMENTS.other!,
        )
      : null;
    if (action.to === 'done') {
      // The result is ready: back to the desk that received it (status 9).
      if (
        !sim.move(
          t,
          `step.${action.key}`,
          9,
          actor,
          {
            step: null,
            holder: c.receiving,
            finishedAt: t,
            result: { type: def.result.type },
          },
          { step: leg.step.key, action: action.key },
          comment,
        )
      )
        return finish();
      break;
    }
    const next = legs[i + 1]!.step;
    if (
      !sim.move(
        t,
        `step.${action.key}`,
        4,
        actor,
        { step: stepEntry(next, t) },
        {
          step: leg.step.key,
          agency: stepAgency(next).code,
          action: action.key,
        },
        comment,
      )
    )
      return finish();
  }

  // Hand-over: electronically at once, at the counter when the applicant comes, or by post.
  if (!neverCollected) {
    const method =
      c.channel === 'post'
        ? 'post'
        : online
          ? rng.chance(def.result.type === 'electronic' ? 0.7 : 0.4)
            ? 'electronic'
            : rng.chance(0.85)
              ? 'counter'
              : 'post'
          : rng.chance(0.92)
            ? 'counter'
            : 'post';
    const wait =
      method === 'electronic'
        ? rng.uniform(1, 30) * MINUTE_MS
        : method === 'post'
          ? rng.uniform(1, 3) * WORKDAY_MS
          : 10 * MINUTE_MS + rng.exp(1.2 * WORKDAY_MS);
    const at = later(cal, t, wait);
    sim.move(at, 'hand_over', 10, desk, { returnedAt: at, closedAt: at }, { method });
  }
  return finish();
}

function pausesOf(sim: Sim) {
  return sim.pauses.map((p) => ({ from: p.from, to: p.to, reason: 'supplement' as const }));
}

/** The rows for what happened, with a rating for some finished dossiers. */
function done(
  rng: Rng,
  ctx: BuildContext,
  c: Choice,
  sim: Sim,
  form: { applicant: Applicant; formData: Record<string, unknown> },
  trackingPin: string,
  rated: boolean,
): BuiltDossier {
  const dossier: DossierRow = {
    id: sim.id,
    code: sim.code,
    procedure_id: c.procedure.id,
    procedure_version_id: c.version.id,
    status: sim.status,
    step_key: sim.stepKey,
    step_role: sim.stepRole,
    channel: c.channel,
    applicant: form.applicant,
    form_data: form.formData,
    helped_agency_id: c.channel === 'counter' ? c.receiving.id : null,
    receiving_agency_id: c.receiving.id,
    competent_agency_id: c.competent.id,
    holder_agency_id: sim.holder.id,
    holder_agency_path: sim.holder.path,
    submitted_at: iso(c.submittedAt),
    accepted_at: isoOrNull(sim.acceptedAt),
    due_at: isoOrNull(sim.dueAt),
    due_explanation: sim.dueExplanation,
    step_due_at: isoOrNull(sim.stepDueAt),
    finished_at: isoOrNull(sim.finishedAt),
    returned_at: isoOrNull(sim.returnedAt),
    closed_at: isoOrNull(sim.closedAt),
    supplement_count: sim.supplementCount,
    result: sim.result,
    tracking_pin: trackingPin,
    revision: sim.revision,
    created_at: iso(c.submittedAt),
    updated_at: iso(sim.updatedAt),
  };
  const pauses: PauseRow[] = sim.pauses.map((p) => ({
    dossier_id: sim.id,
    reason: 'supplement',
    from: iso(p.from),
    to: isoOrNull(p.to),
    data: { items: p.items },
  }));
  let rating: RatingRow | null = null;
  const after = sim.returnedAt ?? sim.finishedAt;
  if (rated && after !== null && (sim.status === 9 || sim.status === 10)) {
    const at = after + Math.round(rng.exp(18 * HOUR_MS));
    if (at < ctx.until) {
      const score = SCORES.pick(rng);
      const criteria = rng.chance(0.3)
        ? Object.fromEntries(
            CRITERIA.map((k) => [
              k,
              score >= 4 ? (rng.chance(0.9) ? 2 : 1) : score === 3 ? rng.int(1, 2) : rng.int(0, 1),
            ]),
          )
        : null;
      rating = {
        dossier_id: sim.id,
        score,
        criteria,
        comment: rng.chance(0.15) ? rng.pick(RATING_COMMENTS[score]!) : null,
        created_at: iso(at),
      };
    }
  }
  let counter: BuiltDossier['counter'] = null;
  if (sim.code) {
    const [agencyCode, yymmdd, seq] = splitCode(sim.code);
    counter = {
      agencyCode,
      day: `20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`,
      last: seq,
    };
  }
  return { dossier, events: sim.events, pauses, rating, counter };
}

/** `<agency>-<YYMMDD>-<NNNN>` → its parts (the agency code itself contains dots, not dashes). */
export function splitCode(code: string): [string, string, number] {
  const m = /^(.+)-(\d{6})-(\d{4,})$/.exec(code);
  if (!m) throw new RangeError(`not a dossier code: ${code}`);
  return [m[1]!, m[2]!, Number(m[3])];
}
