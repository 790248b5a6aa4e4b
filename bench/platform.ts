// Platform figures from issue #2: start-up time, idle memory, and an authenticated endpoint vs bare Fastify.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench, BenchFigure } from './harness.ts';
import { load, median, rssMb, spawnNode, waitOk } from './lib.ts';

const CQS = ['bin/cqs.mjs', 'start'];

async function startAndTime(dataDir: string) {
  const t0 = performance.now();
  const child = spawnNode(CQS, { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1' });
  const [, port] = await child.waitFor(/http:\/\/localhost:(\d+)/);
  const ms = await waitOk(`http://127.0.0.1:${port}/readyz`, t0);
  return { child, port: Number(port), ms };
}

export const platformBench: Bench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-bench-'));
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  try {
    const first = await startAndTime(dataDir);
    await first.child.stop();
    figures.push({
      metric:
        'first start with demo seed and its generated history (DEMO_HISTORY, default 20,000 dossiers over two years), to /readyz 200',
      value: Math.round(first.ms),
      unit: 'ms',
      target: '<= 60000',
      met: first.ms <= 60_000,
    });

    const again: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await startAndTime(dataDir);
      again.push(s.ms);
      await s.child.stop();
    }
    const restart = Math.round(median(again));
    figures.push({
      metric: 'start on an existing data directory, to /readyz 200 (median of 3)',
      value: restart,
      unit: 'ms',
      target: '<= 3000',
      met: restart <= 3000,
    });

    const server = await startAndTime(dataDir);
    const base = `http://127.0.0.1:${server.port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: 'admin@cqs.demo', password: 'Cqs@2026demo' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    await new Promise((r) => setTimeout(r, 10_000));
    const idle = rssMb(server.child.proc.pid!);
    figures.push({
      metric: 'RSS of an idle server with the embedded database (10 s after start)',
      value: idle,
      unit: 'MB',
      target: '<= 300',
      met: idle <= 300,
    });

    // The baseline answers exactly the bytes CQS answers, so only the platform's work differs.
    const body = await (await fetch(`${base}/api/account/me`, { headers: { cookie } })).text();
    const bare = spawnNode(['--import', 'tsx', 'bench/fixtures/bare-server.ts'], { BARE_BODY: body });
    const [, barePort] = await bare.waitFor(/listening http:\/\/127\.0\.0\.1:(\d+)/);
    const bareUrl = `http://127.0.0.1:${barePort}/bare`;
    const meUrl = `${base}/api/account/me`;
    await load(meUrl, { headers: { cookie }, duration: 3 }); // warm-up
    await load(bareUrl, { duration: 3 });
    // Alternating rounds: other work on the machine weighs on both sides alike.
    const rounds: { cqs: Awaited<ReturnType<typeof load>>; plain: Awaited<ReturnType<typeof load>> }[] = [];
    for (let i = 0; i < 3; i++) {
      rounds.push({
        cqs: await load(meUrl, { headers: { cookie }, duration: 5 }),
        plain: await load(bareUrl, { duration: 5 }),
      });
    }
    await server.child.stop();
    await bare.stop();
    const medianOf = (f: (r: (typeof rounds)[number]) => number) => median(rounds.map(f));
    const cqs = {
      rps: Math.round(medianOf((r) => r.cqs.rps)),
      p99: medianOf((r) => r.cqs.p99),
      non2xx: rounds.reduce((n, r) => n + r.cqs.non2xx, 0),
    };
    const plain = {
      rps: Math.round(medianOf((r) => r.plain.rps)),
      non2xx: rounds.reduce((n, r) => n + r.plain.non2xx, 0),
    };
    const ratio = medianOf((r) => r.cqs.rps / r.plain.rps);
    figures.push({
      metric: 'GET /api/account/me (session cookie), 32 connections, median of 3 rounds of 5 s',
      value: cqs.rps,
      unit: 'req/s',
    });
    figures.push({ metric: 'p99 latency of that endpoint', value: cqs.p99, unit: 'ms' });
    figures.push({
      metric: 'authenticated endpoint / bare Fastify (median of the 3 paired rounds)',
      value: Math.round(ratio * 100),
      unit: '%',
      target: '>= 70',
      met: ratio >= 0.7,
    });
    baseline.push({
      metric: 'bare Fastify route answering the same bytes, rounds alternating with the above',
      value: plain.rps,
      unit: 'req/s',
    });
    if (cqs.non2xx || plain.non2xx)
      throw new Error(`non-2xx answers during the load: cqs ${cqs.non2xx}, bare ${plain.non2xx}`);
    return {
      name: 'Platform (issue #2)',
      figures,
      baseline,
      notes: 'Server and load generator (wrk) on the same 2-core machine; the server is one Node process.',
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await platformBench(), null, 2));
}
