// `npm run bench`: runs every benchmark and writes docs/benchmarks.md with the date, the machine and the figures.
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  realtime: async () => (await import('./realtime.ts')).realtimeBench,
  operations: async () => (await import('./operations.ts')).operationsBench,
  lighthouse: async () => (await import('./lighthouse.ts')).lighthouseBench,
};

// The load generator the submission and platform benches drive: say how to get it before anything runs.
const hasWrk = (process.env.PATH ?? '').split(':').some((dir) => dir && existsSync(join(dir, 'wrk')));
if (!hasWrk) {
  console.error(
    'npm run bench needs the HTTP load generator "wrk".\n' +
      '  Debian/Ubuntu: sudo apt-get install wrk\n' +
      '  macOS (Homebrew): brew install wrk\n' +
      'Then run npm run bench again.',
  );
  process.exit(1);
}

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
const measured = `Measured ${new Date().toISOString()} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, by \`npm run bench${only.length ? ` ${only.join(' ')}` : ''}\`.`;
const sections = results.map((r) =>
  [
    `## ${r.name}`,
    measured,
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
  ].join('\n'),
);
const file = join(ROOT, 'docs/benchmarks.md');
const previous = existsSync(file)
  ? readFileSync(file, 'utf8')
  : '# Benchmarks\n\nEach baseline was measured in the same run. These are measurements, not tests: CI does not run them.\n';
writeFileSync(
  file,
  mergeSections(
    previous,
    results.map((r) => r.name),
    sections,
  ),
);
console.log('Wrote docs/benchmarks.md');

/**
 * Replaces the sections of the benchmarks that ran (a `## <name>` heading, whatever follows the name
 * on that line) and keeps every other section as it was; a new benchmark's section is added at the end.
 */
export function mergeSections(markdown: string, names: string[], replacements: string[]): string {
  const parts = markdown.split(/^(?=## )/m);
  const head = parts[0]!.startsWith('## ') ? '' : parts.shift()!;
  const used = new Set<number>();
  const merged = parts.map((section) => {
    const heading = section.slice(3, section.indexOf('\n') === -1 ? undefined : section.indexOf('\n'));
    const at = names.findIndex((n) => heading === n || heading.startsWith(`${n} `));
    if (at < 0) return section;
    used.add(at);
    return `${replacements[at]!}\n`;
  });
  const added = replacements.filter((_, i) => !used.has(i)).map((r) => `${r}\n`);
  return [head, ...merged, ...added].join('').replace(/\n{3,}/g, '\n\n');
}
