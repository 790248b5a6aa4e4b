// Webhook deliveries: an outbox event fans out into one delivery per matching subscription (in the
// dispatch transaction, so none is lost), each sent by a job that retries with exponential backoff.
// Workers claim delivery jobs a hundred at a time, send them side by side over keep-alive connections
// and record the outcomes in one statement.
// The event id is stable across retries and replays: receivers apply an event id once.
import { eq, sql } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/auth/secret-box.ts';
import { type Db, type DbOrTx, pgArray, queryRows, type Tx } from '../../../platform/db/client.ts';
import type { StoredEvent } from '../../../platform/events/index.ts';
import { type ClaimedJob, enqueue, enqueueMany } from '../../../platform/jobs/index.ts';
import { dossierAgencyPaths } from '../../services/index.ts';
import type { AddressGuard } from '../../../platform/http/address-guard.ts';
import { OutboundError, REFUSED, request } from '../outbound.ts';
import { webhookDeliveries } from '../tables.ts';
import { HEADERS, sign } from './signing.ts';
import { type WebhookSource, webhookSources } from './sources.ts';

export const DELIVERY_QUEUE = 'integration.webhook_delivery';
export const MAX_DELIVERY_ATTEMPTS = 10;

/** The dossier event types a client may subscribe to, and how they come from the outbox. */
export const EVENT_TYPES = ['dossier.changed', 'dossier.status_changed'] as const;
export type WebhookEventType = string;

/** Every event type a client may subscribe to: the dossiers' and those other modules contribute. */
export const webhookEventTypes = (): string[] => [
  ...EVENT_TYPES,
  ...webhookSources().flatMap((s) => s.eventTypes),
];

/** services.dossier_changed → the public event types it stands for, and the data clients receive. */
export function webhookEventsOf(e: StoredEvent): {
  types: WebhookEventType[];
  data: Record<string, unknown>;
} {
  const p = e.payload as {
    code?: string | null;
    status?: number;
    fromStatus?: number;
    action?: string;
    revision?: number;
  };
  const types: WebhookEventType[] = ['dossier.changed'];
  if (p.fromStatus !== undefined && p.fromStatus !== p.status) types.push('dossier.status_changed');
  return {
    types,
    data: {
      dossierCode: p.code ?? null,
      status: p.status ?? null,
      previousStatus: p.fromStatus ?? null,
      action: p.action ?? null,
      revision: p.revision ?? null,
    },
  };
}

/**
 * Outbox subscriber: a delivery per active subscription of a live client holding dossiers:read whose
 * agency subtree covers one of the event's agencies. Dossiers without a code are not yet public.
 * One statement writes the deliveries of every event type, one more queues their jobs.
 */
export async function fanOut(tx: DbOrTx, e: StoredEvent, queue: boolean): Promise<number> {
  const { types, data } = webhookEventsOf(e);
  if (!data.dossierCode) return 0;
  // The agencies the event names (holder before and after) and those the dossier was received and
  // decided at, as the client API scopes them.
  const paths = [
    ...new Set([
      ...(e.audience.agencyPaths ?? []),
      ...(e.aggregateId ? await dossierAgencyPaths(tx, e.aggregateId) : []),
    ]),
  ];
  if (paths.length === 0) return 0;
  const events = types.map((type) => {
    const id = `evt_${e.id}_${type === 'dossier.changed' ? 'c' : 's'}`;
    return { id, type, body: JSON.stringify({ id, type, createdAt: e.createdAt.toISOString(), data }) };
  });
  return insertDeliveries(tx, events, 'dossiers:read', paths, queue);
}

/**
 * Outbox subscriber for another module's source: a delivery per active subscription of a live client
 * holding the source's scope whose agency subtree covers one of the agencies the event concerns.
 */
