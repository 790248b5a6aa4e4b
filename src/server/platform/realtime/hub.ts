import type { ServerResponse } from 'node:http';
import type { Principal } from '../access.ts';
import type { StoredEvent } from '../events/index.ts';
import type { Logger } from '../log.ts';
import { compileAudience } from './audience.ts';
import { type Frame, FrameRing } from './ring.ts';
import { topicsOf } from './topics.ts';

/** What a stream's credentials are worth now: the current principal and until when, or null (ended). */
export type SessionCheck = (
  sessionKey: string,
) => Promise<{ principal: Principal; validUntil: number } | null>;

export interface HubLimits {
  /** streams on this node; more are refused */
  maxStreams: number;
  /** streams per user on this node; a new one closes the user's oldest */
  maxStreamsPerUser: number;
  /** recent frames kept for catch-up */
  ringSize: number;
  /** bytes a stream's socket may hold unsent before it is dropped (it reconnects and catches up) */
  maxBufferedPerStream: number;
  /** unsent bytes all slow streams of the node may hold together; the largest are dropped beyond it */
  maxBufferedPerNode: number;
  /** a stream that accepts nothing for this long is dropped */
  stallMs: number;
  /** frames held for a stream while it catches up from the database or its session is re-checked */
  maxHeld: number;
  /** rows one catch-up query reads; a stream further behind is told to resync */
  catchUpLimit: number;
  heartbeatMs: number;
}

export const DEFAULT_LIMITS: HubLimits = {
  maxStreams: 20_000,
  maxStreamsPerUser: 20,
  ringSize: 10_000,
  maxBufferedPerStream: 256 * 1024,
  maxBufferedPerNode: 64 * 1024 * 1024,
  stallMs: 30_000,
  maxHeld: 2_000,
  catchUpLimit: 2_000,
  heartbeatMs: 25_000,
};

interface Stream {
  principal: Principal;
  sessionKey: string | undefined;
  topics: string[] | null;
  res: ServerResponse;
  /** frames waiting while the stream catches up from the database or its session is re-checked */
  held: Frame[] | null;
  /** waiting for the shared catch-up query (which releases what is held) */
  catchingUp: boolean;
  /** the broadcast position last offered (a stream under two matching topics gets a frame once) */
  offered: number;
  slowSince: number;
  validUntil: number;
  closed: boolean;
}

export interface HubStats {
  streams: number;
  slow: number;
  dropped: number;
  ring: number;
  catchUpQueries: number;
}

/** Reads dispatched events after an id from the outbox (the catch-up that memory cannot serve). */
export type EventsSince = (afterId: number, limit: number) => Promise<StoredEvent[]>;

const HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};
const RESYNC = Buffer.from('event: resync\ndata: {}\n\n');
const COMMENT = Buffer.from(':\n\n');

/**
 * The node's live event streams (ADR 19). Every dispatched event is serialized once into a frame,
 * kept in a ring of recent frames and written to the streams whose principal may see it and whose
 * topics it matches. A stream that reconnects with Last-Event-ID is registered first and then
 * caught up, from the ring or from one query shared by all streams that need it.
 */
export class RealtimeHub {
  private readonly streams = new Set<Stream>();
  private readonly everything = new Set<Stream>();
  private readonly byTopic = new Map<string, Set<Stream>>();
  private readonly byUser = new Map<string, Set<Stream>>();
  private readonly slow = new Set<Stream>();
  private readonly ring: FrameRing;
  private readonly limits: HubLimits;
  private readonly rechecking = new Map<string, { again: boolean }>();
  private catchUp: { afterId: number; waiters: ((rows: StoredEvent[] | Error) => void)[] } | null = null;
  private catchUpRunning = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private checksRunning = 0;
  private checkQueue: (() => void)[] = [];
  private stats = { dropped: 0, catchUpQueries: 0 };

