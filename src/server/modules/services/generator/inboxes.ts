// Work waiting for the demo's officers (issue 11, item 18): for every seat an account holds (an agency
// and a processing role), a few recent dossiers that stopped where that officer has to act — some due
// soon, one overdue — so each inbox opens with work in it. Built by the same simulation as the history,
// with a hold: the seat's officer has not acted yet.
import { isWorkingDay } from '../../../platform/calendar/index.ts';
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { buildDossier } from './build-dossier.ts';
import type { Rng } from './prng.ts';
import type { AgencyRef, BuildContext, BuiltDossier, Choice, Hold, ProcedureRef } from './types.ts';
import { DAY_MS, submissionTime } from './volumes.ts';

/** An agency and a role some active account holds there. */
export interface Seat {
  agency: AgencyRef;
  role: string;
}

const DESK = 'one_stop_officer';
/** the roles whose inboxes hold workflow steps */
const STEP_ROLES = new Set(['specialist', 'division_head', 'agency_leader']);
export const INBOX_ROLES = new Set([DESK, ...STEP_ROLES]);

/** What each seat's inbox gets: which kind of dossier, how many. */
type Want = 'new' | 'new_late' | 'result' | 'overdue' | 'soon' | 'later';
const DESK_WANTS: Want[] = ['new', 'new', 'new_late', 'result'];
const STEP_WANTS: Want[] = ['overdue', 'soon', 'soon', 'later'];
const ATTEMPTS = 400;

/** The seats' dossiers; a seat that no published procedure reaches gets none. */
export function buildInboxes(rng: Rng, ctx: BuildContext, seats: readonly Seat[]): BuiltDossier[] {
  const days = recentWorkingDays(ctx, 90);
  const out: BuiltDossier[] = [];
  for (const seat of seats) {
    const desk = seat.role === DESK;
    const procedures = ctx.procedures.items.filter((p) =>
      desk ? offersOnline(p) && p.receivers.some((a) => a.id === seat.agency.id) : reaches(p, seat),
    );
    if (procedures.length === 0) continue;
    for (const want of desk ? DESK_WANTS : STEP_WANTS) {
      for (let i = 0; i < ATTEMPTS; i++) {
        const procedure = rng.pick(procedures);
        const limit = limitDays(procedure.versions.at(-1)!.def);
        const back =
          want === 'new'
            ? 0
            : want === 'new_late'
              ? rng.int(2, 4)
              : want === 'overdue'
                ? rng.int(limit + 1, limit + 6)
                : want === 'soon'
                  ? rng.int(Math.max(0, limit - 3), limit - 1)
                  : rng.int(0, Math.max(0, limit - 4));
        const day = days[Math.min(back, days.length - 1)]!;
        const hold: Hold = desk
          ? { agencyId: seat.agency.id, statuses: want === 'result' ? [9] : [1], role: null }
          : { agencyId: seat.agency.id, statuses: [4], role: seat.role };
        const built = buildDossier(rng, ctx, choiceFor(rng, ctx, procedure, seat, day, hold, desk));
        if (fits(built, seat, want, ctx.until)) {
          out.push(built);
          break;
        }
      }
    }
  }
  return out;
}

/** The last `n` working days before `until`, newest first. */
function recentWorkingDays(ctx: BuildContext, n: number): number[] {
  const days: number[] = [];
  for (let day = ctx.untilDay - 1; day >= ctx.fromDay && days.length < n; day--)
    if (isWorkingDay(ctx.calendar, day)) days.push(day);
  return days;
}

const offersOnline = (p: ProcedureRef) => p.versions.at(-1)!.def.methods.includes('online');

/** Whether some step of the procedure's workflow falls to this seat. */
function reaches(p: ProcedureRef, seat: Seat): boolean {
  if (!STEP_ROLES.has(seat.role)) return false;
  const atSeat = p.communes
    ? p.receivers.some((a) => a.id === seat.agency.id)
    : p.competent?.id === seat.agency.id;
  return p.versions
    .at(-1)!
    .def.workflow.steps.some(
      (s) =>
        s.role === seat.role && (typeof s.agency === 'string' ? atSeat : s.agency.code === seat.agency.code),
    );
}

/** A time limit in whole working days (hours and half days rounded up). */
function limitDays(def: ProcedureDefinition): number {
  const l = def.timeLimit.default;
  const days = l.unit === 'hours' ? l.value / 8 : l.unit === 'half_days' ? l.value / 2 : l.value;
  return Math.max(2, Math.ceil(days));
}

function choiceFor(
  rng: Rng,
  ctx: BuildContext,
  procedure: ProcedureRef,
  seat: Seat,
  day: number,
  hold: Hold,
  desk: boolean,
): Choice {
  const home = procedure.communes?.items.find((c) => c.agency.id === seat.agency.id);
  const receiving = home ? home.agency : desk ? seat.agency : rng.pick(procedure.receivers);
  const version = procedure.versions.at(-1)!;
  // The desk's new dossiers came in online (counter ones are accepted on the spot).
  const channel = desk || version.def.methods.includes('online') ? 'online' : version.def.methods[0]!;
  const submittedAt = Math.min(
    submissionTime(rng, ctx.calendar, day, channel === 'online'),
    ctx.until - 60_000,
  );
  return {
    procedure,
    version,
    receiving,
    competent: home ? home.agency : (procedure.competent ?? receiving),
    home: home ?? ctx.communes.pick(rng),
    channel,
    submittedAt,
    hold,
  };
}

/** Whether the built dossier waits at the seat in the way wanted. */
function fits(b: BuiltDossier, seat: Seat, want: Want, until: number): boolean {
  const d = b.dossier;
  if (d.holder_agency_id !== seat.agency.id) return false;
  if (want === 'new' || want === 'new_late') return d.status === 1;
  if (want === 'result') return d.status === 9;
  if (d.status !== 4 || d.step_role !== seat.role || !d.due_at) return false;
  const due = Date.parse(d.due_at);
  if (want === 'overdue') return due < until;
  if (want === 'soon') return due >= until && due < until + 3 * DAY_MS;
  return due >= until + 3 * DAY_MS;
}
