import { hostname } from 'node:os';
import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, pgArray, queryRows } from '../db/client.ts';
import { wake } from '../db/wake.ts';
import type { Logger } from '../log.ts';
import { jobSchedules, jobs } from './tables.ts';

export { jobs, jobSchedules };

export interface EnqueueOptions {
  runAt?: Date;
  delayMs?: number;
  maxAttempts?: number;
  /** skip when a pending or running job with this key exists */
  singletonKey?: string;
}

/** Adds a job; inside a transaction it becomes visible only if the transaction commits. */
export async function enqueue(
  tx: DbOrTx,
  queue: string,
  payload: Record<string, unknown> = {},
  opts: EnqueueOptions = {},
): Promise<void> {
  await enqueueMany(tx, queue, [{ payload, singletonKey: opts.singletonKey }], opts);
}

/**
 * Adds several jobs of one queue in one statement (with the wake-up notice, at most one per process
 * per WAKE_WINDOW_MS: runners poll every second and keep going while they find work): an outbox subscriber
 * that queues a job per row it writes costs one round trip, not two per row.
 */
export async function enqueueMany(
  tx: DbOrTx,
  queue: string,
  items: readonly { payload: Record<string, unknown>; singletonKey?: string | undefined }[],
  opts: Omit<EnqueueOptions, 'singletonKey'> = {},
): Promise<void> {
  if (items.length === 0) return;
  // Due by the database's clock, which is the one claims compare with (a node's clock may differ).
  const runAt = opts.runAt
    ? sql`${opts.runAt.toISOString()}::timestamptz`
    : sql`now() + (${opts.delayMs ?? 0} * interval '1 millisecond')`;
  // A singleton key of '' stands for none (an array parameter cannot hold a null on both drivers).
  await tx.execute(sql`
    with added as (
      insert into jobs (queue, payload, run_at, max_attempts, singleton_key)
      select ${queue}, t.payload::jsonb, ${runAt}, ${opts.maxAttempts ?? 5}, nullif(t.key, '')
      from unnest(${pgArray(items.map((i) => JSON.stringify(i.payload)))}::text[],
                  ${pgArray(items.map((i) => i.singletonKey ?? ''))}::text[]) as t(payload, key)
      on conflict do nothing
      returning 1)
    select ${wake('cqs_jobs', queue)}`);
}

export interface JobContext {
  id: number;
  attempt: number;
  log: Logger;
}
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<void>;
export type ScheduleHandler = () => Promise<unknown>;

export interface ClaimedJob {
  id: number;
  payload: Record<string, unknown>;
  attempt: number;
}
/**
 * Runs many claimed jobs of one queue at once and says which failed, by job id, with why; the others
 * are done. Throwing fails them all. Each failed job retries on its own, with its own backoff.
 */
export type BatchJobHandler = (jobs: ClaimedJob[], ctx: { log: Logger }) => Promise<Map<number, string>>;

const MAX_BACKOFF_MS = 600_000;
/** Retry delay after the n-th failed attempt: 2 s, 4 s, 8 s … capped at 10 minutes. */
export const backoffMs = (attempt: number) => Math.min(2 ** attempt * 1000, MAX_BACKOFF_MS);

interface ClaimedRow {
  id: number | string;
  queue: string;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
}

interface RunnerOptions {
  database: Database;
  log: Logger;
  pollMs?: number;
  leaseMs?: number;
  batch?: number;
}

