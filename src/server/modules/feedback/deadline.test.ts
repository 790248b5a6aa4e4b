import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../platform/calendar/index.ts';
import { DEFAULT_DEADLINES, type DeadlineRule, dueDateFor, escalationLevel } from './deadline.ts';

const cal = createWorkingCalendar();
const at = (local: string) => new Date(`${local}+07:00`);
const hours = (value: number): DeadlineRule => ({ value, unit: 'working_hours', source: 'test' });

describe('report deadlines on the working calendar', () => {
  it.each([
    // ordinary, 5 working days
    ['ordinary on a Monday', '2026-03-02T10:00:00', false, '2026-03-09T10:00:00'],
    [
      'ordinary across Tết Bính Ngọ (14–22 Feb 2026 off)',
      '2026-02-13T10:00:00',
      false,
      '2026-02-27T10:00:00',
    ],
    [
      'ordinary received on a Saturday counts from Monday',
      '2026-03-07T09:00:00',
      false,
      '2026-03-13T17:00:00',
    ],
    // urgent, 1 working day
    ['urgent on a Thursday', '2026-01-08T10:00:00', true, '2026-01-09T10:00:00'],
    [
      'urgent on the Friday before the make-up Saturday 10 Jan 2026',
      '2026-01-09T10:00:00',
      true,
      '2026-01-10T10:00:00',
    ],
    ['urgent over New Year (1–4 Jan 2026 off)', '2025-12-31T10:00:00', true, '2026-01-05T10:00:00'],
    ['urgent over National Day (29 Aug–2 Sep 2026 off)', '2026-08-28T15:00:00', true, '2026-09-03T15:00:00'],
  ])('%s', (_name, from, urgent, due) => {
    expect(dueDateFor(cal, at(from), DEFAULT_DEADLINES, urgent).dueAt.toISOString()).toBe(
      at(due).toISOString(),
    );
  });

  it('working hours skip the lunch break, the night and the holidays', () => {
    const rules = { ordinary: hours(8), urgent: hours(4) };
    // Fri 13 Feb 16:00: one hour to 17:00, then Tết; three more hours on Mon 23 Feb from 07:30.
    expect(dueDateFor(cal, at('2026-02-13T16:00:00'), rules, true).dueAt.toISOString()).toBe(
      at('2026-02-23T10:30:00').toISOString(),
    );
    // 10:30 + 4 h: one hour to 11:30, lunch until 13:30, then three hours.
    expect(dueDateFor(cal, at('2026-03-03T10:30:00'), rules, true).dueAt.toISOString()).toBe(
      at('2026-03-03T16:30:00').toISOString(),
    );
  });

  it('explains the due date with its rule and legal source', () => {
    const d = dueDateFor(cal, at('2026-03-02T10:00:00'), DEFAULT_DEADLINES, false);
    expect(d.explanation).toMatchObject({
      value: 5,
      unit: 'working_days',
      source: DEFAULT_DEADLINES.ordinary.source,
    });
  });

  it.each([
    ['2026-03-02T09:00:00', '2026-03-02T10:00:00', 'due_soon'],
    ['2026-03-02T11:00:00', '2026-03-02T10:00:00', 'overdue'],
    ['2026-02-27T09:00:00', '2026-03-02T10:00:00', null],
  ] as const)('at %s with due %s → %s', (now, due, level) => {
    expect(escalationLevel(at(now), at(due), 86_400_000)).toBe(level);
  });
});
