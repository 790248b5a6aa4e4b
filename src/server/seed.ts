// What a deployment starts with: each module's baseline everywhere; in demo mode, the demo city instead
// (identity's demo includes its baseline) and each module's demo data, in the modules' order.
import type { Tx } from './platform/db/client.ts';
import type { CqsModule, SeedContext } from './platform/module.ts';

export async function seedDeployment(
  tx: Tx,
  modules: readonly CqsModule[],
  opts: SeedContext & { demo: boolean },
): Promise<void> {
  const ctx: SeedContext = { provinceCode: opts.provinceCode, ...(opts.blobs ? { blobs: opts.blobs } : {}) };
  for (const m of modules) await (opts.demo ? m.seedDemo : m.seedBaseline)?.(tx, ctx);
}
