// The demo operations centre: air-quality stations in Thủ Dầu Một, Dĩ An, Thuận An and Bến Cát,
// hydrological stations on the Saigon and Đồng Nai rivers, a street flooding spot, connection points of
// the government data network and the data centre's services, the alert rules over them and the imported indicators' definitions.
// Flood thresholds are the demo's (confirm per station with the hydro-meteorological service).
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/client.ts';
import { alertRules, datastreams, indicators, type ThingKind, things } from './tables.ts';

export const DEMO_APIKEY = 'cqs-demo';

interface StreamSeed {
  key: string;
  observedProperty: string;
  unit: string;
  interval: number;
  min: number;
  max: number;
}

const AIR: StreamSeed[] = [
  { key: 'pm25', observedProperty: 'PM2.5', unit: 'µg/m³', interval: 300, min: 0, max: 1000 },
  { key: 'pm10', observedProperty: 'PM10', unit: 'µg/m³', interval: 300, min: 0, max: 2000 },
  { key: 'o3', observedProperty: 'O3', unit: 'µg/m³', interval: 300, min: 0, max: 2000 },
  { key: 'no2', observedProperty: 'NO2', unit: 'µg/m³', interval: 300, min: 0, max: 5000 },
  { key: 'so2', observedProperty: 'SO2', unit: 'µg/m³', interval: 300, min: 0, max: 5000 },
  { key: 'co', observedProperty: 'CO', unit: 'µg/m³', interval: 300, min: 0, max: 200000 },
  { key: 't', observedProperty: 'Nhiệt độ', unit: '°C', interval: 300, min: -10, max: 60 },
];
const WATER: StreamSeed[] = [
  { key: 'h', observedProperty: 'Mực nước', unit: 'm', interval: 300, min: -5, max: 10 },
];
const DEPTH: StreamSeed[] = [
  { key: 'depth', observedProperty: 'Độ sâu ngập', unit: 'cm', interval: 60, min: 0, max: 300 },
];
const NETWORK: StreamSeed[] = [
  { key: 'up', observedProperty: 'Kết nối', unit: '1/0', interval: 60, min: 0, max: 1 },
  { key: 'rtt', observedProperty: 'Độ trễ', unit: 'ms', interval: 60, min: 0, max: 60000 },
  { key: 'loss', observedProperty: 'Mất gói', unit: '%', interval: 60, min: 0, max: 100 },
];

export interface DemoThing {
  code: string;
  name: string;
  kind: ThingKind;
  communeCode: string;
  lat: number;
  lon: number;
  streams: StreamSeed[];
  properties?: Record<string, unknown>;
}

export const DEMO_THINGS: DemoThing[] = [
  {
    code: 'AQ-TDM',
    name: 'Trạm không khí Thủ Dầu Một',
    kind: 'air_quality',
    communeCode: '25747',
    lat: 10.9804,
    lon: 106.6519,
    streams: AIR,
  },
  {
    code: 'AQ-DA',
    name: 'Trạm không khí Dĩ An',
    kind: 'air_quality',
    communeCode: '25942',
    lat: 10.9055,
    lon: 106.7693,
    streams: AIR,
  },
  {
    code: 'AQ-TA',
    name: 'Trạm không khí Thuận An',
    kind: 'air_quality',
    communeCode: '25978',
    lat: 10.9335,
    lon: 106.7112,
    streams: AIR,
  },
  {
    code: 'AQ-BC',
    name: 'Trạm không khí Bến Cát',
    kind: 'air_quality',
    communeCode: '25813',
    lat: 11.1543,
    lon: 106.5946,
    streams: AIR,
  },
  {
    code: 'WL-SG',
    name: 'Trạm thủy văn sông Sài Gòn (Phú Cường)',
    kind: 'water_level',
    communeCode: '25747',
    lat: 10.9765,
    lon: 106.6402,
    streams: WATER,
    properties: { flood: { I: 1.4, II: 1.5, III: 1.6 } },
  },
  {
    code: 'WL-DN',
    name: 'Trạm thủy văn sông Đồng Nai (Tân Uyên)',
    kind: 'water_level',
    communeCode: '25888',
    lat: 11.0583,
    lon: 106.8143,
    streams: WATER,
    properties: { flood: { I: 1.6, II: 1.8, III: 2.0 } },
  },
  {
    code: 'FS-DA-550',
    name: 'Điểm ngập Ngã tư 550, Dĩ An',
    kind: 'flood_spot',
    communeCode: '25942',
    lat: 10.9118,
    lon: 106.7747,
    streams: DEPTH,
  },
  ...[
    ['25747', 'Thủ Dầu Một', 10.9689, 106.6554],
    ['25942', 'Dĩ An', 10.8991, 106.7629],
    ['25978', 'Thuận An', 10.9426, 106.6796],
    ['25813', 'Bến Cát', 11.1972, 106.6214],
    ['25888', 'Tân Uyên', 11.0941, 106.8096],
    ['25777', 'Dầu Tiếng', 11.424, 106.3655],
  ].map(([code, name, lat, lon]) => ({
    code: `NET-${code}`,
    name: `Điểm kết nối mạng TSLCD — ${name}`,
    kind: 'network_point' as const,
    communeCode: String(code),
    lat: Number(lat),
    lon: Number(lon),
    streams: NETWORK,
  })),
  // The provincial data centre's services, probed like the connection points.
  ...[
    ['DC-DVC', 'Trung tâm dữ liệu — Cổng dịch vụ công'],
    ['DC-LGSP', 'Trung tâm dữ liệu — Nền tảng tích hợp, chia sẻ dữ liệu (LGSP)'],
  ].map(([code, name]) => ({
    code: String(code),
    name: String(name),
    kind: 'network_point' as const,
    communeCode: '25747',
    lat: 10.9802,
    lon: 106.6745,
    streams: NETWORK,
  })),
];

