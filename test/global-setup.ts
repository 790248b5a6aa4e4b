import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplate: string | null;
  }
}

/** Builds one migrated, demo-seeded database per run; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  const work = mkdtempSync(join(tmpdir(), 'cqs-test-'));
  const log = createLogger('silent');

  const embedded = await openDatabase({ dataDir: work, log, inMemory: true });
  await runMigrations(embedded);
  await embedded.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
  const dump = await embedded.pglite!.dumpDataDir('none');
  const pgliteTemplate = join(work, 'template.tar');
  writeFileSync(pgliteTemplate, Buffer.from(await dump.arrayBuffer()));
  await embedded.close();
  project.provide('pgliteTemplate', pgliteTemplate);

  let pgTemplate: string | null = null;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    pgTemplate = `cqs_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${pgTemplate}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${pgTemplate}`;
    const server = await openDatabase({ databaseUrl: url.toString(), dataDir: work, log, poolSize: 2 });
    await runMigrations(server);
    await server.db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
    await server.close();
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    rmSync(work, { recursive: true, force: true });
    if (adminUrl && pgTemplate) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      // Drop the template and any per-file database a crashed test left behind.
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`cqs_t_${process.pid}_%`, pgTemplate],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    }
  };
}
