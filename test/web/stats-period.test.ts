import { describe, expect, it } from 'vitest';
import { PeriodParam, periodWords } from '../../src/contracts/stats.ts';
import { parsePeriod } from '../../src/server/modules/stats/period.ts';
import { type Draft, draftOf, periodLabel, withKind } from '../../src/web/modules/stats/period.ts';

const draft = (d: Partial<Draft>): Draft => ({
  kind: 'month',
  month: '',
  until: '',
  fromDay: '',
  toDay: '',
  ...d,
});

describe('the statistics period picker', () => {
  it.each(['2026-11', '2026-Q2', '2026', '2026-03..2026-08', '2026-11-05', '2026-11-05..2026-11-20'])(
    'shows %s and gives it back, as the API reads it',
    (label) => {
      expect(periodLabel(draftOf(label))).toBe(label);
      expect(PeriodParam.safeParse(label).success).toBe(true);
      expect(parsePeriod(label).label).toBe(label);
    },
  );

  it('custom days: both days needed, the last not before the first; one day is a day', () => {
    expect(periodLabel(draft({ kind: 'days', fromDay: '2026-11-05', toDay: '2026-11-20' }))).toBe(
      '2026-11-05..2026-11-20',
    );
    expect(periodLabel(draft({ kind: 'days', fromDay: '2026-11-05', toDay: '2026-11-05' }))).toBe(
      '2026-11-05',
    );
    expect(periodLabel(draft({ kind: 'days', fromDay: '2026-11-20', toDay: '2026-11-05' }))).toBeNull();
    expect(periodLabel(draft({ kind: 'days', fromDay: '2026-11-05', toDay: '' }))).toBeNull();
  });

  it('switching to days starts from the chosen month, and back', () => {
    const days = withKind(draft({ kind: 'month', month: '2024-02' }), 'days');
    expect(periodLabel(days)).toBe('2024-02-01..2024-02-29');
    expect(parsePeriod(periodLabel(days)!).unit).toBe('month');
    expect(periodLabel(withKind(draftOf('2026-11-05..2026-11-20'), 'quarter'))).toBe('2026-Q4');
  });
});

describe('periods in words', () => {
  it.each([
    ['2026-12', 'tháng 12/2026', 'December 2026'],
    ['2026-03', 'tháng 3/2026', 'March 2026'],
    ['2026-Q4', 'quý IV/2026', 'Q4 2026'],
    ['2026-Q1', 'quý I/2026', 'Q1 2026'],
    ['2026', 'năm 2026', '2026'],
    ['2026-03..2026-08', 'từ tháng 3/2026 đến tháng 8/2026', 'March 2026 to August 2026'],
    ['2026-11-05', 'ngày 05/11/2026', '5 November 2026'],
    ['2026-11-05..2026-11-20', 'từ 05/11/2026 đến 20/11/2026', '5 November 2026 to 20 November 2026'],
  ])('%s reads "%s" (en "%s")', (label, vi, en) => {
    expect(periodWords(label, 'vi')).toBe(vi);
    expect(periodWords(label, 'en')).toBe(en);
  });

  it('gives back what is not a period as it is', () => {
    expect(periodWords('2026-13-99x', 'vi')).toBe('2026-13-99x');
  });
});
