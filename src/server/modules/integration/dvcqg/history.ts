// The demo history's sync states (issue 11, item 18): the national portal acknowledged nearly every
// accepted dossier of the generated history at its last revision; a few failed after their tries (an
// administrator re-sends them from the sync page) and those changed in the last hour before the
// history ends are still pending. Sync coverage in the statistics counts the acknowledged ones.
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../../platform/db/client.ts';
import type { HistoricalDossier } from '../../services/index.ts';
import { recordDossiersSynced } from '../../stats/index.ts';
import { MAX_SYNC_ATTEMPTS } from './sync.ts';

const FAILED_SHARE = 0.004;
const HOUR_MS = 3_600_000;

/** A stable number in [0, 1) from the dossier's id. */
const draw = (id: string) => Number.parseInt(id.replaceAll('-', '').slice(0, 8), 16) / 2 ** 32;

export async function seedSyncHistory(db: Db, dossiers: readonly HistoricalDossier[]): Promise<void> {
  const coded = dossiers.filter((d) => d.code !== null && d.acceptedAt !== null);
  if (coded.length === 0) return;
  const latest = Math.max(...dossiers.map((d) => d.updatedAt.getTime()));
  const rows = coded.map((d) => {
    const state =
      draw(d.id) < FAILED_SHARE ? 'failed' : d.updatedAt.getTime() > latest - HOUR_MS ? 'pending' : 'synced';
    const at = new Date(d.updatedAt.getTime() + 2 * 60_000).toISOString();
    return {
      dossier_id: d.id,
      code: d.code,
      state,
      revision: d.revision,
      // what the portal holds: the last revision for the acknowledged, the one before for the others
      sent_revision: state === 'synced' ? d.revision : d.revision > 1 ? d.revision - 1 : null,
      sent_status: state === 'synced' ? d.status : null,
      attempts: state === 'failed' ? MAX_SYNC_ATTEMPTS : state === 'synced' ? 1 : 0,
      last_error: state === 'failed' ? 'HTTP 503' : null,
      last_attempt_at: state === 'pending' ? null : at,
      synced_at: state === 'synced' ? at : null,
      updated_at: at,
    };
  });
  await queryRows(
    db,
    sql`insert into int_dvcqg_sync (dossier_id, code, state, revision, sent_revision, sent_status, attempts,
          last_error, last_attempt_at, synced_at, updated_at)
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as x(dossier_id uuid, code text,
          state text, revision integer, sent_revision integer, sent_status smallint, attempts integer,
          last_error text, last_attempt_at timestamptz, synced_at timestamptz, updated_at timestamptz)
        on conflict do nothing
        returning 1`,
  );
  const synced = rows.filter((r) => r.sent_revision !== null).map((r) => r.dossier_id);
  await db.transaction((tx) => recordDossiersSynced(tx, synced, { recount: false }));
}
