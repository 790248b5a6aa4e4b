// What a deployment starts with: each module's baseline everywhere; in demo mode, the demo city instead
// (identity's demo includes its baseline) and each module's demo data, in the modules' order.
import type { Config } from './platform/config.ts';
import type { Tx } from './platform/db/client.ts';
import type { CqsModule } from './platform/module.ts';

export async function seedDeployment(
  tx: Tx,
  modules: readonly CqsModule[],
  config: Pick<Config, 'provinceCode' | 'demo'>,
): Promise<void> {
  const ctx = { provinceCode: config.provinceCode };
  for (const m of modules) await (config.demo ? m.seedDemo : m.seedBaseline)?.(tx, ctx);
}
