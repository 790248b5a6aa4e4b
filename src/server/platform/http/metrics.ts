import { collectDefaultMetrics, Registry } from 'prom-client';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const NAME = 'cqs_http_request_duration_seconds';

interface Series {
  labels: string;
  /** cumulative counts are computed when rendering; here each bucket counts its own range */
  counts: Float64Array;
  sum: number;
  count: number;
}

/**
 * Process metrics from prom-client, and the request-duration histogram kept by hand: one map
 * lookup and one bucket search per request (prom-client's labelled observe hashes the label object on
 * every call, a visible share of a small answer). Rendered in the Prometheus text format.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cqs_' });
  const series = new Map<string, Series>();
  return {
    contentType: registry.contentType,
    observe(method: string, route: string, status: number, seconds: number) {
      const key = `${method} ${route} ${status}`;
      let s = series.get(key);
      if (!s) {
        s = {
          labels: `method="${method}",route="${escapeLabel(route)}",status="${status}"`,
          counts: new Float64Array(BUCKETS.length + 1),
          sum: 0,
          count: 0,
        };
        series.set(key, s);
      }
      let i = 0;
      while (i < BUCKETS.length && seconds > BUCKETS[i]!) i++;
      s.counts[i]!++;
      s.sum += seconds;
      s.count++;
    },
    async render(): Promise<string> {
      const lines = [`# HELP ${NAME} HTTP request duration by route and status`, `# TYPE ${NAME} histogram`];
      for (const s of series.values()) {
        let cumulative = 0;
        BUCKETS.forEach((le, i) => {
          cumulative += s.counts[i]!;
          lines.push(`${NAME}_bucket{le="${le}",${s.labels}} ${cumulative}`);
        });
        lines.push(`${NAME}_bucket{le="+Inf",${s.labels}} ${s.count}`);
        lines.push(`${NAME}_sum{${s.labels}} ${s.sum}`);
        lines.push(`${NAME}_count{${s.labels}} ${s.count}`);
      }
      return `${await registry.metrics()}\n${lines.join('\n')}\n`;
    },
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
