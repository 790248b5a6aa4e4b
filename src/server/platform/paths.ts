import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The project's root, found from this file (it runs from src/server/platform/ with tsx, or from the
// bundle in dist/server/), so files shipped beside the code are found either way.
function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
  }
  throw new Error(`CQS project root not found above ${from}`);
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const PATHS = {
  locales: join(ROOT, 'src/locales'),
  migrations: join(ROOT, 'migrations'),
  reference: join(ROOT, 'reference'),
  fonts: join(ROOT, 'src/server/platform/pdf/fonts'),
  web: join(ROOT, 'dist/web'),
};
