// Deadlines of a report: per category and urgency, in working days or working hours of the platform's
// working calendar, counted from routing (and again from a reopening). Pure: the calendar is given.
import {
  addWorkingDays,
  addWorkingMinutes,
  toLocalIso,
  type WorkingCalendar,
} from '../../platform/calendar/index.ts';

export interface DeadlineRule {
  value: number;
  unit: 'working_days' | 'working_hours';
  /** the legal source of the limit, shown with the due date */
  source: string;
}

/** Defaults (confirm per province): urgent 1 working day, ordinary 5 working days. */
export const DEFAULT_DEADLINES: { ordinary: DeadlineRule; urgent: DeadlineRule } = {
  ordinary: {
    value: 5,
    unit: 'working_days',
    source: 'Quy chế tiếp nhận, xử lý phản ánh hiện trường (mặc định, cần xác nhận)',
  },
  urgent: {
    value: 1,
    unit: 'working_days',
    source: 'Quy chế tiếp nhận, xử lý phản ánh hiện trường (mặc định, cần xác nhận)',
  },
};

export interface DueDate {
  dueAt: Date;
  explanation: { from: string; value: number; unit: DeadlineRule['unit']; source: string; dueAt: string };
}

export function dueDateFor(
  cal: WorkingCalendar,
  from: Date,
  rules: { ordinary: DeadlineRule; urgent: DeadlineRule },
  urgent: boolean,
): DueDate {
  const rule = urgent ? rules.urgent : rules.ordinary;
  const dueAt =
    rule.unit === 'working_days'
      ? addWorkingDays(cal, from, rule.value)
      : addWorkingMinutes(cal, from, rule.value * 60);
  return {
    dueAt,
    explanation: {
      from: toLocalIso(cal, from),
      value: rule.value,
      unit: rule.unit,
      source: rule.source,
      dueAt: toLocalIso(cal, dueAt),
    },
  };
}

/** Which escalation a report at the agency needs now: due within the warning window, or overdue. */
export function escalationLevel(now: Date, dueAt: Date, warnMs: number): 'overdue' | 'due_soon' | null {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (dueAt.getTime() - now.getTime() <= warnMs) return 'due_soon';
  return null;
}
