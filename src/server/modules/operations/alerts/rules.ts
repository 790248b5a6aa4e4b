// Alert rules as data, evaluated one datastream at a time as readings arrive (pure: no clock, no I/O).
// Each call takes the stream's state and returns the new state and at most one transition, so one
// alert per (source, rule) follows from the shape: raise once, change severity, clear once.
import { z } from 'zod';
import type { RuleKind, Severity } from '../tables.ts';

export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'major', 'critical'];
const SeverityS = z.enum(['info', 'warning', 'major', 'critical']);

const Threshold = z.strictObject({
  direction: z.enum(['above', 'below']).default('above'),
  /** bands in increasing severity: the first band reached raises, the others change severity */
  bands: z
    .array(z.strictObject({ severity: SeverityS, value: z.number() }))
    .min(1)
    .max(4),
  /** the value must stay past a band this long before the alert rises to it */
  holdSeconds: z.number().int().min(0).max(86_400).default(0),
  /** to fall back a band (or clear), the value must go this far back past the band's value */
  hysteresis: z.number().min(0).default(0),
});
const RateOfChange = z.strictObject({
  windowSeconds: z.number().int().min(1).max(86_400),
  /** the largest change (either way) allowed within the window */
  maxChange: z.number().positive(),
  severity: SeverityS.default('warning'),
});
const Stale = z.strictObject({
  /** stale after factor × the datastream's expected interval without a reading */
  factor: z.number().min(1).max(100).default(3),
  severity: SeverityS.default('warning'),
});
const FlatLine = z.strictObject({
  durationSeconds: z
    .number()
    .int()
    .min(60)
    .max(7 * 86_400),
  tolerance: z.number().min(0).default(0),
  severity: SeverityS.default('warning'),
});
const Impossible = z.strictObject({ severity: SeverityS.default('warning') });

export const RULE_PARAMS = {
  threshold: Threshold,
  rate_of_change: RateOfChange,
  stale: Stale,
  flat_line: FlatLine,
  impossible: Impossible,
} as const satisfies Record<RuleKind, z.ZodType>;

export type Rule =
  | { kind: 'threshold'; params: z.output<typeof Threshold> }
  | { kind: 'rate_of_change'; params: z.output<typeof RateOfChange> }
  | { kind: 'stale'; params: z.output<typeof Stale> }
  | { kind: 'flat_line'; params: z.output<typeof FlatLine> }
  | { kind: 'impossible'; params: z.output<typeof Impossible> };

/** Validates stored or submitted parameters for a kind; throws zod's error naming the field. */
export function parseRule(kind: RuleKind, params: unknown): Rule {
  return { kind, params: RULE_PARAMS[kind].parse(params) } as Rule;
}

export interface StreamState {
  /** the active alert's severity, null when none */
  severity: Severity | null;
  /** threshold: a higher band seen since `since`, waiting for its hold period */
  pending?: { severity: Severity; since: number } | undefined;
  /** rate of change: recent readings inside the window */
  window?: { t: number; v: number }[];
  /** flat line: the run of equal readings */
  flat?: { since: number; value: number; count: number } | undefined;
  /** stale: the last reading's time */
  lastTime?: number | undefined;
}

export const initialState = (severity: Severity | null = null, lastTime?: number): StreamState => ({
  severity,
  lastTime,
});

export type Transition =
  | { type: 'raise'; severity: Severity; value: number | null; at: number }
  | { type: 'change'; severity: Severity; value: number | null; at: number }
  | { type: 'clear'; value: number | null; at: number };

export interface Step {
  state: StreamState;
  transition: Transition | null;
}

export interface Reading {
  /** epoch milliseconds */
  t: number;
  v: number;
  /** false for a physically impossible value (refused by ingestion, seen only by the impossible rule) */
  valid: boolean;
}

const _rank = (s: Severity | null) => (s === null ? -1 : SEVERITIES.indexOf(s));

