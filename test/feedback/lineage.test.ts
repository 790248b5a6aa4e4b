// A commune merged into another after a report was routed there: the report keeps the unit version and
// the agency it was routed under, while the statistics, the public list and Open311's commune filter
// count it toward today's unit (the units' lineage). Chains of renames resolve; a split does not merge.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedbackStatistics, forgetFeedbackReference } from '../../src/server/modules/feedback/index.ts';
import { unitSuccessors } from '../../src/server/modules/identity/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let operator: Agent;
const WARD = '25747'; // Phường Thủ Dầu Một: today's unit
let merged = ''; // a neighbouring commune with demo reports, merged into WARD by the test
let point = { lat: 0, lng: 0 };

beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.login('dieuhanh@cqs.demo');
  const [row] = await queryRows<{ unit_code: string; lat: number; lng: number }>(
    t.platform.deps.db,
    sql`select unit_code, lat, lng from fb_reports
        where unit_code <> ${WARD} and agency_id is not null and status <> 'merged'
        order by unit_code limit 1`,
  );
  merged = row!.unit_code;
  point = { lat: Number(row!.lat), lng: Number(row!.lng) };
});
afterAll(() => t?.close());

const DAY = 86_400_000;
const period = () => ({ from: new Date(Date.now() - 800 * DAY), to: new Date(Date.now() + DAY) });
const yesterday = () => new Date(Date.now() - DAY).toISOString().slice(0, 10);
const lineage = (from: string, to: string, kind: string, on: string) =>
  t.platform.deps.db.execute(
    sql`insert into id_unit_lineage (from_code, to_code, kind, effective_on, source)
        values (${from}, ${to}, ${kind}, ${on}::date, 'test')`,
  );

describe('statistics through the unit lineage', () => {
  let code = '';
  let routedUnit: { unit_code: string; unit_valid_from: string; agency_id: string } | undefined;
  let before: Awaited<ReturnType<typeof feedbackStatistics>>;

  it('routes a report in the commune that is about to be merged', async () => {
    const res = await t.client().post('/api/feedback/reports', {
      categoryCode: 'cay-xanh',
      description: 'Cây đổ chắn ngang đường liên ấp',
      ...point,
    });
    expect(res.statusCode, res.body).toBe(200);
    code = res.json().code;
    const routed = await operator.post(`/api/feedback/manage/${code}/route`, {});
    expect(routed.statusCode, routed.body).toBe(200);
    [routedUnit] = await queryRows(
      t.platform.deps.db,
      sql`select unit_code, unit_valid_from::text, agency_id from fb_reports where code = ${code}`,
    );
    expect(routedUnit!.unit_code).toBe(merged);
    before = await feedbackStatistics(t.platform.deps.db, period(), { minVolume: 0 });
    expect(before.communes.find((c) => c.key === merged)!.received).toBeGreaterThan(0);
  });

  it('after the merge the report keeps its unit version; figures count toward today’s unit', async () => {
    await lineage(merged, WARD, 'merge', yesterday());
    forgetFeedbackReference();
    const [kept] = await queryRows<NonNullable<typeof routedUnit>>(
      t.platform.deps.db,
      sql`select unit_code, unit_valid_from::text, agency_id from fb_reports where code = ${code}`,
    );
    expect(kept).toEqual(routedUnit);
    const after = await feedbackStatistics(t.platform.deps.db, period(), { minVolume: 0 });
    const was = (key: string) => before.communes.find((c) => c.key === key)!;
    const now = after.communes.find((c) => c.key === WARD)!;
    for (const f of [
      'received',
      'open',
      'overdueOpen',
      'measured',
      'onTime',
      'ratings',
      'satisfied',
    ] as const)
      expect(now[f], f).toBe(was(WARD)[f] + was(merged)[f]);
    expect(after.communes.find((c) => c.key === merged)).toBeUndefined();
    // The city's figures do not change with the map.
    expect(after.city).toEqual(before.city);
  });

  it("lists the report under today's commune, on the public list and in Open311", async () => {
    const list = await t.client().get(`/api/feedback/reports?unit=${WARD}&limit=200&status=open`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((i: { code: string }) => i.code)).toContain(code);
    const o311 = await t.client().get(`/open311/v2/requests.json?commune=${WARD}&status=open&page_size=1000`);
    expect(o311.statusCode).toBe(200);
    expect(o311.json().map((r: { service_request_id: string }) => r.service_request_id)).toContain(code);
  });

  it('follows chains of changes, leaves splits and changes not yet in force alone', async () => {
    await lineage('99990', '99991', 'rename', '2025-07-01');
    await lineage('99991', WARD, 'merge', '2026-01-01');
    await lineage('99980', '99981', 'split', '2025-07-01');
    await lineage('99980', '99982', 'split', '2025-07-01');
    await lineage('99970', '99971', 'rename', '2099-01-01');
    const map = await unitSuccessors(t.platform.deps.db, '2026-12-08');
    expect(map.get('99990')).toBe(WARD);
    expect(map.get('99991')).toBe(WARD);
    expect(map.get(merged)).toBe(WARD);
    expect(map.has('99980')).toBe(false);
    expect(map.has('99970')).toBe(false);
    expect(map.has(WARD)).toBe(false);
  });
});
