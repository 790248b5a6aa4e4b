// Citizen feedback (phản ánh hiện trường) and Open311 GeoReport v2. Other modules, main.ts, the CLI and
// benchmarks reach the module only through this file.
import type { Deps } from '../../deps.ts';
import { closeUnrated, escalateDeadlines } from './commands/deadline-jobs.ts';

export { feedbackRoutes } from './routes.ts';
export { open311Routes } from './open311/routes.ts';
export { seedFeedbackCategories } from './seed.ts';
export { seedFeedbackDemo, seedFeedbackDemoPhotos } from './demo.ts';
export { closeUnrated, escalateDeadlines } from './commands/deadline-jobs.ts';
export { submitReport } from './commands/submit-report.ts';
export { forgetFeedbackReference } from './reference.ts';

/** Scheduled work: closing answers nobody rated in time, deadline warnings. */
export function registerFeedbackJobs(deps: Pick<Deps, 'jobs' | 'db'>): void {
  deps.jobs.every('feedback.auto_close', 60 * 60_000, () => closeUnrated(deps.db));
  deps.jobs.every('feedback.deadlines', 5 * 60_000, () => escalateDeadlines(deps.db));
}
