// The leader's view over HTTP, on generated dossier history: exceptions first, fair league tables, the
// drill-down city → commune → the dossiers behind the overdue figure (the count opened is the count
// shown), who may drill, and the weekly briefing as a PDF read back as text.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { syncIndicators } from '../../src/server/modules/operations/indicators/sync.ts';
import { generateDossiers } from '../../src/server/modules/services/generator/index.ts';
import { rebuildStats } from '../../src/server/modules/stats/index.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

interface Leader {
  exceptions: {
    overdue: {
      code: string;
      value: number | null;
      communes: { communeCode: string; name: string; value: number }[];
    }[];
    behindTarget: { code: string; value: number | null; target: number | null; direction: string }[];
    criticalAlerts: { id: string; severity: string }[];
  };
  leagues: null | {
    minVolume: number;
    communes: { ranked: boolean; rank: number | null; volume: number; points: number; unitCode: string }[];
    departments: { ranked: boolean; rank: number | null; volume: number }[];
  };
  mayDrill: boolean;
}

let t: TestPlatform;
let leader: Agent;
let operator: Agent;
beforeAll(async () => {
  t = await startTestPlatform();
  const db = t.platform.deps.db;
  // History that stopped three weeks ago: what was in progress then is overdue now.
  await generateDossiers(db, { count: 600, seed: 41, until: new Date(Date.now() - 20 * 86_400_000) });
  await rebuildStats(db);
  await syncIndicators(db, t.platform.deps.log);
  leader = await t.login('lanhdao.ubnd@cqs.demo');
  operator = await t.login('dieuhanh.ioc@cqs.demo');
}, 180_000);
afterAll(async () => t?.close());

describe("the leader's view", () => {
  it('puts overdue work, indicators behind target and serious alerts first', async () => {
    await t.client().post('/iot/json?k=cqs-demo&i=FS-DA-550', { depth: 40 });
    const res = await leader.get('/api/operations/leader');
    expect(res.statusCode).toBe(200);
    const v = res.json() as Leader;
    const overdue = v.exceptions.overdue.find((o) => o.code === 'svc.overdue')!;
    expect(overdue.value).toBeGreaterThan(0);
    // The communes carrying the most overdue dossiers, most first, none with zero.
    const values = overdue.communes.map((c) => c.value);
    expect(values.length).toBeGreaterThan(0);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    expect(values.every((x) => x > 0)).toBe(true);
    // svc.overdue has target 0 (lower is better): with overdue dossiers it is behind target.
    expect(v.exceptions.behindTarget.map((i) => i.code)).toContain('svc.overdue');
    for (const i of v.exceptions.behindTarget)
      expect(i.direction === 'higher' ? i.value! < i.target! : i.value! > i.target!).toBe(true);
    expect(v.exceptions.criticalAlerts.some((a) => a.severity === 'critical')).toBe(true);
  });

  it('ranks only units with enough dossiers, best first, and numbers the ranks without gaps', async () => {
    const v = (await leader.get('/api/operations/leader')).json() as Leader;
    expect(v.mayDrill).toBe(true);
    const l = v.leagues!;
    for (const table of [l.communes, l.departments]) {
      for (const row of table) expect(row.ranked).toBe(row.volume >= l.minVolume);
      const ranked = table.filter((r) => r.ranked);
      expect(ranked.map((r) => r.rank)).toEqual(ranked.map((_, i) => i + 1));
      // Unranked units come after every ranked one, with no rank.
      const firstUnranked = table.findIndex((r) => !r.ranked);
      if (firstUnranked >= 0) expect(table.slice(firstUnranked).every((r) => r.rank === null)).toBe(true);
    }
    const points = l.communes.filter((r) => r.ranked).map((r) => r.points);
    expect([...points].sort((a, b) => b - a)).toEqual(points);
  });

  it('drills from the city to a commune to the overdue dossiers behind its figure', async () => {
    const v = (await leader.get('/api/operations/leader')).json() as Leader;
    const top = v.exceptions.overdue.find((o) => o.code === 'svc.overdue')!.communes[0]!;
    const commune = await leader.get(`/api/operations/leader/communes/${top.communeCode}`);
    expect(commune.statusCode).toBe(200);
    const c = commune.json() as {
      name: string;
      indicators: { code: string; value: number | null; cityValue: number | null }[];
    };
    expect(c.name).toBe(top.name);
    const overdue = c.indicators.find((i) => i.code === 'svc.overdue')!;
    expect(overdue.value).toBe(top.value);
    expect(overdue.cityValue).toBe(v.exceptions.overdue.find((o) => o.code === 'svc.overdue')!.value);

    const list = await leader.get(
      `/api/operations/leader/communes/${top.communeCode}/dossiers?figure=overdue&limit=200`,
    );
    expect(list.statusCode).toBe(200);
    const d = list.json() as { total: number; items: { dossierId: string; dueAt: string | null }[] };
    // The list opened is the figure shown, and every dossier in it is past its due date.
    expect(d.total).toBe(top.value);
    expect(d.items.length).toBe(Math.min(200, top.value));
    const now = Date.now();
    for (const item of d.items) expect(new Date(item.dueAt!).getTime()).toBeLessThan(now);
    // And they belong to the commune: their agencies sit under its People's Committee.
    const ids = d.items.map((i) => i.dossierId);
    const outside = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from stats_dossier_facts f join id_agencies a on a.id = f.agency_id
           where f.dossier_id::text = any(string_to_array(${ids.join(',')}, ',')) and a.unit_code <> ${top.communeCode}`,
    );
    expect(outside[0]!.n).toBe(0);
  });

  it('lets only holders of stats.read open dossiers; refuses bad communes and figures by name', async () => {
    const v = (await operator.get('/api/operations/leader')).json() as Leader;
    expect(v.leagues).toBeNull();
    expect(v.mayDrill).toBe(false);
    expect(
      (await operator.get('/api/operations/leader/communes/25747/dossiers?figure=overdue')).statusCode,
    ).toBe(403);
    expect((await operator.get('/api/operations/leader/communes/25747')).statusCode).toBe(200);
    const citizen = await t.login('congdan@cqs.demo');
    expect((await citizen.get('/api/operations/leader')).statusCode).toBe(403);
    expect((await leader.get('/api/operations/leader/communes/99999')).statusCode).toBe(404);
    const bad = await leader.get('/api/operations/leader/communes/25747/dossiers?figure=everything');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('figure');
  });

  it('prints the weekly briefing as a PDF and records who took it', async () => {
    const res = await leader.get('/api/operations/leader/briefing.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = (await pdfPages(res.rawPayload)).join('\n');
    expect(text).toMatch(/BÁO CÁO GIAO BAN TUẦN/i);
    expect(text).toContain('Những việc cần lãnh đạo chú ý');
    expect(text).toContain('Hồ sơ quá hạn');
    expect(text).toContain('Ngập đường');
    expect(text).toContain('Xếp hạng xã, phường');
    const en = (
      await pdfPages((await leader.get('/api/operations/leader/briefing.pdf?lang=en')).rawPayload)
    ).join('\n');
    expect(en).toMatch(/WEEKLY BRIEFING/i);
    expect(en).toContain('Overdue dossiers');
    const audit = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'ops_briefing.download'`,
    );
    expect(audit[0]!.n).toBe(2);
  });
});

