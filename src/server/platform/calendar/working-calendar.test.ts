import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  addWorkingMinutes,
  createWorkingCalendar,
  dayInfo,
  endOfNthWorkingDay,
  isWorkingMoment,
  nextWorkingMoment,
  summarizeDays,
  toLocalIso,
  workingMinutesBetween,
} from './working-calendar.ts';

const cal = createWorkingCalendar();
/** Local Vietnamese wall-clock time → Date. */
const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
/** Date → 'YYYY-MM-DD HH:mm' in Vietnamese time. */
const local = (d: Date) => toLocalIso(cal, d).slice(0, 16).replace('T', ' ');
const MIN = 60_000;

describe('working moments', () => {
  it.each([
    ['2026-03-10 07:30', true],
    ['2026-03-10 07:29', false],
    ['2026-03-10 11:29', true],
    ['2026-03-10 11:30', false],
    ['2026-03-10 12:45', false],
    ['2026-03-10 13:30', true],
    ['2026-03-10 16:59', true],
    ['2026-03-10 17:00', false],
    ['2026-03-14 10:00', false], // Saturday
    ['2026-01-10 10:00', true], // make-up Saturday
    ['2026-02-18 10:00', false], // Tết
  ])('%s → %s', (at, expected) => {
    expect(isWorkingMoment(cal, vn(at))).toBe(expected);
  });

  it.each([
    ['2026-03-10 06:00', '2026-03-10 07:30'], // before opening
    ['2026-03-10 09:15', '2026-03-10 09:15'], // already office time
    ['2026-03-10 12:00', '2026-03-10 13:30'], // lunch
    ['2026-03-10 17:00', '2026-03-11 07:30'], // closing time
    ['2026-03-13 18:00', '2026-03-16 07:30'], // Friday evening
    ['2026-02-13 17:30', '2026-02-23 07:30'], // into Tết
  ])('next working moment after %s is %s', (at, expected) => {
    expect(local(nextWorkingMoment(cal, vn(at)))).toBe(expected);
  });
});