/**
 * Runs queued jobs and recurring schedules in this process. Any number of processes may run one:
 * jobs and schedules are claimed with FOR UPDATE SKIP LOCKED, and a crashed worker's lease expires.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  /** queues whose jobs may run side by side in one pass (independent I/O, e.g. webhook deliveries) */
  private concurrency = new Map<string, number>();
  /** queues whose jobs are claimed and handled many at a time (one claim, one completion statement) */
  private batchHandlers = new Map<string, { run: BatchJobHandler; size: number }>();
  private schedules = new Map<string, { intervalMs: number; run: ScheduleHandler }>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private wakeRequested = false;
  private stopListening: (() => Promise<void>) | undefined;
  readonly node = `${hostname()}:${process.pid}`;

  constructor(private readonly opts: RunnerOptions) {}

  handle(queue: string, handler: JobHandler, opts: { concurrency?: number } = {}): void {
    this.handlers.set(queue, handler);
    if (opts.concurrency && opts.concurrency > 1) this.concurrency.set(queue, opts.concurrency);
  }

  /**
   * Jobs of this queue are claimed up to `size` at a time and handed over together; their outcomes
   * are recorded in one statement. For work whose cost per job is mostly round trips (deliveries).
   */
  handleBatch(queue: string, handler: BatchJobHandler, opts: { size?: number } = {}): void {
    this.batchHandlers.set(queue, { run: handler, size: opts.size ?? 100 });
  }

  every(name: string, intervalMs: number, run: ScheduleHandler): void {
    this.schedules.set(name, { intervalMs, run });
  }

  async start(): Promise<void> {
    const { db } = this.opts.database;
    for (const [name, { intervalMs }] of this.schedules) {
      await db
        .insert(jobSchedules)
        .values({ name, intervalMs })
        .onConflictDoUpdate({ target: jobSchedules.name, set: { intervalMs } });
    }
    this.stopped = false;
    this.stopListening = await this.opts.database.listen('cqs_jobs', () => this.wake());
    this.loop();
  }

  /** Runs a pass soon (after an enqueue, or when a schedule should run now). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeRequested = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.loop(), 0);
  }

  private loop(): void {
    if (this.stopped || this.running) return;
    this.running = this.tick()
      .catch((err: Error) => this.opts.log.warn({ err: err.message }, 'job runner pass failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const again = this.wakeRequested;
        this.wakeRequested = false;
        this.timer = setTimeout(() => this.loop(), again ? 0 : (this.opts.pollMs ?? 1000));
      });
  }

  /** One pass: due schedules, then due jobs until none is left. Public for tests. */
  async tick(): Promise<void> {
    await this.runDueSchedules();
    for (;;) {
      const n = await this.runDueJobs();
      if (n === 0) break;
    }
  }

  async runDueSchedules(): Promise<void> {
    const names = [...this.schedules.keys()];
    if (names.length === 0) return;
    const { db } = this.opts.database;
    const due = await queryRows<{ name: string }>(
      db,
      sql`
      update job_schedules s set next_run_at = now() + (s.interval_ms * interval '1 millisecond'), last_run_at = now()
      where s.name in (
        select name from job_schedules
        where next_run_at <= now() and name = any(${pgArray(names)}::text[])
        for update skip locked)
      returning s.name`,
    );
    for (const { name } of due) {
      const schedule = this.schedules.get(name)!;
      try {
        await schedule.run();
        await db.execute(
          sql`update job_schedules set last_error = null where name = ${name} and last_error is not null`,
        );
      } catch (err) {
        this.opts.log.error({ err: (err as Error).message, schedule: name }, 'scheduled run failed');
        await db.execute(
          sql`update job_schedules set last_error = ${(err as Error).message} where name = ${name}`,
        );
      }
    }
  }

  async runDueJobs(): Promise<number> {
    const counts = await Promise.all([
      this.runSingleJobs(),
      ...[...this.batchHandlers].map(([queue, h]) => this.runBatch(queue, h)),
    ]);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Claims up to `limit` due jobs of these queues (or whose worker's lease expired). */
  private async claim(queues: string[], limit: number): Promise<ClaimedRow[]> {
    const leaseMs = this.opts.leaseMs ?? 5 * 60_000;
    return queryRows<ClaimedRow>(
      this.opts.database.db,
      sql`
      update jobs j set status = 'running', attempts = j.attempts + 1, locked_by = ${this.node},
        locked_until = now() + (${leaseMs} * interval '1 millisecond')
      where j.id in (
        select id from jobs
        where queue = any(${pgArray(queues)}::text[])
          and ((status = 'pending' and run_at <= now()) or (status = 'running' and locked_until < now()))
        order by run_at, id
        limit ${limit}
        for update skip locked)
      returning j.id, j.queue, j.payload, j.attempts, j.max_attempts`,
    );
  }

  private async runSingleJobs(): Promise<number> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return 0;
    const { db } = this.opts.database;
    const rows = await this.claim(queues, this.opts.batch ?? 20);
    const run = async (row: ClaimedRow) => {
      const id = Number(row.id);
      const log = this.opts.log.child({ job: id, queue: row.queue });
      try {
        await this.handlers.get(row.queue)!(row.payload, { id, attempt: row.attempts, log });
        await db.execute(
          sql`update jobs set status = 'done', finished_at = now(), locked_until = null where id = ${id}`,
        );
      } catch (err) {
        const message = (err as Error).message ?? String(err);
        const dead = row.attempts >= row.max_attempts;
        log.warn({ err: message, attempt: row.attempts, dead }, 'job failed');
        await db.execute(sql`
          update jobs set status = ${dead ? 'dead' : 'pending'}, last_error = ${message}, locked_until = null,
            run_at = now() + (${backoffMs(row.attempts)} * interval '1 millisecond'),
            finished_at = ${dead ? sql`now()` : sql`null`}
          where id = ${id}`);
      }
    };
    // Jobs of queues that allow it run side by side; the rest one after another, as claimed.
    const width = (row: ClaimedRow) => this.concurrency.get(row.queue) ?? 1;
    const parallel = rows.filter((r) => width(r) > 1);
    for (const row of rows) if (width(row) === 1) await run(row);
    let next = 0;
    const lanes = Math.min(parallel.length, Math.max(1, ...parallel.map(width)));
    await Promise.all(
      Array.from({ length: lanes }, async () => {
        while (next < parallel.length) await run(parallel[next++]!);
      }),
    );
    return rows.length;
  }

  private async runBatch(queue: string, h: { run: BatchJobHandler; size: number }): Promise<number> {
    const rows = await this.claim([queue], h.size);
    if (rows.length === 0) return 0;
    const log = this.opts.log.child({ queue });
    let failed: Map<number, string>;
    try {
      failed = await h.run(
        rows.map((r) => ({ id: Number(r.id), payload: r.payload, attempt: r.attempts })),
        { log },
      );
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      failed = new Map(rows.map((r) => [Number(r.id), message]));
    }
    if (failed.size > 0) log.warn({ failed: failed.size, of: rows.length }, 'jobs failed');
    // One statement: the done ones, and the failed ones back to pending with their backoff (or dead).
    // An error of '' stands for none (an array parameter cannot hold a null on both drivers).
    await this.opts.database.db.execute(sql`
      update jobs j set
        status = case when t.error = '' then 'done' when j.attempts >= j.max_attempts then 'dead' else 'pending' end,
        last_error = case when t.error = '' then j.last_error else t.error end,
        locked_until = null,
        run_at = case when t.error = '' then j.run_at
                      else now() + least(power(2, j.attempts) * 1000, ${MAX_BACKOFF_MS}) * interval '1 millisecond' end,
        finished_at = case when t.error = '' or j.attempts >= j.max_attempts then now() end
      from unnest(${pgArray(rows.map((r) => Number(r.id)))}::bigint[],
                  ${pgArray(rows.map((r) => (failed.has(Number(r.id)) ? failed.get(Number(r.id)) || 'failed' : '')))}::text[]) as t(id, error)
      where j.id = t.id`);
    return rows.length;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.stopListening?.();
    await this.running;
  }
}
