import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, dayInfo } from '../../platform/calendar/index.ts';
import { conclusionLagDays, invitationLeadDays, taskDeadline } from './working-days.ts';

const cal = createWorkingCalendar();
/** A local (UTC+7) date and time as an instant. */
const vn = (date: string, time = '10:00') => new Date(`${date}T${time}:00+07:00`);

describe('working days on the platform calendar', () => {
  it('the premises: holidays, weekends and make-up days of 2026 as notified', () => {
    expect(dayInfo(cal, '2026-01-02').kind).toBe('holiday');
    expect(dayInfo(cal, '2026-01-10').kind).toBe('makeup');
    expect(dayInfo(cal, '2026-08-22').kind).toBe('makeup');
    expect(dayInfo(cal, '2026-09-01').kind).toBe('holiday');
  });

  it.each([
    ['Mon → Fri: Tue, Wed, Thu', '2026-12-07', '2026-12-11', 3],
    ['Tue → Fri: two days, too short', '2026-12-08', '2026-12-11', 2],
    ['Thu → Tue over a weekend', '2026-12-03', '2026-12-08', 2],
    ['same day', '2026-12-07', '2026-12-07', 0],
    ['New Year: 1–2 Jan off, then the weekend', '2025-12-31', '2026-01-06', 1],
    ['Saturday 22 Aug 2026 is a make-up working day', '2026-08-21', '2026-08-25', 2],
    ['National Day: 31 Aug – 2 Sep off', '2026-08-27', '2026-09-03', 1],
  ])('invitation lead time: %s', (_label, sent, meeting, days) => {
    expect(invitationLeadDays(cal, vn(sent), vn(meeting, '08:00'))).toBe(days);
  });

  it.each([
    ['after National Day', '2026-08-28', '2026-09-03', 1],
    ['the make-up Saturday counts', '2026-01-09', '2026-01-12', 2],
    ['five days after New Year: compliant', '2025-12-31', '2026-01-09', 5],
    ['seven days: late', '2025-12-31', '2026-01-12', 7],
    ['issued the same day', '2026-12-07', '2026-12-07', 0],
  ])('conclusion lag: %s', (_label, ended, issued, days) => {
    expect(conclusionLagDays(cal, vn(ended, '11:00'), vn(issued, '16:00'))).toBe(days);
  });

  it.each([
    ['3 days from Fri 28 Aug 2026 skip the holidays', '2026-08-28', 3, '2026-09-07T10:00:00.000Z'],
    ['1 day from Fri 9 Jan 2026 lands on the make-up Saturday', '2026-01-09', 1, '2026-01-10T10:00:00.000Z'],
    ['5 days from Mon 7 Dec 2026', '2026-12-07', 5, '2026-12-14T10:00:00.000Z'],
  ])('task deadline: %s', (_label, set, n, due) => {
    expect(taskDeadline(cal, vn(set, '15:00'), n).toISOString()).toBe(due);
  });
});
