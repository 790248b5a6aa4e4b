import type { z } from 'zod';
import type { Breakdown, Drill, Figure, Overview, PublicStats, Ranking } from '../../../contracts/stats.ts';

// What the statistics API sends, inferred from the shared contracts.
export type OverviewData = z.infer<typeof Overview>;
export type BreakdownData = z.infer<typeof Breakdown>;
export type RankingData = z.infer<typeof Ranking>;
export type DrillData = z.infer<typeof Drill>;
export type PublicData = z.infer<typeof PublicStats>;
export type FigureKey = z.infer<typeof Figure>;
export type CountsData = OverviewData['counts'];

export const statsKeys = {
  all: ['stats'] as const,
  of: (what: string, query: Record<string, unknown>) => ['stats', what, query] as const,
};

/** The status figures shown (and drilled into), in the order of the national statistics form. */
export const STATUS_FIGURES: { figure: FigureKey; count: keyof CountsData }[] = [
  { figure: 'received_new', count: 'receivedNew' },
  { figure: 'carried_over', count: 'carriedOver' },
  { figure: 'early', count: 'early' },
  { figure: 'on_time', count: 'onTime' },
  { figure: 'late', count: 'late' },
  { figure: 'within', count: 'within' },
  { figure: 'over', count: 'over' },
  { figure: 'paused', count: 'paused' },
  { figure: 'refused', count: 'refused' },
  { figure: 'withdrawn', count: 'withdrawn' },
  { figure: 'stopped', count: 'stopped' },
  { figure: 'pending', count: 'pending' },
];

/** For a score component, the dossiers that cost it points. */
export const COST_FIGURE: Record<string, FigureKey | undefined> = {
  progress: 'cost_progress',
  online: 'cost_online',
  payment_share: 'cost_payment',
  e_result: 'cost_e_result',
  digitised: 'cost_digitised',
  satisfaction_rate: 'cost_progress',
};

export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(Math.round(v * 1000) / 10).toLocaleString('vi-VN')} %`;
