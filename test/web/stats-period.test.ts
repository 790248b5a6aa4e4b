import { describe, expect, it } from 'vitest';
import { PeriodParam } from '../../src/contracts/stats.ts';
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
