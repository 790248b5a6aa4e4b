// Due-date throughput on one core, over a realistic mix, against a naive minute-by-minute walk
// measured in the same run. Standalone: npx tsx bench/deadline.ts
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  createWorkingCalendar,
  type Instant,
  resolveHolidays,
  toMs,
  type WorkingCalendar,
} from '../src/server/platform/calendar/index.ts';
import {
  computeDueDate,
  type DueDateInput,
  type Pause,
  type TimeLimit,
} from '../src/server/modules/services/index.ts';
import type { Bench, BenchFigure } from './harness.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const TARGET = 200_000;

/** Deterministic PRNG (mulberry32), so every run measures the same inputs. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TET_WEEKS = [Date.UTC(2025, 0, 15), Date.UTC(2026, 1, 2), Date.UTC(2027, 0, 24)];

/**
 * Receipts over 2025–2027 (one in six in the weeks around Tết), mostly at office hours; limits mostly
 * 1–30 working days, the rest hours, half-days, calendar days, months and same-day; 30% with 1–2
 * pauses, a few still open.
 */
export function makeInputs(count: number, seed = 42): DueDateInput[] {
  const r = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const inputs: DueDateInput[] = [];
  for (let n = 0; n < count; n++) {
    const base =
      r() < 1 / 6 ? TET_WEEKS[int(0, 2)]! + int(0, 35) * DAY : Date.UTC(2025, 0, 1) + int(0, 1094) * DAY;
    const receivedAt = base + (int(6 * 60, 18 * 60) - 7 * 60) * MIN; // 06:00–18:00 local
    const u = r();
    const limit: TimeLimit =
      u < 0.7
        ? { value: int(1, 30), unit: 'working_days' }
        : u < 0.78
          ? { value: int(4, 40), unit: 'hours' }
          : u < 0.83
            ? { value: int(1, 6), unit: 'half_days' }
            : u < 0.9
              ? { value: int(5, 45), unit: 'calendar_days' }
              : u < 0.95
                ? { value: int(1, 3), unit: 'months' }
                : { value: 0, unit: 'same_day' };
    const pauses: Pause[] = [];
    if (r() < 0.3) {
      for (let k = int(1, 2), from = receivedAt; k > 0; k--) {
        from += int(1, 10 * 24 * 60) * MIN;
        const to = r() < 0.05 ? null : from + int(60, 10 * 24 * 60) * MIN;
        pauses.push({ from, to, reason: r() < 0.7 ? 'supplement' : 'financial_obligation' });
        if (to === null) break;
        from = to;
      }
    }
    inputs.push({ receivedAt, limit, pauses, settings: { calendarDaysSkipHolidays: r() < 0.5 } });
  }
  return inputs;
}

// ---- Naive baseline --------------------------------------------------------------------------
// Same rules for working-day limits, computed the obvious way: walk minute by minute and day by
// day over a per-day lookup of the same holiday data. Only the algorithm is naive.

interface NaiveCalendar {
  workingAt(ms: number): boolean;
}

function naiveCalendar(): NaiveCalendar {
  const special = new Map<number, 'off' | 'working'>();
  for (let y = 2024; y <= 2029; y++) {
    for (const d of resolveHolidays(y)) {
      if (d.status === 'off' || d.status === 'working') special.set(Date.parse(d.date) / DAY, d.status);
    }
  }
  const sessions = [
    [7.5 * 60, 11.5 * 60],
    [13.5 * 60, 17 * 60],
  ] as const;
  return {
    workingAt(ms: number) {
      const local = ms + 7 * 60 * MIN;
      const day = Math.floor(local / DAY);
      const status = special.get(day);
      const weekday = (day + 4) % 7;
      if (status === 'off' || (status === undefined && (weekday === 0 || weekday === 6))) return false;
      const minute = (local - day * DAY) / MIN;
      return sessions.some(([a, b]) => minute >= a && minute < b);
    },
  };
}

