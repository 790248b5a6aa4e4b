import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/platform/access.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { WAKE_WINDOW_MS } from '../../src/server/platform/db/wake.ts';
import { PgDialect } from 'drizzle-orm/pg-core';
import { canSee, emit, outboxWake, type StoredEvent } from '../../src/server/platform/events/index.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
});
afterAll(() => t.close());

const official = (path: string, permissions: string[]): Principal => ({
  userId: 'u1',
  kind: 'official',
  fullName: 'A',
  locale: 'vi',
  memberships: [{ agencyId: 'a', agencyPath: path, roleCode: 'r', permissions }],
});

describe('event visibility', () => {
  it('shows public events to everyone and scoped ones only to covering memberships', () => {
    expect(canSee(null, { public: true })).toBe(true);
    expect(canSee(null, { userIds: ['u1'] })).toBe(false);
    expect(canSee(official('/r/', []), { userIds: ['u1'] })).toBe(true);
    const agency = { agencyPaths: ['/r/d/x/'], permission: 'p' };
    expect(canSee(official('/r/d/', ['p']), agency)).toBe(true);
    expect(canSee(official('/r/d/', ['q']), agency)).toBe(false);
    expect(canSee(official('/r/e/', ['p']), agency)).toBe(false);
    expect(canSee(official('/r/d/x/y/', ['p']), agency)).toBe(false);
    expect(canSee(official('/r/e/', ['p']), { permission: 'p' })).toBe(true);
  });
});

describe('outbox dispatch', () => {
  it('delivers a committed event to subscribers and broadcast listeners, and drops a rolled-back one', async () => {
    const { bus, db } = t.platform.deps;
    const got: string[] = [];
    const broadcast: StoredEvent[] = [];
    bus.subscribe('test.ok', async (e) => {
      got.push(String(e.payload.n));
    });
    const off = bus.onBroadcast((e) => {
      if (e.type === 'test.ok') broadcast.push(e);
    });
    await db.transaction((tx) => emit(tx, { type: 'test.ok', aggregateType: 't', payload: { n: 1 } }));
    await db
      .transaction(async (tx) => {
        await emit(tx, { type: 'test.ok', aggregateType: 't', payload: { n: 2 } });
        tx.rollback();
      })
      .catch(() => {});
    await bus.kick();
    await expect.poll(() => broadcast.length).toBe(1);
    off();
    expect(got).toEqual(['1']);
    expect(broadcast[0]!.payload).toEqual({ n: 1 });
  });

  it('retries an event whose subscriber fails, without re-running the ones that succeeded in the batch', async () => {
    const { bus, db } = t.platform.deps;
    // Twice: once in the batch's shared savepoint, once in its own; the others then succeed on their own.
    let fails = 2;
    const seen: number[] = [];
    bus.subscribe('test.flaky', async (e) => {
      seen.push(Number(e.payload.n));
      if (e.payload.n === 2 && fails-- > 0) throw new Error('flaky');
    });
    await db.transaction(async (tx) => {
      for (const n of [1, 2, 3]) await emit(tx, { type: 'test.flaky', aggregateType: 't', payload: { n } });
    });
    await bus.kick();
    expect(seen).toEqual([1, 2, 1, 2, 3]);
    const [pending] = await queryRows<{ attempts: number; last_error: string }>(
      db,
      sql`select attempts, last_error from outbox_events where type = 'test.flaky' and dispatched_at is null`,
    );
    expect(pending).toMatchObject({ attempts: 1, last_error: 'flaky' });
    await db.execute(sql`update outbox_events set next_attempt_at = now() where type = 'test.flaky'`);
    await bus.kick();
    expect(seen).toEqual([1, 2, 1, 2, 3, 2]);
    const left = await queryRows(
      db,
      sql`select 1 from outbox_events where type = 'test.flaky' and dispatched_at is null`,
    );
    expect(left).toHaveLength(0);
  });
});

describe('wake-ups', () => {
  let w: TestPlatform;
  beforeAll(async () => {
    w = await startTestPlatform({ workers: true });
  });
  afterAll(() => w.close());

  it('keeps polling after a wake-up, so events written without a NOTIFY are dispatched at once', async () => {
    const { bus, db } = w.platform.deps;
    const got: number[] = [];
    bus.subscribe('test.burst', async (e) => {
      got.push(Number(e.payload.n));
    });
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // past the start-up dispatch and any wake window
    await db.transaction((tx) => emit(tx, { type: 'test.burst', aggregateType: 't', payload: { n: 1 } }));
    await expect.poll(() => got.length, { timeout: 2_000, interval: 10 }).toBe(1);
    // As a writer inside the wake window leaves it: the row, no NOTIFY.
    await db.execute(
      sql`insert into outbox_events (type, aggregate_type, payload) values ('test.burst', 't', '{"n": 2}')`,
    );
    // Well before the 5-second safety-net dispatch.
    await expect.poll(() => got.length, { timeout: 2_000, interval: 10 }).toBe(2);
    expect(got).toEqual([1, 2]);
  });

  it('sends one NOTIFY per wake window', () => {
    const rendered = () => new PgDialect().sqlToQuery(outboxWake()).sql;
    sleepPast(WINDOW);
    expect(rendered()).toContain('pg_notify');
    expect(rendered()).toBe('null');
    sleepPast(WINDOW);
    expect(rendered()).toContain('pg_notify');
  });
});

const WINDOW = WAKE_WINDOW_MS;
/** Busy-waits (the window is read from Date.now()). */
function sleepPast(ms: number) {
  const until = Date.now() + ms + 5;
  while (Date.now() < until);
}
