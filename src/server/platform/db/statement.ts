// Several writes sent as one statement (ADR 12): each part becomes a data-modifying CTE, so they
// commit together in one round trip, atomically even without an explicit transaction, and a check
// that fails (cqs_assert, migration 0006) undoes them all. Foreign keys between parts hold: they are
// checked at the end of the statement.
import { getTableColumns, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** `with <name> as (<part>), … <final>`: parts may refer to earlier ones by name. */
export function oneStatement(parts: Record<string, SQLWrapper>, final: SQL): SQL {
  const ctes = Object.entries(parts).map(
    ([name, part]) => sql`${sql.identifier(name)} as (${part.getSQL()})`,
  );
  return sql`with ${sql.join(ctes, sql`, `)} ${final}`;
}

/** A condition the statement must meet; when it does not, the statement fails with `code`. */
export const assertion = (ok: SQL, code: string): SQL => sql`cqs_assert(${ok}, ${code})`;

/** The code of a failed `assertion`, if that is what `err` is (drizzle wraps the driver's error). */
export function failedAssertion(err: unknown): string | undefined {
  for (
    let e = err as { code?: string; message?: string; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  )
    if (e.code === 'CQ001') return e.message;
  return undefined;
}

const columnNames = new WeakMap<PgTable, Map<string, string>>();

/** The table's property → column name map, read once per table. */
function namesOf(table: PgTable): Map<string, string> {
  let names = columnNames.get(table);
  if (!names) {
    names = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name]));
    columnNames.set(table, names);
  }
  return names;
}

/**
 * An insert of rows given as the table's properties (as drizzle's `values`), sent as one JSON parameter
 * read by `jsonb_populate_recordset`: building and binding one parameter per column cost a hot statement
 * more than the database spent on it. Properties left undefined take the column's default.
 */
export function insertRows(table: PgTable, given: readonly object[]): SQL {
  const rows = given as readonly Record<string, unknown>[];
  const names = namesOf(table);
  const keys = Object.keys(rows[0]!).filter((k) => rows[0]![k] !== undefined && names.has(k));
  const columns = sql.raw(keys.map((k) => `"${names.get(k)}"`).join(', '));
  const json = JSON.stringify(
    rows.map((r) => Object.fromEntries(keys.map((k) => [names.get(k), r[k] ?? null]))),
  );
  return sql`insert into ${table} (${columns}) select ${columns} from jsonb_populate_recordset(null::${table}, ${json}::jsonb)`;
}
