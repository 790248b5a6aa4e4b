// Dashboards configurable by administrators, saved per role: the wall of a role follows its dashboard
// (the chosen indicators in the chosen order, the views and their rotation); bad input is refused by
// name and changes nothing; each save is audited and evented; only operations.manage may save.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let admin: Agent;
let leader: Agent;
let operator: Agent;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin@cqs.demo');
  leader = await t.login('lanhdao.ubnd@cqs.demo');
  operator = await t.login('dieuhanh.ioc@cqs.demo');
});
afterAll(async () => t?.close());

interface Wall {
  dashboard: {
    roleCode: string | null;
    indicatorCodes: string[] | null;
    views: string[];
    rotateSeconds: number;
  };
  indicators: { code: string }[];
}
const wallOf = async (a: Agent) => (await a.get('/api/operations/wall')).json() as Wall;

describe('dashboards per role', () => {
  it('shows every indicator and every view until a role has its own dashboard', async () => {
    const w = await wallOf(leader);
    expect(w.dashboard).toEqual({
      roleCode: null,
      indicatorCodes: null,
      views: ['indicators', 'stations', 'network'],
      rotateSeconds: 0,
    });
    expect(w.indicators.map((i) => i.code)).toContain('eco.grdp_growth');
  });

  it("gives the city leader's wall the chosen indicators, in order, and the views rotating", async () => {
    const res = await admin.put('/api/operations/dashboards/city_leader', {
      indicatorCodes: ['eco.investment_capital', 'eco.grdp_growth'],
      views: ['indicators', 'network'],
      rotateSeconds: 20,
    });
    expect(res.statusCode).toBe(200);
    const w = await wallOf(leader);
    expect(w.dashboard).toMatchObject({
      roleCode: 'city_leader',
      views: ['indicators', 'network'],
      rotateSeconds: 20,
    });
    expect(w.indicators.map((i) => i.code)).toEqual(['eco.investment_capital', 'eco.grdp_growth']);
    // Another role's wall is untouched.
    expect((await wallOf(operator)).dashboard.roleCode).toBeNull();
    const audit = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'ops_dashboard.save' and summary->>'role' = 'city_leader'`,
    );
    expect(audit[0]!.n).toBe(1);
    const events = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from outbox_events where type = 'operations.dashboard.saved'`,
    );
    expect(events[0]!.n).toBe(1);
    const list = (await admin.get('/api/operations/dashboards')).json() as {
      roles: { code: string; name: string }[];
      items: { roleCode: string }[];
    };
    // Roles by name, not by code (the select shows the name).
    expect(list.roles).toContainEqual({ code: 'ioc_operator', name: expect.not.stringContaining('_') });
    expect(list.items.map((d) => d.roleCode)).toEqual(['city_leader']);
  });

  it.each([
    [{ indicatorCodes: ['no.such'], views: ['indicators'], rotateSeconds: 0 }, 'no.such'],
    [{ indicatorCodes: [], views: [], rotateSeconds: 0 }, 'views'],
    [{ indicatorCodes: [], views: ['indicators'], rotateSeconds: -5 }, 'rotateSeconds'],
    [{ indicatorCodes: [], views: ['map'], rotateSeconds: 0 }, 'views'],
  ])('refuses %j naming %s, and changes nothing', async (body, named) => {
    const res = await admin.put('/api/operations/dashboards/city_leader', body);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(named);
    expect((await wallOf(leader)).dashboard.rotateSeconds).toBe(20);
  });

  it('refuses an unknown role, and anyone without operations.manage', async () => {
    const body = { indicatorCodes: [], views: ['indicators'], rotateSeconds: 0 };
    expect((await admin.put('/api/operations/dashboards/no_such_role', body)).statusCode).toBe(400);
    expect((await leader.put('/api/operations/dashboards/city_leader', body)).statusCode).toBe(403);
    expect((await operator.put('/api/operations/dashboards/city_leader', body)).statusCode).toBe(403);
    expect((await leader.get('/api/operations/dashboards')).statusCode).toBe(403);
  });
});
