// The government data network as a source: each connection point (and each data-centre service) is a
// device reporting `up` (1/0), `rtt` (ms) and `loss` (%). Uptime over a period counts the readings that
// said "up" against the readings the point should have sent: a silent point is not "up" (missing data is
// never counted as available). Degraded uses the same limits as the network alert rules.

export type PointState = 'up' | 'degraded' | 'down' | 'silent';

export interface DegradedLimits {
  /** round-trip time from which a point is degraded, ms */
  rttMs: number;
  /** packet loss from which a point is degraded, % */
  lossPct: number;
}

export const DEFAULT_LIMITS: DegradedLimits = { rttMs: 100, lossPct: 5 };

/** The state of a point from its last values; `stale` when it has not reported for 3 intervals. */
export function pointState(
  last: { up: number | null; rtt: number | null; loss: number | null; stale: boolean },
  limits: DegradedLimits = DEFAULT_LIMITS,
): PointState {
  if (last.stale || last.up === null) return 'silent';
  if (last.up < 0.5) return 'down';
  if ((last.rtt ?? 0) >= limits.rttMs || (last.loss ?? 0) >= limits.lossPct) return 'degraded';
  return 'up';
}

/**
 * Uptime in percent over a window: the "up" readings against the readings expected in the part of the
 * window the point existed for (one per expected interval). Null when nothing was expected yet.
 */
export function uptimePercent(o: {
  upReadings: number;
  windowStart: number;
  windowEnd: number;
  registeredAt: number;
  intervalSeconds: number;
}): number | null {
  const start = Math.max(o.windowStart, o.registeredAt);
  const expected = Math.floor((o.windowEnd - start) / (o.intervalSeconds * 1000));
  if (expected <= 0) return null;
  return Math.round(Math.min(1, o.upReadings / expected) * 1000) / 10;
}

/** The uptime of a group of points: the mean of those with a value (each point weighs the same). */
export function groupUptime(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return null;
  return Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10;
}

/** The degraded limits from the network rules' first bands (net.latency, net.loss), if present. */
export function limitsFromRules(rules: { code: string; params: Record<string, unknown> }[]): DegradedLimits {
  const first = (code: string) => {
    const bands = rules.find((r) => r.code === code)?.params.bands as { value: number }[] | undefined;
    return bands?.[0]?.value;
  };
  return {
    rttMs: first('net.latency') ?? DEFAULT_LIMITS.rttMs,
    lossPct: first('net.loss') ?? DEFAULT_LIMITS.lossPct,
  };
}
