// Sensor readings in: payloads from MQTT or HTTP are checked against the registry at once (a bad
// attribute is refused with its reason, the good ones in the same message are kept), queued, and
// written in batches — readings, hourly and daily rollups, the streams' last values and the refusals
// in one statement — after which the alert rules see them.
import { sql } from 'drizzle-orm';
import type { Db } from '../../../platform/db/client.ts';
import { storableText } from '../../../platform/db/text.ts';
import type { Logger } from '../../../platform/log.ts';
import type { SensorRegistry, StreamInfo } from './registry.ts';

export type RejectReason =
  | 'unknown_device'
  | 'malformed_payload'
  | 'unknown_attribute'
  | 'not_numeric'
  | 'impossible_value'
  | 'bad_time';

export interface Rejection {
  apikey: string;
  deviceCode: string;
  thingId: string | null;
  key: string | null;
  reason: RejectReason;
  detail: string;
}

export interface QueuedReading {
  stream: StreamInfo;
  t: number;
  v: number;
  valid: boolean;
}

export interface AcceptResult {
  accepted: number;
  rejected: { key: string | null; reason: RejectReason }[];
}

/** Whoever evaluates readings once they are stored (the alert engine). */
export type ReadingsSink = (readings: QueuedReading[]) => Promise<void>;

/** FIWARE IoT agents carry the observation time in this attribute; without it, the time of arrival. */
const TIME_ATTRIBUTE = 'TimeInstant';
/** Future readings beyond this are a wrong clock, not data. */
const MAX_FUTURE_MS = 5 * 60_000;

