// How a module plugs into the platform (ADR 13, docs/modules.md). The kernel knows no module: main.ts
// hands each module's registration the platform's parts, in the order of src/server/modules.ts.
import type { FastifyInstance } from 'fastify';
import type { SecretBox } from './auth/secret-box.ts';
import type { Config } from './config.ts';
import type { Database, Db, Tx } from './db/client.ts';
import type { EventBus } from './events/index.ts';
import type { BlobStore } from './files/store.ts';
import type { FileReferences } from './files/sweep.ts';
import type { JobRunner } from './jobs/index.ts';
import type { Logger } from './log.ts';

/** What route plugins and workers are given; built once in main.ts. */
export interface Deps {
  config: Config;
  log: Logger;
  database: Database;
  db: Db;
  bus: EventBus;
  jobs: JobRunner;
  blobs: BlobStore;
  secrets: SecretBox;
}

/** What the first start (and `cqs seed`) tells each module's seed. */
export interface SeedContext {
  /** the deployment's province or city (two-digit code) */
  provinceCode: string;
  /** the file store, when the seed runs in the server (demo photos, documents); tools pass none */
  blobs?: BlobStore;
}

/** One module, as the application sees it: everything it adds to the platform, in one object. */
export interface CqsModule {
  /** the module's folder name (`services`), also its locale namespace and event prefix */
  name: string;
  /** the prefix of every table it owns (`svc_`); a test checks its `tables` against it */
  tablePrefix: string;
  /** its Drizzle tables (drizzle-kit reads the same `tables.ts` files for migrations) */
  tables: Record<string, unknown>;
  /**
   * Where its tables name uploaded files or blobs: the orphan sweep never removes what these queries
   * return (`platform/files/sweep.ts`). Every `file_id` or `sha256` column must be covered (a test checks).
   */
  fileReferences?: FileReferences;
  /**
   * Extension points of other modules it fills (dossier-write contributions, providers), registered
   * once per process before anything runs; needs no database, so benchmarks and tools call it too.
   */
  contribute?(): void;
  /** its HTTP routes, under the platform's access hook */
  routes?(app: FastifyInstance, deps: Deps): Promise<void>;
  /** event subscribers, job handlers and schedules; live parts (a broker) start here, after the routes */
  start?(deps: Deps): void | Promise<void>;
  /** stops what `start` started, when the platform closes (in reverse module order) */
  stop?(): Promise<void>;
  /** data every deployment needs (first start, `cqs migrate`), idempotent */
  seedBaseline?(tx: Tx, ctx: SeedContext): Promise<void>;
  /** the demo city's data (first start in demo mode, `cqs seed --demo`) */
  seedDemo?(tx: Tx, ctx: SeedContext): Promise<void>;
}
