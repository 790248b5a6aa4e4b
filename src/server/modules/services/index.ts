// Public services: the procedure catalogue, the dossier lifecycle, deadlines, papers and tracking.
// Other modules, main.ts, the CLI and benchmarks use only what this file exports (ADR 13).
import { sql } from 'drizzle-orm';
import { registerFileAccess } from '../../platform/files/index.ts';
import type { CqsModule } from '../../platform/module.ts';
import { servicesAdminRoutes } from './admin-routes.ts';
import { DEMO_PROCEDURES } from './catalogue/index.ts';
import { draftApologies } from './commands/apology.ts';
import { applyDueVersions } from './commands/publish-procedure.ts';
import { expireSupplements } from './commands/expire-supplements.ts';
import { dossierRow, mayReadDossier } from './queries.ts';
import { servicesRoutes } from './routes.ts';
import { sendReceipt } from './receipt-notice.ts';
import { seedProcedures } from './seed.ts';
import * as tables from './tables.ts';
import { templateRoutes } from './template-routes.ts';

// Extension points other modules fill (ADR 13).
export {
  afterDossiersChanged,
  contributeToDossierWrites,
  type DossierWriteContribution,
  type HistoricalDossier,
  type PaymentDesk,
  type PendingPayment,
  providePaymentDesk,
  type SubmittedDossier,
} from './contributions.ts';
// The dossier as other modules read it.
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
export type { DossierRow } from './transition.ts';
export { lockDossier } from './transition.ts';
export {
  dossierCodes,
  dossierRow,
  inbox,
  mayReadDossier,
  popularProcedures,
  procedureInForce,
  searchProcedures,
} from './queries.ts';
export { isApplicant, isStepActor } from './policy.ts';
export { definitionOf } from './definitions.ts';
export { confirmPaymentInTx } from './commands/payment.ts';
export { type SubmitInput, submitDossier } from './commands/submit-dossier.ts';
export { newReceiptNo } from './receipt.ts';
export { applyDueVersions, publishProcedure, versionInForce } from './commands/publish-procedure.ts';
// Fees are part of the catalogue; deadlines and the working calendar are the module's pure domain logic.
export { quoteFees } from './fees.ts';
export {
  classifyTimeliness,
  computeDueDate,
  type DueDateInput,
  limitForChannel,
  type Pause,
  type TimeLimit,
} from './deadline.ts';
export { deadlineSettingsOf, loadCalendar } from './clock.ts';
export { DEMO_PROCEDURES } from './catalogue/index.ts';
export { generateDossiers, GeneratorError } from './generator/index.ts';

export const servicesModule: CqsModule = {
  name: 'services',
  tablePrefix: 'svc_',
  tables,
  // A dossier's files (submitted, results, attachments) and the result it records.
  fileReferences: {
    files: [
      sql`select ${tables.dossierFiles.fileId}::text from ${tables.dossierFiles}`,
      sql`select ${tables.dossiers.result}->>'fileId' from ${tables.dossiers} where ${tables.dossiers.result}->>'fileId' is not null`,
    ],
  },
  async routes(app, deps) {
    await servicesRoutes(app, deps);
    await servicesAdminRoutes(app, deps);
    await templateRoutes(app, deps);
  },
  start(deps) {
    // Files attached to a dossier are readable by whoever may read the dossier.
    registerFileAccess('dossier', async (p, file) => {
      const d = file.resourceId ? await dossierRow(deps.db, file.resourceId) : undefined;
      return !!d && (await mayReadDossier(deps.db, p, d));
    });
    // The online applicant's receipt by e-mail and SMS (ADR 22).
    deps.bus.subscribe('services.dossier_submitted', (event, tx) =>
      sendReceipt(tx, event, deps.config.publicUrl),
    );
    deps.jobs.every('services.apologies', 15 * 60_000, () => draftApologies(deps.db));
    deps.jobs.every('services.supplement_expiry', 60 * 60_000, () => expireSupplements(deps.db));
    deps.jobs.every('services.versions_in_force', 60_000, () => applyDueVersions(deps.db));
  },
  seedDemo: async (tx) => {
    await seedProcedures(tx, DEMO_PROCEDURES);
  },
};
