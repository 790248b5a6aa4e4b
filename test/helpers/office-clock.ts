// Tests of the clock (pauses, due dates) must not depend on the hour CI happens to run at: a pause taken
// at 19:00 deducts no working time. This runs the process clock (Date only; timers stay real and time
// keeps flowing) from the opening of the next working day, and moves it forward on request.
import { vi } from 'vitest';
import {
  createWorkingCalendar,
  localDayOf,
  nextWorkingMoment,
  startOfLocalDay,
  VN_NOTICE_ENTRIES,
} from '../../src/server/platform/calendar/index.ts';

export interface OfficeClock {
  /** moves the clock forward (keep it under the 30-minute session idle timeout) */
  advance(ms: number): void;
  restore(): void;
}

/** Call before starting the platform and logging in, so every stored time is on the same clock. */
export function officeHoursClock(): OfficeClock {
  const cal = createWorkingCalendar({ notices: [...VN_NOTICE_ENTRIES] });
  const tomorrow = startOfLocalDay(cal, localDayOf(cal, Date.now()) + 1);
  const opening = nextWorkingMoment(cal, tomorrow);
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(opening);
  return {
    advance: (ms) => vi.setSystemTime(Date.now() + ms),
    restore: () => vi.useRealTimers(),
  };
}