export async function fanOutSource(
  tx: Tx,
  e: StoredEvent,
  source: WebhookSource,
  queue: boolean,
): Promise<number> {
  const projected = await source.project(tx, e);
  if (!projected || projected.types.length === 0 || projected.agencyPaths.length === 0) return 0;
  const events = projected.types.map((type) => {
    // Stable across retries and replays: the outbox event and the public type.
    const id = `evt_${e.id}_${type}`;
    return {
      id,
      type,
      body: JSON.stringify({ id, type, createdAt: e.createdAt.toISOString(), data: projected.data }),
    };
  });
  return insertDeliveries(tx, events, source.scope, [...new Set(projected.agencyPaths)], queue);
}

/** One statement writes the deliveries of every event type, one more queues their jobs. */
async function insertDeliveries(
  tx: DbOrTx,
  events: { id: string; type: string; body: string }[],
  scope: string,
  paths: string[],
  queue: boolean,
): Promise<number> {
  const ids = await queryRows<{ id: number | string }>(
    tx,
    sql`
    insert into int_webhook_deliveries (subscription_id, event_id, event_type, payload)
    select s.id, t.event_id, t.type, t.body::jsonb
    from unnest(${pgArray(events.map((v) => v.id))}::text[], ${pgArray(events.map((v) => v.type))}::text[],
                ${pgArray(events.map((v) => v.body))}::text[]) as t(event_id, type, body)
    join int_webhook_subscriptions s on s.active and t.type = any(s.event_types)
    join int_api_clients c on c.id = s.client_id
    where c.revoked_at is null and ${scope} = any(c.scopes)
      and exists (select 1 from unnest(${pgArray(paths)}::text[]) as p(path)
                  where p.path like c.agency_path || '%')
    on conflict (subscription_id, event_id) do nothing
    returning id`,
  );
  if (queue)
    await enqueueMany(
      tx,
      DELIVERY_QUEUE,
      ids.map((r) => ({ payload: { deliveryId: Number(r.id) }, singletonKey: `wh:${r.id}` })),
      { maxAttempts: MAX_DELIVERY_ATTEMPTS },
    );
  return ids.length;
}

export interface DeliveryDeps {
  db: Db;
  secrets: SecretBox;
  timeoutMs: number;
  /** requests in flight at once within one batch (default 32) */
  inFlight?: number;
  /** refuses local and private targets, at connect time too */
  guard: AddressGuard;
}

/**
 * What the delivery log says when there was no HTTP answer: refused by the guard, or no answer. Socket
 * errors and timeouts are not told apart, so the log cannot map which ports of a host are open.
 */
const coarse = (code: string) => (code === REFUSED ? REFUSED : 'no_answer');

/** deliveries claimed at once by a worker (one claim, one load, one statement for the outcomes) */
export const DELIVERY_BATCH = 100;

interface Loaded {
  id: number | string;
  event_id: string;
  event_type: string;
  payload: Record<string, unknown>;
  url: string;
  secret_sealed: string;
  live: boolean;
}

interface Attempt {
  id: number;
  /** the receiver's HTTP status, 0 without an answer */
  code: number;
  /** '' when delivered */
  error: string;
  /** not sent: the subscription was stopped or the client revoked */
  inactive: boolean;
}

/**
 * Sends these deliveries, several at a time, each signed over its own timestamp, and records every
 * outcome in one statement. Returns the deliveries to retry with backoff (attempts remain), with why;
 * the rest were delivered, were already delivered, or failed for good.
 */
