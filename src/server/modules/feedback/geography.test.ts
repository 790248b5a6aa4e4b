import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../../platform/paths.ts';
import { bboxOf, boxAround, distanceM, type UnitShape, unitAt } from './geography.ts';

interface Feature {
  properties: { code: string; fullName: string; formerArea: string };
  geometry: Polygon | MultiPolygon;
}
const features = (
  JSON.parse(readFileSync(join(PATHS.reference, 'geo/79-wards-2025.geojson'), 'utf8')) as {
    features: Feature[];
  }
).features;
const shapes: UnitShape[] = features.map((f) => ({
  code: f.properties.code,
  validFrom: '2025-07-01',
  fullName: f.properties.fullName,
  geometry: f.geometry,
  bbox: bboxOf(f.geometry),
}));

/** Edges that two former-Bình Dương units share exactly in the bundled boundaries. */
function sharedEdges(limit: number) {
  const seen = new Map<string, string>();
  const out: { a: string; b: string; p: number[]; q: number[] }[] = [];
  for (const f of features) {
    if (f.properties.formerArea !== 'binh-duong-cu') continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys)
      for (const ring of poly)
        for (let i = 0; i + 1 < ring.length; i++) {
          const [p, q] = [ring[i]!, ring[i + 1]!];
          const key = [p.join(), q.join()].sort().join('|');
          const other = seen.get(key);
          if (other && other !== f.properties.code) {
            // Long enough to step off it sideways without meeting another edge.
            if (distanceM(p[1]!, p[0]!, q[1]!, q[0]!) > 300)
              out.push({ a: other, b: f.properties.code, p, q });
          } else seen.set(key, f.properties.code);
          if (out.length >= limit) return out;
        }
  }
  return out;
}

describe('the commune of a point', () => {
  it('finds Thủ Dầu Một for a point in its centre and nothing in the sea or another province', () => {
    expect(unitAt(shapes, 106.6565, 10.9804)?.code).toBe('25747');
    expect(unitAt(shapes, 107.5, 10.0)).toBeNull(); // South China Sea
    expect(unitAt(shapes, 105.85, 21.03)).toBeNull(); // Hà Nội
  });

  const edges = sharedEdges(12);
  it('has shared edges to test on', () => expect(edges.length).toBeGreaterThanOrEqual(5));

  it.each(edges.map((e) => [`${e.a}|${e.b}`, e] as const))(
    'points 5 m either side of the edge %s',
    (_n, e) => {
      const mid = [(e.p[0]! + e.q[0]!) / 2, (e.p[1]! + e.q[1]!) / 2];
      const [dx, dy] = [e.q[0]! - e.p[0]!, e.q[1]! - e.p[1]!];
      const len = Math.hypot(dx, dy);
      const step = 5 / 111_320; // about 5 m in degrees
      const left = unitAt(shapes, mid[0]! - (dy / len) * step, mid[1]! + (dx / len) * step)?.code;
      const right = unitAt(shapes, mid[0]! + (dy / len) * step, mid[1]! - (dx / len) * step)?.code;
      expect(new Set([left, right])).toEqual(new Set([e.a, e.b]));
      // Exactly on a shared vertex both contain it: the smallest code wins, whatever the load order.
      const onVertex = unitAt(shapes, e.p[0]!, e.p[1]!)?.code;
      expect(onVertex).toBeDefined();
      expect(onVertex! <= [e.a, e.b].sort()[0]!).toBe(true);
      expect(unitAt([...shapes].reverse(), e.p[0]!, e.p[1]!)?.code).toBe(onVertex);
    },
  );

  it('boxes contain every point within the radius', () => {
    const b = boxAround(11, 106.7, 150);
    expect(distanceM(11, 106.7, b.maxLat, 106.7)).toBeCloseTo(150, 0);
    expect(distanceM(11, 106.7, 11, b.maxLng)).toBeCloseTo(150, 0);
  });
});
