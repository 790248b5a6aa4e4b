import type { StoredEvent } from '../events/index.ts';

/**
 * Topics a stream may subscribe to: an event type or a prefix of it ending at a dot
 * (`services`, `services.dossier_changed`, `operations.wall`), or one aggregate (`meeting:123`).
 */
export const TOPIC_PATTERN = /^[A-Za-z0-9_-]+(?:[.][A-Za-z0-9_-]+)*(?::[A-Za-z0-9_.-]+)?$/;
export const MAX_TOPICS = 20;

/** The topics an event is published under: its type, each dot-prefix of it, and its aggregate. */
export function topicsOf(event: Pick<StoredEvent, 'type' | 'aggregateType' | 'aggregateId'>): string[] {
  const keys: string[] = [];
  let at = event.type.indexOf('.');
  while (at > 0) {
    keys.push(event.type.slice(0, at));
    at = event.type.indexOf('.', at + 1);
  }
  keys.push(event.type);
  if (event.aggregateId) keys.push(`${event.aggregateType}:${event.aggregateId}`);
  return keys;
}

/** `?topics=a,b` → the distinct topics, or null for every event the user may see. */
export function parseTopics(raw: string | undefined): string[] | null {
  if (!raw) return null;
  const topics = [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
  return topics.length ? topics : null;
}
