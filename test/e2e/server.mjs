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

// playwright.config.ts names it, so the tests can read the messages the demo keeps (outbox/).
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'cqs-e2e-'));
const port = process.env.PORT ?? '8123';
// The sandbox payment gateway, a separate server like a real gateway: CQS talks to it over HTTP.
const sandboxPort = process.env.E2E_SANDBOX_PORT ?? '8191';
const merchant = { id: 'CQSE2E', secret: 'e2e-sandbox-secret-0123456789' };
const sandbox = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'src/sandbox/payment-gateway-main.ts')],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      SANDBOX_PORT: sandboxPort,
      SANDBOX_MERCHANTS: `${merchant.id}:${merchant.secret}`,
    },
  },
);
// The in-repo DVCQG contract server stands in for the national portal, on the next port.
const dvcqgPort = String(Number(port) + 1);
const dvcqg = {
  DVCQG_URL: `http://127.0.0.1:${dvcqgPort}`,
  DVCQG_CLIENT_ID: 'cqs-e2e',
  DVCQG_CLIENT_SECRET: 'cqs-e2e-secret',
};
const portal = spawn(
  process.execPath,
  [join(root, 'bin/cqs.mjs'), 'dvcqg', 'contract-server', '--port', dvcqgPort],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...dvcqg, DATA_DIR: dataDir },
  },
);
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: port,
  HOST: '127.0.0.1',
  // The gateway sends the payer back, and its notifications, to this address.
  PUBLIC_URL: `http://127.0.0.1:${port}`,
  PAYMENT_GATEWAY_URL: `http://127.0.0.1:${sandboxPort}`,
  PAYMENT_MERCHANT_ID: merchant.id,
  PAYMENT_SECRET: merchant.secret,
  LOG_LEVEL: 'warn',
  // NODE_ENV=test makes the server leave the web app out; the browser needs it.
  NODE_ENV: 'development',
  DEMO: 'true',
  // Sensors arrive through the machine's Mosquitto (the e2e test publishes there); no simulated
  // stations, so the only readings are the test's own.
  MQTT_BROKER: process.env.E2E_MQTT_BROKER ?? 'mqtt://127.0.0.1:1883',
  SENSOR_SIMULATOR: 'false',
  ...dvcqg,
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
if (seeded.status !== 0) {
  sandbox.kill('SIGTERM');
  portal.kill('SIGTERM');
  process.exit(seeded.status ?? 1);
}
const child = spawn(process.execPath, [join(root, 'bin/cqs.mjs'), 'start'], {
  cwd: root,
  stdio: 'inherit',
  env,
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  portal.kill(signal);
  child.kill(signal);
  sandbox.kill(signal);
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
sandbox.on('exit', (code) => {
  if (!stopping) {
    console.error(`payment sandbox exited (${code})`);
    stop('SIGTERM');
  }
});
child.on('exit', (code) => {
  portal.kill('SIGTERM');
  sandbox.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(stopping ? 0 : (code ?? 1));
});