function naiveDueDate(cal: NaiveCalendar, input: DueDateInput): number | null {
  const paused = (t: number) =>
    (input.pauses ?? []).some((p) => t >= toMs(p.from) && (p.to === null || t < toMs(p.to as Instant)));
  let start = toMs(input.receivedAt);
  while (!cal.workingAt(start)) start += MIN;
  const local = start + 7 * 60 * MIN;
  const clock = local % DAY;
  const firstOfDay = !cal.workingAt(start - MIN) && clock === 7.5 * 60 * MIN;
  // walk N working days forward, keeping the clock (or to the close of day N when starting at opening)
  let day = Math.floor(local / DAY) - (firstOfDay ? 1 : 0);
  for (let n = 0; n < input.limit.value; ) {
    day++;
    if (cal.workingAt(day * DAY - 7 * 60 * MIN + 8 * 60 * MIN)) n++;
  }
  const raw = firstOfDay ? day * DAY - 7 * 60 * MIN + 17 * 60 * MIN : day * DAY - 7 * 60 * MIN + clock;
  let budget = 0;
  for (let t = start; t < raw; t += MIN) if (cal.workingAt(t)) budget++;
  let t = start;
  let deducted = false;
  for (let left = budget; left > 0; t += MIN) {
    if (!cal.workingAt(t)) continue;
    if (paused(t)) {
      const open = (input.pauses ?? []).some((p) => p.to === null && t >= toMs(p.from));
      if (open) return null;
      deducted = true;
      continue;
    }
    left--;
  }
  return deducted ? t : raw;
}

// ---- Measurement -------------------------------------------------------------------------------

function opsPerSecond(run: (input: DueDateInput) => unknown, inputs: DueDateInput[], minMs: number): number {
  for (let i = 0; i < Math.min(inputs.length, 2000); i++) run(inputs[i]!); // warm up
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const input of inputs) run(input);
    ops += inputs.length;
    elapsed = performance.now() - t0;
  }
  return Math.round(ops / (elapsed / 1000));
}

export const deadlineBench: Bench = async () => {
  const t0 = performance.now();
  const fresh = createWorkingCalendar();
  computeDueDate(fresh, { receivedAt: Date.UTC(2026, 0, 5, 3), limit: { value: 30, unit: 'working_days' } });
  const coldMs = performance.now() - t0;

  const cal: WorkingCalendar = createWorkingCalendar();
  const inputs = makeInputs(20_000);
  const mixed = opsPerSecond((input) => computeDueDate(cal, input), inputs, 3000);

  // Working-day subset (receipts on minute boundaries, no half days in the data): engine vs naive.
  const subset = inputs.filter((i) => i.limit.unit === 'working_days').slice(0, 300);
  const naive = naiveCalendar();
  let mismatches = 0;
  for (const input of subset) {
    const ours = computeDueDate(cal, input).dueAt?.getTime() ?? null;
    if (ours !== naiveDueDate(naive, input)) mismatches++;
  }
  const engineSubset = opsPerSecond((input) => computeDueDate(cal, input), subset, 1000);
  const naiveSubset = opsPerSecond((input) => naiveDueDate(naive, input), subset, 2000);

  const figures: BenchFigure[] = [
    {
      metric: 'due-date computations per second, mixed limits, one core (with explanation)',
      value: mixed,
      unit: 'ops/s',
      target: `>= ${TARGET}`,
      met: mixed >= TARGET,
    },
    {
      metric: 'due-date computations per second, working-day limits only',
      value: engineSubset,
      unit: 'ops/s',
    },
    {
      metric: 'first computation on a fresh calendar (builds its year tables)',
      value: round(coldMs),
      unit: 'ms',
    },
  ];
  return {
    name: 'deadline',
    figures,
    baseline: [
      {
        metric: 'naive minute-by-minute walk, working-day limits only',
        value: naiveSubset,
        unit: 'ops/s',
      },
    ],
    notes:
      `${inputs.length} inputs over 2025–2027 (70% working days 1–30, 30% with 1–2 pauses); ` +
      `engine is ${round(engineSubset / naiveSubset)}× the naive walk on ${subset.length} working-day inputs, ` +
      `${mismatches} disagreements; node ${process.version}, ${os.cpus()[0]?.model ?? 'unknown cpu'}`,
  };
};

const round = (x: number) => Math.round(x * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await deadlineBench(), null, 2));
}
