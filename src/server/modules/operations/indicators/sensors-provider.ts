// The operations module's own indicators, from its sensors: the worst hourly VN_AQI, the highest flood
// alert level and the government data network's availability, for the city and each commune with
// stations. Registered like any other module's provider.
import type { ComputedValue, IndicatorDefinition, IndicatorProvider } from '../../../platform/indicators.ts';
import { stations } from '../queries.ts';

const HOUR_S = 3600;

export const SENSOR_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'env.aqi',
    name: 'Chỉ số chất lượng không khí (VN_AQI giờ, cao nhất)',
    nameEn: 'Air quality index (hourly VN_AQI, worst station)',
    unit: 'VN_AQI',
    granularity: 'hour',
    freshnessSeconds: 2 * HOUR_S,
    target: 100,
    direction: 'lower',
    ownerAgencyCode: null,
    levels: ['city', 'commune'],
  },
  {
    code: 'env.flood_level',
    name: 'Cấp báo động lũ cao nhất',
    nameEn: 'Highest flood alert level',
    unit: 'cấp',
    granularity: 'hour',
    freshnessSeconds: 2 * HOUR_S,
    target: 0,
    direction: 'lower',
    ownerAgencyCode: null,
    levels: ['city', 'commune'],
  },
  {
    code: 'net.availability',
    name: 'Tỷ lệ điểm kết nối mạng TSLCD hoạt động',
    nameEn: 'Data network points up',
    unit: '%',
    granularity: 'hour',
    freshnessSeconds: HOUR_S,
    target: 99,
    direction: 'higher',
    ownerAgencyCode: null,
    levels: ['city', 'commune'],
  },
];

const maxOf = (xs: number[]) => (xs.length ? Math.max(...xs) : null);

export const sensorsIndicatorProvider: IndicatorProvider = {
  source: 'sensors',
  indicators: SENSOR_INDICATORS,
  async compute(db, now) {
    const list = await stations(db, now);
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const out: ComputedValue[] = [];
    const push = (code: string, level: 'city' | 'commune', areaCode: string, value: number | null) =>
      out.push({ code, level, areaCode, time: hour, value, asOf: now });
    const areas = new Map<string, typeof list>([['', list]]);
    for (const s of list) areas.set(s.communeCode, [...(areas.get(s.communeCode) ?? []), s]);
    for (const [area, group] of areas) {
      const level = area === '' ? 'city' : 'commune';
      const fresh = group.filter((s) => !s.stale);
      const air = fresh.filter((s) => s.aqi).map((s) => s.aqi!.value);
      if (group.some((s) => s.kind === 'air_quality')) push('env.aqi', level, area, maxOf(air));
      const water = fresh.filter((s) => s.floodLevel !== null).map((s) => s.floodLevel!);
      if (group.some((s) => s.kind === 'water_level')) push('env.flood_level', level, area, maxOf(water));
      const points = group.filter((s) => s.kind === 'network_point');
      if (points.length) {
        // A silent point counts as down: stale is not "up".
        const up = points.filter((s) => !s.stale && s.values.find((v) => v.key === 'up')?.value === 1).length;
        push('net.availability', level, area, Math.round((up / points.length) * 1000) / 10);
      }
    }
    return out;
  },
};
