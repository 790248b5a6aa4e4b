// MQTT end to end, against the embedded broker and the machine's Mosquitto: publish, ingest, rollups,
// refusals with reasons, an alert raised and cleared; and the same payload over HTTP.
import { randomUUID } from 'node:crypto';
import mqtt from 'mqtt';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';
import { operationsRuntime } from '../../src/server/modules/operations/index.ts';

const MOSQUITTO = 'mqtt://127.0.0.1:1883';

async function until<T>(fn: () => Promise<T | undefined | null | false>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A station of its own (its own API key), so runs sharing Mosquitto never read each other's readings. */
async function addStation(t: TestPlatform, apikey: string) {
  const db = t.platform.deps.db;
  const thingId = randomUUID();
  await db.execute(sql`insert into ops_things (id, code, apikey, name, kind, commune_code, lat, lon)
    values (${thingId}, 'FS-T', ${apikey}, 'Điểm ngập thử', 'flood_spot', '25942', 10.9, 106.77)`);
  await db.execute(sql`insert into ops_datastreams (id, thing_id, key, observed_property, unit, expected_interval_seconds, valid_min, valid_max)
    values (${randomUUID()}, ${thingId}, 'depth', 'Độ sâu ngập', 'cm', 60, 0, 300),
           (${randomUUID()}, ${thingId}, 't', 'Nhiệt độ', '°C', 60, -10, 60)`);
  await operationsRuntime(t.platform.modules).reload();
  return thingId;
}

async function publish(url: string, messages: [string, string][]) {
  const client = await mqtt.connectAsync(url, { clientId: `cqs-test-${randomUUID()}` });
  for (const [topic, payload] of messages) await client.publishAsync(topic, payload, { qos: 1 });
  await client.endAsync();
}

function journey(name: string, env: Record<string, string>, brokerUrl: (t: TestPlatform) => string) {
  describe(name, () => {
    let t: TestPlatform;
    let thingId: string;
    const apikey = `test-${randomUUID().slice(0, 8)}`;
    beforeAll(async () => {
      t = await startTestPlatform({ env });
      thingId = await addStation(t, apikey);
    });
    afterAll(async () => t?.close());

    it('stores readings with rollups, refuses bad attributes with reasons, raises and clears one alert', async () => {
      const db = t.platform.deps.db;
      const topic = `/json/${apikey}/FS-T/attrs`;
      const base = Date.parse('2026-12-07T03:00:00Z');
      const at = (min: number) => new Date(base + min * 60_000).toISOString();
      await publish(brokerUrl(t), [
        [topic, JSON.stringify({ depth: 4, t: 30.5, TimeInstant: at(0) })],
        [topic, JSON.stringify({ depth: 12, t: 'hot', rain: 3, TimeInstant: at(1) })],
        [topic, '{"depth": 35'],
        [topic, JSON.stringify({ depth: 25, TimeInstant: at(2) })],
        [topic, JSON.stringify({ depth: 999, TimeInstant: at(3) })],
        [topic, JSON.stringify({ depth: 0, TimeInstant: at(4) })],
        [`/json/${apikey}/NO-SUCH/attrs`, JSON.stringify({ depth: 1 })],
      ]);
      await until(async () => {
        await operationsRuntime(t.platform.modules).ingestor.flushed();
        const [r] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from ops_rejections where apikey = ${apikey}`,
        );
        return (r?.n ?? 0) >= 5;
      });
      await operationsRuntime(t.platform.modules).ingestor.flushed();

      const readings = await queryRows<{ key: string; value: number }>(
        db,
        sql`select d.key, r.value from ops_readings r join ops_datastreams d on d.id = r.datastream_id
             where d.thing_id = ${thingId} order by r.time, d.key`,
      );
      expect(readings.map((r) => `${r.key}=${r.value}`)).toEqual([
        'depth=4',
        't=30.5',
        'depth=12',
        'depth=25',
        'depth=0',
      ]);

      const hour = await queryRows<{ n: number; sum: number; min: number; max: number }>(
        db,
        sql`select n, sum, min, max from ops_rollups r join ops_datastreams d on d.id = r.datastream_id
             where d.thing_id = ${thingId} and d.key = 'depth' and bucket = 'hour'`,
      );
      expect(hour).toEqual([{ n: 4, sum: 41, min: 0, max: 25 }]);
      const day = await queryRows<{ start: Date; n: number; sum: number; min: number; max: number }>(
        db,
        sql`select start, n, sum, min, max from ops_rollups r join ops_datastreams d on d.id = r.datastream_id
             where d.thing_id = ${thingId} and d.key = 'depth' and bucket = 'day'`,
      );
      // The local day (UTC+7) starts at 17:00 UTC the day before; its figures are its hours'.
      expect(day).toHaveLength(1);
      expect(new Date(day[0]!.start).toISOString()).toBe('2026-12-06T17:00:00.000Z');
      expect(day[0]).toMatchObject({ n: 4, sum: 41, min: 0, max: 25 });

      const refused = await queryRows<{ device_code: string; key: string | null; reason: string }>(
        db,
        sql`select device_code, key, reason from ops_rejections where apikey = ${apikey} order by id`,
      );
      expect(refused.map((r) => `${r.device_code}:${r.key ?? ''}:${r.reason}`)).toEqual([
        'FS-T:t:not_numeric',
        'FS-T:rain:unknown_attribute',
        'FS-T::malformed_payload',
        'FS-T:depth:impossible_value',
        'NO-SUCH::unknown_device',
      ]);

      // street.flooding: 12 cm warning, 25 cm major, back to 0 clears — one alert; the impossible 999 is its own.
      const alerts = await queryRows<{ code: string; severity: string; status: string; id: string }>(
        db,
        sql`select r.code, a.severity, a.status, a.id from ops_alerts a join ops_alert_rules r on r.id = a.rule_id
             where a.thing_id = ${thingId} order by r.code`,
      );
      expect(alerts.map((a) => `${a.code}:${a.severity}:${a.status}`)).toEqual([
        'street.flooding:major:cleared',
      ]);
      const flood = alerts[0]!;
      const log = await queryRows<{ kind: string; severity: string | null }>(
        db,
        sql`select kind, severity from ops_alert_log where alert_id = ${flood.id} order by at, id`,
      );
      expect(log.map((l) => `${l.kind}${l.severity ? `:${l.severity}` : ''}`)).toEqual([
        'raised:warning',
        'severity_changed:major',
        'cleared',
      ]);
      const events = await queryRows<{ type: string }>(
        db,
        sql`select type from outbox_events where aggregate_id = ${flood.id} order by id`,
      );
      expect(events.map((e) => e.type)).toEqual([
        'operations.alert.raised',
        'operations.alert.changed',
        'operations.alert.cleared',
      ]);
    });
  });
}

journey(
  'MQTT through the embedded broker',
  { MQTT_BROKER: 'embedded', MQTT_PORT: '0', HOST: '127.0.0.1' },
  (t) => operationsRuntime(t.platform.modules).link!.url,
);
journey('MQTT through the local Mosquitto', { MQTT_BROKER: MOSQUITTO }, () => MOSQUITTO);

describe('HTTP ingestion', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('takes the same payload, answers what it kept and refused, after storing it', async () => {
    const apikey = `http-${randomUUID().slice(0, 8)}`;
    await addStation(t, apikey);
    const device = t.client();
    const res = await device.post(`/iot/json?k=${apikey}&i=FS-T`, { depth: 3, t: 'x' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ accepted: 1, rejected: [{ key: 't', reason: 'not_numeric' }] });
    const [row] = await queryRows<{ last_value: number }>(
      t.platform.deps.db,
      sql`select last_value from ops_datastreams d join ops_things t on t.id = d.thing_id where t.apikey = ${apikey} and d.key = 'depth'`,
    );
    expect(row?.last_value).toBe(3);
    expect((await device.post(`/iot/json?k=${apikey}&i=NOPE`, { depth: 3 })).statusCode).toBe(404);
  });

  it('records refusals of text PostgreSQL cannot store, and keeps the good readings of the same batch', async () => {
    // MQTT payloads are bytes nobody validated: a NUL, an attribute named with one, and a value whose
    // recorded detail (cut at 200) would have ended in half an emoji.
    const apikey = `nul-${randomUUID().slice(0, 8)}`;
    const thingId = await addStation(t, apikey);
    const ingestor = operationsRuntime(t.platform.modules).ingestor;
    ingestor.accept(apikey, 'FS-T', Buffer.from('{"depth": 1\u0000'));
    ingestor.accept(apikey, 'FS-T', Buffer.from(JSON.stringify({ 'de\u0000pth': 1, depth: 7 })));
    ingestor.accept(apikey, 'FS-T', Buffer.from(JSON.stringify({ t: `${'x'.repeat(198)}😀` })));
    await ingestor.flushed();
    const db = t.platform.deps.db;
    const [depth] = await queryRows<{ last_value: number }>(
      db,
      sql`select last_value from ops_datastreams where thing_id = ${thingId} and key = 'depth'`,
    );
    expect(depth?.last_value).toBe(7);
    const refused = await queryRows<{ reason: string; key: string | null; detail: string }>(
      db,
      sql`select reason, key, detail from ops_rejections where apikey = ${apikey} order by id`,
    );
    expect(refused.map((r) => r.reason)).toEqual(['malformed_payload', 'unknown_attribute', 'not_numeric']);
    expect(refused[1]!.key).toBe('de\ufffdpth');
    // Cut at 200 characters, whole ones: the emoji stays whole.
    expect(refused[2]!.detail).toBe(`"${'x'.repeat(198)}😀`);
  });
});
