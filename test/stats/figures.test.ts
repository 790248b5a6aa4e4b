// The figures, drill-downs, scope and exports on a hand-built history with known answers (March 2025,
// a past period), written straight into the dossier tables and then rebuilt, as after a migration.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { rebuildStats } from '../../src/server/modules/stats/index.ts';
import { parsePeriod } from '../../src/server/modules/stats/period.ts';
import { periodCounts, type Slice } from '../../src/server/modules/stats/queries.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from '../services/fixtures.ts';

let t: TestPlatform;
const db = () => t.platform.deps.db;
const vn = (s: string) => `${s.replace(' ', 'T')}:00+07:00`;
const ids: Record<string, string> = {};
let dept: { id: string; path: string };
let commune: { id: string; path: string; unit_code: string };
let centre: { id: string; path: string };

interface Case {
  key: string;
  status: number;
  accepted?: string | null;
  submitted?: string;
  due?: string | null;
  finished?: string | null;
  returned?: string | null;
  closed?: string | null;
  supplements?: number;
  agency?: 'dept' | 'commune';
}

/** The history of March 2025 (recorded due dates unless said). */
const CASES: Case[] = [
  {
    key: 'early',
    status: 10,
    due: '2025-03-20 17:00',
    finished: '2025-03-10 10:00',
    returned: '2025-03-11 09:00',
  },
  {
    key: 'at1659',
    status: 10,
    due: '2025-03-20 17:00',
    finished: '2025-03-20 16:59',
    returned: '2025-03-20 17:01',
  },
  { key: 'at1701', status: 9, due: '2025-03-20 17:00', finished: '2025-03-20 17:01' },
  {
    key: 'two_supplements',
    status: 10,
    due: '2025-03-27 17:00',
    finished: '2025-03-12 10:00',
    returned: '2025-03-13 10:00',
    supplements: 2,
  },
  { key: 'withdrawn', status: 7, due: '2025-03-20 17:00', closed: '2025-03-12 09:00' },
  {
    key: 'carried',
    status: 10,
    accepted: '2025-02-17 08:00',
    due: '2025-03-06 17:00',
    finished: '2025-03-05 10:00',
    returned: '2025-03-05 15:00',
  },
  { key: 'open_over', status: 4, due: '2025-03-25 17:00' },
  {
    key: 'open_at_end_within',
    status: 10,
    due: '2025-04-10 17:00',
    finished: '2025-04-02 10:00',
    returned: '2025-04-03 10:00',
    accepted: '2025-03-20 08:00',
  },
  { key: 'pending', status: 1, accepted: null, due: null, submitted: '2025-03-14 20:00' },
  { key: 'refused', status: 3, accepted: null, due: null, closed: '2025-03-04 10:00' },
  { key: 'no_due', status: 10, due: null, finished: '2025-03-05 10:00', returned: '2025-03-06 10:00' },
  {
    key: 'commune_late',
    status: 10,
    due: '2025-03-14 17:00',
    finished: '2025-03-18 10:00',
    returned: '2025-03-18 11:00',
    agency: 'commune',
  },
];