interface RuleSeed {
  code: string;
  name: string;
  nameEn: string;
  kind: (typeof alertRules.$inferInsert)['kind'];
  observedProperty: string;
  thingKind?: ThingKind;
  thingCode?: string;
  category: string;
  params: Record<string, unknown>;
}

const floodRule = (code: string, station: string, t: { I: number; II: number; III: number }): RuleSeed => ({
  code: `flood.${code}`,
  name: `Báo động lũ — ${station}`,
  nameEn: `Flood alert — ${station}`,
  kind: 'threshold',
  observedProperty: 'Mực nước',
  thingCode: code,
  category: 'flood',
  params: {
    bands: [
      { severity: 'warning', value: t.I },
      { severity: 'major', value: t.II },
      { severity: 'critical', value: t.III },
    ],
    holdSeconds: 300,
    hysteresis: 0.05,
  },
});

export const DEMO_RULES: RuleSeed[] = [
  {
    code: 'air.pm25',
    name: 'Bụi mịn PM2.5 vượt ngưỡng',
    nameEn: 'PM2.5 above threshold',
    kind: 'threshold',
    observedProperty: 'PM2.5',
    category: 'environment',
    // 50, 80, 150 µg/m³: the PM2.5 breakpoints of AQI 100, 150 and 200.
    params: {
      bands: [
        { severity: 'warning', value: 50 },
        { severity: 'major', value: 80 },
        { severity: 'critical', value: 150 },
      ],
      holdSeconds: 600,
      hysteresis: 5,
    },
  },
  {
    code: 'air.stale',
    name: 'Trạm không khí mất dữ liệu',
    nameEn: 'Air station silent',
    kind: 'stale',
    observedProperty: 'PM2.5',
    category: 'data_quality',
    params: { factor: 3 },
  },
  {
    code: 'air.pm25.impossible',
    name: 'PM2.5 giá trị bất thường',
    nameEn: 'Impossible PM2.5 value',
    kind: 'impossible',
    observedProperty: 'PM2.5',
    category: 'data_quality',
    params: {},
  },
  {
    code: 'air.pm25.flat',
    name: 'PM2.5 không đổi (cảm biến treo)',
    nameEn: 'PM2.5 flat line (stuck sensor)',
    kind: 'flat_line',
    observedProperty: 'PM2.5',
    category: 'data_quality',
    params: { durationSeconds: 7200 },
  },
  floodRule('WL-SG', 'sông Sài Gòn (Phú Cường)', { I: 1.4, II: 1.5, III: 1.6 }),
  floodRule('WL-DN', 'sông Đồng Nai (Tân Uyên)', { I: 1.6, II: 1.8, III: 2.0 }),
  {
    code: 'water.rise',
    name: 'Mực nước lên nhanh',
    nameEn: 'Water rising fast',
    kind: 'rate_of_change',
    observedProperty: 'Mực nước',
    category: 'flood',
    params: { windowSeconds: 1800, maxChange: 0.3, severity: 'major' },
  },
  {
    code: 'water.stale',
    name: 'Trạm thủy văn mất dữ liệu',
    nameEn: 'Hydrological station silent',
    kind: 'stale',
    observedProperty: 'Mực nước',
    category: 'data_quality',
    params: { factor: 3 },
  },
  {
    code: 'street.flooding',
    name: 'Ngập đường',
    nameEn: 'Street flooding',
    kind: 'threshold',
    observedProperty: 'Độ sâu ngập',
    category: 'flood',
    params: {
      bands: [
        { severity: 'warning', value: 10 },
        { severity: 'major', value: 20 },
        { severity: 'critical', value: 30 },
      ],
      hysteresis: 2,
    },
  },
  {
    code: 'net.down',
    name: 'Mất kết nối mạng TSLCD',
    nameEn: 'Data network point down',
    kind: 'threshold',
    observedProperty: 'Kết nối',
    category: 'network',
    params: { direction: 'below', bands: [{ severity: 'critical', value: 0.5 }], holdSeconds: 120 },
  },
  {
    code: 'net.latency',
    name: 'Độ trễ mạng TSLCD cao',
    nameEn: 'Data network latency high',
    kind: 'threshold',
    observedProperty: 'Độ trễ',
    category: 'network',
    params: {
      bands: [
        { severity: 'warning', value: 100 },
        { severity: 'major', value: 300 },
      ],
      holdSeconds: 300,
      hysteresis: 10,
    },
  },
  {
    code: 'net.loss',
    name: 'Mất gói mạng TSLCD',
    nameEn: 'Data network packet loss',
    kind: 'threshold',
    observedProperty: 'Mất gói',
    category: 'network',
    params: {
      bands: [
        { severity: 'warning', value: 5 },
        { severity: 'major', value: 20 },
      ],
      holdSeconds: 300,
      hysteresis: 1,
    },
  },
  {
    code: 'net.stale',
    name: 'Điểm kết nối không báo cáo',
    nameEn: 'Network point silent',
    kind: 'stale',
    observedProperty: 'Kết nối',
    category: 'network',
    params: { factor: 3 },
  },
];

