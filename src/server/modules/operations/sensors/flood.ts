// Flood alert levels (báo động I, II, III) of a hydrological station: the water level against the
// station's configured thresholds (Decision 05/2020/QĐ-TTg names the levels; each station has its own).

export interface FloodThresholds {
  /** levels in the station's datum (cm or m, as the datastream's unit), increasing */
  I: number;
  II: number;
  III: number;
}

export type FloodLevel = 0 | 1 | 2 | 3;

/** The highest alert level the water has reached (0 = below level I). */
export function floodLevel(water: number, t: FloodThresholds): FloodLevel {
  if (water >= t.III) return 3;
  if (water >= t.II) return 2;
  if (water >= t.I) return 1;
  return 0;
}

export function validThresholds(t: FloodThresholds): boolean {
  return Number.isFinite(t.I) && t.I < t.II && t.II < t.III;
}