beforeAll(async () => {
  t = await startTestPlatform();
  const agency = async (code: string) =>
    (
      await queryRows<{ id: string; path: string; unit_code: string }>(
        db(),
        sql`select id, path, unit_code from id_agencies where code = ${code}`,
      )
    )[0]!;
  dept = await agency('000.00.21.H29');
  commune = await agency('000.01.40.H29');
  centre = await agency('000.00.30.H29');
  const roles = (await queryRows<{ code: string }>(db(), sql`select code from id_roles`)).map((r) => r.code);
  await db().transaction((tx) =>
    publishProcedure(
      tx,
      systemContext('test'),
      { definition: BUILDING_LIKE, agencies: [{ agencyId: centre.id, serviceLevel: 'full' }] },
      roles,
    ),
  );
  const [v] = await queryRows<{ id: string; procedure_id: string }>(
    db(),
    sql`select v.id, v.procedure_id from svc_procedure_versions v join svc_procedures p on p.id = v.procedure_id where p.code = ${BUILDING_LIKE.code}`,
  );
  for (const [i, c] of CASES.entries()) {
    const id = randomUUID();
    ids[c.key] = id;
    const owner = c.agency === 'commune' ? commune : dept;
    const accepted = c.accepted === undefined ? '2025-03-03 08:00' : c.accepted;
    await db().execute(sql`insert into svc_dossiers (id, code, procedure_id, procedure_version_id, status, channel,
        applicant, receiving_agency_id, competent_agency_id, holder_agency_id, holder_agency_path, submitted_at,
        accepted_at, due_at, finished_at, returned_at, closed_at, supplement_count, result, tracking_pin)
      values (${id}, ${accepted ? `000.00.21.H29-250303-${String(i + 1).padStart(4, '0')}` : null}, ${v!.procedure_id},
        ${v!.id}, ${c.status}, 'online', ${JSON.stringify({ type: 'citizen', fullName: 'Trần Văn Bí Mật', phone: '0900000001' })}::jsonb,
        ${centre.id}, ${owner.id}, ${owner.id}, ${owner.path}, ${vn(c.submitted ?? '2025-03-01 20:00')}::timestamptz,
        ${accepted ? vn(accepted) : null}::timestamptz, ${c.due ? vn(c.due) : null}::timestamptz,
        ${c.finished ? vn(c.finished) : null}::timestamptz, ${c.returned ? vn(c.returned) : null}::timestamptz,
        ${c.closed ? vn(c.closed) : c.returned ? vn(c.returned) : null}::timestamptz, ${c.supplements ?? 0},
        ${c.finished ? JSON.stringify({ type: 'electronic', fileId: randomUUID() }) : null}::jsonb, '0001')`);
    // Each request while processing stopped the clock (the statistics count those, not requests at intake).
    for (let k = 0; k < (c.supplements ?? 0); k++)
      await db().execute(sql`insert into svc_dossier_pauses (dossier_id, reason, "from", "to")
        values (${id}, 'supplement', ${vn(`2025-03-0${4 + k} 08:00`)}::timestamptz, ${vn(`2025-03-0${4 + k} 09:00`)}::timestamptz)`);
  }
  await rebuildStats(db());
});
afterAll(() => t.close());

const overview = async (email: string, query: string) => {
  const a = await t.login(email);
  const res = await a.get(`/api/stats/overview?${query}`);
  return res;
};

