// The event-stream hub over real HTTP connections: order, catch-up after reconnect without loss or
// duplicates, access per event, topics, backpressure and caps. The outbox is stood in for by a list
// (the platform tests in sse.test.ts and realtime-revocation.test.ts run it on the real database).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/server/platform/access.ts';
import type { Audience, StoredEvent } from '../../src/server/platform/events/index.ts';
import { createLogger } from '../../src/server/platform/log.ts';
import { type HubLimits, RealtimeHub, type SessionCheck } from '../../src/server/platform/realtime/index.ts';
import { openStream, sleep } from '../helpers/sse.ts';

const ROOT = '/r/';
const WARD = '/r/ward/';
const people: Record<string, Principal> = {
  clerk: {
    userId: 'u-clerk',
    kind: 'official',
    fullName: 'Cán bộ một cửa',
    locale: 'vi',
    memberships: [
      { agencyId: 'ward', agencyPath: WARD, roleCode: 'clerk', permissions: ['dossiers.receive'] },
    ],
    sessionTokenHash: 's-clerk',
  },
  leader: {
    userId: 'u-leader',
    kind: 'official',
    fullName: 'Lãnh đạo',
    locale: 'vi',
    memberships: [{ agencyId: 'root', agencyPath: ROOT, roleCode: 'leader', permissions: ['stats.read'] }],
    sessionTokenHash: 's-leader',
  },
  citizen: { userId: 'u-citizen', kind: 'citizen', fullName: 'Công dân', locale: 'vi', memberships: [] },
};

interface Rig {
  hub: RealtimeHub;
  base: string;
  outbox: StoredEvent[];
  publish(id: number, audience?: Audience, extra?: Partial<StoredEvent>): StoredEvent;
  close(): Promise<void>;
}

const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

