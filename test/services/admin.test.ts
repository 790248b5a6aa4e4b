import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDueVersions } from '../../src/server/modules/services/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

let t: TestPlatform;
let admin: Agent;
let centreId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin@cqs.demo');
  const [c] = await queryRows<{ id: string }>(
    t.platform.deps.db,
    sql`select id from id_agencies where code = '000.00.30.H29'`,
  );
  centreId = c!.id;
});
afterAll(() => t.close());

const publish = (definition: unknown, effectiveFrom?: string) =>
  admin.post('/api/admin/procedures', {
    definition,
    ...(effectiveFrom ? { effectiveFrom } : {}),
    agencies: [{ agencyId: centreId, serviceLevel: 'full' }],
  });

describe('procedure versions', () => {
  it('publishes, and a later version applies only from its date', async () => {
    const first = await publish(BUILDING_LIKE, '2025-07-01T00:00:00+07:00');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().version).toBe(1);
    const future = await publish(
      {
        ...BUILDING_LIKE,
        timeLimitText: '12 ngày làm việc',
        timeLimit: { default: { value: 12, unit: 'working_days' } },
      },
      '2099-01-01T00:00:00+07:00',
    );
    expect(future.json().version).toBe(2);
    const inForce = (await t.client().get(`/api/procedures/${BUILDING_LIKE.code}`)).json();
    expect(inForce.version).toBe(1);
    expect(inForce.definition.timeLimitText).toBe('15 ngày làm việc');
    const versions = (await admin.get(`/api/admin/procedures/${BUILDING_LIKE.code}/versions`)).json();
    expect(versions.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('a dossier keeps the version it was received under', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const res = await desk.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'counter',
      agencyId: centreId,
      applicant: { fullName: 'Phan Văn Giữ', phone: '0988777666' },
      formData: { address: 'Số 1', area: 50 },
      components: [],
    });
    expect(res.statusCode, res.body).toBe(200);
    await publish(
      { ...BUILDING_LIKE, name: `${BUILDING_LIKE.name} (sửa đổi)` },
      new Date(Date.now() - 1000).toISOString(),
    );
    expect((await t.client().get(`/api/procedures/${BUILDING_LIKE.code}`)).json().version).toBe(3);
    const [row] = await queryRows<{ version: number }>(
      t.platform.deps.db,
      sql`select v.version from svc_dossiers d join svc_procedure_versions v on v.id = d.procedure_version_id where d.id = ${res.json().id}`,
    );
    expect(row!.version).toBe(1);
    // The audit log finds everything about the dossier by its code, typed loosely, submission included
    // (issue 11, item 12).
    const code = res.json().code as string;
    const found = await admin.get(
      `/api/admin/audit?dossier=${encodeURIComponent(` ${code.toLowerCase()} `)}`,
    );
    expect(found.statusCode, found.body).toBe(200);
    const items = found.json().items as { action: string; targetId: string }[];
    expect(new Set(items.map((i) => i.targetId))).toEqual(new Set([res.json().id]));
    expect(items.map((i) => i.action)).toEqual(expect.arrayContaining(['dossier.submit', 'dossier.accept']));
  });

  it('refuses an invalid workflow, naming the problem, and publishes nothing', async () => {
    const broken = {
      ...BUILDING_LIKE,
      workflow: {
        ...BUILDING_LIKE.workflow,
        actions: BUILDING_LIKE.workflow.actions.filter((a) => a.key !== 'to_consult'),
      },
    };
    const before = (await admin.get(`/api/admin/procedures/${BUILDING_LIKE.code}/versions`)).json().versions
      .length;
    const res = await publish(broken);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.some((f: { message: string }) => f.message.includes('consult'))).toBe(
      true,
    );
    expect(
      (await admin.get(`/api/admin/procedures/${BUILDING_LIKE.code}/versions`)).json().versions.length,
    ).toBe(before);
  });

  it('exports a version as JSON that imports back as the next version', async () => {
    const exported = await admin.get(`/api/admin/procedures/${BUILDING_LIKE.code}/export?version=1`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('.json');
    const again = await publish(exported.json().definition);
    expect(again.statusCode).toBe(200);
    expect(again.json().version).toBe(4);
  });

  it('lists every procedure with its latest version, future ones included', async () => {
    const res = await admin.get('/api/admin/procedures');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { code: string; latestVersion: number; versions: number }[];
    const mine = items.find((i) => i.code === BUILDING_LIKE.code)!;
    expect(mine.latestVersion).toBe(4);
    expect(mine.versions).toBe(4);
    // the demo catalogue is there too
    expect(items.length).toBeGreaterThanOrEqual(9);
  });

  it('is for holders of procedures.manage only', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    expect((await desk.post('/api/admin/procedures', { definition: BUILDING_LIKE })).statusCode).toBe(403);
  });
});

