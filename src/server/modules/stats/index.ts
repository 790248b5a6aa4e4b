// The statistics module: Decision 766 indicators and periodic statistics from a read model kept in
// step with the dossiers (ADR 11). It fills services' dossier-write contributions (ADR 13): a new
// dossier's fact and delta in the submission's statement, a re-classification in every change's transaction.
import type { CqsModule } from '../../platform/module.ts';
import { registerIndicatorProvider } from '../../platform/indicators.ts';
import { contributeToDossierWrites } from '../services/index.ts';
import { servicesIndicatorProvider } from './indicators.ts';
import { foldDeltas, newDossierStats, recordDossiersStats } from './maintain.ts';
import { statsRoutes } from './routes.ts';
import * as tables from './tables.ts';

export {
  rebuildStats,
  recordDossierStats,
  recordDossiersPaidOnline,
  recordDossiersSynced,
  setStatsMaintenance,
} from './maintain.ts';
// The figures other modules may serve (the integration API for other systems), through the same scope rules.
export { allAgencies, periodView, resolveSlice, statsRequest } from './policy.ts';
export { currentMonthLabel, parsePeriod } from './period.ts';
export { drillDown, statsRead } from './queries.ts';
export { breakdown, overview, ranking } from './report.ts';
export { parseStatsSettings, applyStatsSettings, StatsSettings } from './settings.ts';

export const statsModule: CqsModule = {
  name: 'stats',
  tablePrefix: 'stats_',
  tables,
  contribute() {
    contributeToDossierWrites('stats', {
      submissionRows: newDossierStats,
      dossiersChanged: recordDossiersStats,
    });
    // The public-services figures the operations centre shows, through the platform's indicator registry.
    registerIndicatorProvider(servicesIndicatorProvider);
  },
  routes: statsRoutes,
  start(deps) {
    // Folds the deltas written by dossier transactions into the rollup, every few seconds.
    deps.jobs.every('stats.fold', 10_000, async () => {
      await foldDeltas(deps.db);
    });
  },
};
