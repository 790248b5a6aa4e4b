// The GeoJSON answered by GET /api/units/geo, typed just enough for drawing.
export interface UnitFeatureProperties {
  code: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  tags: string[];
}

export interface UnitFeature {
  type: 'Feature';
  properties: UnitFeatureProperties;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };
}

export interface UnitFeatureCollection {
  type: 'FeatureCollection';
  features: UnitFeature[];
}

/** Côn Đảo special zone: far offshore, drawn as an inset so the mainland can fill the map. */
export const INSET_CODES: ReadonlySet<string> = new Set(['26732']);

export const FORMER_BINH_DUONG = 'binh-duong-cu';

export function splitInsets(fc: UnitFeatureCollection) {
  const mainland = fc.features.filter((f) => !INSET_CODES.has(f.properties.code));
  const insets = fc.features.filter((f) => INSET_CODES.has(f.properties.code));
  return {
    mainland: { type: 'FeatureCollection' as const, features: mainland },
    insets: { type: 'FeatureCollection' as const, features: insets },
  };
}
