import { describe, expect, it } from 'vitest';
import { formatRule, occurrences, parseRule, RuleError, ruleFrom } from './recurrence.ts';

/** A local (UTC+7) date and time as an instant. */
const vn = (date: string, time = '08:00') => new Date(`${date}T${time}:00+07:00`);
/** The local dates of a list of instants. */
const days = (xs: Date[]) => xs.map((d) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10));

describe('recurring meetings (RRULE subset)', () => {
  it.each([
    ['weekly', 'FREQ=WEEKLY;COUNT=3', '2026-12-07', ['2026-12-07', '2026-12-14', '2026-12-21']],
    [
      'every two weeks',
      'FREQ=WEEKLY;INTERVAL=2;COUNT=3',
      '2026-12-28',
      ['2026-12-28', '2027-01-11', '2027-01-25'],
    ],
    [
      'the last Friday of each month',
      'FREQ=MONTHLY;COUNT=4;BYDAY=-1FR',
      '2026-12-25',
      ['2026-12-25', '2027-01-29', '2027-02-26', '2027-03-26'],
    ],
    [
      'the first Monday',
      'FREQ=MONTHLY;COUNT=3;BYDAY=1MO',
      '2027-02-01',
      ['2027-02-01', '2027-03-01', '2027-04-05'],
    ],
    [
      'the 31st skips the months without one',
      'FREQ=MONTHLY;COUNT=3;BYMONTHDAY=31',
      '2027-01-31',
      ['2027-01-31', '2027-03-31', '2027-05-31'],
    ],
    [
      'quarterly from 30 November: February has no 30th',
      'FREQ=MONTHLY;INTERVAL=3;COUNT=3',
      '2026-11-30',
      ['2026-11-30', '2027-05-30', '2027-08-30'],
    ],
  ])('%s', (_, text, start, expected) => {
    expect(days(occurrences(vn(start), parseRule(text)))).toEqual(expected);
  });

  it('keeps the local time of day, across the UTC date line (07:00 local is midnight UTC)', () => {
    const xs = occurrences(vn('2026-12-25', '06:30'), parseRule('FREQ=MONTHLY;COUNT=2;BYDAY=-1FR'));
    expect(xs.map((d) => d.toISOString())).toEqual(['2026-12-24T23:30:00.000Z', '2027-01-28T23:30:00.000Z']);
  });

  it('refuses a first meeting that is not a day of the rule', () => {
    expect(() => occurrences(vn('2026-12-24'), parseRule('FREQ=MONTHLY;COUNT=2;BYDAY=-1FR'))).toThrow(
      new RuleError('recurrence_start_mismatch'),
    );
  });

  it.each([
    'FREQ=DAILY;COUNT=3',
    'FREQ=WEEKLY',
    'FREQ=WEEKLY;COUNT=25',
    'FREQ=WEEKLY;COUNT=0',
    'FREQ=WEEKLY;COUNT=2;BYDAY=MO',
    'FREQ=MONTHLY;COUNT=2;BYDAY=5FR',
    'FREQ=MONTHLY;COUNT=2;BYDAY=-1FR;BYMONTHDAY=3',
    'FREQ=MONTHLY;COUNT=2;UNTIL=20270101',
    'FREQ=MONTHLY;COUNT=2;COUNT=3',
    'nonsense',
  ])('refuses %s', (text) => {
    expect(() => parseRule(text)).toThrow(new RuleError('recurrence_invalid'));
  });

  it.each([
    ['weekly', '2026-12-07', 'FREQ=WEEKLY;COUNT=4'],
    ['monthly_date', '2026-12-15', 'FREQ=MONTHLY;COUNT=4;BYMONTHDAY=15'],
    ['monthly_weekday', '2026-12-15', 'FREQ=MONTHLY;COUNT=4;BYDAY=3TU'],
    ['monthly_weekday', '2026-12-25', 'FREQ=MONTHLY;COUNT=4;BYDAY=-1FR'],
  ] as const)(
    'the secretary\'s "%s" from %s is %s, and its first day is the start',
    (repeat, start, text) => {
      const rule = ruleFrom(vn(start), repeat, 4);
      expect(formatRule(rule)).toBe(text);
      expect(formatRule(parseRule(text))).toBe(text);
      expect(days(occurrences(vn(start), rule))[0]).toBe(start);
    },
  );
});
