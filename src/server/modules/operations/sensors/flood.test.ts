import { describe, expect, it } from 'vitest';
import { floodLevel, validThresholds } from './flood.ts';

const bd = { I: 140, II: 150, III: 160 };

describe('flood alert levels', () => {
  it.each([
    [139.9, 0],
    [140, 1],
    [149.9, 1],
    [150, 2],
    [160, 3],
    [175, 3],
  ] as const)('water at %d cm → level %d', (w, level) => {
    expect(floodLevel(w, bd)).toBe(level);
  });
  it('thresholds must increase', () => {
    expect(validThresholds(bd)).toBe(true);
    expect(validThresholds({ I: 150, II: 150, III: 160 })).toBe(false);
  });
});
