// The Decision 766 weights and the statistics' rules of thumb, as configuration (defaults observed on
// DVCQG in 2026, to confirm against the official annex). Components the platform cannot measure yet
// are listed as such: their points are neither awarded nor hidden.
import { z } from 'zod';
import { ConfigError } from '../../platform/config.ts';

export const COMPONENTS = [
  'progress',
  'online',
  'payment_share',
  'payment_procedures',
  'e_result',
  'digitised',
  'digitisation_other',
  'satisfaction_rate',
  'feedback',
  'sync',
  'publication',
] as const;
export type ComponentKey = (typeof COMPONENTS)[number];

export const GROUP_OF: Record<ComponentKey, string> = {
  progress: 'progress',
  online: 'online',
  payment_share: 'payment',
  payment_procedures: 'payment',
  e_result: 'digitisation',
  digitised: 'digitisation',
  digitisation_other: 'digitisation',
  satisfaction_rate: 'satisfaction',
  feedback: 'satisfaction',
  sync: 'transparency',
  publication: 'transparency',
};

const Component = z.strictObject({ points: z.number().min(0).max(100), measured: z.boolean() });

export const StatsSettings = z.strictObject({
  components: z.record(z.enum(COMPONENTS), Component),
  /** "100% − late rate − complaint rate" earns full marks from this share */
  satisfactionFullAt: z.number().min(0.01).max(1),
  /** below this many dossiers in the period a unit is shown but not ranked */
  minVolumeForRanking: z.number().int().min(1),
  /** a procedure without a time limit (or a dossier without a due date) is compared with this */
  legalMaximum: z.strictObject({
    value: z.number().int().min(1),
    unit: z.enum(['working_days', 'calendar_days']),
  }),
});
export type StatsSettings = z.infer<typeof StatsSettings>;

export const DEFAULT_STATS_SETTINGS: StatsSettings = {
  components: {
    progress: { points: 20, measured: true },
    online: { points: 12, measured: true },
    payment_share: { points: 6, measured: true },
    payment_procedures: { points: 4, measured: false },
    e_result: { points: 6, measured: true },
    digitised: { points: 4, measured: true },
    digitisation_other: { points: 12, measured: false },
    satisfaction_rate: { points: 6, measured: true },
    feedback: { points: 12, measured: false },
    sync: { points: 6, measured: false },
    publication: { points: 12, measured: false },
  },
  satisfactionFullAt: 0.9,
  minVolumeForRanking: 30,
  legalMaximum: { value: 30, unit: 'working_days' },
};

/**
 * The deployment's settings from the configuration's STATS_SETTINGS (JSON): any part given replaces
 * the default (components one by one). Problems are listed, as for the rest of the configuration.
 */
export function parseStatsSettings(json: string, opts: { syncConfigured?: boolean } = {}): StatsSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new ConfigError([`STATS_SETTINGS: not valid JSON (${(err as Error).message})`]);
  }
  const given = typeof raw === 'object' && raw !== null ? (raw as Partial<StatsSettings>) : {};
  const merged = {
    ...DEFAULT_STATS_SETTINGS,
    ...given,
    components: {
      ...DEFAULT_STATS_SETTINGS.components,
      // Sync coverage is measured where the national sync runs, unless the settings say otherwise.
      sync: { ...DEFAULT_STATS_SETTINGS.components.sync, measured: opts.syncConfigured ?? false },
      ...(given.components ?? {}),
    },
  };
  const result = StatsSettings.safeParse(merged);
  if (!result.success)
    throw new ConfigError(result.error.issues.map((i) => `STATS_SETTINGS.${i.path.join('.')}: ${i.message}`));
  return result.data;
}

let current: StatsSettings = DEFAULT_STATS_SETTINGS;

/** Replaced at start-up from the configuration file (`stats` key), validated. */
export function applyStatsSettings(s: StatsSettings): void {
  current = StatsSettings.parse(s);
}
export const statsSettings = (): StatsSettings => current;
