// Starts the real CQS server for the end-to-end tests: builds the web app if needed, then runs
// `node bin/cqs.mjs seed --demo --dossiers N` then `start` on a fresh data directory,
// and removes the directory when Playwright stops it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The server serves dist/web; build it when it is missing or older than its sources.
const build = spawnSync(process.execPath, [join(root, 'scripts/ensure-web.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const dataDir = mkdtempSync(join(tmpdir(), 'cqs-e2e-'));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: process.env.PORT ?? '8123',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  // NODE_ENV=test makes the server leave the web app out; the browser needs it.
  NODE_ENV: 'development',
  DEMO: 'true',
};
// A dossier history (two years, reproducible) so the statistics have figures to show and drill into.
const seeded = spawnSync(
  process.execPath,
  [
    join(root, 'bin/cqs.mjs'),
    'seed',
    '--demo',
    '--dossiers',
    process.env.E2E_DOSSIERS ?? '1500',
    '--seed',
    '7',
  ],
  { cwd: root, stdio: 'inherit', env },
);
if (seeded.status !== 0) process.exit(seeded.status ?? 1);
const child = spawn(process.execPath, [join(root, 'bin/cqs.mjs'), 'start'], {
  cwd: root,
  stdio: 'inherit',
  env,
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(stopping ? 0 : (code ?? 1));
});
