// The live part of the module in a server process: the sensor registry, the alert engine, the
// ingestion queue, the MQTT link (embedded broker or external subscription), the stale-data clock,
// the throttled "readings updated" event for the wall, and the demo simulator when configured.
import { sql } from 'drizzle-orm';
import type { Deps } from '../../platform/module.ts';
import { emit } from '../../platform/events/index.ts';
import { AlertEngine } from './alerts/engine.ts';
import { ALERT_AUDIENCE } from './alerts/incidents.ts';
import { Ingestor, type QueuedReading } from './sensors/ingest.ts';
import { type SensorLink, startEmbeddedBroker, subscribeExternalBroker } from './sensors/mqtt.ts';
import { SensorRegistry } from './sensors/registry.ts';
import { startSimulator, type Simulator } from './sensors/simulator.ts';

const TICK_MS = 15_000;
const READINGS_EVENT_MS = 3_000;

export class OperationsRuntime {
  readonly registry = new SensorRegistry();
  readonly engine: AlertEngine;
  readonly ingestor: Ingestor;
  link: SensorLink | undefined;
  private simulator: Simulator | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private changed = new Set<string>();
  private lastReadingsEvent = 0;
  private readingsTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: Deps) {
    this.engine = new AlertEngine(deps.db, this.registry, deps.log);
    this.ingestor = new Ingestor(deps.db, this.registry, (batch) => this.afterStore(batch), deps.log);
  }

  async start(): Promise<void> {
    const { config, log } = this.deps;
    await this.reload();
    if (config.mqtt.kind === 'embedded') {
      try {
        this.link = await startEmbeddedBroker(config.mqtt.port, config.host, this.ingestor, log);
      } catch (err) {
        // Another broker (often Mosquitto) holds the port: the platform still starts, sensors report
        // over HTTP, and the operator is told how to choose (the wall shows the sensors as stale).
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        log.error(
          { port: config.mqtt.port },
          'MQTT port in use: the embedded broker is off. Set MQTT_PORT to a free port, or MQTT_BROKER=mqtt://host:port to use the broker that holds it.',
        );
      }
    } else if (config.mqtt.kind === 'external')
      this.link = await subscribeExternalBroker(config.mqtt.url, this.ingestor, log);
    this.ticker = setInterval(() => void this.engine.tick(), TICK_MS);
    this.ticker.unref();
    if (config.sensorSimulator && this.link) this.simulator = await startSimulator(this.link.url, { log });
  }

  /** After devices or rules change. */
  async reload(): Promise<void> {
    await this.registry.load(this.deps.db);
    await this.engine.load();
  }

  private async afterStore(batch: QueuedReading[]): Promise<void> {
    await this.engine.evaluate(batch);
    for (const r of batch) if (r.valid) this.changed.add(r.stream.thing.id);
    this.scheduleReadingsEvent();
  }

  /** At most one event every few seconds tells the wall which stations have new readings. */
  private scheduleReadingsEvent(): void {
    if (this.readingsTimer || this.changed.size === 0) return;
    const wait = Math.max(0, this.lastReadingsEvent + READINGS_EVENT_MS - Date.now());
    this.readingsTimer = setTimeout(() => {
      this.readingsTimer = undefined;
      this.lastReadingsEvent = Date.now();
      const thingIds = [...this.changed];
      this.changed.clear();
      void this.deps.db
        .transaction((tx) =>
          emit(tx, {
            type: 'operations.readings.updated',
            aggregateType: 'ops_thing',
            payload: { thingIds: thingIds.slice(0, 200) },
            audience: ALERT_AUDIENCE,
          }),
        )
        .catch((err: Error) => this.deps.log.warn({ err: err.message }, 'readings event not emitted'));
    }, wait);
    this.readingsTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.ticker);
    clearTimeout(this.readingsTimer);
    await this.simulator?.stop();
    await this.link?.close();
    await this.ingestor.stop();
  }
}

/** Creates next months' reading partitions (and this month's, after a long stop). */
export async function ensureReadingPartitions(deps: Pick<Deps, 'db'>): Promise<void> {
  await deps.db.execute(
    sql`select ops_ensure_readings_partition(now() + (n || ' months')::interval) from generate_series(0, 2) as n`,
  );
}
