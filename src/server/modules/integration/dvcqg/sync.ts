// Keeping DVCQG in step with the dossiers: every change marks the dossier pending (from the outbox,
// in the dispatch transaction) and queues a job; the job sends the dossier's current state with its
// revision. The portal applies a revision once and refuses older ones, so retries and concurrent
// jobs are safe; a row per dossier says what the portal acknowledged.
import { sql } from 'drizzle-orm';
import { type DbOrTx, pgArray, queryRows } from '../../../platform/db/client.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { dossierRevision, loadDossierRecords } from '../../services/index.ts';
import type { DvcqgClient, SendOutcome } from './client.ts';
import { toNationalDossier } from './payload.ts';

export const SYNC_QUEUE = 'integration.dvcqg_sync';
/** failed tries before a dossier is marked failed (an administrator can re-send it) */
export const MAX_SYNC_ATTEMPTS = 10;
/** requests in flight at once within one job */
const CONCURRENCY = 8;
/** dossiers per job when many are sent at once (reconciliation, re-send of failures) */
export const BATCH = 200;

/** Marks a dossier pending at `revision` (never lowering what is known) — inside the caller's transaction. */
export async function markPending(
  tx: DbOrTx,
  items: readonly { id: string; code: string; revision: number }[],
  opts: { resetAttempts?: boolean } = {},
): Promise<void> {
  if (items.length === 0) return;
  await tx.execute(sql`
    insert into int_dvcqg_sync (dossier_id, code, state, revision, updated_at)
    select id, code, 'pending', revision, now()
    from unnest(${pgArray(items.map((i) => i.id))}::uuid[], ${pgArray(items.map((i) => i.code))}::text[],
                ${pgArray(items.map((i) => i.revision))}::int[]) as t(id, code, revision)
    on conflict (dossier_id) do update set
      revision = greatest(int_dvcqg_sync.revision, excluded.revision),
      state = case when coalesce(int_dvcqg_sync.sent_revision, -1) >= greatest(int_dvcqg_sync.revision, excluded.revision)
                   and ${opts.resetAttempts ? sql`false` : sql`true`}
                   then int_dvcqg_sync.state else 'pending' end,
      attempts = ${opts.resetAttempts ? sql`0` : sql`int_dvcqg_sync.attempts`},
      updated_at = now()`);
}

/** Queues the sending of these dossiers, in jobs of up to BATCH ids. */
export async function queueSync(tx: DbOrTx, ids: readonly string[], revisionKey?: number): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    // One job per dossier and revision: a newer change always gets its own job, a replayed event does not.
    const singletonKey =
      chunk.length === 1 && revisionKey !== undefined ? `dvcqg:${chunk[0]}:${revisionKey}` : undefined;
    await enqueue(tx, SYNC_QUEUE, { ids: chunk }, { maxAttempts: MAX_SYNC_ATTEMPTS, singletonKey });
  }
}

/** Outbox subscriber: a dossier changed; if it has a code, the portal must hear of it. */
export async function onDossierChanged(tx: DbOrTx, dossierId: string, queue: boolean): Promise<void> {
  const d = await dossierRevision(tx, dossierId);
  if (!d?.code || !d.acceptedAt) return; // not accepted yet: nothing the portal tracks
  await markPending(tx, [{ id: dossierId, code: d.code, revision: d.revision }]);
  if (queue) await queueSync(tx, [dossierId], d.revision);
}

interface SyncDeps {
  db: DbOrTx;
  client: DvcqgClient;
  baseUrl: string;
  log: Logger;
}

/**
 * Sends the current state of each dossier. Acknowledged ones are marked synced (or stay pending when
 * the dossier changed meanwhile, and are sent again at once); rejected ones fail for good; the rest
 * are returned to be retried with backoff.
 */
