// Paperless meetings (issue 12): other modules, main.ts, the CLI and benchmarks use only this file.
import type { CqsModule } from '../../platform/module.ts';
import { seedDemoMeetings } from './demo.ts';
import { meetingsRoutes } from './routes.ts';
import { seedMeetingKinds } from './seed.ts';
import * as tables from './tables.ts';

export const meetingsModule: CqsModule = {
  name: 'meetings',
  tablePrefix: 'mtg_',
  tables,
  routes: meetingsRoutes,
  seedBaseline: (tx) => seedMeetingKinds(tx),
  seedDemo: (tx) => seedDemoMeetings(tx),
};
