// Integration with other systems: the national portal (DVCQG sync), API clients and webhooks.
import type { FastifyInstance } from 'fastify';
import type { CqsModule, Deps } from '../../platform/module.ts';
import * as tables from './tables.ts';
import { systemContext } from '../../platform/context.ts';
import { createAddressGuard } from '../../platform/http/address-guard.ts';
import { type DvcqgClient, httpDvcqgClient } from './dvcqg/client.ts';
import { localDay, reconcilePeriod } from './dvcqg/reconcile.ts';
import { dvcqgAdminRoutes } from './dvcqg/routes.ts';
import { integrationAdminRoutes } from './admin-routes.ts';
import { deleteExpiredTokens } from './api/clients.ts';
import { apiRoutes } from './api/routes.ts';
import { seedSyncHistory } from './dvcqg/history.ts';
import { contributeToDossierWrites } from '../services/index.ts';
import {
  DELIVERY_BATCH,
  DELIVERY_QUEUE,
  fanOut,
  fanOutSource,
  runDeliveryJobs,
} from './webhooks/deliveries.ts';
import { webhookSources } from './webhooks/sources.ts';
import {
  onDossierChanged,
  requeueStalePending,
  runSyncJob,
  SYNC_JOBS_AT_ONCE,
  SYNC_QUEUE,
} from './dvcqg/sync.ts';

export { reconcilePeriod } from './dvcqg/reconcile.ts';
export { httpDvcqgClient } from './dvcqg/client.ts';
export { startContractServer } from './dvcqg/contract-server.ts';
export { principalFromToken } from './api/clients.ts';
// The webhook contract's signature, as receivers check it (docs/contracts/webhooks.md).
export { HEADERS as WEBHOOK_HEADERS, verify as verifyWebhook } from './webhooks/signing.ts';
// The sync and delivery runners, for the benchmarks that drive them without the server.
export { runSyncJob, SYNC_JOBS_AT_ONCE, SYNC_QUEUE } from './dvcqg/sync.ts';
export { DELIVERY_BATCH, DELIVERY_QUEUE, fanOut, runDeliveryJobs } from './webhooks/deliveries.ts';
// Other modules' events for webhooks (feedback's `feedback.*`), contributed in their `contribute()`.
export {
  contributeWebhookSource,
  type WebhookProjection,
  type WebhookSource,
} from './webhooks/sources.ts';

/** The guard on webhook targets: the operator's allow-list, the system resolver. */
export const webhookGuard = (deps: Pick<Deps, 'config'>) =>
  createAddressGuard({ allow: deps.config.outboundAllow });

/** The DVCQG client of this deployment, when configured. */
export function dvcqgClientOf(deps: Pick<Deps, 'config'>): DvcqgClient | undefined {
  return deps.config.dvcqg ? httpDvcqgClient(deps.config.dvcqg) : undefined;
}

async function integrationRoutes(scope: FastifyInstance, deps: Deps): Promise<void> {
  await dvcqgAdminRoutes(scope, deps, dvcqgClientOf(deps));
  await integrationAdminRoutes(scope, deps, webhookGuard(deps));
  await apiRoutes(scope, deps);
}

/** Subscribers, job handlers and schedules of the module. */
function startIntegration(deps: Deps): void {
  const client = dvcqgClientOf(deps);
  deps.bus.subscribe('services.dossier_changed', async (event, tx) => {
    if (event.aggregateId) await onDossierChanged(tx, event.aggregateId, !!client);
    await fanOut(tx, event, true);
  });
  // Contributed sources (registered before start): their events reach subscribed clients the same way.
  for (const source of webhookSources())
    deps.bus.subscribe(source.outbox, async (event, tx) => {
      await fanOutSource(tx, event, source, true);
    });
  // Deliveries are independent requests to other systems: claimed a batch at a time per worker.
  deps.jobs.handleBatch(
    DELIVERY_QUEUE,
    (jobs) =>
      runDeliveryJobs(
        {
          db: deps.db,
          secrets: deps.secrets,
          timeoutMs: deps.config.webhookTimeoutMs,
          guard: webhookGuard(deps),
        },
        jobs,
      ),
    { size: DELIVERY_BATCH },
  );
  deps.jobs.every('integration.api_tokens_cleanup', 3_600_000, () => deleteExpiredTokens(deps.db));
  if (!client) return;
  const syncDeps = { db: deps.db, client, baseUrl: deps.config.publicUrl, log: deps.log };
  deps.jobs.handle(SYNC_QUEUE, (payload) => runSyncJob(syncDeps, payload.ids as string[]), {
    concurrency: SYNC_JOBS_AT_ONCE,
  });
  deps.jobs.every('integration.dvcqg_requeue', 60_000, () => requeueStalePending(deps.db));
  // Nightly: the last 31 days against the portal, so a record lost there is re-sent within a day.
  deps.jobs.every('integration.dvcqg_reconcile', 24 * 3_600_000, () => {
    const today = Date.now();
    return reconcilePeriod(deps.db, client, systemContext('dvcqg-reconcile'), {
      from: localDay(new Date(today - 31 * 86_400_000)),
      to: localDay(new Date(today)),
    });
  });
}

export const integrationModule: CqsModule = {
  name: 'integration',
  tablePrefix: 'int_',
  tables,
  routes: integrationRoutes,
  start: startIntegration,
  contribute() {
    contributeToDossierWrites('integration', { historyWritten: seedSyncHistory });
  },
};
