import type { Config } from './platform/config.ts';
import type { Database, Db } from './platform/db/client.ts';
import type { EventBus } from './platform/events/index.ts';
import type { BlobStore } from './platform/files/store.ts';
import type { JobRunner } from './platform/jobs/index.ts';
import type { Logger } from './platform/log.ts';
import type { SecretBox } from './platform/auth/secret-box.ts';
import type { SessionService } from './modules/identity/sessions.ts';

/** What route plugins and workers are given; built once in main.ts. */
export interface Deps {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  bus: EventBus;
  jobs: JobRunner;
  blobs: BlobStore;
  sessions: SessionService;
  secrets: SecretBox;
}
