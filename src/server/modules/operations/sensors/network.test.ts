import { describe, expect, it } from 'vitest';
import { groupUptime, limitsFromRules, pointState, uptimePercent } from './network.ts';

const H = 3_600_000;

describe('pointState', () => {
  it.each([
    { last: { up: 1, rtt: 20, loss: 0, stale: false }, state: 'up' },
    { last: { up: 1, rtt: 100, loss: 0, stale: false }, state: 'degraded' },
    { last: { up: 1, rtt: 99.9, loss: 4.9, stale: false }, state: 'up' },
    { last: { up: 1, rtt: 20, loss: 5, stale: false }, state: 'degraded' },
    { last: { up: 0, rtt: null, loss: 100, stale: false }, state: 'down' },
    { last: { up: 0, rtt: 500, loss: 100, stale: false }, state: 'down' },
    // silence is not "up", whatever the last values said
    { last: { up: 1, rtt: 20, loss: 0, stale: true }, state: 'silent' },
    { last: { up: null, rtt: null, loss: null, stale: false }, state: 'silent' },
  ] as const)('$last → $state', ({ last, state }) => {
    expect(pointState(last)).toBe(state);
  });

  it('uses the limits it is given', () => {
    expect(pointState({ up: 1, rtt: 150, loss: 0, stale: false }, { rttMs: 200, lossPct: 5 })).toBe('up');
  });
});

describe('uptimePercent', () => {
  const day = { windowStart: 0, windowEnd: 24 * H, registeredAt: -1, intervalSeconds: 60 };
  it.each([
    { upReadings: 1440, want: 100 },
    { upReadings: 720, want: 50 },
    // missing readings count against uptime
    { upReadings: 1368, want: 95 },
    { upReadings: 0, want: 0 },
    // a duplicate or early reading never gives more than 100 %
    { upReadings: 1500, want: 100 },
  ])('$upReadings up readings in a day of 1-minute intervals → $want %', ({ upReadings, want }) => {
    expect(uptimePercent({ ...day, upReadings })).toBe(want);
  });

  it('counts only the part of the window after the point was registered', () => {
    expect(uptimePercent({ ...day, registeredAt: 12 * H, upReadings: 720 })).toBe(100);
  });

  it('has no value before anything was expected', () => {
    expect(uptimePercent({ ...day, registeredAt: 24 * H - 30_000, upReadings: 0 })).toBeNull();
  });
});

describe('groupUptime', () => {
  it.each([
    { values: [100, 90], want: 95 },
    { values: [100, null], want: 100 },
    { values: [null, null], want: null },
    { values: [], want: null },
    { values: [99.9, 99.8, 99.7], want: 99.8 },
  ])('$values → $want', ({ values, want }) => {
    expect(groupUptime(values)).toBe(want);
  });
});

describe('limitsFromRules', () => {
  it('reads the first band of the latency and loss rules, falling back to the defaults', () => {
    expect(
      limitsFromRules([
        { code: 'net.latency', params: { bands: [{ value: 150 }, { value: 300 }] } },
        { code: 'other', params: {} },
      ]),
    ).toEqual({ rttMs: 150, lossPct: 5 });
  });
});
