import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  isWorkingMoment,
  toLocalIso,
  workingMinutesBetween,
} from '../../platform/calendar/index.ts';
import {
  classifyTimeliness,
  computeDueDate,
  type DeadlineSettings,
  type DueDateInput,
  formatExplanation,
  limitForChannel,
  type Pause,
  type TimeLimit,
} from './deadline.ts';

const cal = createWorkingCalendar();
const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);
const local = (d: Date | null) => (d ? toLocalIso(cal, d).slice(0, 16).replace('T', ' ') : null);
const due = (input: DueDateInput) => local(computeDueDate(cal, input).dueAt);
const wd = (value: number): TimeLimit => ({ value, unit: 'working_days' });

describe('the guide example', () => {
  const result = computeDueDate(cal, {
    receivedAt: vn('2026-02-13 14:20'),
    limit: wd(15),
    pauses: [{ from: vn('2026-03-03 14:20'), to: vn('2026-03-06 16:10'), reason: 'supplement' }],
  });

  it('is due 16:10 Wed 18 Mar 2026', () => {
    expect(local(result.dueAt)).toBe('2026-03-18 16:10');
    expect(result.deductedWorkingMinutes).toBe(1460);
    expect(result.explanation.map((s) => s.key)).toEqual([
      'received',
      'limit',
      'holidays_skipped',
      'weekends_skipped',
      'pause_deducted',
      'due',
    ]);
  });

  it('reads as one sentence in English and Vietnamese', () => {
    expect(formatExplanation(result.explanation, 'en')).toBe(
      'Received 14:20 Fri 13 Feb; 15 working days, same time of day; Tết 14–22 Feb skipped; ' +
        '6 weekend days skipped; supplement 3 Mar–6 Mar deducted (24 h 20 min of working time) ' +
        '→ due 16:10 Wed 18 Mar',
    );
    expect(formatExplanation(result.explanation, 'vi')).toBe(
      'Tiếp nhận lúc 14:20 thứ Sáu 13/02; 15 ngày làm việc, hẹn cùng giờ tiếp nhận; ' +
        'nghỉ Tết Nguyên đán 14–22/02; 6 ngày nghỉ cuối tuần; ' +
        'trừ thời gian bổ sung hồ sơ 03/03–06/03 (24 giờ 20 phút làm việc) → hẹn trả 16:10 thứ Tư 18/03',
    );
  });
});

const settings = (s: Partial<DeadlineSettings>) => s;

