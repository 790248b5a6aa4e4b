// The government data network as a source: connection points report over HTTP (as over MQTT); uptime per
// point and per commune counts missing readings against it; a point down or degraded raises its alert;
// the network's availability is an indicator; the probe agent measures a real TCP target.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { operationsRuntime, probeOnce } from '../../src/server/modules/operations/index.ts';
import { syncIndicators } from '../../src/server/modules/operations/indicators/sync.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

const MIN = 60_000;
let t: TestPlatform;
let leader: Agent;
const apikey = `net-${randomUUID().slice(0, 8)}`;
const start = Date.now() - 120 * MIN;

/** A point registered two hours ago, with its three streams at a one-minute interval. */
async function addPoint(code: string, commune: string) {
  const db = t.platform.deps.db;
  const id = randomUUID();
  await db.execute(sql`insert into ops_things (id, code, apikey, name, kind, commune_code, lat, lon, created_at)
    values (${id}, ${code}, ${apikey}, ${`Điểm kết nối thử ${code}`}, 'network_point', ${commune}, 10.9, 106.7,
            ${new Date(start).toISOString()}::timestamptz)`);
  for (const [key, prop, unit, max] of [
    ['up', 'Kết nối', '1/0', 1],
    ['rtt', 'Độ trễ', 'ms', 60000],
    ['loss', 'Mất gói', '%', 100],
  ] as const)
    await db.execute(sql`insert into ops_datastreams (id, thing_id, key, observed_property, unit, expected_interval_seconds, valid_min, valid_max)
      values (${randomUUID()}, ${id}, ${key}, ${prop}, ${unit}, 60, 0, ${max})`);
  return id;
}

const send = (code: string, at: number, body: Record<string, number>) =>
  t.client().post(`/iot/json?k=${apikey}&i=${code}`, { ...body, TimeInstant: new Date(at).toISOString() });

interface Network {
  uptime: number | null;
  points: {
    code: string;
    state: string;
    uptime: number | null;
    rttMean: number | null;
    communeCode: string;
  }[];
  communes: {
    communeCode: string;
    name: string;
    points: number;
    down: number;
    degraded: number;
    uptime: number | null;
  }[];
}

beforeAll(async () => {
  t = await startTestPlatform();
  await addPoint('NET-T-A', '25942');
  await addPoint('NET-T-B', '25942');
  await addPoint('NET-T-C', '25978');
  await operationsRuntime(t.platform.modules).reload();
  // A: up for 90 minutes, then down for the last 30 (one reading a minute).
  // B: up all along, but slow for the last 15 minutes. C: up, then silent for the last hour.
  for (let i = 0; i < 120; i++) {
    const at = start + i * MIN + 30_000;
    expect(
      (await send('NET-T-A', at, i < 90 ? { up: 1, rtt: 20, loss: 0 } : { up: 0, loss: 100 })).statusCode,
    ).toBe(200);
    expect((await send('NET-T-B', at, { up: 1, rtt: i < 105 ? 25 : 350, loss: 0 })).statusCode).toBe(200);
    if (i < 60) expect((await send('NET-T-C', at, { up: 1, rtt: 22, loss: 0 })).statusCode).toBe(200);
  }
  leader = await t.login('lanhdao.ubnd@cqs.demo');
}, 180_000);
afterAll(async () => t?.close());

const network = async () => {
  const res = await leader.get('/api/operations/network?days=1');
  expect(res.statusCode).toBe(200);
  return res.json() as Network;
};

describe('the data network', () => {
  it('gives each point its state and its uptime, missing readings counting against it', async () => {
    const n = await network();
    const p = (code: string) => n.points.find((x) => x.code === code)!;
    expect(p('NET-T-A').state).toBe('down');
    expect(p('NET-T-B').state).toBe('degraded');
    expect(p('NET-T-C').state).toBe('silent');
    // 90, 120 and 60 "up" readings of the 120 expected since the points were registered.
    expect(p('NET-T-A').uptime).toBeCloseTo(75, 0);
    expect(p('NET-T-B').uptime).toBeCloseTo(100, 0);
    expect(p('NET-T-C').uptime).toBeCloseTo(50, 0);
    expect(p('NET-T-B').rttMean).toBeCloseTo((105 * 25 + 15 * 350) / 120, 0);
  });

  it('gives each commune the uptime of its points, and names it', async () => {
    const n = await network();
    const da = n.communes.find((c) => c.communeCode === '25942')!;
    const a = n.points.find((x) => x.code === 'NET-T-A')!.uptime!;
    const b = n.points.find((x) => x.code === 'NET-T-B')!.uptime!;
    const demo = n.points.filter((x) => x.communeCode === '25942' && !x.code.startsWith('NET-T-'));
    expect(da.name).toMatch(/Dĩ An/);
    expect(da.points).toBe(2 + demo.length);
    expect(da.down).toBeGreaterThanOrEqual(1);
    expect(da.degraded).toBe(1);
    if (demo.every((x) => x.uptime === null)) expect(da.uptime).toBeCloseTo((a + b) / 2, 0);
  });

  it('raises one alert for the point that is down and one for the slow point', async () => {
    await operationsRuntime(t.platform.modules).engine.tick();
    const alerts = await queryRows<{ code: string; source_label: string; severity: string; status: string }>(
      t.platform.deps.db,
      sql`select r.code, a.source_label, a.severity, a.status from ops_alerts a join ops_alert_rules r on r.id = a.rule_id
           where a.source_label like 'Điểm kết nối thử%' order by r.code, a.source_label`,
    );
    const of = (rule: string, code: string) =>
      alerts.filter((a) => a.code === rule && a.source_label.startsWith(`Điểm kết nối thử ${code}`));
    expect(of('net.down', 'NET-T-A')).toMatchObject([{ severity: 'critical', status: 'active' }]);
    expect(of('net.latency', 'NET-T-B')).toMatchObject([{ severity: 'major', status: 'active' }]);
    expect(of('net.down', 'NET-T-B')).toEqual([]);
  });

  it("publishes the network's availability as an indicator, a silent point counting as down", async () => {
    await syncIndicators(t.platform.deps.db, t.platform.deps.log);
    const res = await leader.get('/api/operations/indicators?commune=25978');
    const tile = (res.json() as { items: { code: string; value: number | null }[] }).items.find(
      (i) => i.code === 'net.availability',
    )!;
    // Thuận An: its demo point has sent nothing in this test, and NET-T-C is silent.
    expect(tile.value).toBe(0);
  });

  it('refuses a window it cannot read, naming the field', async () => {
    const res = await leader.get('/api/operations/network?days=400');
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('days');
    const citizen = await t.login('congdan@cqs.demo');
    expect((await citizen.get('/api/operations/network')).statusCode).toBe(403);
  });
});

describe('the probe agent', () => {
  it('reports a listening target up with its connect time, and a closed one down with full loss', async () => {
    const server = createServer((s) => s.end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const up = await probeOnce({ host: '127.0.0.1', port }, { count: 3 });
    expect(up.up).toBe(1);
    expect(up.loss).toBe(0);
    expect(up.rtt).toBeGreaterThanOrEqual(0);
    expect(up.rtt).toBeLessThan(1000);
    await new Promise<void>((r) => server.close(() => r()));
    const down = await probeOnce({ host: '127.0.0.1', port }, { count: 3, timeoutMs: 500 });
    expect(down).toEqual({ up: 0, loss: 100 });
  });
});