describe('March 2025, by hand', () => {
  it('the city: counts by status and the 766 processing progress', async () => {
    const res = await overview('lanhdao.ubnd@cqs.demo', 'period=2025-03');
    expect(res.statusCode, res.body).toBe(200);
    const { counts, indicators, period } = res.json();
    expect(period).toMatchObject({ from: 202503, to: 202503, current: false });
    expect(counts).toMatchObject({
      receivedNew: 9, // accepted in March: all but pending, refused and the carried-over one
      carriedOver: 1,
      pending: 1,
      refused: 1,
      early: 3, // early, carried (5 Mar, due 6 Mar), no_due (5 Mar, due recomputed ~21 Mar)
      onTime: 1, // 16:59 on the due date
      late: 3, // 17:01 on the due date, two supplements, the commune's
      withdrawn: 1,
      endedOk: 1,
      endedLate: 0,
      within: 1, // open on 31 Mar, due 10 Apr (finished 2 Apr)
      over: 1, // open on 31 Mar, due 25 Mar
      finished: 7,
    });
    expect(indicators.received).toBe(10);
    expect(indicators.progress).toBeCloseTo(6 / 10);
    expect(indicators.lateRate).toBeCloseTo(4 / 10);
    // The whole year 2025 holds the same dossiers; April holds the carried-over open ones.
    const april = (await overview('lanhdao.ubnd@cqs.demo', 'period=2025-04')).json();
    expect(april.counts).toMatchObject({ receivedNew: 0, carriedOver: 2, early: 1, over: 1 });
  });

  it('a quarter and a custom range sum the same months', async () => {
    const q1 = (await overview('lanhdao.ubnd@cqs.demo', 'period=2025-Q1')).json();
    const custom = (await overview('lanhdao.ubnd@cqs.demo', 'period=2025-01..2025-03')).json();
    expect(q1.counts).toEqual(custom.counts);
    expect(q1.counts.receivedNew).toBe(10); // the carried-over one was received in February
    expect(q1.counts.carriedOver).toBe(0);
  });

  it('an agency sees its own subtree; another agency is refused', async () => {
    const own = await overview('lanhdao.xaydung@cqs.demo', 'period=2025-03');
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().counts).toMatchObject({ receivedNew: 8, carriedOver: 1, late: 2, early: 3 });
    expect(own.json().indicators.progress).toBeCloseTo(6 / 9);
    const other = await overview('lanhdao.xaydung@cqs.demo', `period=2025-03&agencyId=${commune.id}`);
    expect(other.statusCode).toBe(403);
    const drill = await (await t.login('lanhdao.xaydung@cqs.demo')).get(
      `/api/stats/dossiers?period=2025-03&figure=late&agencyId=${commune.id}`,
    );
    expect(drill.statusCode).toBe(403);
  });

  it('the leader drills from the city to a department to its late dossiers, and to those that cost points', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const units = (await leader.get('/api/stats/breakdown?period=2025-03&by=unit')).json();
    const d = units.items.find((u: { agencyId: string }) => u.agencyId === dept.id);
    expect(d.counts.late).toBe(2);
    const late = (
      await leader.get(`/api/stats/dossiers?period=2025-03&figure=late&agencyId=${dept.id}`)
    ).json();
    expect(late.items.map((r: { dossierId: string }) => r.dossierId).sort()).toEqual(
      [ids.at1701, ids.two_supplements].sort(),
    );
    expect(late.total).toBe(d.counts.late);
    const cost = (
      await leader.get(`/api/stats/dossiers?period=2025-03&figure=cost_progress&agencyId=${dept.id}`)
    ).json();
    expect(cost.items.map((r: { dossierId: string }) => r.dossierId).sort()).toEqual(
      [ids.at1701, ids.two_supplements, ids.open_over].sort(),
    );
    const carried = (await leader.get('/api/stats/dossiers?period=2025-03&figure=carried_over')).json();
    expect(carried.items.map((r: { dossierId: string }) => r.dossierId)).toEqual([ids.carried]);
    // Drill-down totals match the figures for every count.
    const city = (await leader.get('/api/stats/overview?period=2025-03')).json();
    for (const [figure, key] of [
      ['received_new', 'receivedNew'],
      ['early', 'early'],
      ['on_time', 'onTime'],
      ['within', 'within'],
      ['over', 'over'],
      ['pending', 'pending'],
      ['refused', 'refused'],
      ['withdrawn', 'withdrawn'],
    ] as const) {
      const r = (await leader.get(`/api/stats/dossiers?period=2025-03&figure=${figure}&limit=1`)).json();
      expect(r.total, figure).toBe(city.counts[key]);
    }
  });

  it('the ranking lists units below the minimum volume without ranking them', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const r = (await leader.get('/api/stats/ranking?period=2025-03&level=department')).json();
    expect(r.minVolume).toBe(30);
    const mine = r.items.find((i: { agencyId: string }) => i.agencyId === dept.id);
    expect(mine).toMatchObject({ volume: 9, ranked: false, rank: null });
    const communes = (await leader.get('/api/stats/ranking?period=2025-03&level=commune')).json();
    expect(communes.items.find((i: { agencyId: string }) => i.agencyId === commune.id)).toMatchObject({
      volume: 1,
      unitCode: commune.unit_code,
      ranked: false,
    });
  });

  it('the public page shows the figures without personal data or dossier codes', async () => {
    const res = await t.client().get('/api/public/stats?period=2025-03');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().counts.receivedNew).toBe(9);
    expect(res.body).not.toContain('Bí Mật');
    expect(res.body).not.toContain('0900000001');
    expect(res.body).not.toMatch(/H29-\d{6}-\d{4}/);
    const bad = await t.client().get('/api/public/stats?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields?.[0]?.field ?? bad.body).toContain('period');
  });

  it('exports the periodic statistics as CSV and a real .xlsx with Vietnamese headers', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const xlsx = await leader.get('/api/stats/export?period=2025-03&by=unit&format=xlsx');
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const rows = await readSheet(xlsx.rawPayload, 'unit');
    // the title names the period in words
    expect(String(rows[0]![0])).toContain('kỳ tháng 3/2025');
    expect(rows[1]!.slice(0, 4)).toEqual([
      'Đơn vị',
      'Tiếp nhận mới trong kỳ',
      'Kỳ trước chuyển qua',
      'Đã giải quyết trước hạn',
    ]);
    const deptRow = rows.find((r) => r[0] === 'Sở Xây dựng')!;
    expect(deptRow.slice(1, 6)).toEqual([8, 1, 3, 1, 2]);
    const csv = await leader.get('/api/stats/export?period=2025-03&by=status&format=csv');
    expect(csv.body).toContain('"Đã giải quyết quá hạn","3"');
    const [{ n }] = (await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from audit_log where action = 'stats.export'`,
    )) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('exports the register (Mẫu 07) as a real .xlsx that reads back', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const res = await leader.get('/api/register?from=2025-03-01&to=2025-03-31&format=xlsx');
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const rows = await readSheet(res.rawPayload);
    expect(rows[0]![0]).toBe('Sổ theo dõi hồ sơ từ ngày 2025-03-01 đến ngày 2025-03-31');
    expect(rows[1]!.slice(0, 3)).toEqual(['Mã hồ sơ', 'Thủ tục', 'Người nộp']);
    // The register lists dossiers received (accepted) in the period: not those never accepted, not
    // the one accepted in February and carried over.
    const received = CASES.filter((c) => c.accepted === undefined || c.accepted?.startsWith('2025-03'));
    expect(rows.length - 2).toBe(received.length);
    const late = rows.find((r) => r[0] === '000.00.21.H29-250303-0003')!;
    expect(late[7]).toBe('Đã xử lý xong');
    expect(late[10]).toBe('2025-03-20 17:01');
  });
});

describe('custom days, read from the facts', () => {
  it('10–20 March 2025 by hand (Vietnam time, both days included)', async () => {
    const res = await overview('lanhdao.ubnd@cqs.demo', 'period=2025-03-10..2025-03-20');
    expect(res.statusCode, res.body).toBe(200);
    const { counts, indicators, period } = res.json();
    expect(period).toEqual({
      label: '2025-03-10..2025-03-20',
      unit: 'day',
      from: 202503,
      to: 202503,
      firstDay: '2025-03-10',
      lastDay: '2025-03-20',
      current: false,
    });
    expect(counts).toMatchObject({
      receivedNew: 1, // accepted 20 Mar 08:00
      // received earlier, still open on 10 Mar: all of the month's but those ended 4–5 Mar
      carriedOver: 7,
      pending: 1, // submitted 14 Mar 20:00
      refused: 0, // closed 4 Mar
      early: 1, // finished 10 Mar 10:00
      onTime: 1, // 16:59 on the due date
      late: 3, // 17:01, two supplements, the commune's (18 Mar)
      withdrawn: 1,
      endedOk: 1,
      endedLate: 0,
      // open at midnight after 20 Mar: due 25 Mar and 10 Apr, both after the period
      within: 2,
      over: 0,
      finished: 5,
    });
    expect(indicators.received).toBe(8);
    expect(indicators.progress).toBeCloseTo(5 / 8);
    expect(indicators.lateRate).toBeCloseTo(3 / 8);
    // One day: 20 March.
    const day = (await overview('lanhdao.ubnd@cqs.demo', 'period=2025-03-20')).json();
    expect(day.counts).toMatchObject({
      receivedNew: 1,
      carriedOver: 3,
      onTime: 1,
      late: 1,
      within: 2,
      over: 0,
    });
    // The department's subtree only (the commune's late dossier is not its own).
    const own = (await overview('lanhdao.xaydung@cqs.demo', 'period=2025-03-10..2025-03-20')).json();
    expect(own.counts).toMatchObject({ receivedNew: 1, carriedOver: 6, late: 2, within: 2 });
    expect(own.period.unit).toBe('day');
  });

  it('drills into the same dossiers the counts count', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const period = 'period=2025-03-10..2025-03-20';
    const drill = async (figure: string) =>
      (await leader.get(`/api/stats/dossiers?${period}&figure=${figure}`)).json() as {
        total: number;
        items: { dossierId: string }[];
      };
    expect((await drill('late')).items.map((r) => r.dossierId).sort()).toEqual(
      [ids.at1701, ids.two_supplements, ids.commune_late].sort(),
    );
    expect((await drill('within')).items.map((r) => r.dossierId).sort()).toEqual(
      [ids.open_over, ids.open_at_end_within].sort(),
    );
    expect((await drill('received_new')).items.map((r) => r.dossierId)).toEqual([ids.open_at_end_within]);
    const city = (await leader.get(`/api/stats/overview?${period}`)).json();
    for (const [figure, key] of [
      ['carried_over', 'carriedOver'],
      ['early', 'early'],
      ['on_time', 'onTime'],
      ['pending', 'pending'],
      ['withdrawn', 'withdrawn'],
      ['over', 'over'],
    ] as const)
      expect((await drill(figure)).total, figure).toBe(city.counts[key]);
    const units = (await leader.get(`/api/stats/breakdown?${period}&by=unit`)).json();
    expect(units.items.find((u: { agencyId: string }) => u.agencyId === dept.id).counts.late).toBe(2);
  });

  it('a month-aligned range of days is the month, answered by the rollup', async () => {
    const leader = 'lanhdao.ubnd@cqs.demo';
    for (const [days, months] of [
      ['2025-03-01..2025-03-31', '2025-03'],
      ['2025-02-01..2025-04-30', '2025-02..2025-04'],
      ['2025-01-01..2025-12-31', '2025'],
    ]) {
      const a = (await overview(leader, `period=${days}`)).json();
      const b = (await overview(leader, `period=${months}`)).json();
      expect(a.period).toEqual({ ...b.period, label: days });
      expect(a.period.unit).toBe('month');
      expect({ ...a, period: null }).toEqual({ ...b, period: null });
    }
  });

  it('the facts answer a month exactly as the rollup does (the same formulas on instants)', async () => {
    const now = new Date('2026-01-01T00:00:00+07:00');
    const slices: Slice[] = [{ agencyIds: null }, { agencyIds: [dept.id] }, { agencyIds: [commune.id] }];
    for (const label of ['2025-02', '2025-03', '2025-04', '2025-Q1', '2025'])
      for (const slice of slices)
        for (const dim of [null, 'agency', 'channel'] as const) {
          const p = parsePeriod(label);
          const rollup = await periodCounts(db(), p, slice, now, dim, 'rollup');
          expect(await periodCounts(db(), p, slice, now, dim, 'facts'), label).toEqual(rollup);
        }
    // March still running (its open dossiers as of now): the same again.
    const march = parsePeriod('2025-03');
    const now25 = new Date('2025-03-27T12:00:00+07:00');
    const rollup = await periodCounts(db(), march, { agencyIds: null }, now25, null, 'rollup');
    expect(await periodCounts(db(), march, { agencyIds: null }, now25, null, 'facts')).toEqual(rollup);
    expect(rollup.get('')!.over).toBe(1);
  });

  it('refuses days that do not exist and ranges that end before they start; the public page, days', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    for (const bad of [
      '2025-02-29',
      '2025-03-20..2025-03-10',
      '2025-03-10..2025-03',
      '2025-13-01..2025-13-02',
    ]) {
      const res = await leader.get(`/api/stats/overview?period=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields[0].field).toBe('query.period');
    }
    // The public figures read the rollup only: whole months, written as months or as days.
    const days = await t.client().get('/api/public/stats?period=2025-03-10..2025-03-20');
    expect(days.statusCode, days.body).toBe(400);
    expect(days.json().error.fields[0].message).toContain('công khai');
    const month = await t.client().get('/api/public/stats?period=2025-03-01..2025-03-31');
    expect(month.statusCode, month.body).toBe(200);
    expect(month.json().counts.receivedNew).toBe(9);
  });
});
