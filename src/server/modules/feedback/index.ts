// Citizen feedback (phản ánh hiện trường) and Open311 GeoReport v2. Other modules, main.ts, the CLI and
// benchmarks reach the module only through this file.
import { sql } from 'drizzle-orm';
import { registerIndicatorProvider } from '../../platform/indicators.ts';
import { contributeWebhookSource } from '../integration/index.ts';
import type { CqsModule } from '../../platform/module.ts';
import { closeUnrated, escalateDeadlines } from './commands/deadline-jobs.ts';
import { askFollowUps } from './commands/follow-up.ts';
import { sweepOrphanPhotos } from './commands/sweep-photos.ts';
import { seedFeedbackDemo, seedFeedbackDemoPhotos } from './demo.ts';
import { feedbackIndicatorProvider } from './indicators.ts';
import { open311Routes } from './open311/routes.ts';
import { notifyFollowers } from './notify.ts';
import { feedbackRoutes } from './routes.ts';
import { seedFeedbackCategories } from './seed.ts';
import * as tables from './tables.ts';
import { feedbackWebhookSource } from './webhooks.ts';

export { closeUnrated, escalateDeadlines } from './commands/deadline-jobs.ts';
export { askFollowUps } from './commands/follow-up.ts';
export { submitReport } from './commands/submit-report.ts';
export { FEEDBACK_INDICATORS, feedbackIndicatorProvider } from './indicators.ts';
export { feedbackStatistics, hotspots } from './stats.ts';
export { sweepOrphanPhotos } from './commands/sweep-photos.ts';
export { forgetFeedbackReference } from './reference.ts';
export { FEEDBACK_SCOPE, FEEDBACK_WEBHOOK_TYPES } from './webhooks.ts';

export const feedbackModule: CqsModule = {
  name: 'feedback',
  tablePrefix: 'fb_',
  tables,
  // Photos are blobs named by their media row, without a platform file row.
  fileReferences: { blobs: [sql`select ${tables.fbMedia.sha256} from ${tables.fbMedia}`] },
  contribute() {
    // The desk's figures for the operations centre, through the platform's indicator registry.
    registerIndicatorProvider(feedbackIndicatorProvider);
    // feedback.* events to API clients' webhooks (scope feedback:read), delivered by integration.
    contributeWebhookSource('feedback', feedbackWebhookSource);
  },
  async routes(app, deps) {
    await feedbackRoutes(app, deps);
    await open311Routes(app, deps);
  },
  start(deps) {
    // Closing answers nobody rated in time; deadline warnings.
    deps.jobs.every('feedback.auto_close', 60 * 60_000, () => closeUnrated(deps.db));
    deps.jobs.every('feedback.deadlines', 5 * 60_000, () => escalateDeadlines(deps.db));
    // "Is it still fixed?" some weeks after closing, for the categories that ask it.
    deps.jobs.every('feedback.follow_up', 60 * 60_000, () => askFollowUps(deps.db));
    // The reporter and the followers hear of routing, answers, rejection, merging and the follow-up.
    deps.bus.subscribe('feedback.', async (event, tx) => {
      await notifyFollowers(tx, event, deps.config.publicUrl);
    });
    // Photos nobody attached to a report, after the same grace period as other uploads.
    deps.jobs.every('feedback.photo_sweep', 60 * 60_000, () =>
      sweepOrphanPhotos(deps.db, new Date(Date.now() - deps.config.uploadOrphanMs)),
    );
  },
  seedBaseline: (tx) => seedFeedbackCategories(tx),
  async seedDemo(tx, ctx) {
    await seedFeedbackCategories(tx);
    await seedFeedbackDemo(tx, ctx.provinceCode);
    // Photos are generated locally into the file store; tools that seed without one load no photos.
    if (ctx.blobs) await seedFeedbackDemoPhotos(tx, ctx.blobs);
  },
};
