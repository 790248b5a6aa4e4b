import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';

const VN_OFFSET_MS = 7 * 60 * 60_000;

/**
 * The next dossier code `<agency id>-<YYMMDD>-<NNNN>` (Circular 03/2025). The counter row for the agency
 * and day is incremented with one UPDATE … RETURNING, so concurrent transactions on any node wait for
 * each other on that row and never share a number. At least four digits, more after 9999.
 */
export async function nextDossierCode(tx: DbOrTx, agencyCode: string, at: Date): Promise<string> {
  const local = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  const day = local.slice(0, 10);
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`insert into svc_dossier_counters (agency_code, day, last) values (${agencyCode}, ${day}, 1)
        on conflict (agency_code, day) do update set last = svc_dossier_counters.last + 1
        returning last`,
  );
  const yymmdd = `${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}`;
  return `${agencyCode}-${yymmdd}-${String(row!.last).padStart(4, '0')}`;
}
