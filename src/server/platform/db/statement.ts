// Several writes sent as one statement (ADR 12): each part becomes a data-modifying CTE, so they
// commit together in one round trip, atomically even without an explicit transaction, and a check
// that fails (cqs_assert, migration 0006) undoes them all. Foreign keys between parts hold: they are
// checked at the end of the statement.
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';

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
