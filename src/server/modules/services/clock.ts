// The dossier clock: the working calendar of the deployment (rules + the notices an administrator
// entered), the deadline settings an administrator set, and the due date recomputed from the
// procedure's limit and the recorded pauses.
import { asc, eq } from 'drizzle-orm';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import {
  createWorkingCalendar,
  type WorkingCalendar,
  VN_NOTICE_ENTRIES,
} from '../../platform/calendar/index.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import {
  computeDueDate,
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineSettings,
  type DueDate,
  limitForChannel,
  type Pause,
} from './deadline.ts';
import { calendarNotices, type DossierChannel, deadlineSettings, dossierPauses } from './tables.ts';

let cached: { calendar: WorkingCalendar; loadedAt: number } | undefined;
const CALENDAR_TTL_MS = 60_000;

/** The calendar with the shipped notices overridden by those stored in the database. */
export async function loadCalendar(db: DbOrTx): Promise<WorkingCalendar> {
  if (cached && Date.now() - cached.loadedAt < CALENDAR_TTL_MS) return cached.calendar;
  const stored = await db.select().from(calendarNotices).orderBy(asc(calendarNotices.date));
  const byDate = new Map(VN_NOTICE_ENTRIES.map((n) => [n.date, n]));
  for (const n of stored)
    byDate.set(n.date, { date: n.date, kind: n.kind, nameKey: n.nameKey, source: n.source });
  const calendar = createWorkingCalendar({ notices: [...byDate.values()] });
  const settings: DeadlineSettings = { ...DEFAULT_DEADLINE_SETTINGS };
  for (const row of await db.select().from(deadlineSettings)) {
    if (row.key === 'calendarDaysSkipHolidays' && typeof row.value === 'boolean')
      settings[row.key] = row.value;
    if (row.key === 'sameDayCutoff' && typeof row.value === 'string') settings[row.key] = row.value;
  }
  // The settings travel with the calendar they were loaded with, so every due date computed from
  // a loaded calendar uses them without each caller loading them.
  settingsByCalendar.set(calendar, settings);
  cached = { calendar, loadedAt: Date.now() };
  return calendar;
}

const settingsByCalendar = new WeakMap<WorkingCalendar, DeadlineSettings>();

/** The deadline settings loaded with this calendar (the defaults for a calendar built elsewhere). */
export function deadlineSettingsOf(calendar: WorkingCalendar): DeadlineSettings {
  return settingsByCalendar.get(calendar) ?? DEFAULT_DEADLINE_SETTINGS;
}

export function forgetCalendar(): void {
  cached = undefined;
}

export async function pausesOf(db: DbOrTx, dossierId: string): Promise<Pause[]> {
  const rows = await db.select().from(dossierPauses).where(eq(dossierPauses.dossierId, dossierId));
  return rows.map((r) => ({ from: r.from, to: r.to, reason: r.reason }));
}

/** The due date of a dossier received at `acceptedAt` through `channel`, given its pauses. */
export function dueDateOf(
  calendar: WorkingCalendar,
  def: ProcedureDefinition,
  channel: DossierChannel,
  acceptedAt: Date,
  pauses: Pause[],
): DueDate {
  return computeDueDate(calendar, {
    receivedAt: acceptedAt,
    limit: limitForChannel(def.timeLimit, channel),
    pauses,
    settings: deadlineSettingsOf(calendar),
  });
}
