// The modules of this application, in the order of their arrows (docs/ARCHITECTURE.md): a module comes
// after every module it depends on, so its routes, contributions and seed find theirs in place.
import type { Config } from './platform/config.ts';
import type { Database, Tx } from './platform/db/client.ts';
import { runMigrations } from './platform/db/migrate.ts';
import type { CqsModule } from './platform/module.ts';
import { feedbackModule } from './modules/feedback/index.ts';
import { hasAgencies, identityModule, type SessionService } from './modules/identity/index.ts';
import { integrationModule } from './modules/integration/index.ts';
import { meetingsModule } from './modules/meetings/index.ts';
import { operationsModule } from './modules/operations/index.ts';
import { paymentGateway, paymentsModule } from './modules/payments/index.ts';
import { portalModule } from './modules/portal/index.ts';
import { servicesModule } from './modules/services/index.ts';
import { statsModule } from './modules/stats/index.ts';
import { seedDeployment } from './seed.ts';
import type { SeedContext } from './platform/module.ts';

/**
 * The server passes its configuration and session service; tools and tests that serve no HTTP
 * (benchmarks, bulk loads, test templates) pass nothing.
 */
export function applicationModules(server?: { config: Config; sessions: SessionService }): CqsModule[] {
  return [
    identityModule(server?.sessions ?? null),
    servicesModule,
    statsModule,
    paymentsModule(server ? paymentGateway(server.config) : null),
    integrationModule,
    feedbackModule,
    meetingsModule,
    operationsModule(),
    portalModule,
  ];
}

/**
 * Fills every module's extension points (dossier-write contributions, the payment desk). Once per
 * process before any dossier is written; idempotent.
 */
export function registerContributions(modules: readonly CqsModule[] = applicationModules()): void {
  for (const m of modules) m.contribute?.();
}

/** A first start's data, for tools and tests that prepare a database without the server. */
export function seedApplication(tx: Tx, opts: { provinceCode: string; demo: boolean }): Promise<void> {
  return seedDeployment(tx, applicationModules(), opts);
}

/**
 * Migrations, then the first-start seed when the database has no agencies yet. Every command that opens
 * the database goes through here (start, migrate, create-admin), so the README's production order
 * (`cqs migrate`, `cqs create-admin`, `cqs start`) finds the roles, units and the province's People's
 * Committee in place. Returns whether this call loaded the data.
 */
export async function prepareDatabase(
  database: Database,
  modules: readonly CqsModule[],
  opts: SeedContext & { demo: boolean },
): Promise<boolean> {
  await runMigrations(database);
  if (await hasAgencies(database.db)) return false;
  await database.db.transaction((tx) => seedDeployment(tx, modules, opts));
  return true;
}
