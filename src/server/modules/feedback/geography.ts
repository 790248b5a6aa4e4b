// The commune a point falls in, from the dated administrative units and their bundled boundaries.
// Pure: the caller gives the units valid on the date (identity's listUnits) and gets the unit version.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon } from 'geojson';

export interface UnitShape {
  code: string;
  validFrom: string;
  fullName: string;
  geometry: Polygon | MultiPolygon;
  /** [minLng, minLat, maxLng, maxLat] */
  bbox: [number, number, number, number];
}

export function bboxOf(geometry: Polygon | MultiPolygon): [number, number, number, number] {
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  const rings = geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
  for (const ring of rings)
    for (const [x, y] of ring) {
      if (x! < minX) minX = x!;
      if (x! > maxX) maxX = x!;
      if (y! < minY) minY = y!;
      if (y! > maxY) maxY = y!;
    }
  return [minX, minY, maxX, maxY];
}

/**
 * The unit containing the point. A point exactly on a shared edge belongs to both polygons: the unit
 * with the smaller code wins, so the answer never depends on load order.
 */
export function unitAt(shapes: readonly UnitShape[], lng: number, lat: number): UnitShape | null {
  let found: UnitShape | null = null;
  for (const s of shapes) {
    const [x0, y0, x1, y1] = s.bbox;
    if (lng < x0 || lng > x1 || lat < y0 || lat > y1) continue;
    if (!booleanPointInPolygon([lng, lat], s.geometry)) continue;
    if (!found || s.code < found.code) found = s;
  }
  return found;
}

const EARTH_M = 6_371_008.8;
/** Great-circle distance in metres. */
export function distanceM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLng = (bLng - aLng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.sqrt(h));
}

/** A latitude/longitude box around a point that contains every point within `radiusM` of it. */
export function boxAround(lat: number, lng: number, radiusM: number) {
  const dLat = (radiusM / EARTH_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((lat * Math.PI) / 180);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}
