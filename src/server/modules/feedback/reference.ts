// What routing reads and rarely changes: categories, the commune shapes valid on a date, the agencies,
// the units' lineage (which unit of today a merged or renamed unit became).
// Cached per process for a minute (administrators' changes show within that time).
import { asc, eq } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { listAgencies, listUnits, unitSuccessors } from '../identity/index.ts';
import { bboxOf, type UnitShape } from './geography.ts';
import { fbCategories } from './tables.ts';

export type CategoryRow = typeof fbCategories.$inferSelect;

const TTL_MS = 60_000;
interface Cached<T> {
  value: T;
  at: number;
}
let categories: Cached<CategoryRow[]> | undefined;
const shapes = new Map<string, Cached<UnitShape[]>>();
let agencyList: Cached<Awaited<ReturnType<typeof listAgencies>>> | undefined;
let lineage: Cached<Map<string, string>> | undefined;

const fresh = <T>(c: Cached<T> | undefined): c is Cached<T> => !!c && Date.now() - c.at < TTL_MS;

export function forgetFeedbackReference(): void {
  categories = undefined;
  shapes.clear();
  agencyList = undefined;
  lineage = undefined;
}

/** Unit code → the unit of today it was merged into or renamed to (units still in force are absent). */
export async function todaysUnits(db: DbOrTx): Promise<Map<string, string>> {
  if (!fresh(lineage)) lineage = { value: await unitSuccessors(db), at: Date.now() };
  return lineage.value;
}

/** These units of today and every earlier unit that became one of them: a filter by today's commune. */
export async function withPredecessors(db: DbOrTx, codes: readonly string[]): Promise<string[]> {
  const today = await todaysUnits(db);
  return [...new Set([...codes, ...[...today].filter(([, to]) => codes.includes(to)).map(([from]) => from)])];
}

export async function allCategories(db: DbOrTx): Promise<CategoryRow[]> {
  if (!fresh(categories))
    categories = {
      value: await db.select().from(fbCategories).orderBy(asc(fbCategories.sort), asc(fbCategories.code)),
      at: Date.now(),
    };
  return categories.value;
}

export async function categoryByCode(
  db: DbOrTx,
  code: string,
  field = 'body.categoryCode',
): Promise<CategoryRow> {
  const c = (await allCategories(db)).find((x) => x.code === code && x.active);
  if (!c)
    throw new AppError('validation', {}, [{ field, key: 'feedback.unknown_category', params: { code } }]);
  return c;
}

export async function categoryById(db: DbOrTx, id: string): Promise<CategoryRow> {
  const c = (await allCategories(db)).find((x) => x.id === id);
  if (c) return c;
  const [row] = await db.select().from(fbCategories).where(eq(fbCategories.id, id));
  if (!row) throw new AppError('not_found');
  return row;
}

/** The communes (with boundaries) of the province valid on a date (YYYY-MM-DD). */
export async function communeShapes(db: DbOrTx, provinceCode: string, on: string): Promise<UnitShape[]> {
  const key = `${provinceCode}:${on}`;
  const hit = shapes.get(key);
  if (fresh(hit)) return hit.value;
  const rows = await listUnits(db, { parent: provinceCode, on });
  const value: UnitShape[] = [];
  for (const u of rows) {
    if (u.level !== 'commune' || !u.boundary) continue;
    const geometry = u.boundary as unknown as Polygon | MultiPolygon;
    value.push({
      code: u.code,
      validFrom: u.validFrom,
      fullName: u.fullName,
      geometry,
      bbox: bboxOf(geometry),
    });
  }
  shapes.set(key, { value, at: Date.now() });
  return value;
}

export async function agencies(db: DbOrTx) {
  if (!fresh(agencyList)) agencyList = { value: await listAgencies(db, undefined, true), at: Date.now() };
  return agencyList.value;
}