describe('a version dated later (issue 10 finding 8)', () => {
  const LATER = { ...BUILDING_LIKE, code: '1.999077', name: 'Cấp phép thử nghiệm' };

  it('changes nothing until its date, is shown as scheduled, and takes effect whole at its date', async () => {
    expect((await publish(LATER, '2025-07-01T00:00:00+07:00')).statusCode).toBe(200);
    // Version 2 renames the procedure and is offered by no agency: from its date, not before.
    const soon = new Date(Date.now() + 1_500);
    const scheduled = await admin.post('/api/admin/procedures', {
      definition: { ...LATER, name: 'Cấp phép thử nghiệm (đổi tên)' },
      effectiveFrom: soon.toISOString(),
      agencies: [],
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ version: 2, scheduled: true });

    const before = (await t.client().get(`/api/procedures/${LATER.code}`)).json();
    expect(before).toMatchObject({ version: 1, definition: { name: LATER.name } });
    expect(before.offeredBy.map((a: { id: string }) => a.id)).toEqual([centreId]);
    const found = (await t.client().get('/api/procedures?q=thu nghiem')).json();
    expect(JSON.stringify(found)).toContain(LATER.name);
    expect(JSON.stringify(found)).not.toContain('đổi tên');
    const versions = (await admin.get(`/api/admin/procedures/${LATER.code}/versions`)).json().versions;
    expect(versions.map((v: { state: string }) => v.state)).toEqual(['scheduled', 'in_force']);
    // The desk still receives under version 1 while version 2 waits.
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const received = await desk.post('/api/dossiers', {
      procedureCode: LATER.code,
      channel: 'counter',
      agencyId: centreId,
      applicant: { fullName: 'Trần Thị Chờ', phone: '0988777111' },
      formData: { address: 'Số 2', area: 40 },
      components: [],
    });
    expect(received.statusCode, received.body).toBe(200);
    // Its date passing alone changes nothing visible: the job applies it, all at once.
    await new Promise((r) => setTimeout(r, Math.max(0, soon.getTime() - Date.now()) + 50));
    expect((await t.client().get(`/api/procedures/${LATER.code}`)).json().version).toBe(1);
    expect(await applyDueVersions(t.platform.deps.db)).toBe(1);
    expect(await applyDueVersions(t.platform.deps.db)).toBe(0);
    const after = (await t.client().get(`/api/procedures/${LATER.code}`)).json();
    expect(after).toMatchObject({ version: 2, definition: { name: 'Cấp phép thử nghiệm (đổi tên)' } });
    expect(after.offeredBy).toEqual([]);
    expect(
      (await admin.get(`/api/admin/procedures/${LATER.code}/versions`))
        .json()
        .versions.map((v: { state: string }) => v.state),
    ).toEqual(['in_force', 'superseded']);
    const [audited] = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'procedure.version_in_force' and target_id = ${LATER.code}`,
    );
    expect(audited!.n).toBe(1);
  });
});

describe('the annual calendar notice', () => {
  it('shows a year day by day: Tết off, a make-up Saturday worked, with names and sources', async () => {
    const res = await admin.get('/api/admin/calendar/year/2026', { 'accept-language': 'vi' });
    expect(res.statusCode, res.body).toBe(200);
    const { days, holidayNames } = res.json() as {
      days: {
        date: string;
        kind: string;
        name: string | null;
        source: string | null;
        workingMinutes: number;
      }[];
      holidayNames: { key: string; name: string }[];
    };
    expect(days).toHaveLength(365);
    const day = (date: string) => days.find((d) => d.date === date)!;
    expect(day('2026-01-01')).toMatchObject({ kind: 'holiday', name: 'Tết Dương lịch', workingMinutes: 0 });
    expect(day('2026-01-10')).toMatchObject({ kind: 'makeup', name: 'Tết Dương lịch' });
    expect(day('2026-01-10').source).toBeTruthy();
    expect(day('2026-01-05')).toMatchObject({ kind: 'workday', name: null });
    expect(day('2026-01-04').kind).toBe('weekend');
    expect(holidayNames.find((h) => h.key === 'holiday.tet')!.name).toBe('Tết Nguyên đán');
    // a half day entered now shows at once
    await admin.put('/api/admin/calendar/notices', {
      date: '2026-12-31',
      kind: 'half_day_pm',
      nameKey: 'holiday.other',
      source: 'Thông báo thử nghiệm số 02/TB-UBND',
    });
    const after = (await admin.get('/api/admin/calendar/year/2026')).json().days as typeof days;
    expect(after.find((d) => d.date === '2026-12-31')).toMatchObject({
      kind: 'half_day',
      source: 'Thông báo thử nghiệm số 02/TB-UBND',
    });
    expect(after.find((d) => d.date === '2026-12-31')!.workingMinutes).toBeLessThan(
      day('2026-01-05').workingMinutes,
    );
    await admin.delete('/api/admin/calendar/notices/2026-12-31');
  });

  it('an extra day off entered by the administrator moves new due dates, with its source', async () => {
    const db = t.platform.deps.db;
    const { loadCalendar, forgetCalendar } = await import('../../src/server/modules/services/clock.ts');
    const { computeDueDate } = await import('../../src/server/modules/services/deadline.ts');
    const received = new Date('2027-03-01T02:00:00Z'); // 09:00 Mon 1 Mar 2027
    forgetCalendar();
    const before = computeDueDate(await loadCalendar(db), {
      receivedAt: received,
      limit: { value: 3, unit: 'working_days' },
    }).dueAt!;
    const res = await admin.put('/api/admin/calendar/notices', {
      date: '2027-03-02',
      kind: 'day_off',
      nameKey: 'holiday.extra_day_off',
      source: 'Thông báo thử nghiệm số 01/TB-UBND',
    });
    expect(res.statusCode, res.body).toBe(200);
    const after = computeDueDate(await loadCalendar(db), {
      receivedAt: received,
      limit: { value: 3, unit: 'working_days' },
    }).dueAt!;
    expect(after.getTime() - before.getTime()).toBe(86_400_000);
    const audits = await queryRows(
      db,
      sql`select 1 from audit_log where action = 'calendar.notice_set' and target_id = '2027-03-02'`,
    );
    expect(audits).toHaveLength(1);
    expect((await admin.delete('/api/admin/calendar/notices/2027-03-02')).statusCode).toBe(200);
    const restored = computeDueDate(await loadCalendar(db), {
      receivedAt: received,
      limit: { value: 3, unit: 'working_days' },
    }).dueAt!;
    expect(restored.getTime()).toBe(before.getTime());
  });
});

describe('deadline settings (issue 11 item 17)', () => {
  const received = new Date('2027-03-01T08:30:00Z'); // 15:30 Mon 1 Mar 2027

  it('shows the defaults, changes the same-day cut-off with its source, audited, and new due dates follow it', async () => {
    const db = t.platform.deps.db;
    const { loadCalendar, forgetCalendar, deadlineSettingsOf } = await import(
      '../../src/server/modules/services/clock.ts'
    );
    const { computeDueDate } = await import('../../src/server/modules/services/deadline.ts');
    const dueOf = async () => {
      const cal = await loadCalendar(db);
      return computeDueDate(cal, {
        receivedAt: received,
        limit: { value: 0, unit: 'same_day' },
        settings: deadlineSettingsOf(cal),
      }).dueAt!.toISOString();
    };
    const initial = (await admin.get('/api/admin/deadline-settings')).json();
    expect(initial.items).toEqual([
      { key: 'calendarDaysSkipHolidays', value: false, source: null, updatedAt: null },
      { key: 'sameDayCutoff', value: '15:00', source: null, updatedAt: null },
    ]);
    forgetCalendar();
    expect(await dueOf()).toBe('2027-03-02T10:00:00.000Z'); // after 15:00: close of Tue

    const source = 'Quyết định thử nghiệm số 09/2027/QĐ-UBND, Điều 8';
    const res = await admin.put('/api/admin/deadline-settings', {
      key: 'sameDayCutoff',
      value: '16:00',
      source,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(await dueOf()).toBe('2027-03-01T10:00:00.000Z'); // before 16:00: close of Mon
    const after = (await admin.get('/api/admin/deadline-settings')).json().items[1];
    expect(after).toMatchObject({ key: 'sameDayCutoff', value: '16:00', source });
    const audits = await queryRows<{ summary: { after: { value: string; source: string } } }>(
      db,
      sql`select summary from audit_log where action = 'calendar.deadline_setting_set' and target_id = 'sameDayCutoff'`,
    );
    expect(audits.map((a) => a.summary.after)).toEqual([{ value: '16:00', source }]);

    // the calendar-days rule, through the route the page uses
    await admin.put('/api/admin/deadline-settings', {
      key: 'calendarDaysSkipHolidays',
      value: true,
      source: 'Quyết định thử nghiệm số 09/2027/QĐ-UBND, Điều 9',
    });
    expect(deadlineSettingsOf(await loadCalendar(db)).calendarDaysSkipHolidays).toBe(true);
  });

  it('refuses a setting without its legal source, a malformed time or a value of the wrong kind', async () => {
    for (const body of [
      { key: 'sameDayCutoff', value: '16:00' },
      { key: 'sameDayCutoff', value: '25:00', source: 'Quyết định số 09/2027/QĐ-UBND' },
      { key: 'calendarDaysSkipHolidays', value: '16:00', source: 'Quyết định số 09/2027/QĐ-UBND' },
      { key: 'minutesPerWorkingDay', value: 400, source: 'Quyết định số 09/2027/QĐ-UBND' },
    ]) {
      expect((await admin.put('/api/admin/deadline-settings', body)).statusCode).toBe(400);
    }
  });

  it('is for the city administrators only', async () => {
    const clerk = await t.login('motcua.thudaumot@cqs.demo');
    expect((await clerk.get('/api/admin/deadline-settings')).statusCode).toBe(403);
    const body = { key: 'sameDayCutoff', value: '14:00', source: 'Quyết định số 09/2027/QĐ-UBND' };
    expect((await clerk.put('/api/admin/deadline-settings', body)).statusCode).toBe(403);
  });
});
