// The statistics module: Decision 766 indicators and periodic statistics from a read model kept in
// step with the dossiers (ADR 11). Services calls `recordDossierStats`; nothing else here touches its tables.
import type { Db } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { foldDeltas } from './maintain.ts';

export { recordDossierStats, recordDossiersStats, rebuildStats, setStatsMaintenance } from './maintain.ts';
export { statsRoutes } from './routes.ts';
// The figures other modules may serve (the integration API for other systems), through the same scope rules.
export { allAgencies, periodView, statsRequest } from './policy.ts';
export { currentMonthLabel, parsePeriod } from './period.ts';
export { statsRead } from './queries.ts';
export { breakdown, overview } from './report.ts';
export { parseStatsSettings, applyStatsSettings, StatsSettings } from './settings.ts';

/** Folds the deltas written by dossier transactions into the rollup, every few seconds. */
export function registerStatsJobs(jobs: JobRunner, db: Db): void {
  jobs.every('stats.fold', 10_000, async () => {
    await foldDeltas(db);
  });
}
