// `feedback.*` outbox events as webhook events (the integration module delivers them): public facts of
// the report only, as its public page shows them. No contact, no description, no reporter, no photo.
import type { WebhookSource } from '../integration/index.ts';
import type { ReportStatus } from './lifecycle.ts';
import { open311Status } from './lifecycle.ts';
import { agencies, allCategories } from './reference.ts';

/** The event types a client may subscribe to. */
export const FEEDBACK_WEBHOOK_TYPES = [
  'feedback.submitted',
  'feedback.changed',
  'feedback.status_changed',
] as const;

/** The scope an API client holds to receive them. */
export const FEEDBACK_SCOPE = 'feedback:read';

/** Outbox events that are internal warnings, not changes of the report. */
const NOT_DELIVERED = new Set(['feedback.due_soon', 'feedback.overdue']);

interface Payload {
  code?: string;
  status?: ReportStatus;
  fromStatus?: ReportStatus;
  action?: string;
  urgent?: boolean;
  categoryId?: string;
  unitCode?: string;
  agencyId?: string | null;
  lat?: number;
  lng?: number;
  dueAt?: string | null;
}

export const feedbackWebhookSource: WebhookSource = {
  outbox: 'feedback.',
  eventTypes: FEEDBACK_WEBHOOK_TYPES,
  scope: FEEDBACK_SCOPE,
  async project(tx, e) {
    const p = e.payload as Payload;
    if (NOT_DELIVERED.has(e.type) || !p.code || !p.status) return null;
    const types: string[] =
      e.type === 'feedback.submitted' ? ['feedback.submitted', 'feedback.changed'] : ['feedback.changed'];
    if (p.fromStatus && p.fromStatus !== p.status) types.push('feedback.status_changed');
    // The holding agency's subtree; before routing (or once it left every agency), the city's.
    const all = await agencies(tx);
    const holder = p.agencyId ? all.find((a) => a.agency.id === p.agencyId) : undefined;
    const agencyPaths = holder
      ? [holder.agency.path]
      : all.filter((a) => a.agency.parentId === null).map((a) => a.agency.path);
    const category = p.categoryId
      ? (await allCategories(tx)).find((c) => c.id === p.categoryId)?.code
      : undefined;
    return {
      types,
      agencyPaths,
      data: {
        code: p.code,
        status: p.status,
        previousStatus: p.fromStatus ?? null,
        open311Status: open311Status(p.status),
        action: p.action ?? (e.type === 'feedback.submitted' ? 'submit' : null),
        urgent: p.urgent ?? false,
        category: category ?? null,
        commune: p.unitCode ?? null,
        agencyCode: holder?.agency.code ?? null,
        lat: p.lat ?? null,
        lng: p.lng ?? null,
        dueAt: p.dueAt ?? null,
      },
    };
  },
};