describe('due dates', () => {
  it.each<[string, string, TimeLimit, string | null, Partial<DeadlineSettings>?]>([
    // working days over Tết and substitute days
    ['Tết 2026', '2026-02-13 14:20', wd(1), '2026-02-23 14:20'],
    ['Tết 2025 (3 Feb is worked)', '2025-01-24 10:00', wd(1), '2025-02-03 10:00'],
    ['Tết 2027 (Wed/Thu substitutes)', '2027-02-04 09:00', wd(1), '2027-02-12 09:00'],
    ["Hùng Kings' substitute Monday 2026", '2026-04-24 10:00', wd(1), '2026-04-28 10:00'],
    ['30/4–1/5 2025 with the 2 May swap', '2025-04-29 10:00', wd(1), '2025-05-05 10:00'],
    ['National Day 2026 with the 31 Aug swap', '2026-08-28 10:00', wd(1), '2026-09-03 10:00'],
    // make-up Saturdays from the notices
    ['make-up Sat 26 Apr 2025', '2025-04-25 10:00', wd(2), '2025-04-28 10:00'],
    ['make-up Sat 10 Jan 2026', '2026-01-09 14:00', wd(1), '2026-01-10 14:00'],
    ['make-up Sat 22 Aug 2026', '2026-08-21 10:00', wd(1), '2026-08-22 10:00'],
    // received outside office hours
    ['before 07:30', '2026-03-10 06:45', wd(1), '2026-03-10 17:00'],
    ['during lunch', '2026-03-10 12:15', wd(1), '2026-03-11 13:30'],
    ['after 17:00', '2026-03-10 17:30', wd(1), '2026-03-11 17:00'],
    ['on Sunday', '2026-03-08 10:00', wd(3), '2026-03-11 17:00'],
    // same-day procedures and the cut-off
    ['same day, before 15:00', '2026-03-10 14:59', { value: 0, unit: 'same_day' }, '2026-03-10 17:00'],
    ['same day, at 15:00', '2026-03-10 15:00', { value: 0, unit: 'same_day' }, '2026-03-11 17:00'],
    ['same day, Friday before Tết', '2026-02-13 15:30', { value: 0, unit: 'same_day' }, '2026-02-23 17:00'],
    ['same day, Saturday', '2026-03-14 09:00', { value: 0, unit: 'same_day' }, '2026-03-16 17:00'],
    [
      'same day, 16:00 cut-off',
      '2026-03-10 15:30',
      { value: 0, unit: 'same_day' },
      '2026-03-10 17:00',
      settings({ sameDayCutoff: '16:00' }),
    ],
    // hours are working minutes; a half-day is half the office time of a full day (450 / 2)
    ['8 working hours', '2026-03-10 14:00', { value: 8, unit: 'hours' }, '2026-03-11 14:30'],
    ['1 half-day', '2026-03-10 09:00', { value: 1, unit: 'half_days' }, '2026-03-10 14:45'],
    ['3 half-days, over lunch', '2026-03-10 09:00', { value: 3, unit: 'half_days' }, '2026-03-11 14:45'],
    // calendar days: day of receipt not counted, end of office hours, never on a day off
    ['10 calendar days', '2026-03-02 10:00', { value: 10, unit: 'calendar_days' }, '2026-03-12 17:00'],
    [
      'calendar days landing on Saturday',
      '2026-03-04 10:00',
      { value: 10, unit: 'calendar_days' },
      '2026-03-16 17:00',
    ],
    [
      'calendar days landing in Tết',
      '2026-02-09 10:00',
      { value: 10, unit: 'calendar_days' },
      '2026-02-23 17:00',
    ],
    [
      'calendar days skipping Tết weekdays',
      '2026-02-13 14:20',
      { value: 10, unit: 'calendar_days' },
      '2026-03-02 17:00',
      settings({ calendarDaysSkipHolidays: true }),
    ],
    // months: same day of month, or the month's last day
    [
      '1 month from 30 Jan → 28 Feb (Sat)',
      '2026-01-30 10:00',
      { value: 1, unit: 'months' },
      '2026-03-02 17:00',
    ],
    ['2 months into Tết', '2025-12-15 10:00', { value: 2, unit: 'months' }, '2026-02-23 17:00'],
    ['3 months', '2026-03-10 10:00', { value: 3, unit: 'months' }, '2026-06-10 17:00'],
    ['no time limit', '2026-03-10 10:00', { value: 0, unit: 'none' }, null],
  ])('%s', (_, receivedAt, limit, expected, s) => {
    expect(due({ receivedAt: vn(receivedAt), limit, ...(s ? { settings: s } : {}) })).toBe(expected);
  });

  it('counts half days from a notice', () => {
    const half = createWorkingCalendar({
      notices: [{ date: '2026-03-11', kind: 'half_day_am', nameKey: 'holiday.other', source: 'test' }],
    });
    const result = computeDueDate(half, { receivedAt: vn('2026-03-10 14:00'), limit: wd(1) });
    expect(local(result.dueAt)).toBe('2026-03-11 11:30');
    const hours = computeDueDate(half, {
      receivedAt: vn('2026-03-11 11:00'),
      limit: { value: 4, unit: 'hours' },
    });
    expect(local(hours.dueAt)).toBe('2026-03-12 11:00');
    expect(hours.explanation).toContainEqual({ key: 'half_days', params: { dates: ['2026-03-11'] } });
  });

  it('has no due date without a limit, and says so', () => {
    const result = computeDueDate(cal, {
      receivedAt: vn('2026-03-10 10:00'),
      limit: { value: 0, unit: 'none' },
    });
    expect(result).toMatchObject({ dueAt: null, paused: false });
    expect(formatExplanation(result.explanation, 'en')).toBe(
      'Received 10:00 Tue 10 Mar; no time limit → no due date',
    );
  });

  it('refuses malformed limits', () => {
    for (const limit of [
      wd(0),
      wd(1.5),
      { value: -2, unit: 'hours' },
      { value: Number.NaN, unit: 'months' },
    ]) {
      expect(() => computeDueDate(cal, { receivedAt: 0, limit: limit as TimeLimit })).toThrow(RangeError);
    }
  });

  it('picks the limit of the channel', () => {
    const limits = { default: wd(10), online: wd(7) };
    expect(limitForChannel(limits, 'online')).toEqual(wd(7));
    expect(limitForChannel(limits, 'counter')).toEqual(wd(10));
  });
});