export async function syncDossiers(deps: SyncDeps, ids: readonly string[]): Promise<string[]> {
  const retry: string[] = [];
  let todo = [...ids];
  for (let round = 0; round < 5 && todo.length > 0; round++) {
    const records = await loadDossierRecords(deps.db, todo);
    const again: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < records.length) {
        const r = records[next++]!;
        const d = r.dossier;
        if (!d.code || !d.acceptedAt) continue;
        let outcome: SendOutcome;
        try {
          outcome = await deps.client.send({
            PhienBan: d.revision,
            HoSo: toNationalDossier(r, deps.baseUrl),
          });
        } catch (err) {
          outcome = { kind: 'rejected', error: `mapping: ${(err as Error).message}` };
        }
        const state = await record(deps.db, d.id, d.code, d.revision, d.status, outcome);
        if (state === 'pending' && (outcome.kind === 'acknowledged' || outcome.kind === 'superseded'))
          again.push(d.id);
        else if (state === 'pending') retry.push(d.id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker));
    todo = again;
  }
  return [...retry, ...todo];
}

/** Records one outcome; returns the dossier's sync state afterwards. */
async function record(
  db: DbOrTx,
  id: string,
  code: string,
  revision: number,
  status: number,
  o: SendOutcome,
): Promise<string> {
  const ok = o.kind === 'acknowledged' || o.kind === 'superseded';
  const error = ok ? null : o.error.slice(0, 1000);
  const [row] = await queryRows<{ state: string }>(
    db,
    sql`
    insert into int_dvcqg_sync as s (dossier_id, code, state, revision, sent_revision, sent_status, attempts,
      last_error, last_attempt_at, synced_at, updated_at)
    values (${id}, ${code}, 'pending', ${revision}, ${ok ? revision : null}, ${ok ? status : null},
      ${ok ? 0 : 1}, ${error}, now(), ${ok ? sql`now()` : null}, now())
    on conflict (dossier_id) do update set
      revision = greatest(s.revision, excluded.revision),
      sent_revision = case when ${ok} then greatest(coalesce(s.sent_revision, -1), ${revision}) else s.sent_revision end,
      sent_status = case when ${ok} and ${revision} >= coalesce(s.sent_revision, -1) then ${status}::smallint else s.sent_status end,
      attempts = case when ${ok} then 0 else s.attempts + 1 end,
      last_error = ${error},
      last_attempt_at = now(),
      synced_at = case when ${ok} then now() else s.synced_at end,
      updated_at = now(),
      state = case
        when ${ok} and greatest(s.revision, excluded.revision) <= greatest(coalesce(s.sent_revision, -1), ${revision}) then 'synced'
        when ${o.kind === 'rejected'} or (not ${ok} and s.attempts + 1 >= ${MAX_SYNC_ATTEMPTS}) then 'failed'
        else 'pending' end
    returning state`,
  );
  return row?.state ?? 'pending';
}

/** The job: send a batch; what must be retried goes back to the queue with backoff. */
export async function runSyncJob(deps: SyncDeps, ids: string[]): Promise<void> {
  const retry = await syncDossiers(deps, ids);
  if (retry.length === 0) return;
  if (ids.length === 1) throw new Error(`DVCQG: will retry ${ids[0]}`);
  // A batch's failures retry one by one, so a single unlucky dossier does not resend the batch.
  for (const id of retry)
    await enqueue(deps.db, SYNC_QUEUE, { ids: [id] }, { delayMs: 2_000, maxAttempts: MAX_SYNC_ATTEMPTS });
}

/** Safety net: pending dossiers with no job queued (a change raced a finishing job) get one. */
export async function requeueStalePending(db: DbOrTx): Promise<number> {
  const rows = await queryRows<{ dossier_id: string; revision: number }>(
    db,
    sql`select s.dossier_id, s.revision from int_dvcqg_sync s
        where s.state = 'pending' and s.updated_at < now() - interval '2 minutes'
          and not exists (select 1 from jobs j where j.queue = ${SYNC_QUEUE}
                            and j.status in ('pending', 'running') and j.payload->'ids' ? s.dossier_id::text)
        limit 5000`,
  );
  for (const r of rows) await queueSync(db, [r.dossier_id], r.revision);
  return rows.length;
}

export interface SyncCounts {
  pending: number;
  synced: number;
  failed: number;
}

export async function syncCounts(db: DbOrTx): Promise<SyncCounts> {
  const rows = await queryRows<{ state: keyof SyncCounts; n: number }>(
    db,
    sql`select state, count(*)::int as n from int_dvcqg_sync group by state`,
  );
  const out: SyncCounts = { pending: 0, synced: 0, failed: 0 };
  for (const r of rows) out[r.state] = r.n;
  return out;
}