describe('former-unit views', () => {
  it('lists the named sets of communes, the 36 former Bình Dương units by default', async () => {
    const res = await leader.get('/api/operations/commune-sets');
    expect(res.statusCode).toBe(200);
    const sets = res.json() as { default: string; items: { code: string; size: number }[] };
    expect(sets.default).toBe('binh-duong-cu');
    expect(sets.items.find((s) => s.code === 'binh-duong-cu')?.size).toBe(36);
  });

  it.each([
    ['svc.received', 'sum'],
    ['svc.score_766', 'mean'],
  ] as const)('shows %s for the former Bình Dương communes (%s of their values)', async (code, how) => {
    const res = await leader.get(`/api/operations/indicators/${code}/sets/binh-duong-cu`);
    expect(res.statusCode).toBe(200);
    const v = res.json() as {
      aggregation: string;
      value: number | null;
      set: { size: number };
      series: { time: string; value: number | null; reporting: number }[];
      communes: { communeCode: string; value: number | null }[];
    };
    expect(v.aggregation).toBe(how);
    expect(v.communes).toHaveLength(36);
    // The set's value is made from the same commune values the indicator's own view shows.
    const detail = (await leader.get(`/api/operations/indicators/${code}`)).json() as {
      communes: { communeCode: string; value: number | null }[];
    };
    const members = new Set(v.communes.map((c) => c.communeCode));
    const values = detail.communes.filter((c) => members.has(c.communeCode)).map((c) => c.value);
    const known = values.filter((x): x is number => x !== null);
    const want =
      known.length === 0
        ? null
        : how === 'sum'
          ? known.reduce((a, b) => a + b, 0)
          : Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 100) / 100;
    expect(v.value).toBeCloseTo(want ?? Number.NaN, 2);
    expect(v.series.at(-1)!.reporting).toBe(known.length);
  });

  it('refuses an indicator without commune values by name, and an unknown set', async () => {
    const city = await leader.get('/api/operations/indicators/eco.grdp_growth/sets/binh-duong-cu');
    expect(city.statusCode).toBe(400);
    expect(city.body).toContain('eco.grdp_growth');
    expect((await leader.get('/api/operations/indicators/svc.received/sets/khong-co')).statusCode).toBe(404);
  });
});