describe('pauses', () => {
  const receivedAt = vn('2026-02-09 10:00');
  const limit = wd(5); // unpaused: 10, 11, 12, 13, 23 Feb → Mon 23 Feb 10:00
  const pause = (from: string, to: string | null, reason: Pause['reason'] = 'supplement'): Pause => ({
    from: vn(from),
    to: to === null ? null : vn(to),
    reason,
  });

  it.each<[string, Pause[], string | null]>([
    ['none', [], '2026-02-23 10:00'],
    [
      'spanning Tết: 12, 13 and 23 Feb deducted',
      [pause('2026-02-12 10:00', '2026-02-24 10:00')],
      '2026-02-26 10:00',
    ],
    [
      'overlapping, deducted once',
      [pause('2026-02-12 10:00', '2026-02-24 10:00'), pause('2026-02-13 09:00', '2026-02-23 12:00', 'stop')],
      '2026-02-26 10:00',
    ],
    [
      'inside Tět only: nothing to deduct',
      [pause('2026-02-16 08:00', '2026-02-18 16:00')],
      '2026-02-23 10:00',
    ],
    ['before receipt', [pause('2026-02-02 08:00', '2026-02-06 16:00')], '2026-02-23 10:00'],
    ['after the due date', [pause('2026-02-24 08:00', '2026-02-25 16:00')], '2026-02-23 10:00'],
    [
      'two pauses: two hours later, over lunch',
      [pause('2026-02-10 10:00', '2026-02-10 11:00'), pause('2026-02-11 14:00', '2026-02-11 15:00')],
      '2026-02-23 14:00',
    ],
    ['open, after the due date', [pause('2026-02-24 08:00', null)], '2026-02-23 10:00'],
  ])('%s', (_, pauses, expected) => {
    expect(due({ receivedAt, limit, pauses })).toBe(expected);
  });

  it('suspends the due date while a pause is open, keeping the time left', () => {
    const result = computeDueDate(cal, {
      receivedAt,
      limit,
      pauses: [
        pause('2026-02-10 09:00', '2026-02-10 11:00'),
        pause('2026-02-12 10:00', null, 'financial_obligation'),
      ],
    });
    expect(result).toMatchObject({ dueAt: null, paused: true, remainingWorkingMinutes: 2 * 450 + 120 });
    expect(result.deductedWorkingMinutes).toBe(120);
    expect(formatExplanation(result.explanation, 'en')).toBe(
      'Received 10:00 Mon 9 Feb; 5 working days, same time of day; ' +
        'supplement 10 Feb deducted (2 h of working time); ' +
        'paused for financial obligation since 10:00 Thu 12 Feb, 17 h of working time left → no due date while paused',
    );
  });

  it('lists the holidays a calendar-day limit skipped', () => {
    const result = computeDueDate(cal, {
      receivedAt: vn('2026-02-13 14:20'),
      limit: { value: 10, unit: 'calendar_days' },
      settings: { calendarDaysSkipHolidays: true },
    });
    expect(formatExplanation(result.explanation, 'en')).toBe(
      'Received 14:20 Fri 13 Feb; 10 calendar days, public holidays not counted; Tết 16–20 Feb skipped; ' +
        'Sat 28 Feb is a weekend day: moved to the close of the next working day → due 17:00 Mon 2 Mar',
    );
  });

  it('deducts whole paused days from calendar-day limits', () => {
    const input = {
      receivedAt: vn('2026-03-02 10:00'),
      limit: { value: 10, unit: 'calendar_days' } as TimeLimit,
    };
    expect(due(input)).toBe('2026-03-12 17:00');
    // paused over the midnights ending 4, 5 and 6 Mar → three days more
    const paused = computeDueDate(cal, { ...input, pauses: [pause('2026-03-04 15:00', '2026-03-07 09:00')] });
    expect(local(paused.dueAt)).toBe('2026-03-16 17:00');
    expect(formatExplanation(paused.explanation, 'en')).toContain('supplement 4 Mar–7 Mar deducted (3 days)');
    const open = computeDueDate(cal, { ...input, pauses: [pause('2026-03-04 15:00', null)] });
    expect(open).toMatchObject({ dueAt: null, paused: true });
  });
});

