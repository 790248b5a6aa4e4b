// The opaque keyset cursor of paged lists: a row's (timestamp, uuid) in base64url. Decoded and checked
// by its query schema, so a cursor the server did not hand out is a 400 naming the field, never a value
// the database refuses. The timestamp is PostgreSQL's, to the microsecond, as text: a JavaScript Date
// keeps milliseconds only, and a cursor cut to the millisecond hands the last row of a page out again
// (with a page of one, forever).
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

export interface Keyset {
  /** UTC, six decimals: `2026-12-08T02:00:00.123456Z` (the SQL `keysetTime` gives it) */
  at: string;
  id: string;
}

/** A timestamptz column as the cursor's text, in a select list. */
export const keysetTime = (column: SQL) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SHAPE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeKeyset(k: Keyset): string {
  return Buffer.from(`${k.at}|${k.id}`).toString('base64url');
}

/** The cursor `encodeKeyset` wrote, or null for anything else (a date must read back as written). */
export function decodeKeyset(cursor: string): Keyset | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const m = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) return null;
  // The date must read back as written (no 31 February), to the millisecond; the microseconds are digits.
  const at = m[1]!;
  const ms = new Date(`${at.slice(0, 23)}Z`);
  return Number.isNaN(ms.getTime()) || ms.toISOString() !== `${at.slice(0, 23)}Z` ? null : { at, id: m[2]! };
}

/** A query parameter holding a keyset cursor, parsed to its (at, id). */
export const KeysetCursor = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const k = decodeKeyset(s);
    if (!k) ctx.addIssue({ code: 'custom', message: 'field.cursor' });
    return k ?? z.NEVER;
  });
