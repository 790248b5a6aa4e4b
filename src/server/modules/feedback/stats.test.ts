import { describe, expect, it } from 'vitest';
import { rank } from './stats.ts';

const row = (key: string, received: number, onTimeRate: number | null, satisfactionRate: number | null) => ({
  key,
  name: key,
  nameEn: key,
  received,
  open: 0,
  overdueOpen: 0,
  measured: received,
  onTime: 0,
  onTimeRate,
  ratings: 0,
  satisfied: 0,
  satisfactionRate,
});

describe('fair rankings', () => {
  it('ranks only units with the minimum volume and something measured; the rest follow unranked', () => {
    const out = rank(
      [
        row('a', 50, 90, 70),
        row('tiny', 3, 100, 100),
        row('b', 40, 95, 60),
        row('none', 30, null, null),
        row('c', 10, 90, 80),
      ],
      10,
    );
    expect(out.map((r) => [r.key, r.rank])).toEqual([
      ['b', 1],
      ['c', 2],
      ['a', 3],
      ['none', null],
      ['tiny', null],
    ]);
  });

  it('gives equal figures the same rank', () => {
    const out = rank([row('x', 20, 80, 50), row('y', 30, 80, 50), row('z', 20, 70, 90)], 0);
    expect(out.map((r) => [r.key, r.rank])).toEqual([
      ['y', 1],
      ['x', 1],
      ['z', 3],
    ]);
  });
});
