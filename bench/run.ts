// `npm run bench`: runs every benchmark and writes docs/benchmarks.md with the date, the machine and the figures.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bench, BenchFigure, BenchResult } from './harness.ts';
import { ROOT } from './lib.ts';
import { platformBench } from './platform.ts';

const benches: Record<string, () => Promise<Bench>> = {
  platform: async () => platformBench,
  deadline: async () => (await import('./deadline.ts')).deadlineBench,
  services: async () => (await import('./services.ts')).servicesBench,
  payments: async () => (await import('./payments.ts')).paymentsBench,
  integration: async () => (await import('./integration.ts')).integrationBench,
  stats: async () => (await import('./stats.ts')).statsBench,
  lighthouse: async () => (await import('./lighthouse.ts')).lighthouseBench,
};

const only = process.argv.slice(2);
const results: BenchResult[] = [];
for (const [name, get] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`▶ ${name}`);
  try {
    const result = await (await get())();
    results.push(result);
    console.log(JSON.stringify(result, null, 2));
  } catch (err) {
    console.error(`${name} failed:`, err);
    results.push({ name, figures: [], notes: `failed: ${(err as Error).message}` });
  }
}

const row = (f: BenchFigure) =>
  `| ${f.metric} | ${f.value.toLocaleString('en-US')} ${f.unit} | ${f.target ?? ''} | ${f.met === undefined ? '' : f.met ? 'yes' : '**no**'} |`;
const md = [
  '# Benchmarks',
  '',
  `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, by \`npm run bench${only.length ? ` ${only.join(' ')}` : ''}\`.`,
  'Each baseline was measured in the same run. These are measurements, not tests: CI does not run them.',
  '',
  ...results.flatMap((r) => [
    `## ${r.name}`,
    '',
    '| figure | value | target | met |',
    '|---|---|---|---|',
    ...r.figures.map(row),
    ...(r.baseline?.length
      ? [
          '',
          'Baseline (same run):',
          '',
          '| figure | value | | |',
          '|---|---|---|---|',
          ...r.baseline.map(row),
        ]
      : []),
    ...(r.notes ? ['', r.notes] : []),
    '',
  ]),
].join('\n');
writeFileSync(join(ROOT, 'docs/benchmarks.md'), md);
console.log('Wrote docs/benchmarks.md');
