#!/usr/bin/env node
// The `cqs` command. Runs the bundled server (dist/server, built by `npm start`) when it is up to date
// with the sources, and the TypeScript sources through tsx otherwise (development, tests).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}dist/server/cli.mjs`;
let useBundle = false;
if (existsSync(bundle) && process.env.CQS_FROM_SOURCE !== '1') {
  const { serverBundleIsFresh } = await import('../scripts/build-server.mjs');
  useBundle = serverBundleIsFresh();
}
if (useBundle) {
  await import(bundle);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/server/cli.ts');
}
