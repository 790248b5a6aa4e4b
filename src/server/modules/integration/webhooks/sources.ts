// Other modules' events for webhooks: a module contributes a source (which outbox events it reads, the
// public event types and data they become, the scope a client holds to receive them, the agencies an
// event concerns) in its `contribute()`. The dossier events are integration's own (deliveries.ts).
import type { Tx } from '../../../platform/db/client.ts';
import type { StoredEvent } from '../../../platform/events/index.ts';

/** What an outbox event is to webhook receivers. */
export interface WebhookProjection {
  /** public event types (each one of the source's `eventTypes`), one delivery per type */
  types: string[];
  /** the `data` of the delivered event: public facts only, never personal data */
  data: Record<string, unknown>;
  /** agency paths the event concerns: clients whose agency subtree covers one of them receive it */
  agencyPaths: string[];
}

export interface WebhookSource {
  /** the outbox event types read: an exact type or a prefix ending in "." */
  outbox: string;
  /** the public event types clients may subscribe to (`<noun>.<what>`) */
  eventTypes: readonly string[];
  /** the scope a client must hold to receive them; administrators may grant it to clients */
  scope: string;
  /** the event as receivers see it, or null when nothing is delivered */
  project(tx: Tx, e: StoredEvent): Promise<WebhookProjection | null>;
}

const sources = new Map<string, WebhookSource>();

/** Registers a module's webhook events (once per process, from `contribute()`; idempotent per name). */
export function contributeWebhookSource(name: string, source: WebhookSource): void {
  sources.set(name, source);
}

export const webhookSources = (): WebhookSource[] => [...sources.values()];
