// Builds the web app into dist/web when it is missing or older than its sources (so `npm start` just works).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const built = join(root, 'dist/web/index.html');

function newest(dir) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return max;
}

const sources = ['src/web', 'src/locales', 'src/contracts'].map((d) => join(root, d)).filter(existsSync);
const stale =
  !existsSync(built) ||
  sources.some((d) => newest(d) > statSync(built).mtimeMs) ||
  statSync(join(root, 'vite.config.ts')).mtimeMs > statSync(built).mtimeMs;
if (stale) {
  console.log('Building the web app (dist/web)…');
  const res = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (res.status !== 0) process.exit(res.status ?? 1);
}