describe('working-time arithmetic', () => {
  it.each([
    ['2026-03-10 16:00', 60, '2026-03-10 17:00'], // ends at closing, not at next opening
    ['2026-03-10 16:00', 61, '2026-03-11 07:31'],
    ['2026-03-10 11:00', 30, '2026-03-10 11:30'],
    ['2026-03-10 11:00', 31, '2026-03-10 13:31'],
    ['2026-03-10 12:00', 10, '2026-03-10 13:40'],
    ['2026-03-13 16:00', 120, '2026-03-16 08:30'],
    ['2026-02-13 16:00', 120, '2026-02-23 08:30'],
  ])('%s + %i working minutes = %s', (at, minutes, expected) => {
    expect(local(addWorkingMinutes(cal, vn(at), minutes))).toBe(expected);
  });

  it('counts working minutes, deducting overlapping pauses once', () => {
    expect(workingMinutesBetween(cal, vn('2026-03-10 07:30'), vn('2026-03-10 17:00'))).toBe(450);
    expect(workingMinutesBetween(cal, vn('2026-03-13 16:00'), vn('2026-03-16 08:00'))).toBe(90);
    expect(workingMinutesBetween(cal, vn('2026-03-16 08:00'), vn('2026-03-13 16:00'))).toBe(-90);
    const pauses = [
      { from: vn('2026-03-10 09:00'), to: vn('2026-03-10 10:00') },
      { from: vn('2026-03-10 09:30'), to: vn('2026-03-10 10:30') },
    ];
    expect(workingMinutesBetween(cal, vn('2026-03-10 07:30'), vn('2026-03-10 17:00'), pauses)).toBe(450 - 90);
    const open = [{ from: vn('2026-03-10 16:00'), to: null }];
    expect(workingMinutesBetween(cal, vn('2026-03-10 07:30'), vn('2026-03-12 17:00'), open)).toBe(450 - 60);
  });

  it.each([
    ['2026-03-13 14:20', 1, '2026-03-16 14:20'], // same clock time
    ['2026-03-16 06:00', 1, '2026-03-16 17:00'], // before opening: the whole day counts
    ['2026-03-16 06:00', 2, '2026-03-17 17:00'],
    ['2026-03-15 10:00', 3, '2026-03-18 17:00'], // Sunday
    ['2026-03-10 12:10', 1, '2026-03-11 13:30'], // lunch: from the afternoon session
    ['2026-03-10 17:30', 1, '2026-03-11 17:00'], // after closing: from the next opening
    ['2026-02-12 10:00', 2, '2026-02-23 10:00'], // over Tết 2026
    ['2025-01-24 10:00', 1, '2025-02-03 10:00'], // over Tết 2025
    ['2026-01-09 14:00', 1, '2026-01-10 14:00'], // onto a make-up Saturday
  ])('%s + %i working days = %s', (at, days, expected) => {
    expect(local(addWorkingDays(cal, vn(at), days))).toBe(expected);
  });

  it('clamps the clock time on a half day', () => {
    const half = createWorkingCalendar({
      notices: [
        { date: '2026-03-11', kind: 'half_day_am', nameKey: 'holiday.other', source: 'test' },
        { date: '2026-03-12', kind: 'half_day_pm', nameKey: 'holiday.other', source: 'test' },
      ],
    });
    expect(local(addWorkingDays(half, vn('2026-03-10 14:00'), 1))).toBe('2026-03-11 11:30');
    expect(local(addWorkingDays(half, vn('2026-03-10 09:00'), 2))).toBe('2026-03-12 13:30');
    expect(isWorkingMoment(half, vn('2026-03-11 14:00'))).toBe(false);
    expect(local(endOfNthWorkingDay(half, vn('2026-03-11 08:00'), 1))).toBe('2026-03-11 11:30');
    expect(workingMinutesBetween(half, vn('2026-03-11 00:00'), vn('2026-03-13 00:00'))).toBe(240 + 210);
  });

  it('takes its office sessions, weekend and offset from config', () => {
    const oneSession = createWorkingCalendar({
      sessions: [{ start: '08:00', end: '17:00' }],
      weekendDays: [0],
    });
    expect(workingMinutesBetween(oneSession, vn('2026-03-14 00:00'), vn('2026-03-15 00:00'))).toBe(540);
    expect(dayInfo(oneSession, '2026-03-14').kind).toBe('workday');
    expect(() => createWorkingCalendar({ sessions: [{ start: '13:00', end: '12:00' }] })).toThrow(RangeError);
    expect(() => createWorkingCalendar({ sessions: [{ start: '7:30', end: '12:00' }] })).toThrow(RangeError);
    const utc = createWorkingCalendar({ utcOffsetMinutes: 0, rules: [], notices: [] });
    expect(isWorkingMoment(utc, new Date('2026-03-10T07:30:00Z'))).toBe(true);
  });

  it('summarizes holidays, weekends and make-up days', () => {
    const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;
    expect(summarizeDays(cal, day('2026-01-01'), day('2026-01-11'))).toEqual({
      holidays: [{ nameKey: 'holiday.new_year', from: '2026-01-01', to: '2026-01-02' }],
      weekendDays: 3,
      makeupDays: ['2026-01-10'],
      halfDays: [],
    });
  });

  it('does not depend on the process time zone', () => {
    const saved = process.env.TZ;
    try {
      const results = ['Asia/Ho_Chi_Minh', 'America/New_York', 'Pacific/Kiritimati'].map((tz) => {
        process.env.TZ = tz;
        const fresh = createWorkingCalendar();
        return [
          local(addWorkingDays(fresh, vn('2026-02-13 14:20'), 15)),
          workingMinutesBetween(fresh, vn('2026-03-08 22:00'), vn('2026-03-10 01:00')),
        ];
      });
      expect(results).toEqual([results[0], results[0], results[0]]);
      expect(results[0]).toEqual(['2026-03-13 14:20', 450]);
    } finally {
      process.env.TZ = saved;
    }
  });
});

// Oracle: walk minute by minute, the obvious and slow way.
function walkMinutes(start: number, minutes: number): number {
  let t = start;
  let left = minutes;
  while (left > 0) {
    if (isWorkingMoment(cal, t)) left--;
    t += MIN;
  }
  return t;
}

const instant = fc
  .integer({ min: Date.UTC(2024, 11, 1), max: Date.UTC(2027, 11, 1) })
  .map((ms) => Math.floor(ms / MIN) * MIN);

describe('working-time properties', () => {
  it('adding minutes agrees with a minute-by-minute walk', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 3000 }), (start, m) => {
        // The walk stops just after the last counted minute, i.e. at the end representation.
        expect(addWorkingMinutes(cal, start, m).getTime()).toBe(walkMinutes(start, m));
      }),
      { numRuns: 60 },
    );
  });

  it('workingMinutesBetween(start, add(start, m)) == m', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40_000 }), (start, m) => {
        expect(workingMinutesBetween(cal, start, addWorkingMinutes(cal, start, m))).toBe(m);
      }),
    );
  });

  it('adding a then b equals adding a + b', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (start, a, b) => {
          const stepwise = addWorkingMinutes(cal, addWorkingMinutes(cal, start, a), b);
          expect(stepwise.getTime()).toBe(addWorkingMinutes(cal, start, a + b).getTime());
        },
      ),
    );
  });

  it('the next working moment is office time, with no office time before it', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const next = nextWorkingMoment(cal, t);
        expect(isWorkingMoment(cal, next)).toBe(true);
        expect(next.getTime()).toBeGreaterThanOrEqual(t);
        expect(workingMinutesBetween(cal, t, next)).toBe(0);
      }),
    );
  });
});
