// The operations centre (IOC): indicators from every module and from imports, sensors over MQTT and
// HTTP, alert rules and one incident model, the wall, the operator's console and the leader's view.
import { registerIndicatorProvider } from '../../platform/indicators.ts';
import type { CqsModule, Deps } from '../../platform/module.ts';
import { sensorsIndicatorProvider } from './indicators/sensors-provider.ts';
import { syncIndicators } from './indicators/sync.ts';
import { operationsRoutes } from './routes.ts';
import { ensureReadingPartitions, OperationsRuntime } from './runtime.ts';
import { seedOperations } from './seed.ts';
import * as tables from './tables.ts';

export { DEMO_APIKEY, DEMO_THINGS } from './seed.ts';
export { OperationsRuntime } from './runtime.ts';
export { startSimulator, simulatedValues } from './sensors/simulator.ts';
export { parseTarget, probeOnce, startProbe } from './sensors/probe.ts';
/** The leader's views, for the benchmark (bench/operations.ts). */
export { communeView, leaderView } from './leader.ts';

/** The module's live part and scheduled work; start the runtime after the routes are registered. */
function registerOperations(deps: Deps): OperationsRuntime {
  deps.jobs.every('operations.indicators', 60_000, async () => {
    await syncIndicators(deps.db, deps.log);
  });
  deps.jobs.every('operations.partitions', 24 * 3_600_000, () => ensureReadingPartitions(deps));
  return new OperationsRuntime(deps);
}

/** The live part (sensor ingestion, alert engine) of a platform's operations module, for tests and tools. */
export function operationsRuntime(modules: readonly CqsModule[]): OperationsRuntime {
  const m = modules.find((x) => x.name === 'operations') as
    | (CqsModule & { runtime?: () => OperationsRuntime })
    | undefined;
  const r = m?.runtime?.();
  if (!r) throw new Error('the operations module has not started');
  return r;
}

/** The module; each platform gets its own runtime (its broker, ingestor and rule engine). */
export function operationsModule(): CqsModule & { runtime(): OperationsRuntime | undefined } {
  let runtime: OperationsRuntime | undefined;
  const runtimeOf = (deps: Deps) => {
    runtime ??= registerOperations(deps);
    return runtime;
  };
  return {
    name: 'operations',
    tablePrefix: 'ops_',
    tables,
    runtime: () => runtime,
    contribute() {
      registerIndicatorProvider(sensorsIndicatorProvider);
    },
    routes: (app, deps) => operationsRoutes(app, deps, runtimeOf(deps)),
    async start(deps) {
      await runtimeOf(deps).start();
    },
    async stop() {
      await runtime?.stop();
    },
    seedDemo: (tx) => seedOperations(tx),
  };
}
