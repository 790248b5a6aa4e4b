// The operator's console over HTTP: the alert lifecycle (acknowledge, assign, comment, resolve), who may
// do what, silences; indicator imports (good file, bad rows, re-import replacing a period); the
// indicator providers feeding the registry.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { syncIndicators } from '../../src/server/modules/operations/indicators/sync.ts';
import { fileUpload } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let operator: Agent;
let leader: Agent;
let admin: Agent;
beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.login('dieuhanh.ioc@cqs.demo');
  leader = await t.login('lanhdao.ubnd@cqs.demo');
  admin = await t.login('admin@cqs.demo');
});
afterAll(async () => t?.close());

const flood = (depth: number) => t.client().post('/iot/json?k=cqs-demo&i=FS-DA-550', { depth });
async function openFloodAlert() {
  const res = await operator.get('/api/operations/alerts');
  return (
    res.json() as { items: { id: string; ruleCode: string; status: string; silenced: boolean }[] }
  ).items.find((a) => a.ruleCode === 'street.flooding' && a.status === 'active');
}

describe('the alert lifecycle', () => {
  it('a flooded street raises a critical alert on the wall ticker; the operator works it through', async () => {
    expect((await flood(35)).statusCode).toBe(200);
    const alert = await openFloodAlert();
    expect(alert).toBeDefined();
    const wall = (await leader.get('/api/operations/wall')).json() as {
      ticker: { id: string; severity: string }[];
    };
    expect(wall.ticker.find((a) => a.id === alert!.id)?.severity).toBe('critical');

    // The leader sees but may not act; a citizen sees nothing.
    expect((await leader.post(`/api/operations/alerts/${alert!.id}/acknowledge`)).statusCode).toBe(403);
    const citizen = await t.login('congdan@cqs.demo');
    expect((await citizen.get('/api/operations/wall')).statusCode).toBe(403);

    const acked = await operator.post(`/api/operations/alerts/${alert!.id}/acknowledge`);
    expect(acked.statusCode).toBe(200);
    expect(acked.json()).toMatchObject({ acknowledged: true, status: 'active' });
    // Twice is the same.
    expect((await operator.post(`/api/operations/alerts/${alert!.id}/acknowledge`)).statusCode).toBe(200);
    const after = (await leader.get('/api/operations/wall')).json() as { ticker: { id: string }[] };
    expect(after.ticker.some((a) => a.id === alert!.id)).toBe(false);

    const me = (await operator.get('/api/auth/session')).json() as { user: { id: string } };
    expect(
      (await operator.post(`/api/operations/alerts/${alert!.id}/assign`, { assigneeId: me.user.id })).json(),
    ).toMatchObject({
      assigneeName: 'Võ Thanh Tùng',
    });
    await operator.post(`/api/operations/alerts/${alert!.id}/comment`, {
      note: 'Đã báo Công an phường phân luồng.',
    });
    const bad = await operator.post(`/api/operations/alerts/${alert!.id}/resolve`, { note: '' });
    expect(bad.statusCode).toBe(400);
    const resolved = await operator.post(`/api/operations/alerts/${alert!.id}/resolve`, {
      note: 'Nước đã rút, đường thông.',
    });
    expect(resolved.json()).toMatchObject({ status: 'cleared', acknowledged: true });
    const log = (resolved.json() as { log: { kind: string }[] }).log.map((l) => l.kind);
    expect(log).toEqual(['raised', 'acknowledged', 'assigned', 'commented', 'resolved']);

    const audited = await queryRows<{ action: string }>(
      t.platform.deps.db,
      sql`select action from audit_log where target_id = ${alert!.id} order by id`,
    );
    expect(audited.map((a) => a.action)).toEqual([
      'ops_alert.acknowledge',
      'ops_alert.assign',
      'ops_alert.comment',
      'ops_alert.resolve',
    ]);

    // Resolved while the street is still flooded: the next reading opens a new incident.
    await flood(36);
    const again = await openFloodAlert();
    expect(again && again.id !== alert!.id).toBe(true);
    await flood(0);
    expect(await openFloodAlert()).toBeUndefined();
  });

  it('a silence keeps matching alerts off the ticker and out of notifications, until it ends', async () => {
    const refused = await operator.post('/api/operations/silences', {
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      reason: 'Bảo trì',
    });
    expect(refused.statusCode).toBe(400);
    const res = await operator.post('/api/operations/silences', {
      thingCode: 'FS-DA-550',
      endsAt: new Date(Date.now() + 3600_000).toISOString(),
      reason: 'Bảo trì cảm biến ngập',
    });
    expect(res.statusCode).toBe(200);
    await flood(40);
    const silenced = await openFloodAlert();
    expect(silenced?.silenced).toBe(true);
    const wall = (await leader.get('/api/operations/wall')).json() as { ticker: { id: string }[] };
    expect(wall.ticker.some((a) => a.id === silenced!.id)).toBe(false);
    await flood(0);
    const { id } = res.json() as { id: string };
    expect((await operator.post(`/api/operations/silences/${id}/end`)).statusCode).toBe(200);
    expect(((await operator.get('/api/operations/silences')).json() as { items: unknown[] }).items).toEqual(
      [],
    );
  });
});

