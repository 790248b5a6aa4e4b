import type { Deps } from '../../deps.ts';
import { registerFileAccess } from '../../platform/files/index.ts';
import { mayRead } from './policy.ts';
import { agencyPaths, dossierRow } from './queries.ts';

export { servicesRoutes } from './routes.ts';
export { publishProcedure, versionInForce } from './commands/publish-procedure.ts';

/** Files attached to a dossier are readable by whoever may read the dossier. */
export function registerServices(deps: Deps): void {
  registerFileAccess('dossier', async (p, file) => {
    const d = file.resourceId ? await dossierRow(deps.db, file.resourceId) : undefined;
    return !!d && mayRead(p, d, await agencyPaths(deps.db, d));
  });
}
