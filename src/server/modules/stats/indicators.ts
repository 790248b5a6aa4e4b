// The public-services figures the operations centre shows, computed through the statistics module's
// read functions: dossiers received this month, in progress and overdue now, the Decision 766 score
// and the share of dossiers submitted fully online, for the city, each commune and each department.
import type { ComputedValue, IndicatorDefinition, IndicatorProvider } from '../../platform/indicators.ts';
import { currentMonthLabel, parsePeriod } from './period.ts';
import { allAgencies } from './policy.ts';
import { breakdown, overview } from './report.ts';

const HOUR = 3600;
const levels: IndicatorDefinition['levels'] = ['city', 'commune', 'agency'];

export const SERVICES_INDICATORS: readonly IndicatorDefinition[] = [
  {
    code: 'svc.received',
    name: 'Hồ sơ tiếp nhận trong tháng',
    nameEn: 'Dossiers received this month',
    unit: 'hồ sơ',
    granularity: 'month',
    freshnessSeconds: HOUR,
    target: null,
    direction: 'higher',
    ownerAgencyCode: null,
    levels,
  },
  {
    code: 'svc.in_progress',
    name: 'Hồ sơ đang giải quyết',
    nameEn: 'Dossiers in progress',
    unit: 'hồ sơ',
    granularity: 'hour',
    freshnessSeconds: HOUR,
    target: null,
    direction: 'lower',
    ownerAgencyCode: null,
    levels,
  },
  {
    code: 'svc.overdue',
    name: 'Hồ sơ quá hạn',
    nameEn: 'Overdue dossiers',
    unit: 'hồ sơ',
    granularity: 'hour',
    freshnessSeconds: HOUR,
    target: 0,
    direction: 'lower',
    ownerAgencyCode: null,
    levels,
  },
  {
    code: 'svc.score_766',
    name: 'Điểm Bộ chỉ số 766 trong tháng',
    nameEn: 'Decision 766 score this month',
    unit: 'điểm',
    granularity: 'month',
    freshnessSeconds: HOUR,
    target: 90,
    direction: 'higher',
    ownerAgencyCode: null,
    levels,
  },
  {
    code: 'svc.online_share',
    name: 'Tỷ lệ hồ sơ trực tuyến toàn trình',
    nameEn: 'Share of dossiers fully online',
    unit: '%',
    granularity: 'month',
    freshnessSeconds: HOUR,
    target: 80,
    direction: 'higher',
    ownerAgencyCode: null,
    levels,
  },
];

interface Figures {
  counts: { receivedNew: number; within: number; over: number };
  indicators: { online: number | null };
  score: { total: number } | null;
}

function valuesOf(
  f: Figures,
  area: { level: ComputedValue['level']; areaCode: string },
  month: Date,
  hour: Date,
  now: Date,
): ComputedValue[] {
  const v = (code: string, time: Date, value: number | null): ComputedValue => ({
    code,
    ...area,
    time,
    value,
    asOf: now,
  });
  return [
    v('svc.received', month, f.counts.receivedNew),
    v('svc.in_progress', hour, f.counts.within + f.counts.over),
    v('svc.overdue', hour, f.counts.over),
    v('svc.score_766', month, f.score?.total ?? null),
    v(
      'svc.online_share',
      month,
      f.indicators.online === null ? null : Math.round(f.indicators.online * 1000) / 10,
    ),
  ];
}

export const servicesIndicatorProvider: IndicatorProvider = {
  source: 'services',
  indicators: SERVICES_INDICATORS,
  async compute(db, now) {
    const period = parsePeriod(currentMonthLabel(now));
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const city = await overview(db, period, { agencyIds: null }, now);
    const out = valuesOf(city, { level: 'city', areaCode: '' }, period.start, hour, now);
    const agencies = await allAgencies(db);
    const root = agencies.find((a) => a.parentId === null);
    const units = await breakdown(db, period, { agencyIds: null }, 'unit', agencies, now, 'vi');
    const byId = new Map(units.map((u) => [u.agencyId, u]));
    // Every commune and department gets its figures: one without dossiers has counts of zero and no score.
    for (const agency of agencies.filter((a) => a.parentId === root?.id)) {
      const unit = byId.get(agency.id);
      const figures = unit
        ? { ...unit, score: { total: unit.points } }
        : { counts: { receivedNew: 0, within: 0, over: 0 }, indicators: { online: null }, score: null };
      const area =
        agency.kind === 'peoples_committee'
          ? { level: 'commune' as const, areaCode: agency.unitCode }
          : { level: 'agency' as const, areaCode: agency.code };
      out.push(...valuesOf(figures, area, period.start, hour, now));
    }
    return out;
  },
};