describe('indicator imports', () => {
  const upload = (csv: string) =>
    admin.post('/api/operations/indicators/eco.investment_capital/import', ...uploadArgs(csv));
  const uploadArgs = (csv: string): [Buffer, Record<string, string>] => {
    const { body, contentType } = fileUpload('von-dau-tu.csv', csv, 'text/csv');
    return [body, { 'content-type': contentType }];
  };
  const values = () =>
    queryRows<{ area_code: string; value: number }>(
      t.platform.deps.db,
      sql`select area_code, value from ops_indicator_values where indicator_code = 'eco.investment_capital' order by "time", area_code`,
    );

  it('a good file, a file with bad rows (kept apart), and a re-import replacing its period', async () => {
    const template = await admin.get('/api/operations/indicators/eco.investment_capital/template?format=csv');
    expect(template.statusCode).toBe(200);
    expect(template.body).toContain('"ky","ma_xa","gia_tri"');

    const good = await upload('ky,ma_xa,gia_tri\n2026-10,,15200\n2026-10,25747,820\n2026-11,,16100\n');
    expect(good.json()).toMatchObject({ imported: 3, periods: ['2026-10', '2026-11'], errors: [] });

    const mixed = await upload('ky,ma_xa,gia_tri\n2026-12,,17000\n2026-12,99999,5\n12/2026,,1\n');
    expect(mixed.json()).toMatchObject({
      imported: 1,
      errors: [
        { line: 3, column: 'ma_xa', problem: 'commune_unknown' },
        { line: 4, column: 'ky', problem: 'period_format' },
      ],
    });

    const again = await upload('ky,ma_xa,gia_tri\n2026-10,,15350\n');
    expect(again.json()).toMatchObject({ imported: 1, periods: ['2026-10'] });
    // October is replaced whole (city and commune); November and December stay.
    expect(await values()).toEqual([
      { area_code: '', value: 15350 },
      { area_code: '', value: 16100 },
      { area_code: '', value: 17000 },
    ]);
    const audited = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'ops_indicator.import'`,
    );
    expect(audited[0]?.n).toBe(3);

    expect((await upload('period,value\n2026-10,1\n')).statusCode).toBe(400);
    expect(
      (
        await operator.post(
          '/api/operations/indicators/eco.investment_capital/import',
          ...uploadArgs('ky,ma_xa,gia_tri\n'),
        )
      ).statusCode,
    ).toBe(403);
  });
});

describe('indicator providers', () => {
  it('the public-services and sensors providers fill the registry with values and their as-of', async () => {
    await flood(5);
    const written = await syncIndicators(t.platform.deps.db, t.platform.deps.log);
    expect(written).toBeGreaterThan(0);
    const res = await leader.get('/api/operations/indicators');
    const items = (
      res.json() as { items: { code: string; value: number | null; asOf: string | null; stale: boolean }[] }
    ).items;
    const byCode = new Map(items.map((i) => [i.code, i]));
    for (const code of [
      'svc.received',
      'svc.in_progress',
      'svc.overdue',
      'svc.score_766',
      'svc.online_share',
      'env.flood_level',
      'net.availability',
    ])
      expect(byCode.get(code)?.asOf, code).not.toBeNull();
    // Imported and never imported: no value, shown as stale, not as zero.
    expect(byCode.get('eco.fdi_registered')).toMatchObject({ value: null, stale: true });
    const detail = (await leader.get('/api/operations/indicators/svc.received')).json() as {
      communes: { communeCode: string }[];
    };
    expect(detail.communes.length).toBeGreaterThan(0);
  });
});