// Issue 11, item 17: these failed before the corrections, except the last row (a guard: a pause
// after the unpaused end but before the extended one still counts).
describe('corrections', () => {
  const cd = (value: number): TimeLimit => ({ value, unit: 'calendar_days' });
  const hd = (value: number): TimeLimit => ({ value, unit: 'half_days' });
  const pause = (from: string, to: string): Pause => ({ from: vn(from), to: vn(to), reason: 'supplement' });

  it.each<[string, string, TimeLimit, Pause[], string]>([
    // two half days are one working day (were 480 working minutes: 08:00 the next day)
    ['2 half-days from opening = 1 day', '2026-03-10 07:30', hd(2), [], '2026-03-10 17:00'],
    ['2 half-days from 14:20 Fri = 1 day', '2026-03-13 14:20', hd(2), [], '2026-03-16 14:20'],
    ['4 half-days over Tết = 2 days', '2026-02-12 10:00', hd(4), [], '2026-02-23 10:00'],
    // calendar-day pauses count by duration (were: one day per midnight inside the pause)
    [
      '7-hour pause in a day adds a day',
      '2026-03-02 10:00',
      cd(10),
      [pause('2026-03-04 08:00', '2026-03-04 15:00')],
      '2026-03-13 17:00',
    ],
    [
      'two 2-hour pauses add one day, not two',
      '2026-03-02 10:00',
      cd(10),
      [pause('2026-03-04 08:00', '2026-03-04 10:00'), pause('2026-03-05 08:00', '2026-03-05 10:00')],
      '2026-03-13 17:00',
    ],
    [
      '25-hour pause adds two days',
      '2026-03-02 10:00',
      cd(10),
      [pause('2026-03-04 10:00', '2026-03-05 11:00')],
      '2026-03-16 17:00',
    ],
    [
      'pause past the first end still counts',
      '2026-03-02 10:00',
      cd(10),
      [pause('2026-03-12 16:00', '2026-03-13 09:00')],
      '2026-03-13 17:00',
    ],
  ])('%s', (_, receivedAt, limit, pauses, expected) => {
    expect(due({ receivedAt: vn(receivedAt), limit, pauses })).toBe(expected);
  });

  it('makes two half days equal one working day for any receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 4 }), (quarter) => {
        const receivedAt = vn('2026-01-01 00:00').getTime() + quarter * 15 * 60_000;
        // the same office time after receipt (11:30 and 13:30 are the same position)
        const half = computeDueDate(cal, { receivedAt, limit: hd(2) }).dueAt!;
        const day = computeDueDate(cal, { receivedAt, limit: wd(1) }).dueAt!;
        expect(workingMinutesBetween(cal, receivedAt, half)).toBe(
          workingMinutesBetween(cal, receivedAt, day),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reports the days each pause added', () => {
    const result = computeDueDate(cal, {
      receivedAt: vn('2026-03-02 10:00'),
      limit: cd(10),
      pauses: [pause('2026-03-04 08:00', '2026-03-04 15:00')],
    });
    expect(formatExplanation(result.explanation, 'en')).toContain('supplement 4 Mar deducted (1 day)');
  });

  it('does not repeat a date the holiday name already says', () => {
    const steps = computeDueDate(cal, { receivedAt: vn('2026-04-29 10:00'), limit: wd(1) }).explanation;
    const text = formatExplanation(steps, 'vi');
    expect(text).toContain('nghỉ Ngày Chiến thắng 30/4, Ngày Quốc tế Lao động 01/05;');
    expect(text).not.toMatch(/30\/4 30\/04/);
    expect(formatExplanation(steps, 'en')).toContain('Reunification Day 30 Apr');
  });
});

