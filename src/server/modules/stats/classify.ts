// One dossier's place in the statistics, from its history: pure, so rebuild and incremental
// maintenance share it and the formulas are tested on hand-built histories (ADR 11).
import type { WorkingCalendar } from '../../platform/calendar/index.ts';
import type { ProcedureDefinition } from '../../../contracts/services.ts';
import {
  classifyTimeliness,
  computeDueDate,
  deadlineSettingsOf,
  limitForChannel,
  type Pause,
} from '../services/index.ts';
import type { StatsSettings } from './settings.ts';
import { OPEN_MONTH, type StatsGroup, type StatsTimeliness } from './tables.ts';

export interface DossierHistory {
  id: string;
  code: string | null;
  status: number;
  channel: 'counter' | 'online' | 'post';
  procedureId: string;
  agencyId: string;
  agencyPath: string;
  submittedAt: Date;
  acceptedAt: Date | null;
  dueAt: Date | null;
  finishedAt: Date | null;
  returnedAt: Date | null;
  closedAt: Date | null;
  /**
   * supplement requests made while the dossier was being processed (after acceptance): one the desk
   * makes at intake is guidance before the dossier is received, not a second request (ADR 11)
   */
  supplementCount: number;
  /** the service level at which the receiving agency offers the procedure; null: the procedure's own */
  serviceLevel: 'full' | 'partial' | null;
  result: Record<string, unknown> | null;
  /** only read when the recorded due date is missing */
  pauses: readonly Pause[];
  /** submitted component files (electronic copies) */
  componentFiles: number;
  /** a payment confirmed with method 'online' */
  paidOnline: boolean;
  rating: number | null;
  /** the national portal (DVCQG) has acknowledged the dossier at least once */
  synced: boolean;
}

export type ProcedureFacts = Pick<ProcedureDefinition, 'timeLimit' | 'serviceLevel' | 'result' | 'fees'> & {
  sectorCode: string;
};

export interface DossierFact {
  dossierId: string;
  code: string | null;
  agencyId: string;
  agencyPath: string;
  procedureId: string;
  sectorCode: string;
  channel: string;
  status: number;
  grp: StatsGroup;
  timeliness: StatsTimeliness;
  receivedAt: Date;
  endedAt: Date | null;
  dueAt: Date | null;
  recvMonth: number;
  endMonth: number;
  dueMonth: number;
  multiSupplement: boolean;
  processingMinutes: number;
  onlineEligible: boolean;
  onlineFull: boolean;
  eResultDue: boolean;
  eResult: boolean;
  digitised: boolean;
  feeBearing: boolean;
  paidOnline: boolean;
  rating: number | null;
  complaint: boolean;
  synced: boolean;
}

const OFFSET_MS = 7 * 3_600_000;
/** The local (UTC+7) month of an instant as yyyymm. */
export function monthOf(at: Date): number {
  const local = new Date(at.getTime() + OFFSET_MS);
  return local.getUTCFullYear() * 100 + local.getUTCMonth() + 1;
}

/** The groups Decision 766 counts as received (national statuses 2, 4–10). */
export const RECEIVED_GROUPS: readonly StatsGroup[] = [
  'in_progress',
  'paused',
  'stopped',
  'withdrawn',
  'finished',
];

function groupOf(status: number, accepted: boolean): StatsGroup {
  switch (status) {
    case 1:
      return 'pending';
    case 3:
      return 'refused';
    case 2:
    case 4:
      return 'in_progress';
    case 5:
    case 6:
      return accepted ? 'paused' : 'pending';
    case 7:
      return accepted ? 'withdrawn' : 'cancelled';
    case 8:
      return 'stopped';
    default:
      return 'finished';
  }
}

/**
 * The due date the index compares with: the recorded one (already recomputed from pauses); if it is
 * missing, the procedure's limit recomputed from the pauses; a procedure without a limit, the legal maximum.
 * Null while a pause is open (the clock is stopped).
 */
export function effectiveDue(
  cal: WorkingCalendar,
  d: DossierHistory,
  p: ProcedureFacts,
  s: StatsSettings,
): Date | null {
  if (!d.acceptedAt) return null;
  if (d.dueAt) return d.dueAt;
  const byLimit = computeDueDate(cal, {
    receivedAt: d.acceptedAt,
    limit: limitForChannel(p.timeLimit, d.channel),
    pauses: d.pauses,
    settings: deadlineSettingsOf(cal),
  });
  if (byLimit.paused) return null;
  if (byLimit.dueAt) return byLimit.dueAt;
  const legal = computeDueDate(cal, {
    receivedAt: d.acceptedAt,
    limit: s.legalMaximum,
    pauses: d.pauses,
    settings: deadlineSettingsOf(cal),
  });
  return legal.dueAt;
}

export function classifyDossier(
  cal: WorkingCalendar,
  d: DossierHistory,
  p: ProcedureFacts,
  s: StatsSettings,
): DossierFact {
  const accepted = d.acceptedAt !== null;
  const grp = groupOf(d.status, accepted);
  const received = (RECEIVED_GROUPS as readonly string[]).includes(grp);
  // Finished: the time of status 9 counts even when 10 follows (the hand-over is the applicant's pace).
  const endedAt =
    grp === 'finished'
      ? (d.finishedAt ?? d.returnedAt ?? d.closedAt)
      : grp === 'pending' || grp === 'in_progress' || grp === 'paused'
        ? null
        : (d.closedAt ?? d.returnedAt);
  const due = effectiveDue(cal, d, p, s);
  const multiSupplement = d.supplementCount > 1;
  let timeliness: StatsTimeliness = '';
  if (endedAt && (grp === 'finished' || grp === 'withdrawn' || grp === 'stopped')) {
    // A second supplement request makes the dossier late whatever the clock says.
    timeliness = multiSupplement ? 'late' : due ? classifyTimeliness(endedAt, due) : 'on_time';
  }
  const finished = grp === 'finished';
  const eResultDue = finished && p.result.type === 'electronic';
  const eResult = eResultDue && typeof d.result?.fileId === 'string';
  const onlineEligible = received && (d.serviceLevel ?? p.serviceLevel) === 'full';
  const feeBearing = received && p.fees.some((f) => f.amount > 0);
  const receivedAt = d.acceptedAt ?? d.submittedAt;
  return {
    dossierId: d.id,
    code: d.code,
    agencyId: d.agencyId,
    agencyPath: d.agencyPath,
    procedureId: d.procedureId,
    sectorCode: p.sectorCode,
    channel: d.channel,
    status: d.status,
    grp,
    timeliness,
    receivedAt,
    endedAt: endedAt ?? null,
    dueAt: due,
    recvMonth: monthOf(receivedAt),
    endMonth: endedAt ? monthOf(endedAt) : OPEN_MONTH,
    dueMonth: due ? monthOf(due) : 0,
    multiSupplement,
    processingMinutes:
      finished && endedAt && d.acceptedAt
        ? Math.max(0, Math.round((endedAt.getTime() - d.acceptedAt.getTime()) / 60_000))
        : 0,
    onlineEligible,
    // An online dossier counts only with its electronic result, where the procedure yields one.
    onlineFull: onlineEligible && d.channel === 'online' && (!eResultDue || eResult),
    eResultDue,
    eResult,
    digitised: received && d.componentFiles > 0,
    feeBearing,
    paidOnline: feeBearing && d.paidOnline,
    rating: d.rating,
    complaint: false,
    // Sync coverage counts the dossiers received in the period that the national portal holds.
    synced: received && d.synced,
  };
}
