// Keeping DVCQG in step with the dossiers: every change marks the dossier pending (from the outbox,
// in the dispatch transaction) and queues a job; the job sends the dossier's current state with its
// revision. The portal applies a revision once and refuses older ones, so retries and concurrent
// jobs are safe; a row per dossier says what the portal acknowledged.
import { sql } from 'drizzle-orm';
import { type DbOrTx, pgArray, queryRows } from '../../../platform/db/client.ts';
import { storableText } from '../../../platform/db/text.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import type { Logger } from '../../../platform/log.ts';
import { dossierRevision, loadDossierRecords } from '../../services/index.ts';
import { recordDossiersSynced } from '../../stats/index.ts';
import type { DvcqgClient, SendOutcome } from './client.ts';
import { toNationalDossier } from './payload.ts';

export const SYNC_QUEUE = 'integration.dvcqg_sync';
/** failed tries before a dossier is marked failed (an administrator can re-send it) */
export const MAX_SYNC_ATTEMPTS = 10;
/** requests in flight at once within one job */
const CONCURRENCY = 8;
/** dossiers per job when many are sent at once (reconciliation, re-send of failures) */
export const BATCH = 200;
/** sync jobs a worker runs side by side (the portal orders by revision, so overlapping jobs are safe) */
export const SYNC_JOBS_AT_ONCE = 4;

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
    const outcomes: Outcome[] = [];
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
        outcomes.push({ id: d.id, code: d.code, revision: d.revision, status: d.status, outcome });
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, records.length) }, worker));
    // One statement records the whole round (a round trip per dossier would cost more than the send).
    const { states, firstSynced } = await recordOutcomes(deps.db, outcomes);
    // The national portal holds these now: the 766 sync coverage counts them (statistics read model).
    if (firstSynced.length) await deps.db.transaction((tx) => recordDossiersSynced(tx, firstSynced));
    const again: string[] = [];
    for (const o of outcomes) {
      if (states.get(o.id) !== 'pending') continue;
      const acknowledged = o.outcome.kind === 'acknowledged' || o.outcome.kind === 'superseded';
      // Acknowledged yet still pending: the dossier changed meanwhile; send it again now.
      (acknowledged ? again : retry).push(o.id);
    }
    todo = again;
  }
  return [...retry, ...todo];
}

interface Outcome {
  id: string;
  code: string;
  revision: number;
  status: number;
  outcome: SendOutcome;
}

/**
 * Records the outcomes of a round; returns each dossier's sync state afterwards, and the dossiers the
 * portal acknowledged for the first time.
 */
async function recordOutcomes(
  db: DbOrTx,
  outcomes: readonly Outcome[],
): Promise<{ states: Map<string, string>; firstSynced: string[] }> {
  if (outcomes.length === 0) return { states: new Map(), firstSynced: [] };
  const col = <T extends string | number>(f: (o: Outcome) => T) => pgArray(outcomes.map(f));
  const isOk = (o: Outcome) => (o.outcome.kind === 'acknowledged' || o.outcome.kind === 'superseded' ? 1 : 0);
  // The portal's error texts are recorded as they came, mended where the database cannot store them.
  const rows = await queryRows<{ dossier_id: string; state: string; first: boolean }>(
    db,
    sql`
    with before as (
      select dossier_id, sent_revision from int_dvcqg_sync
      where dossier_id = any(${col((o) => o.id)}::uuid[])),
    recorded as (
    insert into int_dvcqg_sync as s (dossier_id, code, state, revision, sent_revision, sent_status, attempts,
      last_error, last_attempt_at, synced_at, updated_at)
    select t.id, t.code,
      case when t.ok = 1 then 'synced' when t.rejected = 1 then 'failed' else 'pending' end, t.revision,
      case when t.ok = 1 then t.revision end, case when t.ok = 1 then t.status end,
      1 - t.ok, nullif(t.error, ''), now(), case when t.ok = 1 then now() end, now()
    from unnest(${col((o) => o.id)}::uuid[], ${col((o) => o.code)}::text[], ${col((o) => o.revision)}::int[],
                ${col((o) => o.status)}::smallint[], ${col(isOk)}::int[],
                ${col((o) => (o.outcome.kind === 'rejected' ? 1 : 0))}::int[],
                ${col((o) => ('error' in o.outcome ? storableText(o.outcome.error, 1000) : ''))}::text[])
      as t(id, code, revision, status, ok, rejected, error)
    on conflict (dossier_id) do update set
      revision = greatest(s.revision, excluded.revision),
      sent_revision = case when excluded.sent_revision is not null
                           then greatest(coalesce(s.sent_revision, -1), excluded.sent_revision) else s.sent_revision end,
      sent_status = case when excluded.sent_revision is not null and excluded.sent_revision >= coalesce(s.sent_revision, -1)
                         then excluded.sent_status else s.sent_status end,
      attempts = case when excluded.sent_revision is not null then 0 else s.attempts + 1 end,
      last_error = excluded.last_error,
      last_attempt_at = now(),
      synced_at = coalesce(excluded.synced_at, s.synced_at),
      updated_at = now(),
      state = case
        when excluded.sent_revision is not null
             and greatest(s.revision, excluded.revision) <= greatest(coalesce(s.sent_revision, -1), excluded.sent_revision)
          then 'synced'
        when excluded.sent_revision is not null then 'pending'
        -- a rule violation (the proposed state says so) or the last allowed try
        when excluded.state = 'failed' or s.attempts + 1 >= ${MAX_SYNC_ATTEMPTS} then 'failed'
        else 'pending' end
    returning s.dossier_id, s.state, s.sent_revision)
    select r.dossier_id, r.state, (r.sent_revision is not null and b.sent_revision is null) as first
    from recorded r left join before b on b.dossier_id = r.dossier_id`,
  );
  return {
    states: new Map(rows.map((r) => [r.dossier_id, r.state])),
    firstSynced: rows.filter((r) => r.first).map((r) => r.dossier_id),
  };
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
