import { describe, expect, it } from 'vitest';
import { lunarToSolar, solarToLunar, tetDate } from './lunar.ts';

const iso = (d: { year: number; month: number; day: number } | null) =>
  d ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null;

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    // The new moon falls at 23:07 on 2 Feb in UTC+7 (00:07 on 3 Feb in UTC+8): Vietnam's Tết is
    // 2 Feb 2030, a day before China's. (The task brief gave 3 Feb, the Chinese date.)
    [2030, '2030-02-02'],
    // Years known to differ from the Chinese calendar.
    [1985, '1985-01-21'],
    [2007, '2007-02-17'],
  ])('Tết %i is %s', (year, expected) => {
    expect(iso(tetDate(year))).toBe(expected);
  });

  it.each([
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])("Hùng Kings' day %i (lunar 10/3) is %s", (year, expected) => {
    expect(iso(lunarToSolar({ year, month: 3, day: 10, leap: false }))).toBe(expected);
  });

  it('knows the last day of the lunar year (29 Chạp in a short month)', () => {
    expect(solarToLunar({ year: 2025, month: 1, day: 28 })).toEqual({
      year: 2024,
      month: 12,
      day: 29,
      leap: false,
    });
    expect(solarToLunar({ year: 2026, month: 2, day: 16 })).toEqual({
      year: 2025,
      month: 12,
      day: 29,
      leap: false,
    });
    expect(lunarToSolar({ year: 2025, month: 12, day: 30, leap: false })).toBeNull();
  });

  it('places leap months (2020: 4, 2023: 2, 2025: 6, 2033: 11)', () => {
    expect(iso(lunarToSolar({ year: 2020, month: 4, day: 1, leap: true }))).toBe('2020-05-23');
    expect(iso(lunarToSolar({ year: 2023, month: 2, day: 1, leap: true }))).toBe('2023-03-22');
    expect(iso(lunarToSolar({ year: 2025, month: 6, day: 1, leap: true }))).toBe('2025-07-25');
    expect(iso(lunarToSolar({ year: 2033, month: 11, day: 1, leap: true }))).toBe('2033-12-22');
    expect(lunarToSolar({ year: 2025, month: 5, day: 1, leap: true })).toBeNull();
  });

  // Every day, not a sample: a random sample once missed 2062-04-09 (month estimate one month ahead).
  it('round-trips every day of 1901–2099', () => {
    const wrong: string[] = [];
    for (let ms = Date.UTC(1901, 0, 1); ms <= Date.UTC(2099, 11, 31); ms += 86_400_000) {
      const d = new Date(ms);
      const solar = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
      const back = lunarToSolar(solarToLunar(solar));
      if (back?.year !== solar.year || back.month !== solar.month || back.day !== solar.day)
        wrong.push(d.toISOString().slice(0, 10));
    }
    expect(wrong).toEqual([]);
  });

  it('round-trips 2062-04-09, where the mean-month estimate runs one month ahead', () => {
    const solar = { year: 2062, month: 4, day: 9 };
    const lunar = solarToLunar(solar);
    expect(lunar.day).toBeGreaterThanOrEqual(1);
    expect(lunarToSolar(lunar)).toEqual(solar);
  });

  it('refuses years outside 1900–2100', () => {
    expect(() => tetDate(1899)).toThrow(RangeError);
    expect(() => tetDate(2101)).toThrow(RangeError);
  });
});
