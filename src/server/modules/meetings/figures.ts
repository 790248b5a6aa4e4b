// Figures of one meeting computed from its ledger (issue 12 §8, the measurement method of the guide).
import type { LedgerKind } from './ledger.ts';

export interface LedgerRow {
  at: Date;
  kind: LedgerKind | string;
  itemId: string | null;
  participantId: string | null;
  data: Record<string, unknown>;
}

export interface ItemBudget {
  id: string;
  plannedMinutes: number;
  settledBeforehand: boolean;
}

export interface MeetingFigures {
  /** start to end minus pauses, in whole seconds */
  netSeconds: number;
  pauseSeconds: number;
  itemsDiscussed: number;
  itemsSettledBeforehand: number;
  /** seconds per discussed item, and the overrun over its budget (negative when under) */
  items: { id: string; seconds: number; overrunSeconds: number }[];
  itemsWithinBudget: number;
  /** attendance seconds of members checked in, within the net meeting time */
  memberSeconds: number;
  speeches: number;
  speakingSeconds: number;
  /** Σ pages × electronic recipients and Σ pages × all recipients, over non-classified documents */
  electronicPageDeliveries: number;
  allPageDeliveries: number;
  /** a lower bound: paper exceptions (copies × pages) plus pages printed through the system */
  paperPages: number;
  pagesAvoided: number;
}

const sec = (ms: number) => Math.round(ms / 1000);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Merged [from, to) intervals: overlapping pauses are deducted once. */
function merge(iv: [number, number][]): [number, number][] {
  const sorted = iv.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Length of [a, b) minus its overlap with the pauses. */
function netLength(a: number, b: number, pauses: [number, number][]): number {
  let len = Math.max(0, b - a);
  for (const [pa, pb] of pauses) len -= Math.max(0, Math.min(b, pb) - Math.max(a, pa));
  return len;
}

/** Pairs "open" and "close" rows per key; a pair still open at the end closes at `end`. */
function spans(
  rows: LedgerRow[],
  open: string,
  close: string,
  key: (r: LedgerRow) => string | null,
  end: number,
) {
  const started = new Map<string, number>();
  const out: { key: string; from: number; to: number }[] = [];
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    if (r.kind === open && !started.has(k)) started.set(k, r.at.getTime());
    else if (r.kind === close && started.has(k)) {
      out.push({ key: k, from: started.get(k)!, to: r.at.getTime() });
      started.delete(k);
    }
  }
  for (const [k, from] of started) out.push({ key: k, from, to: end });
  return out;
}

/** Paused while more pauses than resumptions are on record (pause records from two sources nest). */
function pauseIntervals(rows: LedgerRow[], end: number): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let from = 0;
  for (const r of rows) {
    if (r.kind === 'meeting.paused' && depth++ === 0) from = r.at.getTime();
    else if (r.kind === 'meeting.resumed' && depth > 0 && --depth === 0) out.push([from, r.at.getTime()]);
  }
  if (depth > 0) out.push([from, end]);
  return out;
}

export function meetingFigures(rows: readonly LedgerRow[], budgets: readonly ItemBudget[]): MeetingFigures {
  const ordered = [...rows].sort((a, b) => a.at.getTime() - b.at.getTime());
  const started = ordered.find((r) => r.kind === 'meeting.started')?.at.getTime();
  const endedRow = [...ordered].reverse().find((r) => r.kind === 'meeting.ended');
  const last = ordered[ordered.length - 1]?.at.getTime() ?? 0;
  const end = endedRow?.at.getTime() ?? last;
  const pauses = merge(pauseIntervals(ordered, end));
  const pauseMs = pauses.reduce((t, [a, b]) => t + (b - a), 0);
  const netMs = started === undefined ? 0 : netLength(started, end, pauses);

  const perItem = new Map<string, number>();
  for (const s of spans(ordered, 'item.opened', 'item.closed', (r) => r.itemId, end))
    perItem.set(s.key, (perItem.get(s.key) ?? 0) + netLength(s.from, s.to, pauses));
  const items = [...perItem].map(([id, ms]) => {
    const budget = budgets.find((b) => b.id === id);
    const seconds = sec(ms);
    return { id, seconds, overrunSeconds: seconds - (budget?.plannedMinutes ?? 0) * 60 };
  });

  const memberMs =
    started === undefined
      ? 0
      : spans(ordered, 'check_in', 'check_out', (r) => r.participantId, end).reduce(
          (t, s) => t + netLength(Math.max(s.from, started), s.to, pauses),
          0,
        );
  const speechSpans = spans(
    ordered,
    'speech.begun',
    'speech.ended',
    (r) => (typeof r.data.speechId === 'string' ? r.data.speechId : null),
    end,
  );

  let electronic = 0;
  let all = 0;
  let paper = 0;
  for (const r of ordered) {
    if (r.kind === 'document.published' && r.data.classified !== true) {
      const pages = num(r.data.pages);
      electronic += pages * num(r.data.electronicRecipients);
      all += pages * num(r.data.recipients);
    } else if (r.kind === 'paper.exception' || r.kind === 'document.printed') {
      paper += num(r.data.copies) * num(r.data.pages);
    }
  }
  return {
    netSeconds: sec(netMs),
    pauseSeconds: sec(pauseMs),
    itemsDiscussed: items.length,
    itemsSettledBeforehand: budgets.filter((b) => b.settledBeforehand).length,
    items,
    itemsWithinBudget: items.filter((i) => i.overrunSeconds <= 0).length,
    memberSeconds: sec(memberMs),
    speeches: speechSpans.length,
    speakingSeconds: sec(speechSpans.reduce((t, s) => t + netLength(s.from, s.to, pauses), 0)),
    electronicPageDeliveries: electronic,
    allPageDeliveries: all,
    paperPages: paper,
    pagesAvoided: Math.max(0, electronic - paper),
  };
}

export interface Reduction {
  /** 1 − mean(current) / mean(baseline) */
  reduction: number;
  /** 95 % interval (delta method on the ratio of means); null with fewer than two of either */
  low: number | null;
  high: number | null;
}

function meanVar(xs: readonly number[]) {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  const v = xs.length > 1 ? xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) : Number.NaN;
  return { m, v };
}

/** Time saved against a baseline of past meetings of the same kind (durations in any one unit). */
export function reductionAgainst(current: readonly number[], baseline: readonly number[]): Reduction | null {
  if (current.length === 0 || baseline.length === 0) return null;
  const c = meanVar(current);
  const b = meanVar(baseline);
  if (b.m <= 0) return null;
  const r = c.m / b.m;
  if (current.length < 2 || baseline.length < 2) return { reduction: 1 - r, low: null, high: null };
  const se = r * Math.sqrt(c.v / current.length / c.m ** 2 + b.v / baseline.length / b.m ** 2);
  return { reduction: 1 - r, low: 1 - (r + 1.96 * se), high: 1 - (r - 1.96 * se) };
}
