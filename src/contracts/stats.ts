import { z } from 'zod';

// Statistics (Decision 766 and the periodic statistics): shared by server and web.

/**
 * 2026-11 (month), 2026-Q4 (quarter), 2026 (year), 2026-03..2026-08 (custom months), 2026-11-05 (a day),
 * 2026-11-05..2026-11-20 (custom days, Vietnam time, both days included).
 */
export const PERIOD_PATTERN =
  /^(?<year>\d{4})(?:-(?<month>\d{2})(?:-(?<day>\d{2})(?:\.\.(?<lastDay>\d{4}-\d{2}-\d{2}))?|\.\.(?<toMonth>\d{4}-\d{2}))?|-Q(?<quarter>[1-4]))?$/;
export const PeriodParam = z.string().max(40).regex(PERIOD_PATTERN, 'field.period');

const ROMAN = ['I', 'II', 'III', 'IV'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/**
 * A period label in words, for people: "tháng 12/2026", "quý IV/2026", "năm 2026",
 * "từ tháng 3/2026 đến tháng 8/2026", "ngày 05/11/2026" (English: "December 2026", "Q4 2026", …).
 * A label that is not a period is given back as it is.
 */
export function periodWords(label: string, lang: 'vi' | 'en'): string {
  const m = PERIOD_PATTERN.exec(label)?.groups;
  if (!m) return label;
  const year = m.year!;
  const vi = lang === 'vi';
  const month = (y: string, mm: string) =>
    vi ? `tháng ${Number(mm)}/${y}` : `${MONTHS_EN[Number(mm) - 1] ?? mm} ${y}`;
  const day = (iso: string) => {
    const [y, mm, d] = iso.split('-') as [string, string, string];
    return vi ? `${d}/${mm}/${y}` : `${Number(d)} ${MONTHS_EN[Number(mm) - 1] ?? mm} ${y}`;
  };
  const range = (a: string, b: string) => (vi ? `từ ${a} đến ${b}` : `${a} to ${b}`);
  if (m.quarter) return vi ? `quý ${ROMAN[Number(m.quarter) - 1]}/${year}` : `Q${m.quarter} ${year}`;
  if (!m.month) return vi ? `năm ${year}` : year;
  if (m.day) {
    const first = `${year}-${m.month}-${m.day}`;
    if (m.lastDay) return range(day(first), day(m.lastDay));
    return vi ? `ngày ${day(first)}` : day(first);
  }
  if (m.toMonth) {
    const [y2, m2] = m.toMonth.split('-') as [string, string];
    return range(month(year, m.month), month(y2, m2));
  }
  return month(year, m.month);
}

export const SliceQuery = z.strictObject({
  period: PeriodParam,
  agencyId: z.uuid().optional(),
  commune: z
    .string()
    .regex(/^\d{5}$/, 'field.unit_code')
    .optional(),
  sector: z.string().min(1).max(40).optional(),
  procedure: z.string().min(3).max(60).optional(),
  channel: z.enum(['counter', 'online', 'post']).optional(),
});
export type SliceQuery = z.infer<typeof SliceQuery>;

const Share = z.number().nullable();

export const Counts = z.object({
  receivedNew: z.number(),
  carriedOver: z.number(),
  pending: z.number(),
  refused: z.number(),
  cancelled: z.number(),
  early: z.number(),
  onTime: z.number(),
  late: z.number(),
  withdrawn: z.number(),
  stopped: z.number(),
  endedOk: z.number(),
  endedLate: z.number(),
  within: z.number(),
  over: z.number(),
  paused: z.number(),
  finished: z.number(),
  minutes: z.number(),
  onlineEligible: z.number(),
  onlineFull: z.number(),
  eResultDue: z.number(),
  eResult: z.number(),
  digitised: z.number(),
  feeBearing: z.number(),
  paidOnline: z.number(),
  rated: z.number(),
  ratingSum: z.number(),
  satisfied: z.number(),
  complaints: z.number(),
  synced: z.number(),
});
export type Counts = z.infer<typeof Counts>;

export const Indicators = z.object({
  received: z.number(),
  progress: Share,
  lateRate: Share,
  complaintRate: Share,
  satisfactionRate: Share,
  online: Share,
  eResult: Share,
  digitised: Share,
  paymentOnline: Share,
  averageRating: Share,
  satisfiedShare: Share,
  averageProcessingDays: Share,
  syncCoverage: Share,
});

export const Score = z.object({
  total: z.number(),
  measuredMax: z.number(),
  components: z.array(
    z.object({
      key: z.string(),
      group: z.string(),
      maxPoints: z.number(),
      measured: z.boolean(),
      share: Share,
      points: Share,
    }),
  ),
  groups: z.array(
    z.object({ group: z.string(), points: z.number(), maxPoints: z.number(), measuredMax: z.number() }),
  ),
});

/** The period as the server read it: its months (yyyymm), its first and last day, whether it includes today. */
export const PeriodView = z.object({
  label: z.string(),
  unit: z.enum(['month', 'day']),
  from: z.number(),
  to: z.number(),
  firstDay: z.string(),
  lastDay: z.string(),
  current: z.boolean(),
});

export const Overview = z.object({
  period: PeriodView,
  scope: z.object({ agencyId: z.string().nullable(), agencyName: z.string().nullable() }),
  counts: Counts,
  indicators: Indicators,
  score: Score,
});
export type Overview = z.infer<typeof Overview>;

export const BreakdownBy = z.enum(['unit', 'procedure', 'sector', 'channel']);
export const BreakdownQuery = SliceQuery.extend({ by: BreakdownBy });
export const BreakdownRow = z.object({
  key: z.string(),
  label: z.string(),
  /** the unit's agency id (by=unit), for drilling into it */
  agencyId: z.string().nullable(),
  counts: Counts,
  indicators: Indicators,
  points: z.number(),
});
export const Breakdown = z.object({ by: BreakdownBy, items: z.array(BreakdownRow) });

export const RankingQuery = SliceQuery.omit({ agencyId: true, commune: true }).extend({
  level: z.enum(['department', 'commune']),
  agencyId: z.uuid().optional(),
});
export const RankingRow = z.object({
  agencyId: z.string(),
  code: z.string(),
  name: z.string(),
  unitCode: z.string(),
  volume: z.number(),
  ranked: z.boolean(),
  rank: z.number().nullable(),
  points: z.number(),
  progress: Share,
  online: Share,
  lateRate: Share,
});
export const Ranking = z.object({
  level: z.enum(['department', 'commune']),
  minVolume: z.number(),
  items: z.array(RankingRow),
});

export const Figure = z.enum([
  'received',
  'received_new',
  'carried_over',
  'pending',
  'refused',
  'cancelled',
  'early',
  'on_time',
  'late',
  'withdrawn',
  'stopped',
  'within',
  'over',
  'paused',
  'finished',
  'cost_progress',
  'cost_online',
  'cost_e_result',
  'cost_digitised',
  'cost_payment',
]);
export type Figure = z.infer<typeof Figure>;
export const DrillQuery = SliceQuery.extend({
  figure: Figure,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export const DrillRow = z.object({
  dossierId: z.string(),
  code: z.string().nullable(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  channel: z.string(),
  status: z.number(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  timeliness: z.string(),
  multiSupplement: z.boolean(),
});
export const Drill = z.object({ figure: Figure, total: z.number(), items: z.array(DrillRow) });

export const ExportQuery = SliceQuery.extend({
  by: z.enum(['unit', 'sector', 'procedure', 'status', 'channel']),
  format: z.enum(['csv', 'xlsx']),
});

export const PublicQuery = z.strictObject({ period: PeriodParam });
export const PublicStats = z.object({
  period: PeriodView,
  counts: Counts,
  indicators: Indicators,
  score: Score,
  units: z.array(RankingRow),
  minVolume: z.number(),
});
