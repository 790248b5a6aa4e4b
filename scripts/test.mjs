// `npm test`: lint, type check, unit and integration tests on the embedded database, again on PostgreSQL
// when TEST_DATABASE_URL is set, and the end-to-end tests in Chromium when it is installed
// (REQUIRE_E2E=1 makes a missing Chromium or a skipped end-to-end test a failure, as in CI).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (pkg, path) => join(root, 'node_modules', pkg, path);
const work = mkdtempSync(join(tmpdir(), 'cqs-npm-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function step(name, args, env = {}) {
  console.log(`\n▶ ${name}`);
  const res = spawnSync(process.execPath, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  if (res.status !== 0) failedSteps.push(name);
  return res.status === 0;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

step('lint (biome)', [bin('@biomejs/biome', 'bin/biome'), 'check', '.']);
step('type check (tsc)', [bin('typescript', 'bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
step('module boundaries (dependency-cruiser)', [
  bin('dependency-cruiser', 'bin/dependency-cruise.mjs'),
  'src',
  'bench',
  '--config',
  '.dependency-cruiser.cjs',
  '--output-type',
  'err',
]);

const vitest = bin('vitest', 'vitest.mjs');
const pgliteReport = join(work, 'vitest-pglite.json');
step(
  'unit and integration tests (PGlite)',
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${pgliteReport}`],
  {
    TEST_DATABASE_URL: '',
  },
);
countVitest(pgliteReport);

if (process.env.TEST_DATABASE_URL) {
  const pgReport = join(work, 'vitest-pg.json');
  step('integration tests (PostgreSQL)', [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${pgReport}`,
  ]);
  countVitest(pgReport);
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  step('build the web app', [join(root, 'scripts/ensure-web.mjs')]);
  const e2eReport = join(work, 'playwright.json');
  step('end-to-end tests (Chromium)', [bin('@playwright/test', 'cli.js'), 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
    PLAYWRIGHT_REPORTERS: 'list,json',
  });
  if (existsSync(e2eReport)) {
    const s = JSON.parse(readFileSync(e2eReport, 'utf8')).stats;
    totals.passed += s.expected + (s.flaky ?? 0);
    totals.failed += s.unexpected;
    totals.skipped += s.skipped;
    if (process.env.REQUIRE_E2E === '1' && (s.skipped > 0 || s.expected === 0))
      failedSteps.push('end-to-end tests were skipped');
  } else if (process.env.REQUIRE_E2E === '1') failedSteps.push('end-to-end tests produced no report');
} else if (process.env.REQUIRE_E2E === '1') {
  failedSteps.push(`end-to-end tests need Chromium at ${chromium}`);
} else {
  console.log(
    `\n(end-to-end tests skipped: no Chromium at ${chromium}; install it with "apt-get install chromium")`,
  );
}

rmSync(work, { recursive: true, force: true });
if (failedSteps.length) console.log(`\nFailed: ${failedSteps.join('; ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
