// The shapes the generator passes around: what it read from the database (agencies, procedures,
// officials), what it chose for a dossier, and the rows it writes (snake_case keys = column names).
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import type { WorkingCalendar } from '../../../platform/calendar/index.ts';
import type { ExplanationStep } from '../deadline.ts';
import type { Applicant, DossierChannel } from '../tables.ts';
import type { Weighted } from './prng.ts';

export interface AgencyRef {
  id: string;
  code: string;
  path: string;
  name: string;
  kind: string;
}

export interface CommuneRef {
  agency: AgencyRef;
  unitCode: string;
  fullName: string;
  weight: number;
}

export interface VersionRef {
  id: string;
  effectiveFrom: number;
  def: ProcedureDefinition;
}

export interface ProcedureRef {
  id: string;
  code: string;
  /** oldest first */
  versions: VersionRef[];
  share: number;
  /** commune procedures: the communes offering it, by size; others: the receiving agencies (service centre) */
  communes: Weighted<CommuneRef> | null;
  receivers: AgencyRef[];
  /** the fixed competent agency (department procedures) */
  competent: AgencyRef | null;
}

export interface Official {
  id: string | null;
  name: string;
  title: string | null;
}

export interface BuildContext {
  calendar: WorkingCalendar;
  /** nothing happens at or after this instant (ms) */
  until: number;
  fromDay: number;
  untilDay: number;
  procedures: Weighted<ProcedureRef>;
  /** where applicants of department procedures live */
  communes: Weighted<CommuneRef>;
  agencyByCode: ReadonlyMap<string, AgencyRef>;
  officials(agency: AgencyRef, role: string, sectorCode: string): { real: Official[]; generated: Official[] };
  /** the next code `<agency>-<YYMMDD>-<NNNN>` for the agency on the local day of `at` */
  allocateCode(agencyCode: string, at: number): string;
}

export interface Choice {
  procedure: ProcedureRef;
  version: VersionRef;
  receiving: AgencyRef;
  competent: AgencyRef;
  /** the commune the applicant lives in */
  home: CommuneRef;
  channel: DossierChannel;
  submittedAt: number;
  /** the demo's inboxes: the dossier stops where this officer has to act */
  hold?: Hold;
}

/** A seat's officer has not acted yet: the dossier stays while held by the agency in these statuses (and step role). */
export interface Hold {
  agencyId: string;
  statuses: readonly number[];
  role: string | null;
}

// Rows as the insert statement reads them (snake_case keys = column names, instants as ISO strings).
export interface DossierRow {
  id: string;
  code: string | null;
  procedure_id: string;
  procedure_version_id: string;
  status: number;
  step_key: string | null;
  step_role: string | null;
  channel: DossierChannel;
  applicant: Applicant;
  form_data: Record<string, unknown>;
  helped_agency_id: string | null;
  receiving_agency_id: string;
  competent_agency_id: string;
  holder_agency_id: string;
  holder_agency_path: string;
  submitted_at: string;
  accepted_at: string | null;
  due_at: string | null;
  due_explanation: ExplanationStep[] | null;
  step_due_at: string | null;
  finished_at: string | null;
  returned_at: string | null;
  closed_at: string | null;
  supplement_count: number;
  result: Record<string, unknown> | null;
  tracking_pin: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

export interface EventRow {
  dossier_id: string;
  at: string;
  action: string;
  actor_id: string | null;
  actor_label: string;
  actor_title: string | null;
  from_status: number | null;
  to_status: number;
  from_step: string | null;
  to_step: string | null;
  from_agency_id: string | null;
  to_agency_id: string | null;
  comment: string | null;
  step_due_at: string | null;
  step_timeliness: 'early' | 'on_time' | 'late' | null;
  data: Record<string, unknown>;
}

export interface PauseRow {
  dossier_id: string;
  reason: 'supplement';
  from: string;
  to: string | null;
  data: Record<string, unknown>;
}

export interface RatingRow {
  dossier_id: string;
  score: number;
  criteria: Record<string, number> | null;
  comment: string | null;
  created_at: string;
}

export interface BuiltDossier {
  dossier: DossierRow;
  events: EventRow[];
  pauses: PauseRow[];
  rating: RatingRow | null;
  /** the code's agency and local day, for the counters */
  counter: { agencyCode: string; day: string; last: number } | null;
}
