// Shapes of the integration administration API (src/server/modules/integration).
export const keys = {
  dvcqg: ['integration', 'dvcqg'] as const,
  clients: ['integration', 'clients'] as const,
  deliveries: ['integration', 'deliveries'] as const,
};

export type SyncState = 'pending' | 'synced' | 'failed';

export interface SyncStatus {
  configured: boolean;
  counts: Record<SyncState, number>;
  items: {
    dossierId: string;
    code: string;
    state: SyncState;
    revision: number;
    sentRevision: number | null;
    attempts: number;
    lastError: string | null;
    lastAttemptAt: string | null;
    syncedAt: string | null;
  }[];
}

export interface Reconciliation {
  id: number;
  from: string;
  to: string;
  localCount: number;
  remoteCount: number;
  missing: string[];
  stale: string[];
  unknown: string[];
  resent: number;
}

export interface ApiClient {
  id: string;
  name: string;
  agencyId: string;
  agencyName: string | null;
  scopes: string[];
  rateLimitPerMinute: number;
  revokedAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface Subscription {
  id: string;
  clientId: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  createdAt: string;
}

export interface Delivery {
  id: number;
  subscriptionId: string;
  url: string;
  eventId: string;
  eventType: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
}