export async function deliverMany(
  deps: DeliveryDeps,
  deliveryIds: readonly number[],
): Promise<Map<number, string>> {
  if (deliveryIds.length === 0) return new Map();
  const rows = await queryRows<Loaded>(
    deps.db,
    sql`select d.id, d.event_id, d.event_type, d.payload, s.url, s.secret_sealed,
          s.active and c.revoked_at is null as live
        from int_webhook_deliveries d
        join int_webhook_subscriptions s on s.id = d.subscription_id
        join int_api_clients c on c.id = s.client_id
        where d.id = any(${pgArray(deliveryIds)}::bigint[]) and d.status <> 'delivered'`,
  );
  const secrets = new Map<string, string>();
  const secretOf = (sealed: string) => {
    let secret = secrets.get(sealed);
    if (secret === undefined) {
      secret = deps.secrets.open(sealed);
      secrets.set(sealed, secret);
    }
    return secret;
  };
  const attempts: Attempt[] = [];
  const send = async (row: Loaded): Promise<Attempt> => {
    const id = Number(row.id);
    if (!row.live) return { id, code: 0, error: '', inactive: true };
    const body = JSON.stringify(row.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await request(row.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'CQS-Webhooks/1',
          [HEADERS.id]: row.event_id,
          [HEADERS.type]: row.event_type,
          [HEADERS.timestamp]: String(timestamp),
          [HEADERS.signature]: sign(secretOf(row.secret_sealed), timestamp, body),
        },
        body,
        timeoutMs: deps.timeoutMs,
        guard: deps.guard,
      });
      const ok = res.status >= 200 && res.status < 300;
      return { id, code: res.status, error: ok ? '' : `HTTP ${res.status}`, inactive: false };
    } catch (err) {
      return { id, code: 0, error: coarse(err instanceof OutboundError ? err.code : ''), inactive: false };
    }
  };
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(deps.inFlight ?? 32, rows.length) }, async () => {
      while (next < rows.length) attempts.push(await send(rows[next++]!));
    }),
  );
  if (attempts.length === 0) return new Map();
  const col = <T extends string | number>(f: (a: Attempt) => T) => pgArray(attempts.map(f));
  // The log of every attempt in one statement; a delivery that ran out of attempts is failed for good.
  const states = await queryRows<{ id: number | string; status: string }>(
    deps.db,
    sql`
    update int_webhook_deliveries d set
      status = case when t.inactive = 1 then 'failed' when t.error = '' then 'delivered'
                    when d.attempts + 1 >= ${MAX_DELIVERY_ATTEMPTS} then 'failed' else d.status end,
      attempts = d.attempts + 1 - t.inactive,
      last_status_code = case when t.inactive = 1 then d.last_status_code else nullif(t.code, 0) end,
      last_error = case when t.inactive = 1 then 'subscription inactive or client revoked' else nullif(t.error, '') end,
      last_attempt_at = case when t.inactive = 1 then d.last_attempt_at else now() end,
      delivered_at = case when t.inactive = 0 and t.error = '' then now() else d.delivered_at end
    from unnest(${col((a) => a.id)}::bigint[], ${col((a) => a.code)}::int[], ${col((a) => a.error)}::text[],
                ${col((a) => (a.inactive ? 1 : 0))}::int[]) as t(id, code, error, inactive)
    where d.id = t.id and d.status <> 'delivered'
    returning d.id, d.status`,
  );
  const pending = new Set(states.filter((r) => r.status === 'pending').map((r) => Number(r.id)));
  const retry = new Map<number, string>();
  for (const a of attempts)
    if (a.error && !a.inactive && pending.has(a.id)) retry.set(a.id, `webhook ${a.id}: ${a.error}`);
  return retry;
}

/** The job handler: a batch of delivery jobs; those to retry fail, each with its own backoff. */
export async function runDeliveryJobs(
  deps: DeliveryDeps,
  jobs: readonly ClaimedJob[],
): Promise<Map<number, string>> {
  const retry = await deliverMany(
    deps,
    jobs.map((j) => Number(j.payload.deliveryId)),
  );
  const failed = new Map<number, string>();
  for (const j of jobs) {
    const why = retry.get(Number(j.payload.deliveryId));
    if (why) failed.set(j.id, why);
  }
  return failed;
}

/** Replay: the same event (same id) again, from a fresh attempt count. */
export async function requeueDelivery(tx: DbOrTx, deliveryId: number): Promise<void> {
  await tx
    .update(webhookDeliveries)
    .set({ status: 'pending', attempts: 0, lastError: null })
    .where(eq(webhookDeliveries.id, deliveryId));
  await enqueue(
    tx,
    DELIVERY_QUEUE,
    { deliveryId },
    { maxAttempts: MAX_DELIVERY_ATTEMPTS, singletonKey: `wh:${deliveryId}` },
  );
}
