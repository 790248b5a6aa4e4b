import { describe, expect, it } from 'vitest';
import {
  initialState,
  onReading,
  onTick,
  parseRule,
  type Rule,
  type StreamState,
  type Transition,
} from './rules.ts';

/** Feeds a stream (values one a minute unless times given) and returns the transitions, compactly. */
function run(rule: Rule, stream: (number | [number, number] | { t: number; v: number; valid: false })[]) {
  let state: StreamState = initialState();
  const out: string[] = [];
  stream.forEach((item, i) => {
    const r =
      typeof item === 'number'
        ? { t: i * 60_000, v: item, valid: true }
        : Array.isArray(item)
          ? { t: item[0] * 1000, v: item[1], valid: true }
          : item;
    const step = onReading(rule, state, r);
    state = step.state;
    if (step.transition) out.push(show(step.transition));
  });
  return out;
}
const show = (t: Transition) =>
  t.type === 'clear' ? `clear@${t.at / 1000}` : `${t.type}:${t.severity}@${t.at / 1000}`;

const pm25 = parseRule('threshold', {
  bands: [
    { severity: 'warning', value: 50 },
    { severity: 'major', value: 80 },
    { severity: 'critical', value: 150 },
  ],
  hysteresis: 5,
});

describe('threshold with bands and hysteresis', () => {
  it.each([
    ['below every band: nothing', [10, 20, 49.9], []],
    [
      'one band reached then left: raise once, clear once',
      [40, 55, 60, 44, 30],
      ['raise:warning@60', 'clear@180'],
    ],
    [
      'climbing through three bands then back: one alert whose severity moves',
      [40, 60, 90, 160, 120, 70, 20],
      [
        'raise:warning@60',
        'change:major@120',
        'change:critical@180',
        'change:major@240',
        'change:warning@300',
        'clear@360',
      ],
    ],
    [
      'hovering at a band edge inside the hysteresis: no flapping',
      [51, 49, 51, 46, 52, 47],
      ['raise:warning@0'],
    ],
    ['leaving past the hysteresis clears', [51, 46, 45, 44.9], ['raise:warning@0', 'clear@180']],
    [
      'a jump straight to the top band raises at that severity',
      [10, 200, 10],
      ['raise:critical@60', 'clear@120'],
    ],
  ])('%s', (_name, values, expected) => {
    expect(run(pm25, values)).toEqual(expected);
  });

  it('below-direction thresholds (a water level too low) mirror the rule', () => {
    const low = parseRule('threshold', {
      direction: 'below',
      bands: [{ severity: 'major', value: 1 }],
      hysteresis: 0.2,
    });
    expect(run(low, [2, 0.9, 1.1, 1.3])).toEqual(['raise:major@60', 'clear@180']);
  });
});

describe('threshold hold period', () => {
  const held = parseRule('threshold', {
    bands: [
      { severity: 'warning', value: 50 },
      { severity: 'critical', value: 100 },
    ],
    holdSeconds: 300,
  });
  it.each([
    [
      'a spike shorter than the hold raises nothing',
      [
        [0, 10],
        [60, 70],
        [120, 40],
      ],
      [],
    ],
    [
      'above for the whole hold raises at its end',
      [
        [0, 60],
        [120, 60],
        [299, 60],
        [300, 60],
      ],
      ['raise:warning@300'],
    ],
    [
      'the hold restarts after a dip',
      [
        [0, 60],
        [200, 40],
        [300, 60],
        [500, 60],
        [600, 60],
      ],
      ['raise:warning@600'],
    ],
    [
      'escalation waits for its own hold; clearing does not',
      [
        [0, 60],
        [300, 60],
        [360, 120],
        [600, 120],
        [660, 120],
        [700, 10],
      ],
      ['raise:warning@300', 'change:critical@660', 'clear@700'],
    ],
  ])('%s', (_name, values, expected) => {
    expect(run(held, values as [number, number][])).toEqual(expected);
  });
});

