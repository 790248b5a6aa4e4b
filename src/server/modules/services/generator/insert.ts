// Writes one batch of generated history in ONE statement: each table's rows travel as one JSON
// parameter, unpacked by jsonb_to_recordset into a multi-row INSERT; the statement is atomic, so a
// batch is all there or not at all. No audit or outbox row per dossier (history is not news).
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../../platform/db/client.ts';
import type { DossierRow, EventRow, PauseRow, RatingRow } from './types.ts';

export interface Batch {
  dossiers: DossierRow[];
  events: EventRow[];
  pauses: PauseRow[];
  ratings: RatingRow[];
  counters: { agency_code: string; day: string; last: number }[];
}

export const emptyBatch = (): Batch => ({ dossiers: [], events: [], pauses: [], ratings: [], counters: [] });

const DOSSIER_COLUMNS = `id uuid, code text, procedure_id uuid, procedure_version_id uuid, status smallint,
  step_key text, step_role text, channel text, applicant jsonb, form_data jsonb, helped_agency_id uuid,
  receiving_agency_id uuid, competent_agency_id uuid, holder_agency_id uuid, holder_agency_path text,
  submitted_at timestamptz, accepted_at timestamptz, due_at timestamptz, due_explanation jsonb,
  step_due_at timestamptz, finished_at timestamptz, returned_at timestamptz, closed_at timestamptz,
  supplement_count smallint, result jsonb, tracking_pin text, revision integer, created_at timestamptz,
  updated_at timestamptz`;
const EVENT_COLUMNS = `dossier_id uuid, at timestamptz, action text, actor_id uuid, actor_label text,
  actor_title text, from_status smallint, to_status smallint, from_step text, to_step text,
  from_agency_id uuid, to_agency_id uuid, comment text, step_due_at timestamptz, step_timeliness text,
  data jsonb`;

const names = (columns: string) =>
  columns
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0]!)
    .join(', ');

const DOSSIER_LIST = sql.raw(names(DOSSIER_COLUMNS));
const EVENT_LIST = sql.raw(names(EVENT_COLUMNS));

/** Inserts the batch and raises the code counters to the highest number used (never lowers them). */
export async function insertBatch(db: DbOrTx, b: Batch): Promise<void> {
  if (b.dossiers.length === 0) return;
  await queryRows(
    db,
    sql`with d as (
      insert into svc_dossiers (${DOSSIER_LIST})
      select ${DOSSIER_LIST} from jsonb_to_recordset(${JSON.stringify(b.dossiers)}::jsonb) as x(${sql.raw(DOSSIER_COLUMNS)})
      returning 1
    ), e as (
      insert into svc_dossier_events (${EVENT_LIST})
      select ${EVENT_LIST} from jsonb_to_recordset(${JSON.stringify(b.events)}::jsonb) as x(${sql.raw(EVENT_COLUMNS)})
      returning 1
    ), p as (
      insert into svc_dossier_pauses (dossier_id, reason, "from", "to", data)
      select dossier_id, reason, "from", "to", data
      from jsonb_to_recordset(${JSON.stringify(b.pauses)}::jsonb)
        as x(dossier_id uuid, reason text, "from" timestamptz, "to" timestamptz, data jsonb)
      returning 1
    ), r as (
      insert into svc_ratings (dossier_id, score, criteria, comment, created_at)
      select dossier_id, score, criteria, comment, created_at
      from jsonb_to_recordset(${JSON.stringify(b.ratings)}::jsonb)
        as x(dossier_id uuid, score smallint, criteria jsonb, comment text, created_at timestamptz)
      returning 1
    ), c as (
      insert into svc_dossier_counters (agency_code, day, last)
      select agency_code, day, last
      from jsonb_to_recordset(${JSON.stringify(b.counters)}::jsonb) as x(agency_code text, day date, last integer)
      on conflict (agency_code, day) do update set last = greatest(svc_dossier_counters.last, excluded.last)
      returning 1
    )
    select (select count(*) from d) as dossiers, (select count(*) from e) as events,
           (select count(*) from p) as pauses, (select count(*) from r) as ratings,
           (select count(*) from c) as counters`,
  );
}
