// VN_AQI per Decision 1459/QĐ-TCMT (12 Nov 2019): sub-indices by linear interpolation between the
// breakpoints of Table 2, hourly PM from the 12-hour NowCast, daily PM from the 24-hour mean, the
// other pollutants from their highest hourly mean of the day (ozone also from its highest 8-hour mean),
// the index the highest sub-index, and only when PM2.5 or PM10 is among them.

export type Pollutant = 'pm25' | 'pm10' | 'o3' | 'no2' | 'so2' | 'co';
export const POLLUTANTS: readonly Pollutant[] = ['pm25', 'pm10', 'o3', 'no2', 'so2', 'co'];

/** The AQI values the breakpoints correspond to (the I_i row of Table 2). */
const I = [0, 50, 100, 150, 200, 300, 400, 500] as const;

/** Concentrations in µg/m³ at each I_i; null where the decision gives none (ozone 8 h above 300). */
const BP: Record<Pollutant | 'o3_8h', readonly (number | null)[]> = {
  o3: [0, 160, 200, 300, 400, 800, 1000, 1200],
  o3_8h: [0, 100, 120, 170, 210, 400, null, null],
  co: [0, 10000, 30000, 45000, 60000, 90000, 120000, 150000],
  so2: [0, 125, 350, 550, 800, 1600, 2100, 2630],
  no2: [0, 100, 200, 700, 1200, 2350, 3100, 3850],
  pm10: [0, 50, 150, 250, 350, 420, 500, 600],
  pm25: [0, 25, 50, 80, 150, 250, 350, 500],
};

/**
 * The sub-index of one concentration: (I_{i+1} − I_i)/(BP_{i+1} − BP_i) × (C − BP_i) + I_i, rounded to
 * a whole number. Above the last breakpoint the index is 500 (off the scale); null if undefined there.
 */
export function subIndex(p: Pollutant | 'o3_8h', c: number): number | null {
  if (!Number.isFinite(c) || c < 0) return null;
  const bp = BP[p];
  for (let i = 0; i < bp.length - 1; i++) {
    const lo = bp[i]!;
    const hi = bp[i + 1];
    if (lo === null || hi === null || hi === undefined) return null;
    if (c <= hi) return Math.round(((I[i + 1]! - I[i]!) / (hi - lo)) * (c - lo) + I[i]!);
  }
  return 500;
}

/**
 * The NowCast of the last 12 hourly means, newest first (index 0 = the current hour; null = missing).
 * w* = c_min / c_max; w = w* when above ½, else ½; NowCast = Σ wⁱ⁻¹cᵢ / Σ wⁱ⁻¹ over the hours with data
 * (with w = ½ the decision's Σ (½)ⁱcᵢ). Needs at least two of the three latest hours.
 */
export function nowcast(hours: readonly (number | null)[]): number | null {
  const last3 = hours.slice(0, 3).filter((h) => h !== null && h !== undefined).length;
  if (last3 < 2) return null;
  const present = hours
    .slice(0, 12)
    .map((c, i) => ({ c, i }))
    .filter((h): h is { c: number; i: number } => h.c !== null);
  const values = present.map((h) => h.c);
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (max === 0) return 0;
  const wStar = min / max;
  if (wStar > 0.5) {
    let num = 0;
    let den = 0;
    for (const { c, i } of present) {
      num += wStar ** i * c;
      den += wStar ** i;
    }
    return num / den;
  }
  let sum = 0;
  for (const { c, i } of present) sum += 0.5 ** (i + 1) * c;
  return sum;
}

export interface AqiResult {
  aqi: number;
  /** the pollutant with the highest sub-index */
  dominant: Pollutant;
  subIndices: Partial<Record<Pollutant, number>>;
}

function combine(sub: Partial<Record<Pollutant, number>>): AqiResult | null {
  if (sub.pm25 === undefined && sub.pm10 === undefined) return null;
  let dominant: Pollutant = sub.pm25 !== undefined ? 'pm25' : 'pm10';
  for (const p of POLLUTANTS) if ((sub[p] ?? -1) > (sub[dominant] ?? -1)) dominant = p;
  return { aqi: sub[dominant]!, dominant, subIndices: sub };
}

/** Hourly means of the last 12 hours per pollutant, newest first. */
export type HourlySeries = Partial<Record<Pollutant, readonly (number | null)[]>>;

/** The hourly VN_AQI: PM by NowCast, the gases by the current hour's mean. */
export function hourlyAqi(series: HourlySeries): AqiResult | null {
  const sub: Partial<Record<Pollutant, number>> = {};
  for (const p of POLLUTANTS) {
    const hours = series[p];
    if (!hours) continue;
    const c = p === 'pm25' || p === 'pm10' ? nowcast(hours) : (hours[0] ?? null);
    if (c === null) continue;
    const v = subIndex(p, c);
    if (v !== null) sub[p] = v;
  }
  return combine(sub);
}

/** The 24 hourly means of a day per pollutant, in any order (null = missing). */
export type DaySeries = Partial<Record<Pollutant, readonly (number | null)[]>>;

/** The highest mean over 8 consecutive hours with at least 6 of them measured (hours in time order). */
export function maxEightHourMean(hours: readonly (number | null)[]): number | null {
  let best: number | null = null;
  for (let start = 0; start + 8 <= hours.length; start++) {
    const window = hours.slice(start, start + 8).filter((h): h is number => h !== null);
    if (window.length < 6) continue;
    const mean = window.reduce((a, b) => a + b, 0) / window.length;
    if (best === null || mean > best) best = mean;
  }
  return best;
}

/** Hours of a day that must be measured for its 24-hour mean (18 of 24 = 75%, configurable). */
export const DAILY_MIN_HOURS = 18;

/** The daily VN_AQI: PM by the 24-hour mean, gases by their highest hourly mean, ozone also by its 8-hour mean. */
export function dailyAqi(day: DaySeries, minHours = DAILY_MIN_HOURS): AqiResult | null {
  const sub: Partial<Record<Pollutant, number>> = {};
  for (const p of POLLUTANTS) {
    const hours = day[p];
    if (!hours) continue;
    const present = hours.filter((h): h is number => h !== null);
    if (present.length === 0) continue;
    let v: number | null;
    if (p === 'pm25' || p === 'pm10') {
      if (present.length < minHours) continue;
      v = subIndex(p, present.reduce((a, b) => a + b, 0) / present.length);
    } else {
      v = subIndex(p, Math.max(...present));
      if (p === 'o3') {
        // The larger of the 1-hour and 8-hour sub-indices; the 8-hour scale ends at 400 µg/m³.
        const eight = maxEightHourMean(hours);
        const v8 = eight === null ? null : subIndex('o3_8h', eight);
        if (v8 !== null && (v === null || v8 > v)) v = v8;
      }
    }
    if (v !== null) sub[p] = v;
  }
  return combine(sub);
}

export type AqiBand = 'good' | 'moderate' | 'poor' | 'bad' | 'very_bad' | 'hazardous';

/** Table 1 of the decision: the band of an index, with its colour (RGB as given). */
export function aqiBand(aqi: number): { band: AqiBand; colour: string } {
  if (aqi <= 50) return { band: 'good', colour: '#00e400' };
  if (aqi <= 100) return { band: 'moderate', colour: '#ffff00' };
  if (aqi <= 150) return { band: 'poor', colour: '#ff7e00' };
  if (aqi <= 200) return { band: 'bad', colour: '#ff0000' };
  if (aqi <= 300) return { band: 'very_bad', colour: '#8f3f97' };
  return { band: 'hazardous', colour: '#7e0023' };
}
