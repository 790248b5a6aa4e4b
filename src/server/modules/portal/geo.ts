// The former Bình Dương communes from the bundled boundaries (reference/geo), drawn as an inline SVG
// map by the server: readers without JavaScript get the map too, and nothing comes from a tile server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS } from '../../platform/paths.ts';

type Ring = [number, number][];
interface Feature {
  properties: { code: string; fullName: string; nameEn: string; formerArea: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

export interface Commune {
  code: string;
  fullName: string;
  nameEn: string;
  rings: Ring[];
  /** the middle of the largest ring's bounding box: where a commune's pin goes */
  centre: [number, number];
}

let communes: Commune[] | undefined;

/** The 36 communes and wards that were Bình Dương province. */
export function formerBinhDuong(): Commune[] {
  if (communes) return communes;
  const fc = JSON.parse(readFileSync(join(PATHS.reference, 'geo/79-wards-2025.geojson'), 'utf8')) as {
    features: Feature[];
  };
  communes = fc.features
    .filter((f) => f.properties.formerArea === 'binh-duong-cu')
    .map((f) => {
      const rings =
        f.geometry.type === 'Polygon'
          ? [f.geometry.coordinates[0]!]
          : f.geometry.coordinates.map((p) => p[0]!);
      const largest = rings.reduce((a, b) => (b.length > a.length ? b : a));
      const xs = largest.map((p) => p[0]);
      const ys = largest.map((p) => p[1]);
      return {
        code: f.properties.code,
        fullName: f.properties.fullName,
        nameEn: f.properties.nameEn,
        rings,
        centre: [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2] as [
          number,
          number,
        ],
      };
    });
  return communes;
}

export interface Pin {
  lng: number;
  lat: number;
  label: string;
}

/** An SVG of the communes with a pin per project (the list beside it carries the links). */
export function communeMapSvg(pins: readonly Pin[], title: string): string {
  const all = formerBinhDuong();
  const pts = all.flatMap((c) => c.rings.flat());
  const minX = Math.min(...pts.map((p) => p[0]));
  const maxX = Math.max(...pts.map((p) => p[0]));
  const minY = Math.min(...pts.map((p) => p[1]));
  const maxY = Math.max(...pts.map((p) => p[1]));
  const k = Math.cos(((minY + maxY) / 2) * (Math.PI / 180));
  const W = 600;
  const scale = W / ((maxX - minX) * k);
  const H = Math.round((maxY - minY) * scale);
  const x = (lng: number) => ((lng - minX) * k * scale).toFixed(1);
  const y = (lat: number) => ((maxY - lat) * scale).toFixed(1);
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const paths = all
    .map(
      (c) =>
        `<path class="commune" d="${c.rings.map((r) => `M${r.map((p) => `${x(p[0])} ${y(p[1])}`).join('L')}Z`).join('')}"><title>${esc(c.fullName)}</title></path>`,
    )
    .join('');
  const marks = pins
    .map(
      (p) =>
        `<circle class="pin" cx="${x(p.lng)}" cy="${y(p.lat)}" r="6"><title>${esc(p.label)}</title></circle>`,
    )
    .join('');
  return `<svg class="map" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg">${paths}${marks}</svg>`;
}
