import type { Deps } from '../../deps.ts';
import { registerFileAccess } from '../../platform/files/index.ts';
import type { Db } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { draftApologies } from './commands/apology.ts';
import { expireSupplements } from './commands/expire-supplements.ts';
import { mayRead } from './policy.ts';
import { agencyPaths, dossierRow } from './queries.ts';
import { registerIndicatorProvider } from '../../platform/indicators.ts';
import { servicesIndicatorProvider } from './indicators.ts';

export { servicesRoutes } from './routes.ts';
export { servicesAdminRoutes } from './admin-routes.ts';
export { templateRoutes } from './template-routes.ts';
export {
  codedDossiersReceivedBetween,
  type DossierRecord,
  dossierAgencyPaths,
  dossierRevision,
  dossiersForAgencySubtree,
  dossierTimelineForApi,
  loadDossierRecords,
  procedureList,
} from './records.ts';
export { publishProcedure, versionInForce } from './commands/publish-procedure.ts';

/** The scheduled work of the module: apology drafts before due dates, closing expired supplement requests. */
export function registerServiceJobs(jobs: JobRunner, db: Db): void {
  jobs.every('services.apologies', 15 * 60_000, () => draftApologies(db));
  jobs.every('services.supplement_expiry', 60 * 60_000, () => expireSupplements(db));
}

/** Files attached to a dossier are readable by whoever may read the dossier; the module's indicators. */
export function registerServices(deps: Deps): void {
  // The operations centre reads these figures through the platform's indicator registry.
  registerIndicatorProvider(servicesIndicatorProvider);
  registerFileAccess('dossier', async (p, file) => {
    const d = file.resourceId ? await dossierRow(deps.db, file.resourceId) : undefined;
    return !!d && mayRead(p, d, await agencyPaths(deps.db, d));
  });
}
