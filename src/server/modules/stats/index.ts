// The statistics module: Decision 766 indicators and periodic statistics from a read model kept in
// step with the dossiers (ADR 11). Services calls `recordDossierStats`; nothing else here touches its tables.
import type { Db } from '../../platform/db/client.ts';
import type { JobRunner } from '../../platform/jobs/index.ts';
import { foldDeltas } from './maintain.ts';

export { recordDossierStats, rebuildStats, setStatsMaintenance } from './maintain.ts';
export { statsRoutes } from './routes.ts';
export { parseStatsSettings, applyStatsSettings, StatsSettings } from './settings.ts';

/** Folds the deltas written by dossier transactions into the rollup, every few seconds. */
export function registerStatsJobs(jobs: JobRunner, db: Db): void {
  jobs.every('stats.fold', 10_000, async () => {
    await foldDeltas(db);
  });
}
