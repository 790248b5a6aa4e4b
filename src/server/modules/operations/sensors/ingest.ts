// Sensor readings in: payloads from MQTT or HTTP are checked against the registry at once (a bad
// attribute is refused with its reason, the good ones in the same message are kept), queued, and
// written in batches — readings, hourly rollups and the refusals in one statement — after which the
// alert rules see them. The streams' last values, the devices' last-seen times and the daily rollups
// are written apart, at most every LAST_VALUES_MS: rewriting every stream's rows with every batch cost
// more than storing the readings (bench/operations.ts). Daily rollups are recomputed from the hourly
// ones of the days touched, so a crash between the two writes leaves nothing to repair.
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
/** How stale the stored last values and daily rollups may be (the wall and the sensor list read them). */
const LAST_VALUES_MS = 2000;
/** Days are local days: UTC+7, no daylight saving. */
const LOCAL_OFFSET_MS = 7 * 3_600_000;
const localDayStart = (t: number) =>
  Math.floor((t + LOCAL_OFFSET_MS) / 86_400_000) * 86_400_000 - LOCAL_OFFSET_MS;

export class Ingestor {
  private queue: QueuedReading[] = [];
  private refused: Rejection[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** the newest stored reading of each stream whose row is not updated yet, and their devices */
  private lastValues = new Map<string, { t: number; v: number; thingId: string }>();
  /** streams and the local days (their start, ms) with readings since the daily rollups were written */
  private daysTouched = new Map<string, Set<number>>();
  private lastValuesTimer: NodeJS.Timeout | undefined;
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

  /** Resolves once everything accepted so far is stored, evaluated and its last values written. */
  async flushed(): Promise<void> {
    this.flushNow();
    await this.chain;
    await this.writeLastValues();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.flushed();
    clearTimeout(this.timer);
    clearTimeout(this.lastValuesTimer);
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
      ), roll as (
        insert into ops_rollups (datastream_id, bucket, start, n, sum, min, max)
        select datastream_id, bucket, start, n, s, mn, mx from agg
        on conflict (datastream_id, bucket, start) do update set
          n = ops_rollups.n + excluded.n, sum = ops_rollups.sum + excluded.sum,
          min = least(ops_rollups.min, excluded.min), max = greatest(ops_rollups.max, excluded.max)
        returning 1
      ), rej as (
        insert into ops_rejections (apikey, device_code, thing_id, key, reason, detail)
        select a, c, th, k, r, x from jsonb_to_recordset(${rejections}::jsonb) as j(a text, c text, th uuid, k text, r text, x text)
        returning 1
      )
      select (select count(*) from ins) as stored, (select count(*) from roll) as rolled,
             (select count(*) from rej) as refused`);
    this.stored += good.length;
    for (const r of good) {
      if ((r.stream.lastTime ?? 0) < r.t) r.stream.lastTime = r.t;
      const days = this.daysTouched.get(r.stream.id) ?? new Set<number>();
      this.daysTouched.set(r.stream.id, days);
      days.add(localDayStart(r.t));
      const known = this.lastValues.get(r.stream.id);
      if (!known || known.t <= r.t)
        this.lastValues.set(r.stream.id, { t: r.t, v: r.v, thingId: r.stream.thing.id });
    }
    if (!this.lastValuesTimer && this.lastValues.size > 0)
      this.lastValuesTimer = setTimeout(() => {
        this.chain = this.chain.then(() => this.writeLastValues());
      }, LAST_VALUES_MS);
    await this.sink(batch);
  }

  /** The streams' last values, their devices' last-seen times and the daily rollups of the days touched. */
  private async writeLastValues(): Promise<void> {
    clearTimeout(this.lastValuesTimer);
    this.lastValuesTimer = undefined;
    if (this.lastValues.size === 0) return;
    const rows = JSON.stringify(
      [...this.lastValues].map(([d, l]) => ({ d, t: new Date(l.t).toISOString(), v: l.v, th: l.thingId })),
    );
    const days = JSON.stringify(
      [...this.daysTouched].flatMap(([d, starts]) =>
        [...starts].map((s) => ({ d, s: new Date(s).toISOString() })),
      ),
    );
    this.lastValues = new Map();
    this.daysTouched = new Map();
    await this.db
      .execute(sql`
        with input as (
          select d, t, v, th from jsonb_to_recordset(${rows}::jsonb) as r(d uuid, t timestamptz, v float8, th uuid)
        ), ds as (
          update ops_datastreams s set last_value = i.v, last_time = i.t from input i
           where s.id = i.d and (s.last_time is null or s.last_time <= i.t)
          returning 1
        ), th as (
          update ops_things set last_seen_at = now() where id in (select distinct th from input) returning 1
        ), touched as (
          select d, s from jsonb_to_recordset(${days}::jsonb) as r(d uuid, s timestamptz)
        )
        insert into ops_rollups (datastream_id, bucket, start, n, sum, min, max)
        select h.datastream_id, 'day', t.s, sum(h.n)::int, sum(h.sum), min(h.min), max(h.max)
          from touched t join ops_rollups h on h.datastream_id = t.d and h.bucket = 'hour'
           and h.start >= t.s and h.start < t.s + interval '1 day'
         group by h.datastream_id, t.s
        on conflict (datastream_id, bucket, start) do update set
          n = excluded.n, sum = excluded.sum, min = excluded.min, max = excluded.max`)
      .catch((err: Error) => this.log.error({ err: err.message }, 'sensor last values not stored'));
  }
}