/** A hub behind a plain HTTP server; the cookie names the person (`who=clerk`). */
async function rig(
  limits: Partial<HubLimits> = {},
  checkSession?: SessionCheck,
  since?: (afterId: number, limit: number) => Promise<StoredEvent[]>,
): Promise<Rig> {
  const outbox: StoredEvent[] = [];
  const hub = new RealtimeHub(
    {
      since: since ?? (async (after, limit) => outbox.filter((e) => e.id > after).slice(0, limit)),
      checkSession: checkSession ?? (async () => null),
      log: createLogger('silent'),
    },
    limits,
  );
  const server = http.createServer((req, res) => {
    const who = /who=(\w+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'citizen';
    const principal = people[who]!;
    const url = new URL(req.url!, 'http://x');
    const last = req.headers['last-event-id'];
    const ok = hub.open(res, {
      principal,
      sessionKey: principal.sessionTokenHash,
      topics: url.searchParams.get('topics')?.split(',') ?? null,
      lastEventId: typeof last === 'string' ? Number(last) : null,
    });
    if (!ok) res.writeHead(503).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const r: Rig = {
    hub,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    outbox,
    publish(id, audience = { public: true }, extra = {}) {
      const e: StoredEvent = {
        id,
        type: 'test.happened',
        aggregateType: 'test',
        aggregateId: null,
        payload: { n: id },
        audience,
        createdAt: new Date(),
        ...extra,
      };
      outbox.push(e);
      hub.publish(e);
      return e;
    },
    async close() {
      hub.stop();
      server.closeAllConnections();
      await new Promise((res) => server.close(res));
    },
  };
  rigs.push(r);
  return r;
}

const live = async (r: Rig, s: Awaited<ReturnType<typeof openStream>>) => {
  expect(s.status).toBe(200);
  await expect.poll(() => r.hub.snapshot().streams).toBeGreaterThan(0);
};

describe('event-stream hub', () => {
  it('delivers in broadcast order and catches a reconnecting stream up from memory, without duplicates', async () => {
    const r = await rig();
    const a = await openStream(r.base);
    await live(r, a);
    for (const id of [1, 2, 3, 5, 4]) r.publish(id); // 5 committed before 4: broadcast order wins
    await expect.poll(() => a.ids()).toEqual([1, 2, 3, 5, 4]);
    a.close();
    // Reconnects having seen up to 5: it gets 4 (broadcast after 5), then what follows, once each.
    const b = await openStream(r.base, { lastEventId: '5' });
    await expect.poll(() => b.ids()).toEqual([4]);
    r.publish(6);
    r.publish(6); // delivered at least once upstream: once here
    await expect.poll(() => b.ids()).toEqual([4, 6]);
    await sleep(50);
    expect(b.ids()).toEqual([4, 6]);
    expect(r.hub.snapshot().catchUpQueries).toBe(0);
  });

  it('registers a stream before its catch-up from the database: no event between the two is lost or doubled', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((res) => {
      release = res;
    });
    const r = await rig({ ringSize: 3 }, undefined, async (after, limit) => {
      await gate; // the query is slow: events are broadcast meanwhile
      return r.outbox.filter((e) => e.id > after).slice(0, limit);
    });
    for (let id = 1; id <= 10; id++) r.publish(id); // the ring keeps 8, 9, 10
    const s = await openStream(r.base, { lastEventId: '2' });
    await live(r, s);
    r.publish(11);
    r.publish(12);
    await sleep(50);
    expect(s.ids()).toEqual([]); // held until the catch-up is written
    release();
    await expect.poll(() => s.ids()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    r.publish(13);
    await expect.poll(() => s.ids()).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it('shares one catch-up query among the streams that reconnect while one runs', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((res) => {
      release = res;
    });
    const r = await rig({ ringSize: 2 }, undefined, async (after, limit) => {
      await gate;
      return r.outbox.filter((e) => e.id > after).slice(0, limit);
    });
    for (let id = 1; id <= 6; id++) r.publish(id);
    const streams = await Promise.all([1, 2, 3].map((id) => openStream(r.base, { lastEventId: String(id) })));
    await expect.poll(() => r.hub.snapshot().streams).toBe(3);
    release();
    await expect
      .poll(() => streams.map((s) => s.ids()))
      .toEqual([
        [2, 3, 4, 5, 6],
        [3, 4, 5, 6],
        [4, 5, 6],
      ]);
    expect(r.hub.snapshot().catchUpQueries).toBe(2); // the first, then one for the two that waited
  });

  it('tells a stream too far behind to resync', async () => {
    const r = await rig({ ringSize: 2, catchUpLimit: 3 });
    for (let id = 1; id <= 10; id++) r.publish(id);
    const s = await openStream(r.base, { lastEventId: '1' });
    await expect.poll(() => s.frames.map((f) => f.event)).toContain('resync');
    expect(s.ids()).toEqual([]);
  });

  it('checks access per event for each stream', async () => {
    const r = await rig();
    const clerk = await openStream(r.base, { cookie: 'who=clerk' });
    const leader = await openStream(r.base, { cookie: 'who=leader' });
    const citizen = await openStream(r.base, { cookie: 'who=citizen' });
    await expect.poll(() => r.hub.snapshot().streams).toBe(3);
    r.publish(1, { permission: 'dossiers.receive', agencyPaths: ['/r/ward/x/'] }); // clerk: ward covers it
    r.publish(2, { permission: 'dossiers.receive', agencyPaths: ['/r/other/'] }); // nobody
    r.publish(3, { agencyPaths: ['/r/ward/'] }); // any membership covering: clerk, leader
    r.publish(4, { userIds: ['u-citizen'] });
    r.publish(5, { permission: 'stats.read' });
    r.publish(6, {}); // no audience: nobody
    r.publish(7, { public: true });
    await expect.poll(() => citizen.ids()).toEqual([4, 7]);
    await expect.poll(() => clerk.ids()).toEqual([1, 3, 7]);
    await expect.poll(() => leader.ids()).toEqual([3, 5, 7]);
  });

  it('sends a stream only its topics, each event once, still checked against the audience', async () => {
    const r = await rig();
    const wall = await openStream(r.base, {
      cookie: 'who=clerk',
      query: '?topics=operations.wall,meeting:7,operations',
    });
    await live(r, wall);
    r.publish(
      1,
      { public: true },
      { type: 'operations.wall.updated', aggregateType: 'wall', aggregateId: '1' },
    );
    r.publish(
      2,
      { public: true },
      { type: 'meetings.vote_opened', aggregateType: 'meeting', aggregateId: '7' },
    );
    r.publish(
      3,
      { public: true },
      { type: 'meetings.vote_opened', aggregateType: 'meeting', aggregateId: '8' },
    );
    r.publish(
      4,
      { userIds: ['someone-else'] },
      { type: 'operations.alert', aggregateType: 'wall', aggregateId: '1' },
    );
    r.publish(
      5,
      { public: true },
      { type: 'services.dossier_changed', aggregateType: 'dossier', aggregateId: '7' },
    );
    r.publish(6, { public: true }, { type: 'operations.alert', aggregateType: 'wall', aggregateId: '2' });
    await expect.poll(() => wall.ids()).toEqual([1, 2, 6]);
  });

  it('drops a stalled stream once its unsent bytes pass the bound, and the others keep receiving', async () => {
    const r = await rig({ maxBufferedPerStream: 256 * 1024 });
    const reader = await openStream(r.base, { cookie: 'who=leader' });
    // A reader that stops reading: a raw request whose response is never consumed.
    const stalled = http.get(
      `${r.base}/api/events`,
      { agent: false, headers: { cookie: 'who=clerk' } },
      (res) => res.pause(),
    );
    stalled.on('error', () => {});
    await expect.poll(() => r.hub.snapshot().streams).toBe(2);
    const big = 'x'.repeat(16 * 1024);
    let id = 0;
    // Enough for the kernel buffers to fill (several MB on loopback), then the server's bound; paced
    // so that the reader in this process keeps up.
    while (r.hub.snapshot().dropped === 0 && id < 4_000) {
      r.publish(++id, { public: true }, { payload: { big } });
      if (id % 4 === 0) await sleep(20);
    }
    expect(r.hub.snapshot().dropped).toBe(1);
    expect(r.hub.snapshot().streams).toBe(1);
    await expect.poll(() => reader.ids().length, { timeout: 10_000 }).toBe(id);
    stalled.destroy();
  });

  it('caps streams per user (the oldest closes) and per node (refused)', async () => {
    const r = await rig({ maxStreamsPerUser: 2, maxStreams: 3 });
    const first = await openStream(r.base, { cookie: 'who=clerk' });
    const second = await openStream(r.base, { cookie: 'who=clerk' });
    await expect.poll(() => r.hub.snapshot().streams).toBe(2);
    const third = await openStream(r.base, { cookie: 'who=clerk' });
    await expect.poll(() => first.isEnded()).toBe(true);
    expect(second.isEnded()).toBe(false);
    expect(third.status).toBe(200);
    await openStream(r.base, { cookie: 'who=leader' });
    const refused = await openStream(r.base, { cookie: 'who=citizen' });
    expect(refused.status).toBe(503);
  });

  it('heartbeats carry the newest id, so a stream that saw none of the recent events resumes from there', async () => {
    const r = await rig({ heartbeatMs: 50 });
    const citizen = await openStream(r.base, { cookie: 'who=citizen' });
    await live(r, citizen);
    for (let id = 1; id <= 5; id++) r.publish(id, { userIds: ['u-leader'] });
    await expect.poll(() => citizen.lastEventId()).toBe('5');
    expect(citizen.ids()).toEqual([]);
  });

  it('holds a stream while its session is read again after a revocation, then continues with the new rights or ends', async () => {
    let clerk: Principal | null = people.clerk!;
    let release: () => void = () => {};
    const r = await rig({}, async () => {
      await new Promise<void>((res) => {
        release = res;
      });
      return clerk ? { principal: clerk, validUntil: Date.now() + 60_000 } : null;
    });
    const s = await openStream(r.base, { cookie: 'who=clerk' });
    await live(r, s);
    r.publish(1, { permission: 'dossiers.receive' });
    await expect.poll(() => s.ids()).toEqual([1]);
    // The clerk loses the permission: nothing it allowed is written while the session is re-read.
    clerk = { ...people.clerk!, memberships: [] };
    r.hub.revoke('u-clerk');
    r.publish(2, { permission: 'dossiers.receive' });
    r.publish(3, { public: true });
    await sleep(50);
    expect(s.ids()).toEqual([1]);
    release();
    await expect.poll(() => s.ids()).toEqual([1, 3]);
    // Signed out: the stream ends.
    clerk = null;
    r.hub.revoke('u-clerk');
    await sleep(10);
    release();
    await expect.poll(() => s.isEnded()).toBe(true);
    expect(r.hub.snapshot().streams).toBe(0);
  });
});