export class Ingestor {
  private queue: QueuedReading[] = [];
  private refused: Rejection[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** readings stored since start (for metrics and the benchmark) */
  stored = 0;

  constructor(
    private readonly db: Db,
    private readonly registry: SensorRegistry,
    private readonly sink: ReadingsSink,
    private readonly log: Logger,
    private readonly opts: { maxBatch: number; lingerMs: number } = { maxBatch: 5000, lingerMs: 20 },
  ) {}

  /** Checks one message and queues what is good; returns what was kept and refused. */
  accept(apikey: string, deviceCode: string, raw: Buffer | string | unknown, now = Date.now()): AcceptResult {
    const result: AcceptResult = { accepted: 0, rejected: [] };
    const refuse = (thingId: string | null, key: string | null, reason: RejectReason, detail: string) => {
      result.rejected.push({ key, reason });
      // Recorded as it came, mended where the database could not store it (a NUL, half an emoji).
      this.refused.push({
        apikey: storableText(apikey),
        deviceCode: storableText(deviceCode),
        thingId,
        key: key === null ? null : storableText(key),
        reason,
        detail: storableText(detail, 200),
      });
    };
    const thing = this.registry.thing(apikey, deviceCode);
    if (!thing) {
      refuse(null, null, 'unknown_device', `${apikey}/${deviceCode}`);
      this.schedule();
      return result;
    }
    let payload: unknown = raw;
    if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
      try {
        payload = JSON.parse(raw.toString());
      } catch {
        refuse(thing.id, null, 'malformed_payload', raw.toString());
      }
    }
    if (
      result.rejected.length === 0 &&
      (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    )
      refuse(thing.id, null, 'malformed_payload', JSON.stringify(payload) ?? '');
    if (result.rejected.length > 0) {
      this.schedule();
      return result;
    }
    const attrs = payload as Record<string, unknown>;
    let t = now;
    if (TIME_ATTRIBUTE in attrs) {
      const parsed =
        typeof attrs[TIME_ATTRIBUTE] === 'string' ? Date.parse(attrs[TIME_ATTRIBUTE]) : Number.NaN;
      if (!Number.isFinite(parsed) || parsed > now + MAX_FUTURE_MS) {
        refuse(thing.id, TIME_ATTRIBUTE, 'bad_time', String(attrs[TIME_ATTRIBUTE]));
        this.schedule();
        return result;
      }
      t = parsed;
    }
    for (const [key, value] of Object.entries(attrs)) {
      if (key === TIME_ATTRIBUTE) continue;
      const stream = thing.streams.get(key);
      if (!stream) {
        refuse(thing.id, key, 'unknown_attribute', key);
        continue;
      }
      const v = typeof value === 'number' ? value : Number.NaN;
      if (!Number.isFinite(v)) {
        refuse(thing.id, key, 'not_numeric', JSON.stringify(value) ?? String(value));
        continue;
      }
      if (
        (stream.validMin !== null && v < stream.validMin) ||
        (stream.validMax !== null && v > stream.validMax)
      ) {
        refuse(
          thing.id,
          key,
          'impossible_value',
          `${v} ${stream.unit} ∉ [${stream.validMin ?? '−∞'}, ${stream.validMax ?? '∞'}]`,
        );
        // The impossible-value rule still sees it.
        this.queue.push({ stream, t, v, valid: false });
        continue;
      }
      this.queue.push({ stream, t, v, valid: true });
      result.accepted++;
    }
    this.schedule();
    return result;
  }

  /** Resolves once everything accepted so far is stored and evaluated. */
  flushed(): Promise<void> {
    this.flushNow();
    return this.chain;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.flushed();
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.queue.length >= this.opts.maxBatch) this.flushNow();
    else if (!this.timer && !this.stopped) this.timer = setTimeout(() => this.flushNow(), this.opts.lingerMs);
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0 && this.refused.length === 0) return;
    const batch = this.queue;
    const refused = this.refused;
    this.queue = [];
    this.refused = [];
    this.chain = this.chain.then(() =>
      this.write(batch, refused).catch((err: Error) =>
        this.log.error({ err: err.message, readings: batch.length }, 'sensor batch not stored'),
      ),
    );
  }

  private async write(batch: QueuedReading[], refused: Rejection[]): Promise<void> {
    const good = batch.filter((r) => r.valid);
    const rows = JSON.stringify(
      good.map((r) => ({ d: r.stream.id, t: new Date(r.t).toISOString(), v: r.v })),
    );
    const rejections = JSON.stringify(
      refused.map((r) => ({
        a: r.apikey,
        c: r.deviceCode,
        th: r.thingId,
        k: r.key,
        r: r.reason,
        x: r.detail,
      })),
    );
    await this.db.execute(sql`
      with input as (
        select d, t, v from jsonb_to_recordset(${rows}::jsonb) as r(d uuid, t timestamptz, v float8)
      ), ins as (
        insert into ops_readings (datastream_id, "time", value) select d, t, v from input
        on conflict do nothing
        returning datastream_id, "time", value
      ), agg as (
        select datastream_id, 'hour' as bucket, date_trunc('hour', "time" at time zone 'UTC') at time zone 'UTC' as start,
               count(*)::int as n, sum(value) as s, min(value) as mn, max(value) as mx
          from ins group by 1, 3
        union all
        -- Days are local days (UTC+7, no daylight saving).
        select datastream_id, 'day', (date_trunc('day', ("time" at time zone 'UTC') + interval '7 hours') - interval '7 hours') at time zone 'UTC',
               count(*)::int, sum(value), min(value), max(value)
          from ins group by 1, 3
      ), roll as (
        insert into ops_rollups (datastream_id, bucket, start, n, sum, min, max)
        select datastream_id, bucket, start, n, s, mn, mx from agg
        on conflict (datastream_id, bucket, start) do update set
          n = ops_rollups.n + excluded.n, sum = ops_rollups.sum + excluded.sum,
          min = least(ops_rollups.min, excluded.min), max = greatest(ops_rollups.max, excluded.max)
        returning 1
      ), latest as (
        select distinct on (datastream_id) datastream_id, "time", value from ins order by datastream_id, "time" desc
      ), ds as (
        update ops_datastreams d set last_value = l.value, last_time = l."time" from latest l
         where d.id = l.datastream_id and (d.last_time is null or d.last_time <= l."time")
        returning d.thing_id
      ), th as (
        update ops_things set last_seen_at = now() where id in (select thing_id from ds) returning 1
      ), rej as (
        insert into ops_rejections (apikey, device_code, thing_id, key, reason, detail)
        select a, c, th, k, r, x from jsonb_to_recordset(${rejections}::jsonb) as j(a text, c text, th uuid, k text, r text, x text)
        returning 1
      )
      select (select count(*) from ins) as stored, (select count(*) from roll) as rolled,
             (select count(*) from th) as things, (select count(*) from rej) as refused`);
    this.stored += good.length;
    for (const r of good) if ((r.stream.lastTime ?? 0) < r.t) r.stream.lastTime = r.t;
    await this.sink(batch);
  }
}