function moveTo(state: StreamState, next: Severity | null, v: number | null, at: number): Step {
  if (next === state.severity) return { state, transition: null };
  const s = { ...state, severity: next, pending: undefined };
  if (next === null) return { state: s, transition: { type: 'clear', value: v, at } };
  if (state.severity === null)
    return { state: s, transition: { type: 'raise', severity: next, value: v, at } };
  return { state: s, transition: { type: 'change', severity: next, value: v, at } };
}

/** The index of the highest band the value reaches, shifted back by `offset` (hysteresis), or -1. */
function bandOf(p: z.output<typeof Threshold>, v: number, offset: number): number {
  let k = -1;
  p.bands.forEach((b, i) => {
    if (p.direction === 'above' ? v >= b.value - offset : v <= b.value + offset) k = i;
  });
  return k;
}

function threshold(p: z.output<typeof Threshold>, state: StreamState, r: Reading): Step {
  const current = state.severity === null ? -1 : p.bands.findIndex((b) => b.severity === state.severity);
  const raw = bandOf(p, r.v, 0);
  if (raw > current) {
    const severity = p.bands[raw]!.severity;
    const since = state.pending?.since ?? r.t;
    if (r.t - since >= p.holdSeconds * 1000) return moveTo(state, severity, r.v, r.t);
    // Still holding: keep the start of the excursion, follow the band the value is in now.
    return { state: { ...state, pending: { severity, since } }, transition: null };
  }
  // Not above the current band: any pending rise is over; fall back only past the hysteresis.
  const stay = Math.min(current, bandOf(p, r.v, p.hysteresis));
  const base = { ...state, pending: undefined };
  if (stay === current) return { state: base, transition: null };
  return moveTo(base, stay < 0 ? null : p.bands[stay]!.severity, r.v, r.t);
}

function rateOfChange(p: z.output<typeof RateOfChange>, state: StreamState, r: Reading): Step {
  const window = [...(state.window ?? []), { t: r.t, v: r.v }].filter(
    (x) => r.t - x.t <= p.windowSeconds * 1000,
  );
  const oldest = window[0]!;
  const tooFast = Math.abs(r.v - oldest.v) > p.maxChange;
  return moveTo({ ...state, window }, tooFast ? p.severity : null, r.v, r.t);
}

function flatLine(p: z.output<typeof FlatLine>, state: StreamState, r: Reading): Step {
  const run = state.flat;
  const flat =
    run && Math.abs(r.v - run.value) <= p.tolerance
      ? { ...run, count: run.count + 1 }
      : { since: r.t, value: r.v, count: 1 };
  const stuck = flat.count >= 2 && r.t - flat.since >= p.durationSeconds * 1000;
  return moveTo({ ...state, flat }, stuck ? p.severity : null, r.v, r.t);
}

/** A reading (valid or not) of the rule's datastream. */
export function onReading(rule: Rule, state: StreamState, r: Reading): Step {
  if (rule.kind === 'impossible') return moveTo(state, r.valid ? null : rule.params.severity, r.v, r.t);
  if (!r.valid) return { state, transition: null };
  switch (rule.kind) {
    case 'threshold':
      return threshold(rule.params, state, r);
    case 'rate_of_change':
      return rateOfChange(rule.params, state, r);
    case 'flat_line':
      return flatLine(rule.params, state, r);
    case 'stale':
      // A reading ends staleness.
      return moveTo({ ...state, lastTime: Math.max(state.lastTime ?? 0, r.t) }, null, r.v, r.t);
  }
}

/**
 * The passing of time without readings: only the stale rule acts. While the device is calibrating it
 * is expected to be silent, so staleness is neither raised nor kept.
 */
export function onTick(
  rule: Rule,
  state: StreamState,
  now: number,
  stream: { expectedIntervalSeconds: number; calibrating: boolean },
): Step {
  if (rule.kind !== 'stale' || state.lastTime === undefined) return { state, transition: null };
  const stale =
    !stream.calibrating && now - state.lastTime > rule.params.factor * stream.expectedIntervalSeconds * 1000;
  return moveTo(state, stale ? rule.params.severity : null, null, now);
}
