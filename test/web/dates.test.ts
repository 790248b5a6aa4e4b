import { describe, expect, it } from 'vitest';
import { formatMonth, parseDate, parseMonth } from '../../src/web/ui/dates.ts';

describe('dates typed day first', () => {
  it.each([
    ['05/03/2024', '2024-03-05'],
    ['5/3/2024', '2024-03-05'],
    [' 05.03.2024 ', '2024-03-05'],
    ['05-03-2024', '2024-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['2024-03-05', '2024-03-05'],
  ])('%s is %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(['03/05', '31/04/2024', '29/02/2023', '13/13/2024', '2024/03/05', 'hôm qua', ''])(
    '%s is not a date',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});

describe('months typed month first', () => {
  it('reads 12/2026, 3/2026 and 2026-12; shows YYYY-MM as mm/yyyy', () => {
    expect(parseMonth('12/2026')).toBe('2026-12');
    expect(parseMonth('3/2026')).toBe('2026-03');
    expect(parseMonth('2026-12')).toBe('2026-12');
    expect(parseMonth('13/2026')).toBeNull();
    expect(parseMonth('2026')).toBeNull();
    expect(formatMonth('2026-03')).toBe('03/2026');
  });
});
