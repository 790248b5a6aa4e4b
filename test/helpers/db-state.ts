import { type SQL, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { type DbOrTx, queryRows } from '../../src/server/platform/db/client.ts';

/**
 * What "nothing changed" means: every row of the tables a refused request could touch, fingerprinted
 * (count + md5 of the rows). Sessions leave out last_seen_at, which reads refresh.
 */
const TABLES: Record<string, SQL> = {
  users: sql`select t::text as r from id_users t`,
  agencies: sql`select t::text as r from id_agencies t`,
  memberships: sql`select t::text as r from id_memberships t`,
  roles: sql`select t::text as r from id_roles t`,
  sessions: sql`select concat_ws('|', token_hash, user_id, csrf_token, expires_at) as r from id_sessions`,
  password_resets: sql`select t::text as r from id_password_resets t`,
  registrations: sql`select t::text as r from id_registrations t`,
  audit: sql`select t::text as r from audit_log t`,
  outbox: sql`select t::text as r from outbox_events t`,
  messages: sql`select t::text as r from messages t`,
  jobs: sql`select t::text as r from jobs t`,
  files: sql`select t::text as r from files t`,
  payment_requests: sql`select t::text as r from pay_requests t`,
  payments: sql`select t::text as r from pay_payments t`,
};
export type TableName = keyof typeof TABLES;

export type Snapshot = Record<string, { rows: number; md5: string }>;

export async function snapshot(db: DbOrTx, tables: TableName[] = Object.keys(TABLES)): Promise<Snapshot> {
  const out: Snapshot = {};
  for (const name of tables) {
    const [row] = await queryRows<{ rows: number; md5: string }>(
      db,
      sql`select count(*)::int as rows, md5(coalesce(string_agg(r, E'\n' order by r), '')) as md5 from (${TABLES[name]!}) s`,
    );
    out[name] = row!;
  }
  return out;
}

/** Runs `fn` and asserts that no fingerprinted table changed. */
export async function expectNoChange<T>(db: DbOrTx, fn: () => Promise<T>, tables?: TableName[]): Promise<T> {
  const before = await snapshot(db, tables);
  const result = await fn();
  const after = await snapshot(db, tables);
  const changed = Object.keys(before)
    .filter((k) => before[k]!.md5 !== after[k]!.md5)
    .map((k) => `${k}: ${before[k]!.rows} → ${after[k]!.rows} rows`);
  expect(changed, 'tables changed by a request that should change nothing').toEqual([]);
  return result;
}

/** Counts rows of one table, optionally filtered (e.g. audit rows of one action). */
export async function count(db: DbOrTx, table: string, where: SQL = sql`true`): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`,
  );
  return row!.n;
}

export const rows = queryRows;