describe('rate of change over a window', () => {
  const rise = parseRule('rate_of_change', { windowSeconds: 600, maxChange: 30, severity: 'major' });
  it.each([
    [
      'slow rise: nothing',
      [
        [0, 100],
        [300, 110],
        [600, 125],
        [900, 140],
      ],
      [],
    ],
    [
      'a jump inside the window raises; steadying clears',
      [
        [0, 100],
        [300, 140],
        [600, 145],
        [1200, 150],
      ],
      ['raise:major@300', 'clear@1200'],
    ],
    [
      'a fall counts the same',
      [
        [0, 200],
        [60, 150],
      ],
      ['raise:major@60'],
    ],
  ])('%s', (_name, values, expected) => {
    expect(run(rise, values as [number, number][])).toEqual(expected);
  });
});

describe('flat line (a stuck sensor)', () => {
  const stuck = parseRule('flat_line', { durationSeconds: 3600, tolerance: 0 });
  it.each([
    [
      'a varying signal: nothing',
      [
        [0, 1],
        [1800, 2],
        [3600, 1],
        [5400, 2],
      ],
      [],
    ],
    [
      'the same value for an hour raises; a change clears',
      [
        [0, 5],
        [1800, 5],
        [3600, 5],
        [4000, 5.1],
      ],
      ['raise:warning@3600', 'clear@4000'],
    ],
    [
      'one reading is not a flat line',
      [
        [0, 5],
        [7200, 6],
      ],
      [],
    ],
  ])('%s', (_name, values, expected) => {
    expect(run(stuck, values as [number, number][])).toEqual(expected);
  });
});

describe('impossible values', () => {
  const rule = parseRule('impossible', { severity: 'major' });
  it('an impossible reading raises; the next valid one clears; other rules ignore it', () => {
    const bad = (t: number) => ({ t: t * 1000, v: -999, valid: false as const });
    expect(run(rule, [[0, 10], bad(60), bad(120), [180, 12]])).toEqual(['raise:major@60', 'clear@180']);
    expect(run(pm25, [bad(0), [60, 10]])).toEqual([]);
  });
});

describe('stale data', () => {
  const rule = parseRule('stale', { factor: 3 });
  const stream = { expectedIntervalSeconds: 300, calibrating: false };
  it.each([
    ['within k × interval: fresh', 899, false, []],
    ['past k × interval: stale', 901, false, ['raise:warning@901']],
    ['past k × interval while calibrating: suppressed', 901, true, []],
  ])('%s', (_name, seconds, calibrating, expected) => {
    const s0 = onReading(rule, initialState(), { t: 0, v: 1, valid: true }).state;
    const step = onTick(rule, s0, seconds * 1000, { ...stream, calibrating });
    expect(step.transition ? [show(step.transition)] : []).toEqual(expected);
  });

  it('a stale alert clears on the next reading, and calibration clears it too', () => {
    const s0 = onReading(rule, initialState(), { t: 0, v: 1, valid: true }).state;
    const stale = onTick(rule, s0, 1000_000, stream);
    expect(stale.transition?.type).toBe('raise');
    expect(onReading(rule, stale.state, { t: 1_001_000, v: 2, valid: true }).transition?.type).toBe('clear');
    expect(onTick(rule, stale.state, 1_002_000, { ...stream, calibrating: true }).transition?.type).toBe(
      'clear',
    );
    // A second tick while still stale does not raise again.
    expect(onTick(rule, stale.state, 2_000_000, stream).transition).toBeNull();
  });

  it('a stream that never reported is not evaluated', () => {
    expect(onTick(rule, initialState(), 10_000_000, stream).transition).toBeNull();
  });
});

describe('rule parameters are data and are validated', () => {
  it.each([
    ['threshold', { bands: [] }],
    ['threshold', { bands: [{ severity: 'fatal', value: 1 }] }],
    ['rate_of_change', { windowSeconds: 0, maxChange: 1 }],
    ['flat_line', { durationSeconds: 10 }],
    ['stale', { factor: 0.5 }],
  ] as const)('%s %j is refused', (kind, params) => {
    expect(() => parseRule(kind, params)).toThrow();
  });
});
