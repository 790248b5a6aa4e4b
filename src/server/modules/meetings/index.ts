// Paperless meetings (issue 12): other modules, main.ts, the CLI and benchmarks use only this file.
import { sql } from 'drizzle-orm';
import type { CqsModule } from '../../platform/module.ts';
import { remindNonRepliers } from './commands/remind-non-repliers.ts';
import { remindRoundElectors } from './commands/remind-round-electors.ts';
import { remindTasks } from './commands/remind-tasks.ts';
import { seedDemoMeetings } from './demo.ts';
import { seedDemoDocuments } from './demo-documents.ts';
import { meetingsRoutes } from './routes.ts';
import { seedMeetingKinds } from './seed.ts';
import * as tables from './tables.ts';

/** The schedule that reminds invitees who have not replied (a job on the platform's queue). */
export const REMINDERS_JOB = 'meetings.invitation_reminders';
/** The schedule that reminds agencies of tasks due tomorrow or overdue. */
export const TASK_REMINDERS_JOB = 'meetings.task_reminders';
/** The schedule that reminds electors of a written round who have not answered. */
export const ROUND_REMINDERS_JOB = 'meetings.round_reminders';

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
  start(deps) {
    // Invitees who have not replied are reminded once per working day until the meeting starts.
    deps.jobs.every(REMINDERS_JOB, 15 * 60_000, () =>
      remindNonRepliers(deps.db, { publicUrl: deps.config.publicUrl }),
    );
    deps.jobs.every(TASK_REMINDERS_JOB, 60 * 60_000, () =>
      remindTasks(deps.db, { publicUrl: deps.config.publicUrl }),
    );
    deps.jobs.every(ROUND_REMINDERS_JOB, 60 * 60_000, () =>
      remindRoundElectors(deps.db, { publicUrl: deps.config.publicUrl }),
    );
  },
  seedBaseline: (tx) => seedMeetingKinds(tx),
  async seedDemo(tx, ctx) {
    await seedDemoMeetings(tx);
    // The demo's PDFs go into the file store; tools that seed without one load none.
    if (ctx.blobs) await seedDemoDocuments(tx, ctx.blobs);
  },
};
