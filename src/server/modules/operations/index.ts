// The operations centre (IOC): indicators from every module and from imports, sensors over MQTT and
// HTTP, alert rules and one incident model, the wall, the operator's console and the leader's view.
import type { Deps } from '../../deps.ts';
import { registerIndicatorProvider } from '../../platform/indicators.ts';
import { syncIndicators } from './indicators/sync.ts';
import { ensureReadingPartitions, OperationsRuntime } from './runtime.ts';
import { sensorsIndicatorProvider } from './indicators/sensors-provider.ts';

export { operationsRoutes } from './routes.ts';
export { seedOperations, DEMO_APIKEY, DEMO_THINGS } from './seed.ts';
export { OperationsRuntime } from './runtime.ts';
export { startSimulator, simulatedValues } from './sensors/simulator.ts';

/** The module's live part and scheduled work; start the runtime after the routes are registered. */
export function registerOperations(deps: Deps): OperationsRuntime {
  registerIndicatorProvider(sensorsIndicatorProvider);
  deps.jobs.every('operations.indicators', 60_000, async () => {
    await syncIndicators(deps.db, deps.log);
  });
  deps.jobs.every('operations.partitions', 24 * 3_600_000, () => ensureReadingPartitions(deps));
  return new OperationsRuntime(deps);
}
