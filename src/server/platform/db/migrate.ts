import { PATHS } from '../paths.ts';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = PATHS.migrations;

// An arbitrary constant: every node takes this advisory lock, so only one applies migrations at a time.
const MIGRATION_LOCK = 727_100_001;

/** Applies the committed migrations; safe to call from several nodes at once. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = await database.pool!.connect();
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    await migrateNodePg(drizzle(client) as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`).catch(() => {});
    client.release();
  }
}