/** Indicators no module computes: imported from the statistics office's and departments' files. */
export const IMPORTED_INDICATORS: (typeof indicators.$inferInsert)[] = [
  {
    code: 'eco.grdp_growth',
    name: 'Tăng trưởng GRDP',
    nameEn: 'GRDP growth',
    unit: '%',
    source: 'import',
    granularity: 'quarter',
    freshnessSeconds: 120 * 86_400,
    target: 10,
    direction: 'higher',
    ownerAgencyCode: null,
    levels: ['city'],
  },
  {
    code: 'eco.investment_capital',
    name: 'Vốn đầu tư thực hiện',
    nameEn: 'Investment capital disbursed',
    unit: 'tỷ đồng',
    source: 'import',
    granularity: 'month',
    freshnessSeconds: 40 * 86_400,
    target: null,
    direction: 'higher',
    ownerAgencyCode: null,
    levels: ['city', 'commune'],
  },
  {
    code: 'eco.fdi_registered',
    name: 'Vốn FDI đăng ký',
    nameEn: 'FDI registered',
    unit: 'triệu USD',
    source: 'import',
    granularity: 'month',
    freshnessSeconds: 40 * 86_400,
    target: null,
    direction: 'higher',
    ownerAgencyCode: null,
    levels: ['city'],
  },
  {
    code: 'dx.digital_economy_share',
    name: 'Tỷ trọng kinh tế số trong GRDP',
    nameEn: 'Digital economy share of GRDP',
    unit: '%',
    source: 'import',
    granularity: 'year',
    freshnessSeconds: 400 * 86_400,
    target: 20,
    direction: 'higher',
    ownerAgencyCode: null,
    levels: ['city'],
  },
];

export async function seedOperations(tx: Tx): Promise<void> {
  for (const t of DEMO_THINGS) {
    const id = randomUUID();
    await tx.insert(things).values({
      id,
      code: t.code,
      apikey: DEMO_APIKEY,
      name: t.name,
      kind: t.kind,
      communeCode: t.communeCode,
      lat: t.lat,
      lon: t.lon,
      properties: t.properties ?? {},
    });
    await tx.insert(datastreams).values(
      t.streams.map((s) => ({
        id: randomUUID(),
        thingId: id,
        key: s.key,
        observedProperty: s.observedProperty,
        unit: s.unit,
        expectedIntervalSeconds: s.interval,
        validMin: s.min,
        validMax: s.max,
      })),
    );
  }
  await tx.insert(alertRules).values(
    DEMO_RULES.map((r) => ({
      id: randomUUID(),
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      kind: r.kind,
      observedProperty: r.observedProperty,
      thingKind: r.thingKind ?? null,
      thingCode: r.thingCode ?? null,
      params: r.params,
      category: r.category,
    })),
  );
  await tx.insert(indicators).values(IMPORTED_INDICATORS);
}
