// Paperless meetings (issue 12): other modules, main.ts, the CLI and benchmarks use only this file.
import { sql } from 'drizzle-orm';
import type { CqsModule } from '../../platform/module.ts';
import { seedDemoMeetings } from './demo.ts';
import { meetingsRoutes } from './routes.ts';
import { seedMeetingKinds } from './seed.ts';
import * as tables from './tables.ts';

export const meetingsModule: CqsModule = {
  name: 'meetings',
  tablePrefix: 'mtg_',
  tables,
  // The meeting documents' files (every version).
  fileReferences: {
    files: [
      sql`select ${tables.documents.fileId}::text from ${tables.documents} where ${tables.documents.fileId} is not null`,
    ],
  },
  routes: meetingsRoutes,
  seedBaseline: (tx) => seedMeetingKinds(tx),
  seedDemo: (tx) => seedDemoMeetings(tx),
};
