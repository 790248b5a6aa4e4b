// The feedback desk's figures for the operations centre, through the platform's indicator registry:
// reports received this month, open now, overdue now, the on-time and satisfaction rates of the month,
// for the city, each commune (by the point's commune) and each department (by the holding agency).
import type { ComputedValue, IndicatorDefinition, IndicatorProvider } from '../../platform/indicators.ts';
import { agencies } from './reference.ts';
import { currentLoad, type Figures, feedbackStatistics } from './stats.ts';

const HOUR = 3600;
const levels: IndicatorDefinition['levels'] = ['city', 'commune', 'agency'];
const def = (
  code: string,
  name: string,
  nameEn: string,
  unit: string,
  granularity: IndicatorDefinition['granularity'],
  target: number | null,
  direction: IndicatorDefinition['direction'],
): IndicatorDefinition => ({
  code,
  name,
  nameEn,
  unit,
  granularity,
  freshnessSeconds: HOUR,
  target,
  direction,
  ownerAgencyCode: null,
  levels,
});

export const FEEDBACK_INDICATORS: readonly IndicatorDefinition[] = [
  def(
    'fb.received',
    'Phản ánh tiếp nhận trong tháng',
    'Reports received this month',
    'phản ánh',
    'month',
    null,
    'lower',
  ),
  def('fb.open', 'Phản ánh đang xử lý', 'Reports open', 'phản ánh', 'hour', null, 'lower'),
  def('fb.overdue', 'Phản ánh quá hạn', 'Overdue reports', 'phản ánh', 'hour', 0, 'lower'),
  def(
    'fb.on_time',
    'Tỷ lệ phản ánh xử lý đúng hạn trong tháng',
    'Reports handled on time this month',
    '%',
    'month',
    90,
    'higher',
  ),
  def(
    'fb.satisfaction',
    'Tỷ lệ hài lòng với kết quả phản ánh trong tháng',
    'Satisfied with the answer this month',
    '%',
    'month',
    80,
    'higher',
  ),
];

/** The first instant of the local (Asia/Ho_Chi_Minh) month of `now`. */
export function monthStart(now: Date): Date {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), 1) - 7 * 3_600_000);
}

export const feedbackIndicatorProvider: IndicatorProvider = {
  source: 'feedback',
  indicators: FEEDBACK_INDICATORS,
  async compute(db, now) {
    const month = monthStart(now);
    const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
    const [stats, load, ags] = await Promise.all([
      feedbackStatistics(db, { from: month, to: now }, { minVolume: 0, now }),
      currentLoad(db, now),
      agencies(db),
    ]);
    const out: ComputedValue[] = [];
    const push = (
      area: { level: ComputedValue['level']; areaCode: string },
      f: Figures | undefined,
      l: { open: number; overdue: number } | undefined,
    ) => {
      const v = (code: string, time: Date, value: number | null) =>
        out.push({ code, ...area, time, value, asOf: now });
      v('fb.received', month, f?.received ?? 0);
      v('fb.open', hour, l?.open ?? 0);
      v('fb.overdue', hour, l?.overdue ?? 0);
      v('fb.on_time', month, f?.onTimeRate ?? null);
      v('fb.satisfaction', month, f?.satisfactionRate ?? null);
    };
    push({ level: 'city', areaCode: '' }, stats.city, load.city);
    const byUnit = new Map(stats.communes.map((c) => [c.key, c]));
    const byAgency = new Map(stats.agencies.map((a) => [a.key, a]));
    // Every commune and department gets its figures: one without reports has zero counts and no rates.
    for (const { agency } of ags) {
      if (agency.kind === 'peoples_committee' && agency.unitCode.length === 5)
        push(
          { level: 'commune', areaCode: agency.unitCode },
          byUnit.get(agency.unitCode),
          load.byUnit.get(agency.unitCode),
        );
      else if (agency.kind === 'department')
        push(
          { level: 'agency', areaCode: agency.code },
          byAgency.get(agency.code),
          load.byAgency.get(agency.id),
        );
    }
    return out;
  },
};
