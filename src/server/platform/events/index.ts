import { pgArray } from '../db/client.ts';
import { type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../access.ts';
import { type Database, type DbOrTx, queryRows, type Tx } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { backoffMs } from '../jobs/index.ts';
import { wake } from '../db/wake.ts';
import { type Audience, outboxEvents } from './tables.ts';

export { outboxEvents, type Audience };

export interface DomainEvent {
  type: string;
  aggregateType: string;
  aggregateId?: string | null;
  payload?: Record<string, unknown>;
  audience?: Audience;
}

export interface StoredEvent extends Required<Omit<DomainEvent, 'aggregateId'>> {
  id: number;
  aggregateId: string | null;
  createdAt: Date;
}

/** Writes an event to the outbox; call it in the transaction that made the change. */
export async function emit(tx: DbOrTx, event: DomainEvent): Promise<void> {
  // One round trip for the row and the wake-up. NOTIFY is delivered on commit only, so dispatchers
  // wake exactly when the event becomes visible.
  await tx.execute(sql`with stored as (${outboxInsert(event)}) select ${outboxWake()} from stored`);
}

/** The row `emit` writes, for a caller that sends it as part of one statement with `outboxWake()` (ADR 12). */
export function outboxInsert(event: DomainEvent): SQL {
  return sql`insert into outbox_events (type, aggregate_type, aggregate_id, payload, audience)
    values (${event.type}, ${event.aggregateType}, ${event.aggregateId ?? null},
            ${JSON.stringify(event.payload ?? {})}::jsonb, ${JSON.stringify(event.audience ?? {})}::jsonb)
    returning id`;
}

/** A dispatcher that found events keeps polling this long: writers skip the NOTIFY inside a wake window. */
const LINGER_MS = 1_000;
const LINGER_POLL_MS = 25;

/** For the select list of the statement that writes an event: wakes the dispatchers on commit, or is null. */
export const outboxWake = (): SQL => wake('cqs_outbox');

/** Whether a browser of this principal may receive the event. */
export function canSee(p: Principal | null, audience: Audience): boolean {
  if (audience.public) return true;
  if (!p) return false;
  if (audience.userIds?.includes(p.userId)) return true;
  if (audience.permission && !audience.agencyPaths?.length)
    return p.memberships.some((m) => m.permissions.includes(audience.permission!));
  if (audience.agencyPaths?.length) {
    return p.memberships.some(
      (m) =>
        (!audience.permission || m.permissions.includes(audience.permission)) &&
        audience.agencyPaths!.some((path) => path.startsWith(m.agencyPath)),
    );
  }
  return false;
}

/** In-process subscriber: runs once per event across the cluster, inside the dispatch transaction. */
export type Subscriber = (event: StoredEvent, tx: Tx) => Promise<void>;
/** Broadcast listener: runs on every node for every dispatched event (e.g. the SSE hub). */
export type BroadcastListener = (event: StoredEvent) => void;

function toStored(row: typeof outboxEvents.$inferSelect): StoredEvent {
  return {
    id: Number(row.id),
    type: row.type,
    aggregateType: row.aggregateType,
    aggregateId: row.aggregateId,
    payload: row.payload,
    audience: row.audience,
    createdAt: row.createdAt,
  };
}

/**
 * Delivers outbox events at least once: claims pending rows (SKIP LOCKED, so any node may run it),
 * calls the subscribers inside a savepoint per event, marks them dispatched, then NOTIFYs every node
 * (LISTEN 'cqs_events') which loads them and hands them to its broadcast listeners.
 */
export class EventBus {
  private subscribers: { type: string; fn: Subscriber }[] = [];
  private listeners = new Set<BroadcastListener>();
  private stopFns: (() => Promise<void>)[] = [];
  private pending: Promise<unknown> | undefined;
  private again = false;
  private listening = false;
  private stopping = false;
  private lingerUntil = 0;
  private lingerTimer: NodeJS.Timeout | undefined;
  /** broadcasts are loaded one after the other, so listeners see them in notification order */
  private broadcasts: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly log: Logger,
  ) {}

  /** `type` may be an exact event type or a prefix ending in "." or "*" for all. */
  subscribe(type: string, fn: Subscriber): void {
    this.subscribers.push({ type, fn });
  }

  onBroadcast(fn: BroadcastListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Receive broadcasts from every node. */
  async listen(): Promise<void> {
    if (this.listening) return;
    this.listening = true;
    this.stopFns.push(
      await this.database.listen('cqs_events', (payload) => {
        // PostgreSQL delivers notifications in commit order, the same on every node; loading them one
        // after the other keeps that order, which the event streams' catch-up relies on (ADR 19).
        this.broadcasts = this.broadcasts.then(() => this.deliverBroadcast(payload));
      }),
    );
  }

  /** Dispatch whenever an event is committed anywhere (workers only). */
  async startDispatching(): Promise<void> {
    this.stopFns.push(await this.database.listen('cqs_outbox', () => this.kick()));
    this.kick();
  }

  /** Runs dispatch passes until the outbox is empty; concurrent calls coalesce. */
  kick(): Promise<unknown> {
    if (this.pending) {
      this.again = true;
      return this.pending;
    }
    this.pending = (async () => {
      let found = 0;
      do {
        this.again = false;
        for (let n = await this.dispatchBatch(); n > 0; n = await this.dispatchBatch()) found += n;
      } while (this.again);
      if (found > 0) this.lingerUntil = Date.now() + LINGER_MS;
    })()
      .catch((err: Error) => this.log.warn({ err: err.message }, 'outbox dispatch failed'))
      .finally(() => {
        this.pending = undefined;
        this.linger();
      });
    return this.pending;
  }

  /**
   * After finding events, keeps polling for LINGER_MS: writers skip the NOTIFY while one was sent
   * recently (outboxWake), trusting a dispatcher that is already awake.
   */
  private linger(): void {
    if (this.stopping || this.lingerTimer || Date.now() >= this.lingerUntil) return;
    this.lingerTimer = setTimeout(() => {
      this.lingerTimer = undefined;
      void this.kick();
    }, LINGER_POLL_MS);
  }

  private matches(type: string, eventType: string): boolean {
    if (type === '*') return true;
    if (type.endsWith('.')) return eventType.startsWith(type);
    return type === eventType;
  }

  /** Dispatches up to `limit` due events; returns how many were handled (dispatched or retried). */
  async dispatchBatch(limit = 100): Promise<number> {
    const dispatched: number[] = [];
    const handled = await this.database.db.transaction(async (tx) => {
      const rows = await queryRows<Record<string, unknown>>(
        tx,
        sql`
        select * from outbox_events
        where dispatched_at is null and next_attempt_at <= now()
        order by id limit ${limit}
        for update skip locked`,
      );
      const events = rows.map((r) =>
        toStored({
          id: Number(r.id),
          type: r.type as string,
          aggregateType: r.aggregate_type as string,
          aggregateId: (r.aggregate_id as string | null) ?? null,
          payload: r.payload as Record<string, unknown>,
          audience: r.audience as Audience,
          createdAt: new Date(r.created_at as string),
          dispatchedAt: null,
          attempts: Number(r.attempts),
          nextAttemptAt: new Date(),
          lastError: null,
        }),
      );
      const interested = events.map((e) => this.subscribers.filter((s) => this.matches(s.type, e.type)));
      // The whole batch in one savepoint first (two round trips instead of two per event); if any
      // subscriber fails, that work is undone and the batch is run again event by event, each in its
      // own savepoint, so one failing subscriber does not hold back the others (at least once, as ever).
      const together =
        interested.some((subs) => subs.length > 0) &&
        (await tx
          .transaction(async (sp) => {
            for (const [i, event] of events.entries()) for (const s of interested[i]!) await s.fn(event, sp);
          })
          .then(
            () => true,
            () => false,
          ));
      for (const [i, event] of events.entries()) {
        const attempts = Number(rows[i]!.attempts);
        try {
          // An event nobody subscribes to needs no savepoint.
          if (!together && interested[i]!.length > 0)
            await tx.transaction(async (sp) => {
              for (const s of interested[i]!) await s.fn(event, sp);
            });
          dispatched.push(event.id);
        } catch (err) {
          const message = (err as Error).message;
          this.log.warn(
            { err: message, event: event.id, type: event.type },
            'event subscriber failed; will retry',
          );
          await tx.execute(sql`
            update outbox_events set attempts = ${attempts + 1}, last_error = ${message},
              next_attempt_at = now() + (${backoffMs(attempts + 1)} * interval '1 millisecond')
            where id = ${event.id}`);
        }
      }
      if (dispatched.length > 0)
        await tx.execute(sql`
          update outbox_events set dispatched_at = now(), attempts = attempts + 1
          where id = any(${pgArray(dispatched)}::bigint[])`);
      if (dispatched.length > 0)
        await tx.execute(sql`select pg_notify('cqs_events', ${dispatched.join(',')})`);
      return events.length;
    });
    return handled;
  }

  private async deliverBroadcast(payload: string): Promise<void> {
    const ids = payload.split(',').map(Number).filter(Number.isFinite);
    if (ids.length === 0 || this.listeners.size === 0) return;
    try {
      const rows = await this.database.db
        .select()
        .from(outboxEvents)
        .where(sql`${outboxEvents.id} = any(${pgArray(ids)}::bigint[])`)
        .orderBy(outboxEvents.id);
      for (const row of rows) {
        const event = toStored(row);
        for (const fn of this.listeners) {
          try {
            fn(event);
          } catch (err) {
            this.log.warn({ err: (err as Error).message, event: event.id }, 'broadcast listener failed');
          }
        }
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'could not load broadcast events');
    }
  }

  /** Events after `afterId` that were dispatched, for SSE clients that reconnect with Last-Event-ID. */
  async since(afterId: number, limit = 500): Promise<StoredEvent[]> {
    const rows = await this.database.db
      .select()
      .from(outboxEvents)
      .where(sql`${outboxEvents.id} > ${afterId} and ${outboxEvents.dispatchedAt} is not null`)
      .orderBy(outboxEvents.id)
      .limit(limit);
    return rows.map(toStored);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.lingerTimer);
    for (const fn of this.stopFns.splice(0)) await fn();
    await this.pending;
    await this.broadcasts;
  }
}
