import { describe, expect, it } from 'vitest';
import { aggregate, aggregationOf } from './area-sets.ts';

describe('aggregationOf', () => {
  it.each([
    { unit: 'hồ sơ', direction: 'lower', want: 'sum' },
    { unit: 'tỷ đồng', direction: 'higher', want: 'sum' },
    { unit: '%', direction: 'higher', want: 'mean' },
    { unit: 'điểm', direction: 'higher', want: 'mean' },
    { unit: 'VN_AQI', direction: 'lower', want: 'max' },
    { unit: 'cấp', direction: 'lower', want: 'max' },
  ] as const)('$unit ($direction is better) → $want', ({ unit, direction, want }) => {
    expect(aggregationOf({ unit, direction })).toBe(want);
  });
});

describe('aggregate', () => {
  it.each([
    { how: 'sum', values: [1, 2, 3], want: 6 },
    { how: 'sum', values: [1, null, 3], want: 4 },
    { how: 'mean', values: [80, null, 90], want: 85 },
    { how: 'mean', values: [1, 2, 2], want: 1.67 },
    { how: 'max', values: [0, 2, null, 1], want: 2 },
    { how: 'min', values: [5, 3, null], want: 3 },
    // missing data is not zero: nothing reported, no value
    { how: 'sum', values: [null, null], want: null },
    { how: 'mean', values: [], want: null },
  ] as const)('$how of $values → $want', ({ how, values, want }) => {
    expect(aggregate(how, [...values])).toBe(want);
  });
});
