import { describe, expect, it } from 'vitest';
import { parseCsv, parseNumber, periodStart, readSeriesRows } from './series-file.ts';

describe('periods by granularity (local midnight, UTC+7)', () => {
  it.each([
    ['month', '2026-11', '2026-10-31T17:00:00.000Z'],
    ['quarter', '2026-Q4', '2026-09-30T17:00:00.000Z'],
    ['year', '2026', '2025-12-31T17:00:00.000Z'],
    ['day', '2026-02-28', '2026-02-27T17:00:00.000Z'],
  ] as const)('%s %s', (g, text, iso) => {
    expect((periodStart(g, text) as Date).toISOString()).toBe(iso);
  });
  it.each([
    ['month', '2026-13', 'invalid'],
    ['day', '2026-02-30', 'invalid'],
    ['month', '11/2026', null],
    ['quarter', '2026-Q5', null],
  ] as const)('%s %s → %s', (g, text, expected) => {
    expect(periodStart(g, text)).toBe(expected);
  });
});

describe('numbers as typed', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234.567,8', 1234567.8],
    ["'-3.2", -3.2],
    ['12 500', 12500],
    ['abc', null],
    ['', null],
    ['1,2,3', null],
  ] as const)('%s → %s', (raw, v) => {
    expect(parseNumber(raw)).toBe(v);
  });
});

describe('reading rows', () => {
  const opts = {
    granularity: 'month' as const,
    communes: new Set(['25747', '25942']),
    communeLevel: true,
    firstLine: 2,
  };
  it('keeps good rows and names each bad one with its line and column', () => {
    const csv = parseCsv(
      '\uFEFFky,ma_xa,gia_tri\r\n2026-10,,1200\r\n2026-10,25747,300,5\r\n"2026-10","25942","1.234,5"\r\n2026-13,,1\r\n2026-11,99999,1\r\n2026-11,,n/a\r\n\r\n2026-12,25747,1\r\n2026-12,25747,2\r\n',
    );
    expect(csv[0]).toEqual(['ky', 'ma_xa', 'gia_tri']);
    const { rows, errors } = readSeriesRows(csv.slice(1), opts);
    expect(rows.map((r) => [r.line, r.period, r.communeCode, r.value])).toEqual([
      [2, '2026-10', '', 1200],
      [3, '2026-10', '25747', 300],
      [4, '2026-10', '25942', 1234.5],
    ]);
    expect(errors.map((e) => [e.line, e.column, e.problem])).toEqual([
      [5, 'ky', 'period_invalid'],
      [6, 'ma_xa', 'commune_unknown'],
      [7, 'gia_tri', 'value_not_number'],
      [9, 'ky', 'duplicate'],
      [10, 'ky', 'duplicate'],
    ]);
  });
  it('refuses commune rows for a city-only indicator', () => {
    const { errors } = readSeriesRows([['2026-10', '25747', '1']], { ...opts, communeLevel: false });
    expect(errors[0]?.problem).toBe('commune_not_allowed');
  });
});