  constructor(
    private readonly deps: { since: EventsSince; checkSession: SessionCheck; log: Logger },
    limits: Partial<HubLimits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    this.ring = new FrameRing(this.limits.ringSize);
    this.heartbeat = setInterval(() => this.beat(), this.limits.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Publishes a dispatched event to this node's streams (called for every broadcast, in order). */
  publish(event: StoredEvent): void {
    if (this.ring.has(event.id)) return; // delivered at least once upstream: once here
    const frame = this.ring.push({
      id: event.id,
      bytes: Buffer.from(frameText(event)),
      audience: event.audience,
      canSee: compileAudience(event.audience),
      topics: topicsOf(event),
    });
    const now = Date.now();
    for (const s of this.everything) this.offer(s, frame, now);
    for (const topic of frame.topics) {
      const set = this.byTopic.get(topic);
      if (set) for (const s of set) this.offer(s, frame, now);
    }
    if (this.slow.size > 0) this.enforceNodeBudget();
  }

  /** Opens a stream on `res` for `principal`; returns false (and answers nothing) when the node is full. */
  open(
    res: ServerResponse,
    opts: { principal: Principal; sessionKey?: string; topics: string[] | null; lastEventId: number | null },
  ): boolean {
    if (this.streams.size >= this.limits.maxStreams) return false;
    const mine = this.byUser.get(opts.principal.userId);
    if (mine && mine.size >= this.limits.maxStreamsPerUser) this.close(mine.values().next().value!, true);
    const s: Stream = {
      principal: opts.principal,
      sessionKey: opts.sessionKey,
      topics: opts.topics,
      res,
      held: null,
      catchingUp: false,
      offered: -1,
      slowSince: 0,
      // First re-read of the session (for its timeouts) within a minute and a half, spread out.
      validUntil: opts.sessionKey ? Date.now() + 60_000 + Math.random() * 30_000 : Number.POSITIVE_INFINITY,
      closed: false,
    };
    res.writeHead(200, HEADERS);
    // A jittered reconnection delay spreads the reconnections after a network drop.
    res.write(`retry: ${2_000 + Math.floor(Math.random() * 3_000)}\n\n`);
    res.on('close', () => this.close(s, false));
    res.on('drain', () => {
      s.slowSince = 0;
      this.slow.delete(s);
    });
    // Registered before catching up, in the same turn of the event loop as the replay from the ring:
    // no broadcast can fall between the two.
    this.register(s);
    if (opts.lastEventId !== null) {
      const missed = this.ring.after(opts.lastEventId);
      if (missed) for (const f of missed) this.offer(s, f, Date.now());
      else this.catchUpFromDatabase(s, opts.lastEventId);
    }
    return true;
  }

  /**
   * A user's sessions or permissions changed ('*': everyone's): their streams hold delivery until
   * each session is read again, then continue with the new principal or end.
   */
  revoke(userId: string): void {
    const affected = userId === '*' ? [...this.streams] : [...(this.byUser.get(userId) ?? [])];
    for (const s of affected) this.hold(s);
    for (const key of new Set(affected.map((s) => s.sessionKey ?? ''))) {
      if (key) void this.recheck(key);
      else for (const s of affected) if (!s.sessionKey) this.close(s, true);
    }
  }

  snapshot(): HubStats {
    return {
      streams: this.streams.size,
      slow: this.slow.size,
      dropped: this.stats.dropped,
      ring: this.ring.size,
      catchUpQueries: this.stats.catchUpQueries,
    };
  }

  /** The figures above in the Prometheus text format, for /metrics. */
  metricsText(): string {
    const s = this.snapshot();
    return [
      '# HELP cqs_event_streams Live event streams open on this node',
      '# TYPE cqs_event_streams gauge',
      `cqs_event_streams ${s.streams}`,
      '# HELP cqs_event_streams_slow Streams whose socket holds unsent bytes',
      '# TYPE cqs_event_streams_slow gauge',
      `cqs_event_streams_slow ${s.slow}`,
      '# HELP cqs_event_streams_dropped_total Streams ended because they could not keep up',
      '# TYPE cqs_event_streams_dropped_total counter',
      `cqs_event_streams_dropped_total ${s.dropped}`,
      '# HELP cqs_event_catch_up_queries_total Catch-up queries (reconnects the ring could not serve)',
      '# TYPE cqs_event_catch_up_queries_total counter',
      `cqs_event_catch_up_queries_total ${s.catchUpQueries}`,
      '',
    ].join('\n');
  }

  stop(): void {
    clearInterval(this.heartbeat);
    for (const s of [...this.streams]) this.close(s, true);
  }

  private register(s: Stream): void {
    this.streams.add(s);
    if (s.topics) for (const t of s.topics) setIn(this.byTopic, t, s);
    else this.everything.add(s);
    setIn(this.byUser, s.principal.userId, s);
  }

  private close(s: Stream, end: boolean): void {
    if (s.closed) return;
    s.closed = true;
    this.streams.delete(s);
    this.everything.delete(s);
    this.slow.delete(s);
    if (s.topics) for (const t of s.topics) deleteIn(this.byTopic, t, s);
    deleteIn(this.byUser, s.principal.userId, s);
    // destroy, not end: a stalled socket would keep its unsent bytes until the end could be written.
    if (end) s.res.destroy();
  }

  private offer(s: Stream, f: Frame, now: number): void {
    if (s.offered >= f.seq || s.closed) return;
    s.offered = f.seq;
    if (s.held) {
      if (s.held.length >= this.limits.maxHeld) this.drop(s);
      else s.held.push(f);
      return;
    }
    if (now > s.validUntil) {
      // The session may have timed out: hold while it is read again.
      this.hold(s);
      s.held!.push(f);
      if (s.sessionKey) void this.recheck(s.sessionKey);
      return;
    }
    if (f.canSee(s.principal)) this.write(s, f.bytes, now);
  }

  private write(s: Stream, bytes: Buffer, now: number): void {
    if (s.res.write(bytes)) return;
    // The socket could not take it all: Node keeps the rest (the shared buffer, not a copy).
    if (!s.slowSince) s.slowSince = now;
    this.slow.add(s);
    if (s.res.writableLength > this.limits.maxBufferedPerStream) this.drop(s);
  }

  /** Ends a stream that cannot keep up; the browser reconnects with Last-Event-ID and catches up. */
  private drop(s: Stream): void {
    this.stats.dropped++;
    this.close(s, true);
  }

  private enforceNodeBudget(): void {
    let total = 0;
    for (const s of this.slow) total += s.res.writableLength;
    if (total <= this.limits.maxBufferedPerNode) return;
    const bySize = [...this.slow].sort((a, b) => b.res.writableLength - a.res.writableLength);
    for (const s of bySize) {
      if (total <= this.limits.maxBufferedPerNode) break;
      total -= s.res.writableLength;
      this.drop(s);
    }
  }

  private hold(s: Stream): void {
    if (!s.held) s.held = [];
  }

  /** Writes what was held (to the current principal), skipping what the stream already received. */
  private release(s: Stream, skip?: (f: Frame) => boolean): void {
    const held = s.held ?? [];
    s.held = null;
    if (s.closed) return;
    const now = Date.now();
    for (const f of held) if (!skip?.(f) && f.canSee(s.principal)) this.write(s, f.bytes, now);
  }

  /** Reads a session again (coalesced per session), then continues or ends its streams. */
  private async recheck(key: string): Promise<void> {
    const running = this.rechecking.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: true };
    this.rechecking.set(key, state);
    try {
      while (state.again) {
        state.again = false;
        const result = await this.limited(() => this.deps.checkSession(key)).catch((err: Error) => {
          this.deps.log.warn({ err: err.message }, 'could not re-check a stream session');
          return null;
        });
        if (state.again) continue; // changed again meanwhile: read once more before deciding
        for (const s of [...this.streams]) {
          if (s.sessionKey !== key) continue;
          if (!result) {
            this.close(s, true);
            continue;
          }
          s.principal = result.principal;
          s.validUntil = result.validUntil;
          if (!s.catchingUp) this.release(s);
        }
      }
    } finally {
      this.rechecking.delete(key);
    }
  }

  /** Runs session reads a few at a time, so a change for everyone ('*') does not take the whole pool. */
  private async limited<T>(fn: () => Promise<T>): Promise<T> {
    while (this.checksRunning >= 4) await new Promise<void>((r) => this.checkQueue.push(r));
    this.checksRunning++;
    try {
      return await fn();
    } finally {
      this.checksRunning--;
      this.checkQueue.shift()?.();
    }
  }

  /** Catch-up that memory cannot serve: one query for all streams waiting at that moment. */
  private catchUpFromDatabase(s: Stream, lastId: number): void {
    this.hold(s);
    s.catchingUp = true;
    const waiter = (rows: StoredEvent[] | Error) => {
      s.catchingUp = false;
      if (s.closed) return;
      if (rows instanceof Error) {
        this.close(s, true); // the browser retries
        return;
      }
      const now = Date.now();
      const sent = new Set<number>();
      const mine = rows.filter((e) => e.id > lastId);
      if (mine.length >= this.limits.catchUpLimit && rows.length >= this.limits.catchUpLimit) {
        this.write(s, RESYNC, now); // too far behind to replay: the page reloads what it shows
      } else {
        for (const e of mine) {
          sent.add(e.id);
          if (!matches(s.topics, topicsOf(e)) || !compileAudience(e.audience)(s.principal)) continue;
          this.write(s, Buffer.from(frameText(e)), now);
        }
      }
      this.release(s, (f) => f.id <= lastId || sent.has(f.id));
    };
    if (!this.catchUp) this.catchUp = { afterId: lastId, waiters: [] };
    this.catchUp.afterId = Math.min(this.catchUp.afterId, lastId);
    this.catchUp.waiters.push(waiter);
    void this.runCatchUp();
  }

  private async runCatchUp(): Promise<void> {
    if (this.catchUpRunning) return;
    this.catchUpRunning = true;
    try {
      while (this.catchUp) {
        const batch = this.catchUp;
        this.catchUp = null;
        this.stats.catchUpQueries++;
        const rows = await this.deps
          .since(batch.afterId, this.limits.catchUpLimit)
          .catch((err: Error) => err);
        for (const w of batch.waiters) w(rows);
      }
    } finally {
      this.catchUpRunning = false;
    }
  }

  private beat(): void {
    const now = Date.now();
    const head = this.ring.headId();
    // Carries the newest id: a stream that saw none of the recent events still resumes from here.
    const live = head === undefined ? COMMENT : Buffer.from(`:\nid: ${head}\n\n`);
    for (const s of [...this.streams]) {
      if (s.slowSince && now - s.slowSince > this.limits.stallMs) {
        this.drop(s);
        continue;
      }
      if (now > s.validUntil && s.sessionKey) {
        this.hold(s);
        void this.recheck(s.sessionKey);
      }
      this.write(s, s.held ? COMMENT : live, now);
    }
  }
}

function matches(topics: string[] | null, eventTopics: string[]): boolean {
  return !topics || eventTopics.some((t) => topics.includes(t));
}

/** Unnamed frames (the type is in the data), so one onmessage handler sees every event. */
export function frameText(e: StoredEvent): string {
  const data = JSON.stringify({
    id: e.id,
    type: e.type,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    payload: e.payload,
  });
  return `id: ${e.id}\ndata: ${data}\n\n`;
}

function setIn<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  let set = map.get(key);
  if (!set) {
    set = new Set();
    map.set(key, set);
  }
  set.add(value);
}

function deleteIn<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}