describe('explanations', () => {
  it.each<[string, DueDateInput, string, string]>([
    [
      'cut-off and Tết',
      { receivedAt: vn('2026-02-13 15:30'), limit: { value: 0, unit: 'same_day' } },
      'Received 15:30 Fri 13 Feb; same-day service; after the 15:00 cut-off: due the next working day; ' +
        'Tết 14–22 Feb skipped → due 17:00 Mon 23 Feb',
      'Tiếp nhận lúc 15:30 thứ Sáu 13/02; giải quyết trong ngày; nhận sau 15:00, trả vào ngày làm việc tiếp theo; ' +
        'nghỉ Tết Nguyên đán 14–22/02 → hẹn trả 17:00 thứ Hai 23/02',
    ],
    [
      'outside office hours, whole first day',
      { receivedAt: vn('2026-03-08 10:00'), limit: wd(1) },
      'Received 10:00 Sun 8 Mar; outside office hours, counted from 07:30 Mon 9 Mar; ' +
        '1 working day, counting the day of receipt in full, due at close of office → due 17:00 Mon 9 Mar',
      'Tiếp nhận lúc 10:00 Chủ nhật 08/03; ngoài giờ làm việc, tính từ 07:30 thứ Hai 09/03; ' +
        '1 ngày làm việc, tính trọn ngày tiếp nhận, hẹn cuối giờ làm việc → hẹn trả 17:00 thứ Hai 09/03',
    ],
    [
      'calendar days rolled forward',
      { receivedAt: vn('2026-02-09 10:00'), limit: { value: 10, unit: 'calendar_days' } },
      'Received 10:00 Mon 9 Feb; 10 calendar days, public holidays counted; ' +
        'Thu 19 Feb is Tết: moved to the close of the next working day → due 17:00 Mon 23 Feb',
      'Tiếp nhận lúc 10:00 thứ Hai 09/02; 10 ngày, tính cả ngày lễ, Tết; ' +
        'thứ Năm 19/02 là Tết Nguyên đán, chuyển sang cuối giờ ngày làm việc tiếp theo → hẹn trả 17:00 thứ Hai 23/02',
    ],
    [
      'make-up day in range',
      { receivedAt: vn('2026-01-09 14:00'), limit: wd(1) },
      'Received 14:00 Fri 9 Jan; 1 working day, same time of day; make-up working days: 10 Jan → due 14:00 Sat 10 Jan',
      'Tiếp nhận lúc 14:00 thứ Sáu 09/01; 1 ngày làm việc, hẹn cùng giờ tiếp nhận; làm bù 10/01 → hẹn trả 14:00 thứ Bảy 10/01',
    ],
  ])('%s', (_, input, en, vi) => {
    const steps = computeDueDate(cal, input).explanation;
    expect(formatExplanation(steps, 'en')).toBe(en);
    expect(formatExplanation(steps, 'vi')).toBe(vi);
  });
});

describe('timeliness', () => {
  const dueAt = vn('2026-03-18 16:10');
  it.each([
    ['2026-03-17 16:00', 'early'],
    ['2026-03-17 23:30', 'early'], // still the 17th in Vietnam (16:30 UTC)
    ['2026-03-18 00:30', 'on_time'], // the 18th in Vietnam, though the 17th in UTC
    ['2026-03-18 16:10', 'on_time'],
    ['2026-03-18 16:11', 'late'],
    ['2026-03-20 08:00', 'late'],
  ])('finished %s → %s', (finishedAt, expected) => {
    expect(classifyTimeliness(vn(finishedAt), dueAt)).toBe(expected);
  });
});

