// The portal module: the public, server-rendered portal (five languages), its editorial API, the
// scheduled publisher, and the investor pipeline. Other modules and main.ts use only what is here.
import { sql } from 'drizzle-orm';
import type { CqsModule, Deps } from '../../platform/module.ts';
import { publishDueEditions } from './commands/publish-due.ts';
import { remindOverdueEnquiries } from './commands/remind-enquiries.ts';
import { clearPageCache } from './page-cache.ts';
import { indexProcedures } from './procedure-index.ts';
import { portalPublicRoutes } from './public-routes.ts';
import { portalRoutes } from './routes.ts';
import { seedPortal } from './seed.ts';
import * as tables from './tables.ts';

export { indexProcedures, publishDueEditions, remindOverdueEnquiries };

/** How often the scheduled publisher looks for editions whose time has come. */
export const PUBLISH_DUE_EVERY_MS = 30_000;
/** How often enquiries past their response deadline are looked for (each is flagged once). */
export const ENQUIRY_REMINDERS_EVERY_MS = 15 * 60_000;

/** The scheduled publisher, the procedure index for search, and page-cache invalidation on every node. */
function startPortal(deps: Deps): void {
  deps.jobs.every('portal.publish_due', PUBLISH_DUE_EVERY_MS, async () => {
    const { published } = await publishDueEditions(deps.db);
    if (published) clearPageCache();
  });
  deps.jobs.every('portal.enquiry_reminders', ENQUIRY_REMINDERS_EVERY_MS, async () => {
    await remindOverdueEnquiries(deps.db);
  });
  deps.bus.subscribe('services.procedure_published', async (_event, tx) => {
    await indexProcedures(tx);
  });
  deps.bus.onBroadcast((event) => {
    if (
      event.type.startsWith('portal.edition_') ||
      event.type === 'portal.figures_imported' ||
      event.type === 'services.procedure_published'
    )
      clearPageCache();
  });
}

export const portalModule: CqsModule = {
  name: 'portal',
  tablePrefix: 'ptl_',
  tables,
  // Legal documents' files, and files an edition's body links or shows (`/api/files/<id>`), any edition.
  fileReferences: {
    files: [
      sql`select ${tables.legalDocuments.fileId}::text from ${tables.legalDocuments} where ${tables.legalDocuments.fileId} is not null`,
      sql`select m[1] from ${tables.editions},
            regexp_matches(${tables.editions.body}::text, '/api/files/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'g') as m`,
    ],
  },
  async routes(app, deps) {
    await portalRoutes(app, deps);
    await portalPublicRoutes(app, deps);
  },
  start: startPortal,
  seedBaseline: (tx) => seedPortal(tx, { demo: false }),
  seedDemo: (tx) => seedPortal(tx, { demo: true }),
};
