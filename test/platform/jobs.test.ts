import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { backoffMs, enqueue, JobRunner } from '../../src/server/platform/jobs/index.ts';
import { createLogger } from '../../src/server/platform/log.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const log = createLogger('silent');
const runner = () => new JobRunner({ database: t.platform.deps.database, log });
const jobRow = (queue: string) =>
  queryRows<{ status: string; attempts: number; last_error: string | null; run_at: Date }>(
    t.platform.deps.db,
    sql`select status, attempts, last_error, run_at from jobs where queue = ${queue} order by id`,
  );

describe('job queue', () => {
  it('runs jobs of a queue that allows it side by side, and the others one at a time', async () => {
    const r = runner();
    const widest: Record<string, number> = {};
    const busy: Record<string, number> = {};
    const work = (queue: string) => async () => {
      busy[queue] = (busy[queue] ?? 0) + 1;
      widest[queue] = Math.max(widest[queue] ?? 0, busy[queue]!);
      await new Promise((resolve) => setTimeout(resolve, 20));
      busy[queue]!--;
    };
    r.handle('t.wide', work('t.wide'), { concurrency: 4 });
    r.handle('t.narrow', work('t.narrow'));
    for (let i = 0; i < 8; i++) {
      await enqueue(t.platform.deps.db, 't.wide', { i });
      await enqueue(t.platform.deps.db, 't.narrow', { i });
    }
    await r.tick();
    expect(widest).toEqual({ 't.wide': 4, 't.narrow': 1 });
    expect((await jobRow('t.wide')).every((j) => j.status === 'done')).toBe(true);
    expect((await jobRow('t.narrow')).every((j) => j.status === 'done')).toBe(true);
  });

  it('hands a batch queue its jobs together and records each outcome: done, retried with backoff, dead', async () => {
    const { db } = t.platform.deps;
    const r = runner();
    const batches: number[][] = [];
    r.handleBatch(
      't.batch',
      async (jobs) => {
        batches.push(jobs.map((j) => Number(j.payload.n)));
        if (jobs.some((j) => j.payload.n === 'boom')) throw new Error('all of them');
        return new Map(
          jobs.filter((j) => Number(j.payload.n) % 2 === 1).map((j) => [j.id, `odd ${j.payload.n}`]),
        );
      },
      { size: 5 },
    );
    for (let n = 0; n < 8; n++) await enqueue(db, 't.batch', { n }, { maxAttempts: 2 });
    await r.tick();
    expect(batches.map((b) => b.length)).toEqual([5, 3]);
    let rows = await jobRow('t.batch');
    expect(rows.map((j) => j.status)).toEqual([
      'done',
      'pending',
      'done',
      'pending',
      'done',
      'pending',
      'done',
      'pending',
    ]);
    expect(rows[1]).toMatchObject({ attempts: 1, last_error: 'odd 1' });
    expect(new Date(rows[1]!.run_at).getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 1500);
    await db.execute(sql`update jobs set run_at = now() where queue = 't.batch' and status = 'pending'`);
    await r.tick();
    expect(batches.at(-1)!.sort()).toEqual([1, 3, 5, 7]);
    rows = await jobRow('t.batch');
    expect(rows.filter((j) => j.status === 'dead').map((j) => j.attempts)).toEqual([2, 2, 2, 2]);
    // A handler that throws fails the whole batch.
    await enqueue(db, 't.batch', { n: 'boom' });
    await r.tick();
    expect((await jobRow('t.batch')).at(-1)).toMatchObject({ status: 'pending', last_error: 'all of them' });
  });

  it('runs a job committed with a transaction, and none from a rolled-back one', async () => {
    const seen: unknown[] = [];
    const r = runner();
    r.handle('t.commit', async (p) => {
      seen.push(p.n);
    });
    await t.platform.deps.db.transaction((tx) => enqueue(tx, 't.commit', { n: 1 }));
    await t.platform.deps.db
      .transaction(async (tx) => {
        await enqueue(tx, 't.commit', { n: 2 });
        throw new Error('rollback');
      })
      .catch(() => {});
    await r.tick();
    expect(seen).toEqual([1]);
    expect((await jobRow('t.commit')).map((j) => j.status)).toEqual(['done']);
  });

  it('retries with backoff, then gives up as dead', async () => {
    const r = runner();
    let calls = 0;
    r.handle('t.fail', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    await enqueue(t.platform.deps.db, 't.fail', {}, { maxAttempts: 2 });
    await r.tick();
    let [job] = await jobRow('t.fail');
    expect(job).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1' });
    expect(new Date(job!.run_at).getTime()).toBeGreaterThan(Date.now() + backoffMs(1) - 1500);
    await t.platform.deps.db.execute(sql`update jobs set run_at = now() where queue = 't.fail'`);
    await r.tick();
    [job] = await jobRow('t.fail');
    expect(job).toMatchObject({ status: 'dead', attempts: 2, last_error: 'boom 2' });
    expect(calls).toBe(2);
  });

  it('keeps one pending job per singleton key', async () => {
    for (let i = 0; i < 3; i++) await enqueue(t.platform.deps.db, 't.single', { i }, { singletonKey: 'k1' });
    expect(await jobRow('t.single')).toHaveLength(1);
  });

  it('runs a job whose worker died once its lease expires', async () => {
    await enqueue(t.platform.deps.db, 't.lease', {});
    await t.platform.deps.db.execute(
      sql`update jobs set status = 'running', attempts = 1, locked_by = 'dead-node', locked_until = now() - interval '1 second' where queue = 't.lease'`,
    );
    const r = runner();
    let ran = 0;
    r.handle('t.lease', async () => {
      ran++;
    });
    await r.tick();
    expect(ran).toBe(1);
    expect((await jobRow('t.lease'))[0]).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('two runners never run the same job twice', async () => {
    const ran: number[] = [];
    const a = runner();
    const b = runner();
    for (const r of [a, b])
      r.handle('t.race', async (p) => {
        ran.push(Number(p.n));
        await new Promise((res) => setTimeout(res, 2));
      });
    for (let n = 0; n < 40; n++) await enqueue(t.platform.deps.db, 't.race', { n });
    await Promise.all([a.tick(), b.tick()]);
    expect(ran.sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('runs a due schedule once per interval across runners', async () => {
    let count = 0;
    const a = runner();
    const b = runner();
    for (const r of [a, b])
      r.every('t.every', 60_000, async () => {
        count++;
      });
    await a.start();
    await b.start();
    await Promise.all([a.tick(), b.tick()]);
    await a.stop();
    await b.stop();
    expect(count).toBe(1);
  });
});