// ---- Properties ----------------------------------------------------------------------------------

const MIN = 60_000;
const DAY = 86_400_000;
const instant = fc
  .integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 10, 1) })
  .map((ms) => Math.floor(ms / MIN) * MIN);

const limitArb: fc.Arbitrary<TimeLimit> = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map((value) => ({ value, unit: 'working_days' as const })),
  fc.integer({ min: 1, max: 40 }).map((value) => ({ value, unit: 'hours' as const })),
  fc.integer({ min: 1, max: 10 }).map((value) => ({ value, unit: 'half_days' as const })),
  fc.integer({ min: 1, max: 60 }).map((value) => ({ value, unit: 'calendar_days' as const })),
  fc.integer({ min: 1, max: 3 }).map((value) => ({ value, unit: 'months' as const })),
  fc.constant({ value: 0, unit: 'same_day' as const }),
);

const pauseArb = (receivedAt: number) =>
  fc
    .record({
      offset: fc.integer({ min: -2 * DAY, max: 40 * DAY }),
      length: fc.integer({ min: 0, max: 10 * DAY }),
      open: fc.boolean(),
      reason: fc.constantFrom('supplement', 'financial_obligation', 'stop') as fc.Arbitrary<Pause['reason']>,
    })
    .map(({ offset, length, open, reason }) => ({
      from: receivedAt + offset,
      to: open && length % 5 === 0 ? null : receivedAt + offset + length,
      reason,
    }));

const caseArb = instant.chain((receivedAt) =>
  fc.record({
    receivedAt: fc.constant(receivedAt),
    limit: limitArb,
    skip: fc.boolean(),
    pauses: fc.array(pauseArb(receivedAt), { maxLength: 3 }),
    extra: pauseArb(receivedAt),
  }),
);

/** A due date lies inside an office session, its closing minute included. */
const inSession = (t: number) => isWorkingMoment(cal, t) || isWorkingMoment(cal, t - 1);

describe('due-date properties', () => {
  it('a due date is never a non-working moment', () => {
    fc.assert(
      fc.property(caseArb, ({ receivedAt, limit, skip, pauses }) => {
        const result = computeDueDate(cal, {
          receivedAt,
          limit,
          pauses,
          settings: { calendarDaysSkipHolidays: skip },
        });
        if (result.dueAt) expect(inSession(result.dueAt.getTime())).toBe(true);
        else expect(result.paused).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('adding a pause never moves the due date earlier', () => {
    fc.assert(
      fc.property(caseArb, ({ receivedAt, limit, skip, pauses, extra }) => {
        const settings = { calendarDaysSkipHolidays: skip };
        const before = computeDueDate(cal, { receivedAt, limit, pauses, settings }).dueAt;
        const after = computeDueDate(cal, { receivedAt, limit, pauses: [...pauses, extra], settings }).dueAt;
        const time = (d: Date | null) => d?.getTime() ?? Number.POSITIVE_INFINITY;
        expect(time(after)).toBeGreaterThanOrEqual(time(before));
      }),
      { numRuns: 400 },
    );
  });

  it('pauses leave the working time between receipt and due date unchanged', () => {
    fc.assert(
      fc.property(caseArb, ({ receivedAt, limit, pauses }) => {
        if (limit.unit === 'calendar_days' || limit.unit === 'months') return;
        const closed = pauses.filter((p) => p.to !== null);
        const plain = computeDueDate(cal, { receivedAt, limit }).dueAt!;
        const paused = computeDueDate(cal, { receivedAt, limit, pauses: closed }).dueAt!;
        expect(workingMinutesBetween(cal, receivedAt, paused, closed)).toBe(
          workingMinutesBetween(cal, receivedAt, plain),
        );
      }),
      { numRuns: 300 },
    );
  });
});
