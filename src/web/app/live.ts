import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { SESSION_KEY } from './auth.tsx';

export interface LiveEvent {
  id: number;
  type: string;
  aggregateType: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Event types the browser listens for by name. EventSource hands named events (`event: <type>`)
 * only to listeners registered for that exact name, so modules add theirs here; unnamed events
 * (`message`) are handled too.
 */
export const LIVE_EVENT_TYPES: readonly string[] = [
  'identity.agency_created',
  'identity.agency_updated',
  'identity.role_created',
  'identity.role_updated',
  'identity.user_created',
  'identity.user_registered',
  'identity.user_updated',
  'services.dossier_submitted',
  'services.dossier_changed',
  'services.apology_needed',
  'meeting.agenda_changed',
  'meeting.invited',
  'meeting.reply',
  'meeting.attendance',
  'meeting.started',
  'meeting.paused',
  'meeting.resumed',
  'meeting.ended',
  'meeting.item_opened',
  'meeting.item_closed',
  'meeting.queue_changed',
  'meeting.speaker',
  'meeting.poll_opened',
  'meeting.ballot_cast',
  'meeting.poll_closed',
  'meeting.conclusion',
  'meeting.notice_issued',
  'meeting.task_assigned',
  'meeting.task_done',
  'meeting.updated',
  'meeting.cancelled',
  'meeting.lead_too_short',
  'meeting.invitation_invite',
  'meeting.invitation_update',
  'meeting.invitation_cancel',
  'meeting.invitation_reminder',
  'meeting.document_added',
  'meeting.document_published',
  'meeting.note_add',
  'meeting.note_edit',
  'meeting.note_delete',
  'meeting.minutes_drafted',
  'meeting.minutes_edited',
  'meeting.minutes_signed',
  'meeting.task_progress',
  'meeting.task_reminder',
];

/**
 * Query keys start with the module name that owns the data ("identity", "services", …), the same
 * first segment as the module's event types, so one event refreshes what it can have changed.
 * The audit log and the message outbox see every module's writes.
 */
export function invalidateFor(client: QueryClient, event: Pick<LiveEvent, 'type'>) {
  const module = event.type.split('.')[0] ?? '';
  void client.invalidateQueries({ queryKey: [module] });
  void client.invalidateQueries({ queryKey: ['platform'] });
  if (module === 'identity') void client.invalidateQueries({ queryKey: SESSION_KEY });
}

function parse(data: unknown): LiveEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && typeof (value as LiveEvent).type === 'string'
      ? (value as LiveEvent)
      : null;
  } catch {
    return null;
  }
}

/** The stream's address: every event the user may see, or only some topics (`meeting:123`, `operations.wall`). */
export function liveEventsUrl(topics?: readonly string[]): string {
  return topics?.length ? `/api/events?topics=${encodeURIComponent(topics.join(','))}` : '/api/events';
}

/**
 * Opens the server's event stream while signed in and refreshes the affected queries. A screen that
 * needs only some events (a meeting, the operations wall) passes its topics.
 */
export function useLiveEvents(signedIn: boolean, topics?: readonly string[]) {
  const client = useQueryClient();
  const url = liveEventsUrl(topics);
  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    const source = new EventSource(url);
    const onEvent = (e: MessageEvent) => {
      const event = parse(e.data) ?? (e.type !== 'message' ? { type: e.type } : null);
      if (event) invalidateFor(client, event);
    };
    source.addEventListener('message', onEvent);
    for (const type of LIVE_EVENT_TYPES) source.addEventListener(type, onEvent);
    // Too far behind to replay what was missed: reload everything shown.
    source.addEventListener('resync', () => void client.invalidateQueries());
    return () => source.close();
  }, [signedIn, client, url]);
}
