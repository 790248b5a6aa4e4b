// The devices and datastreams ingestion needs on every message, held in memory and reloaded when an
// administrator changes them (or the simulator registers its stations).
import type { DbOrTx } from '../../../platform/db/client.ts';
import { datastreams, type SensorStatus, type ThingKind, things } from '../tables.ts';

export interface ThingInfo {
  id: string;
  code: string;
  apikey: string;
  name: string;
  kind: ThingKind;
  communeCode: string;
  status: SensorStatus;
  streams: Map<string, StreamInfo>;
}

export interface StreamInfo {
  id: string;
  key: string;
  observedProperty: string;
  unit: string;
  expectedIntervalSeconds: number;
  validMin: number | null;
  validMax: number | null;
  lastTime: number | undefined;
  thing: ThingInfo;
}

export class SensorRegistry {
  private byKey = new Map<string, ThingInfo>();
  private byStream = new Map<string, StreamInfo>();

  async load(db: DbOrTx): Promise<void> {
    const thingRows = await db.select().from(things);
    const streamRows = await db.select().from(datastreams);
    const byKey = new Map<string, ThingInfo>();
    const byId = new Map<string, ThingInfo>();
    const byStream = new Map<string, StreamInfo>();
    for (const t of thingRows) {
      const info: ThingInfo = {
        id: t.id,
        code: t.code,
        apikey: t.apikey,
        name: t.name,
        kind: t.kind,
        communeCode: t.communeCode,
        status: t.status,
        streams: new Map(),
      };
      byKey.set(`${t.apikey}/${t.code}`, info);
      byId.set(t.id, info);
    }
    for (const d of streamRows) {
      const thing = byId.get(d.thingId);
      if (!thing) continue;
      const info: StreamInfo = {
        id: d.id,
        key: d.key,
        observedProperty: d.observedProperty,
        unit: d.unit,
        expectedIntervalSeconds: d.expectedIntervalSeconds,
        validMin: d.validMin,
        validMax: d.validMax,
        lastTime: d.lastTime?.getTime(),
        thing,
      };
      thing.streams.set(d.key, info);
      byStream.set(d.id, info);
    }
    this.byKey = byKey;
    this.byStream = byStream;
  }

  thing(apikey: string, code: string): ThingInfo | undefined {
    return this.byKey.get(`${apikey}/${code}`);
  }

  stream(id: string): StreamInfo | undefined {
    return this.byStream.get(id);
  }

  streams(): Iterable<StreamInfo> {
    return this.byStream.values();
  }

  /** A device reported a new status (measuring, calibrating, error). */
  setStatus(thingId: string, status: SensorStatus): void {
    for (const t of this.byKey.values()) if (t.id === thingId) t.status = status;
  }
}
