import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cqs_' });
  const duration = new Histogram({
    name: 'cqs_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    contentType: registry.contentType,
    observe(method: string, route: string, status: number, seconds: number) {
      // The histogram's _count series doubles as the request counter.
      duration.observe({ method, route, status: String(status) }, seconds);
    },
    render: () => registry.metrics(),
  };
}
