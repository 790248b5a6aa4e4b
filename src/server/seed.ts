// What a deployment starts with: the baseline everywhere; the demo city and its procedures in demo mode.
import type { Tx } from './platform/db/client.ts';
import { seedBaseline, seedDemo } from './modules/identity/index.ts';
import { seedProcedures } from './modules/services/seed.ts';
import { DEMO_PROCEDURES } from './modules/services/catalogue/index.ts';
import { seedOperations } from './modules/operations/index.ts';

export async function seedDeployment(tx: Tx, provinceCode: string, demo: boolean): Promise<void> {
  if (!demo) {
    await seedBaseline(tx, provinceCode);
    return;
  }
  await seedDemo(tx, provinceCode);
  await seedProcedures(tx, DEMO_PROCEDURES);
  await seedOperations(tx);
}
