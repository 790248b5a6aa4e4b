// Webhook deliveries: an outbox event fans out into one delivery per matching subscription (in the
// dispatch transaction, so none is lost), each sent by a job that retries with exponential backoff.
// The event id is stable across retries and replays: receivers apply an event id once.
import { and, eq, sql } from 'drizzle-orm';
import type { SecretBox } from '../../../platform/auth/secret-box.ts';
import { type Db, type DbOrTx, pgArray, queryRows } from '../../../platform/db/client.ts';
import type { StoredEvent } from '../../../platform/events/index.ts';
import { enqueue } from '../../../platform/jobs/index.ts';
import { dossierAgencyPaths } from '../../services/index.ts';
import { apiClients, webhookDeliveries, webhookSubscriptions } from '../tables.ts';
import { HEADERS, sign } from './signing.ts';

export const DELIVERY_QUEUE = 'integration.webhook_delivery';
export const MAX_DELIVERY_ATTEMPTS = 10;

/** The event types a client may subscribe to, and how they come from the outbox. */
export const EVENT_TYPES = ['dossier.changed', 'dossier.status_changed'] as const;
export type WebhookEventType = (typeof EVENT_TYPES)[number];

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
  let created = 0;
  for (const type of types) {
    const eventId = `evt_${e.id}_${type === 'dossier.changed' ? 'c' : 's'}`;
    const body = { id: eventId, type, createdAt: e.createdAt.toISOString(), data };
    const ids = await queryRows<{ id: number }>(
      tx,
      sql`
      insert into int_webhook_deliveries (subscription_id, event_id, event_type, payload)
      select s.id, ${eventId}, ${type}, ${JSON.stringify(body)}::jsonb
      from int_webhook_subscriptions s join int_api_clients c on c.id = s.client_id
      where s.active and c.revoked_at is null and ${type} = any(s.event_types)
        and 'dossiers:read' = any(c.scopes)
        and exists (select 1 from unnest(${pgArray(paths)}::text[]) as p(path)
                    where p.path like c.agency_path || '%')
      on conflict (subscription_id, event_id) do nothing
      returning id`,
    );
    for (const r of ids) {
      created++;
      if (queue)
        await enqueue(
          tx,
          DELIVERY_QUEUE,
          { deliveryId: Number(r.id) },
          { maxAttempts: MAX_DELIVERY_ATTEMPTS, singletonKey: `wh:${r.id}` },
        );
    }
  }
  return created;
}

export interface DeliveryDeps {
  db: Db;
  secrets: SecretBox;
  timeoutMs: number;
}

/** Sends one delivery. Throws (so the job retries with backoff) while attempts remain. */
export async function deliver(deps: DeliveryDeps, deliveryId: number): Promise<void> {
  const [row] = await deps.db
    .select({ d: webhookDeliveries, s: webhookSubscriptions, revoked: apiClients.revokedAt })
    .from(webhookDeliveries)
    .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
    .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.d.status === 'delivered') return;
  if (!row.s.active || row.revoked) {
    await deps.db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastError: 'subscription inactive or client revoked' })
      .where(eq(webhookDeliveries.id, deliveryId));
    return;
  }
  const body = JSON.stringify(row.d.payload);
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await fetch(row.s.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'CQS-Webhooks/1',
        [HEADERS.id]: row.d.eventId,
        [HEADERS.type]: row.d.eventType,
        [HEADERS.timestamp]: String(timestamp),
        [HEADERS.signature]: sign(deps.secrets.open(row.s.secretSealed), timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(deps.timeoutMs),
      redirect: 'manual',
    });
    status = res.status;
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    error = e.name === 'TimeoutError' ? 'timeout' : (e.cause?.code ?? e.message);
  }
  const attempts = row.d.attempts + 1;
  const failedForGood = error !== null && attempts >= MAX_DELIVERY_ATTEMPTS;
  await deps.db
    .update(webhookDeliveries)
    .set({
      attempts,
      lastStatusCode: status,
      lastError: error,
      lastAttemptAt: new Date(),
      ...(error === null
        ? { status: 'delivered' as const, deliveredAt: new Date() }
        : failedForGood
          ? { status: 'failed' as const }
          : {}),
    })
    .where(and(eq(webhookDeliveries.id, deliveryId), sql`${webhookDeliveries.status} <> 'delivered'`));
  if (error !== null && !failedForGood) throw new Error(`webhook ${deliveryId}: ${error}`);
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
