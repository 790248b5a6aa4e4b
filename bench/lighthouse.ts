// Page quality of the citizen pages (issue 11, item 21): Lighthouse 12.2.3 with its mobile settings
// (simulated slow 4G, 4× CPU slowdown, a 412 px screen) in Debian's Chromium, against a server
// started here with the demo data. Each page is measured three times and the median run is kept.
// Baseline, same run: the same pages with the browser refusing compressed answers
// (`Accept-Encoding: identity`), i.e. what the bytes alone cost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import type { Bench, BenchFigure } from './harness.ts';
import { type Child, spawnNode, waitOk } from './lib.ts';

const CHROMIUM = '/usr/bin/chromium';
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const ONLY = process.env.LIGHTHOUSE_PAGES?.split(',');

interface Measured {
  performance: number;
  bestPractices: number;
  fcpMs: number;
  lcpMs: number;
  cls: number;
  /** what moved, when something did (the elements Lighthouse names) */
  shifted: string[];
  tbtMs: number;
  transferKb: number;
  failedBestPractices: string[];
}

async function audit(port: number, url: string, headers?: Record<string, string>): Promise<Measured> {
  const result = await lighthouse(
    url,
    {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'best-practices'],
      ...(headers ? { extraHeaders: headers } : {}),
    },
    undefined,
  );
  if (!result) throw new Error(`lighthouse gave no result for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.message}`);
  const num = (id: string) => Number(lhr.audits[id]?.numericValue ?? Number.NaN);
  const failedBestPractices = (lhr.categories['best-practices']?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
    .map((ref) => {
      // What failed, in a few words: the console's messages, the DevTools issues' kinds.
      const items = (
        (lhr.audits[ref.id]?.details as { items?: Record<string, unknown>[] } | undefined)?.items ?? []
      )
        .slice(0, 3)
        .map((i) => String(i.description ?? i.issueType ?? i.source ?? '').slice(0, 160))
        .filter(Boolean);
      return items.length ? `${ref.id} (${items.join('; ')})` : ref.id;
    });
  return {
    performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    bestPractices: Math.round((lhr.categories['best-practices']?.score ?? 0) * 100),
    fcpMs: Math.round(num('first-contentful-paint')),
    lcpMs: Math.round(num('largest-contentful-paint')),
    cls: Math.round(num('cumulative-layout-shift') * 1000) / 1000,
    shifted: (
      (lhr.audits['layout-shifts']?.details as { items?: { node?: { selector?: string } }[] } | undefined)
        ?.items ?? []
    )
      .slice(0, 3)
      .map((i) => i.node?.selector ?? '')
      .filter(Boolean),
    tbtMs: Math.round(num('total-blocking-time')),
    transferKb: Math.round(num('total-byte-weight') / 1024),
    failedBestPractices,
  };
}

/**
 * Lighthouse sometimes loses its own trace on a busy machine ("NO_NAVSTART", "NO_FCP": "Please run
 * Lighthouse again"): such a run is repeated, up to twice, rather than losing the whole benchmark.
 */
async function auditAgain(port: number, url: string, headers?: Record<string, string>): Promise<Measured> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await audit(port, url, headers);
    } catch (err) {
      if (attempt >= 3 || !/run Lighthouse again/i.test((err as Error).message)) throw err;
    }
  }
}

/** The median run by performance score (its other figures come from the same run). */
async function medianAudit(port: number, url: string, headers?: Record<string, string>) {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await auditAgain(port, url, headers));
  runs.sort((a, b) => a.performance - b.performance);
  return runs[Math.floor(runs.length / 2)]!;
}

async function startServer(dataDir: string): Promise<{ child: Child; base: string }> {
  const t0 = performance.now();
  const child = spawnNode(['bin/cqs.mjs', 'start'], {
    DATA_DIR: dataDir,
    DEMO: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
  });
  const [, port] = await child.waitFor(/http:\/\/localhost:(\d+)/, 180_000);
  const base = `http://127.0.0.1:${port}`;
  await waitOk(`${base}/readyz`, t0, 180_000);
  return { child, base };
}

export const lighthouseBench: Bench = async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cqs-bench-lh-'));
  // LIGHTHOUSE_BASE measures a server already running (while working on a page) instead.
  const running = process.env.LIGHTHOUSE_BASE;
  const server = running ? { child: null, base: running } : await startServer(dataDir);
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'],
  });
  const figures: BenchFigure[] = [];
  const baseline: BenchFigure[] = [];
  const notes: string[] = [];
  try {
    const { items } = (await (await fetch(`${server.base}/api/procedures`)).json()) as {
      items: { code: string }[];
    };
    const code = items[0]?.code;
    if (!code) throw new Error('the demo has no procedure');
    const pages: [string, string][] = [
      ['home', '/'],
      ['procedures', '/thu-tuc'],
      ['procedure', `/thu-tuc/${code.replaceAll('.', '_')}`],
      ['tracking', '/tra-cuu'],
      ['statistics', '/thong-ke'],
    ];
    // A first visit warms the server's caches (compiled page, prepared statements), as in use.
    for (const [, path] of pages) await fetch(`${server.base}${path}`);
    for (const [name, path] of pages) {
      if (ONLY && !ONLY.includes(name)) continue;
      const m = await medianAudit(chrome.port, `${server.base}${path}`);
      figures.push(
        {
          metric: `${name} (${path}): performance, mobile`,
          value: m.performance,
          unit: '/100',
          target: '>= 80',
          met: m.performance >= 80,
        },
        {
          metric: `${name}: best practices`,
          value: m.bestPractices,
          unit: '/100',
          target: '= 100',
          met: m.bestPractices === 100,
        },
        { metric: `${name}: FCP / LCP`, value: m.fcpMs, unit: `ms / ${m.lcpMs.toLocaleString('en-US')} ms` },
        { metric: `${name}: CLS / TBT`, value: m.cls, unit: `/ ${m.tbtMs} ms` },
        { metric: `${name}: bytes transferred`, value: m.transferKb, unit: 'KiB' },
      );
      if (m.cls > 0.1 && m.shifted.length) notes.push(`${name}: layout shifts of ${m.shifted.join('; ')}`);
      if (m.failedBestPractices.length)
        notes.push(`${name}: best-practice audits not passed: ${m.failedBestPractices.join(', ')}`);
      const raw = await medianAudit(chrome.port, `${server.base}${path}`, { 'Accept-Encoding': 'identity' });
      baseline.push(
        { metric: `${name}: performance, uncompressed`, value: raw.performance, unit: '/100' },
        { metric: `${name}: bytes transferred, uncompressed`, value: raw.transferKb, unit: 'KiB' },
      );
    }
    notes.push(
      `Lighthouse 12.2.3, mobile settings (simulated throttling), ${CHROMIUM}, median of ${RUNS} runs per page; procedure ${code}.`,
    );
    return { name: 'lighthouse', figures, baseline, notes: notes.join('\n\n') };
  } finally {
    chrome.kill();
    await server.child?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
