import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPlaceDate,
  formatTime,
} from './format.js';

describe('dates in Asia/Ho_Chi_Minh', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it.each(['UTC', 'America/Los_Angeles', 'Asia/Tokyo', 'Pacific/Kiritimati'])(
    'shows a UTC instant in Vietnam time whatever the server zone (%s)',
    (tz) => {
      process.env.TZ = tz;
      expect(formatDateTime('2026-11-26T07:20:00Z')).toBe('14:20 ngày 26/11/2026');
      expect(formatDateTime(new Date('2026-11-26T07:20:00Z'))).toBe('14:20 ngày 26/11/2026');
      expect(formatDate('2026-12-31T17:30:00Z')).toBe('01/01/2027');
      // No zone: Vietnam local time, never the server's.
      expect(formatTime('2026-11-26T08:05:00')).toBe('08:05');
      // Date only: that calendar day.
      expect(formatDate('2026-03-09')).toBe('09/03/2026');
    },
  );

  it('honours explicit offsets', () => {
    expect(formatDateTime('2026-11-26T14:20:00+07:00')).toBe('14:20 ngày 26/11/2026');
    expect(formatDateTime('2026-11-26T00:20:00-05:00')).toBe('12:20 ngày 26/11/2026');
  });

  it('writes the long date with the zero padding of Decree 30', () => {
    expect(formatLongDate('2026-11-26T07:20:00Z')).toBe('ngày 26 tháng 11 năm 2026');
    expect(formatLongDate('2026-02-05')).toBe('ngày 05 tháng 02 năm 2026');
    expect(formatLongDate('2026-01-31')).toBe('ngày 31 tháng 01 năm 2026');
    expect(formatLongDate('2026-03-01')).toBe('ngày 01 tháng 3 năm 2026');
  });

  it('builds the place-and-date line, blank when there is no date', () => {
    expect(formatPlaceDate('Thủ Dầu Một', '2026-11-26T07:20:00Z')).toBe(
      'Thủ Dầu Một, ngày 26 tháng 11 năm 2026',
    );
    expect(formatPlaceDate('Thủ Dầu Một', '')).toBe('Thủ Dầu Một, ngày …… tháng …… năm ……');
    expect(formatPlaceDate(undefined, '2026-11-26')).toBe('Ngày 26 tháng 11 năm 2026');
  });

  it('refuses what is not a date', () => {
    expect(formatDate('26/11/2026')).toBeUndefined();
    expect(formatDate('not a date')).toBeUndefined();
    expect(formatDateTime({})).toBeUndefined();
    expect(formatDate(Number.NaN)).toBeUndefined();
  });
});

describe('money in integer đồng', () => {
  it.each([
    [1_500_000, '1.500.000 đồng'],
    [75_000, '75.000 đồng'],
    [999, '999 đồng'],
    [0, '0 đồng'],
    [-2_500, '-2.500 đồng'],
    [1_234_567_890, '1.234.567.890 đồng'],
    ['1500000', '1.500.000 đồng'],
  ])('%s → %s', (value, text) => {
    expect(formatMoney(value)).toBe(text);
  });

  it('refuses fractions and non-numbers instead of rounding them', () => {
    expect(formatMoney(1.5)).toBeUndefined();
    expect(formatMoney('1,5')).toBeUndefined();
    expect(formatMoney(Number.MAX_SAFE_INTEGER + 2)).toBeUndefined();
    expect(formatNumber(null)).toBeUndefined();
  });
});
