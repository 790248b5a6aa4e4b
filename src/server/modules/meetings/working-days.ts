// Lead time and lags in working days, on the platform's working calendar (Decision 45/2018/QĐ-TTg).
import {
  endOfNthWorkingDay,
  isWorkingDay,
  localDayOf,
  startOfLocalDay,
  type WorkingCalendar,
} from '../../platform/calendar/index.ts';

/** Working days strictly after the day of `from` and strictly before the day of `to`. */
export function workingDaysBetween(cal: WorkingCalendar, from: Date, to: Date): number {
  const a = localDayOf(cal, from);
  const b = localDayOf(cal, to);
  let n = 0;
  for (let d = a + 1; d < b; d++) if (isWorkingDay(cal, d)) n++;
  return n;
}

/**
 * Invitation lead time: the full working days between the day the invitation went out and the
 * meeting day (sent Monday for a Friday meeting: Tuesday–Thursday, 3). Neither end day counts.
 */
export function invitationLeadDays(cal: WorkingCalendar, sentAt: Date, startsAt: Date): number {
  return workingDaysBetween(cal, sentAt, startsAt);
}

/**
 * Conclusion lag: working days after the meeting day up to and including the day the notice was
 * issued (a notice the next working day has a lag of 1; Decision 45/2018 allows 5).
 */
export function conclusionLagDays(cal: WorkingCalendar, endedAt: Date, issuedAt: Date): number {
  const a = localDayOf(cal, endedAt);
  const b = localDayOf(cal, issuedAt);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkingDay(cal, d)) n++;
  return n;
}

/** A task's deadline: the close of office hours on the n-th working day after the day it was set. */
export function taskDeadline(cal: WorkingCalendar, setAt: Date, workingDays: number): Date {
  const nextDay = startOfLocalDay(cal, localDayOf(cal, setAt) + 1);
  return endOfNthWorkingDay(cal, nextDay, workingDays);
}
