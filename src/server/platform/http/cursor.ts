// The opaque keyset cursor of paged lists: a row's (timestamp, uuid) in base64url. Decoded and checked
// by its query schema, so a cursor the server did not hand out is a 400 naming the field, never a value
// the database refuses.
import { z } from 'zod';

export interface Keyset {
  at: Date;
  id: string;
}

const SHAPE =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export function encodeKeyset(k: Keyset): string {
  return Buffer.from(`${k.at.toISOString()}|${k.id}`).toString('base64url');
}

/** The cursor `encodeKeyset` wrote, or null for anything else (a date must read back as written). */
export function decodeKeyset(cursor: string): Keyset | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  const m = SHAPE.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!m) return null;
  const at = new Date(m[1]!);
  return Number.isNaN(at.getTime()) || at.toISOString() !== m[1] ? null : { at, id: m[2]! };
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
