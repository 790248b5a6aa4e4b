// The indicator providers: a module that can compute figures (dossiers, feedback, meetings…) declares
// its indicators here at start-up and computes their values on request. The operations centre only
// reads this registry, so a module that lands later plugs in without touching it. Domain-free.
import type { DbOrTx } from './db/client.ts';

export type IndicatorLevel = 'city' | 'commune' | 'agency';

export interface IndicatorDefinition {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  granularity: 'hour' | 'day' | 'month' | 'quarter' | 'year';
  /** a value older than this is stale */
  freshnessSeconds: number;
  target: number | null;
  direction: 'higher' | 'lower';
  /** the agency answerable for it (its code), if any */
  ownerAgencyCode: string | null;
  levels: IndicatorLevel[];
}

export interface ComputedValue {
  code: string;
  level: IndicatorLevel;
  /** '' for the city, the commune code, or the agency code */
  areaCode: string;
  /** start of the period the value belongs to */
  time: Date;
  /** null when there is nothing to measure (shown as "no data", never as zero) */
  value: number | null;
  /** when the underlying data was read */
  asOf: Date;
}

export interface IndicatorProvider {
  /** the module's name, recorded as the values' source */
  source: string;
  indicators: readonly IndicatorDefinition[];
  /** the current values of its indicators at `now`, for every level it has */
  compute(db: DbOrTx, now: Date): Promise<ComputedValue[]>;
}

const providers = new Map<string, IndicatorProvider>();

/** Called by a module at start-up; registering the same source again replaces it. */
export function registerIndicatorProvider(provider: IndicatorProvider): void {
  providers.set(provider.source, provider);
}

export function indicatorProviders(): IndicatorProvider[] {
  return [...providers.values()];
}
