import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { PATHS } from '../../platform/paths.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { type GeoJsonGeometry, units } from './tables.ts';

const REFERENCE_DIR = PATHS.reference;
/** The 2025 reorganisation (two-level local government) took effect on this date. */
export const UNITS_VALID_FROM = '2025-07-01';

interface RawProvince {
  code: string;
  fullName: string;
  wards: { code: string; fullName: string }[];
}
interface WardFeature {
  properties: {
    code: string;
    name: string;
    fullName: string;
    nameEn: string;
    areaKm2: number;
    formerArea: string;
  };
  geometry: GeoJsonGeometry;
}

const PREFIXES = /^(Thành phố|Tỉnh|Phường|Xã|Đặc khu)\s+/;
export const shortName = (fullName: string) => fullName.replace(PREFIXES, '');

export type UnitInsert = typeof units.$inferInsert;

/** Every province and commune of Vietnam, with boundaries and tags for the deployment's province when bundled. */
export function readReferenceUnits(provinceCode: string): UnitInsert[] {
  const raw = JSON.parse(readFileSync(join(REFERENCE_DIR, 'admin-units/vn-units-2026.json'), 'utf8')) as {
    provinces: RawProvince[];
  };
  let geo = new Map<string, WardFeature>();
  try {
    const fc = JSON.parse(
      readFileSync(join(REFERENCE_DIR, `geo/${provinceCode}-wards-2025.geojson`), 'utf8'),
    ) as { features: WardFeature[] };
    geo = new Map(fc.features.map((f) => [f.properties.code, f]));
  } catch {
    // No bundled boundaries for this province: units load without them.
  }
  const rows: UnitInsert[] = [];
  for (const p of raw.provinces) {
    rows.push({
      code: p.code,
      level: 'province',
      name: shortName(p.fullName),
      fullName: p.fullName,
      parentCode: null,
      validFrom: UNITS_VALID_FROM,
    });
    for (const w of p.wards) {
      const f = geo.get(w.code);
      rows.push({
        code: w.code,
        level: 'commune',
        name: shortName(w.fullName),
        fullName: w.fullName,
        nameEn: f?.properties.nameEn ?? null,
        parentCode: p.code,
        validFrom: UNITS_VALID_FROM,
        areaKm2: f?.properties.areaKm2 ?? null,
        tags: f?.properties.formerArea ? [f.properties.formerArea] : [],
        boundary: f?.geometry ?? null,
      });
    }
  }
  return rows;
}

/** Loads the reference units; existing (code, valid_from) rows are refreshed, nothing is deleted. */
export async function loadReferenceUnits(tx: DbOrTx, provinceCode: string): Promise<number> {
  const rows = readReferenceUnits(provinceCode);
  for (let i = 0; i < rows.length; i += 400) {
    await tx
      .insert(units)
      .values(rows.slice(i, i + 400))
      .onConflictDoUpdate({
        target: [units.code, units.validFrom],
        set: {
          name: sql`excluded.name`,
          fullName: sql`excluded.full_name`,
          nameEn: sql`excluded.name_en`,
          areaKm2: sql`excluded.area_km2`,
          tags: sql`excluded.tags`,
          boundary: sql`excluded.boundary`,
        },
      });
  }
  return rows.length;
}
