import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { monthsOf, parsePeriod } from './period.ts';

const at = (s: string) => new Date(s).toISOString();

describe('parsePeriod', () => {
  it.each([
    ['2026-11', 'month', 202611, 202611, '2026-11-01', '2026-11-30'],
    ['2026-Q1', 'month', 202601, 202603, '2026-01-01', '2026-03-31'],
    ['2024', 'month', 202401, 202412, '2024-01-01', '2024-12-31'],
    ['2025-11..2026-02', 'month', 202511, 202602, '2025-11-01', '2026-02-28'],
    ['2026-11-05', 'day', 202611, 202611, '2026-11-05', '2026-11-05'],
    ['2026-11-05..2026-11-20', 'day', 202611, 202611, '2026-11-05', '2026-11-20'],
    ['2025-12-15..2026-01-15', 'day', 202512, 202601, '2025-12-15', '2026-01-15'],
    ['2024-02-29..2024-03-01', 'day', 202402, 202403, '2024-02-29', '2024-03-01'],
    // whole months written as days are month periods (the rollup answers them)
    ['2026-02-01..2026-02-28', 'month', 202602, 202602, '2026-02-01', '2026-02-28'],
    ['2026-01-01..2026-12-31', 'month', 202601, 202612, '2026-01-01', '2026-12-31'],
    ['2024-02-01..2024-02-28', 'day', 202402, 202402, '2024-02-01', '2024-02-28'],
  ])('%s', (label, unit, from, to, firstDay, lastDay) => {
    expect(parsePeriod(label)).toMatchObject({ label, unit, from, to, firstDay, lastDay });
  });

  it('bounds are local (UTC+7) midnights, the last day included', () => {
    const p = parsePeriod('2026-11-05..2026-11-20');
    expect(p.start.toISOString()).toBe(at('2026-11-05T00:00:00+07:00'));
    expect(p.end.toISOString()).toBe(at('2026-11-21T00:00:00+07:00'));
    const m = parsePeriod('2026-12');
    expect(m.end.toISOString()).toBe(at('2027-01-01T00:00:00+07:00'));
    expect(monthsOf(parsePeriod('2025-12-15..2026-01-15'))).toEqual([202512, 202601]);
  });

  it.each([
    '2026-13',
    '2026-00..2026-02',
    '2026-05..2026-03',
    '2026-02-30',
    '2025-02-29',
    '2026-11-20..2026-11-05',
    '2026-11-05..2026-11',
    '2026-11..2026-11-05',
    '1999-12-31..2000-01-02',
    '2026-Q5',
    '26-11',
  ])('refuses %s', (label) => {
    expect(() => parsePeriod(label)).toThrow(AppError);
  });
});
