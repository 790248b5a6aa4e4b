// Administration through the API: agencies, officials, roles; every change audited with its domain event
// in the same transaction; permission changes reach the affected sessions on their next request.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';
import { DEMO, expectError, fieldNames, signIn } from '../helpers/agents.ts';
import { count, expectNoChange, rows } from '../helpers/db-state.ts';
import { sortVietnamese } from '../../src/contracts/collation.ts';

let t: TestPlatform;
let admin: Agent;
let root: { id: string; path: string };
const agencyByCode = new Map<string, string>();
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, DEMO.admin);
  const [r] = await rows<{ id: string; path: string }>(
    db(),
    sql`select id, path from id_agencies where parent_id is null`,
  );
  root = r!;
  for (const a of (await admin.get('/api/admin/agencies')).json().items as { id: string; code: string }[])
    agencyByCode.set(a.code, a.id);
});
afterAll(() => t.close());

const db = () => t.platform.deps.db;
// Changes that must reach cached sessions are repeated: on PostgreSQL the cache is cleared by a NOTIFY
// that arrives asynchronously, so a single round could pass by luck.
const ROUNDS = 5;
const agencyId = (code: string) => agencyByCode.get(code)!;
const pathOf = async (id: string) =>
  (await rows<{ path: string }>(db(), sql`select path from id_agencies where id = ${id}`))[0]?.path;

interface AgencyInput {
  code: string;
  name?: string;
  kind?: string;
  parentId?: string;
  unitCode?: string;
}
const agencyBody = (a: AgencyInput) => ({
  name: 'Ban Quản lý dự án',
  kind: 'other',
  parentId: root.id,
  unitCode: '79',
  ...a,
});
async function createAgency(a: AgencyInput): Promise<{ id: string; code: string; parentId: string }> {
  const res = await admin.post('/api/admin/agencies', agencyBody(a));
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Audit rows of one action on one target, read through the audit API. */
async function auditOf(action: string, targetId: string) {
  const res = await admin.get(`/api/admin/audit?action=${action}&targetId=${targetId}`);
  expect(res.statusCode, res.body).toBe(200);
  return (
    res.json().items as { action: string; summary: Record<string, unknown>; actorLabel: string }[]
  ).filter((i) => i.action === action);
}

/** The audit row and the outbox event of a change were written by one transaction (same xmin). */
async function expectAuditAndEventTogether(action: string, eventType: string, targetId: string) {
  const audits = await rows<{ xid: string }>(
    db(),
    sql`select xmin::text as xid from audit_log where action = ${action} and target_id = ${targetId}`,
  );
  const events = await rows<{ xid: string }>(
    db(),
    sql`select xmin::text as xid from outbox_events where type = ${eventType} and aggregate_id = ${targetId}`,
  );
  expect(audits.length, `${action} audit rows`).toBeGreaterThan(0);
  expect(events.length, `${eventType} events`).toBe(audits.length);
  expect(events.map((e) => e.xid).sort()).toEqual(audits.map((a) => a.xid).sort());
}

const permissionsOf = async (a: Agent) => {
  const res = await a.get('/api/auth/session');
  expect(res.statusCode).toBe(200);
  return res.json().user.permissions as string[];
};

describe('agencies', () => {
  it('creates an agency under the root; it is listed, with its path under the root, audited with its event', async () => {
    const created = await createAgency({ code: '000.00.51.H29', name: 'Ban Quản lý dự án đầu tư xây dựng' });
    expect(created).toMatchObject({ code: '000.00.51.H29', parentId: root.id, unitCode: '79', active: true });
    const listed = (await admin.get('/api/admin/agencies')).json().items as {
      id: string;
      parentId: string;
    }[];
    expect(listed.find((a) => a.id === created.id)).toMatchObject({ parentId: root.id });
    expect(await pathOf(created.id)).toBe(`${root.path}${created.id}/`);

    const [entry] = await auditOf('agency.create', created.id);
    expect(entry!.actorLabel).toBe('Nguyễn Văn Quản');
    expect(entry!.summary).toMatchObject({
      code: '000.00.51.H29',
      name: 'Ban Quản lý dự án đầu tư xây dựng',
      parentId: root.id,
      unitCode: '79',
    });
    await expectAuditAndEventTogether('agency.create', 'identity.agency_created', created.id);
    // Officials see it in the active list.
    const officer = await signIn(t, DEMO.specialist);
    const active = (await officer.get('/api/agencies')).json().items as { id: string }[];
    expect(active.map((a) => a.id)).toContain(created.id);
  });

  it('accepts a real commune unit code (25747, Phường Thủ Dầu Một) for an agency under the root', async () => {
    const res = await admin.post(
      '/api/admin/agencies',
      agencyBody({ code: '000.00.52.H29', name: 'Ban Quản lý khu đô thị Thủ Dầu Một', unitCode: '25747' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ unitCode: '25747', parentId: root.id });
    const listed = (await admin.get('/api/admin/agencies')).json().items as {
      id: string;
      unitName: string | null;
    }[];
    expect(listed.find((a) => a.id === res.json().id)?.unitName).toBe('Phường Thủ Dầu Một');
  });

  it('a duplicate code → 409 agency_code_taken on body.code, nothing written', async () => {
    const res = await expectNoChange(db(), () =>
      admin.post('/api/admin/agencies', agencyBody({ code: '000.00.21.H29', name: 'Sở Xây dựng (bản sao)' })),
    );
    const error = expectError(res, 409, 'agency_code_taken');
    expect(fieldNames(error)).toEqual(['body.code']);
    expect(error.message).toContain('000.00.21.H29');
  });

  it('an administrative unit that does not exist → 400 on body.unitCode', async () => {
    const res = await expectNoChange(db(), () =>
      admin.post('/api/admin/agencies', agencyBody({ code: '000.00.53.H29', unitCode: '99999' })),
    );
    expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.unitCode']);
  });

  it('a parent that does not exist → 400 on body.parentId', async () => {
    const res = await expectNoChange(db(), () =>
      admin.post(
        '/api/admin/agencies',
        agencyBody({ code: '000.00.54.H29', parentId: '00000000-0000-4000-8000-000000000000' }),
      ),
    );
    expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.parentId']);
  });

  it('keeps a desk telephone (printed on forms 02 and 03): set, refused when not a number, cleared', async () => {
    const desk = await createAgency({ code: '000.00.64.H29', name: 'Bộ phận Một cửa thử nghiệm' });
    const set = await admin.patch(`/api/admin/agencies/${desk.id}`, { phone: '0274 3822 555' });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().phone).toBe('0274 3822 555');
    const bad = await expectNoChange(db(), () =>
      admin.patch(`/api/admin/agencies/${desk.id}`, { phone: 'gọi tổng đài' }),
    );
    expect(fieldNames(expectError(bad, 400, 'validation'))).toEqual(['body.phone']);
    const cleared = await admin.patch(`/api/admin/agencies/${desk.id}`, { phone: null });
    expect(cleared.json().phone).toBeNull();
    const [entry] = await auditOf('agency.update', desk.id);
    expect(entry!.summary).toMatchObject({ before: { phone: '0274 3822 555' }, after: { phone: null } });
  });

  describe('moving', () => {
    let parent: { id: string };
    let child: { id: string };
    let grandchild: { id: string };
    beforeAll(async () => {
      parent = await createAgency({ code: '000.00.61.H29', name: 'Ban Chỉ đạo' });
      child = await createAgency({
        code: '000.00.62.H29',
        name: 'Tổ Giúp việc',
        kind: 'division',
        parentId: parent.id,
      });
      grandchild = await createAgency({
        code: '000.00.63.H29',
        name: 'Nhóm Thư ký',
        kind: 'division',
        parentId: child.id,
      });
    });

    it.each([
      ['its own child', () => child.id],
      ['its own grandchild', () => grandchild.id],
      ['itself', () => parent.id],
    ])('under %s → 400 field.cycle on body.parentId, nothing moves', async (_n, target) => {
      const res = await expectNoChange(db(), () =>
        admin.patch(`/api/admin/agencies/${parent.id}`, { parentId: target() }),
      );
      const error = expectError(res, 400, 'validation');
      expect(error.fields).toEqual([
        { field: 'body.parentId', message: 'Không thể đặt một cơ quan vào bên dưới chính nó.' },
      ]);
    });

    it('a move carries the whole subtree, audited with before/after', async () => {
      const department = agencyId('000.00.22.H29');
      const res = await admin.patch(`/api/admin/agencies/${parent.id}`, { parentId: department });
      expect(res.statusCode, res.body).toBe(200);
      const departmentPath = await pathOf(department);
      expect(await pathOf(parent.id)).toBe(`${departmentPath}${parent.id}/`);
      expect(await pathOf(child.id)).toBe(`${departmentPath}${parent.id}/${child.id}/`);
      expect(await pathOf(grandchild.id)).toBe(`${departmentPath}${parent.id}/${child.id}/${grandchild.id}/`);
      const [entry] = await auditOf('agency.update', parent.id);
      expect(entry!.summary).toEqual({
        before: expect.objectContaining({ parentId: root.id, name: 'Ban Chỉ đạo' }),
        after: { parentId: department },
      });
      await expectAuditAndEventTogether('agency.update', 'identity.agency_updated', parent.id);
    });
  });
});

describe('officials', () => {
  const email = 'nguyen.van.moi@example.vn';
  let officialId: string;
  let official: Agent;

  it('an official created with memberships signs in and sees them with their permissions', async () => {
    const res = await admin.post('/api/admin/users', {
      fullName: 'Nguyễn Văn Mới',
      title: 'Chuyên viên',
      email: 'Nguyen.Van.Moi@Example.vn',
      phone: '+84987654321',
      password: DEMO_PASSWORD,
      memberships: [
        { agencyId: agencyId('000.00.21.H29'), roleCode: 'specialist' },
        { agencyId: agencyId('000.01.41.H29'), roleCode: 'one_stop_officer' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    officialId = res.json().id;
    expect(res.json()).toMatchObject({ kind: 'official', email, phone: '0987654321', disabled: false });
    expect(JSON.stringify(res.json())).not.toMatch(/argon2|passwordHash|totpSecret/);

    official = await signIn(t, email);
    const session = (await official.get('/api/auth/session')).json().user;
    expect(
      (session.memberships as { agencyCode: string; roleCode: string }[])
        .map((m) => `${m.agencyCode} ${m.roleCode}`)
        .sort(),
    ).toEqual(['000.00.21.H29 specialist', '000.01.41.H29 one_stop_officer']);
    expect(session.permissions).toEqual([
      'dossiers.handover',
      'dossiers.process',
      'dossiers.receive',
      'feedback.handle',
    ]);

    const [entry] = await auditOf('user.create', officialId);
    expect(entry!.summary).toMatchObject({ fullName: 'Nguyễn Văn Mới', email, phone: '0987654321' });
    expect(JSON.stringify(entry!.summary)).not.toContain(DEMO_PASSWORD);
    await expectAuditAndEventTogether('user.create', 'identity.user_created', officialId);
  });

  it('a taken e-mail or phone → 409, nothing written', async () => {
    const body = (over: Record<string, string>) => ({
      fullName: 'Người Trùng',
      password: DEMO_PASSWORD,
      memberships: [{ agencyId: agencyId('000.00.21.H29'), roleCode: 'specialist' }],
      ...over,
    });
    const byEmail = await expectNoChange(db(), () =>
      admin.post('/api/admin/users', body({ email: 'NGUYEN.VAN.MOI@example.vn' })),
    );
    expect(fieldNames(expectError(byEmail, 409, 'email_taken'))).toEqual(['body.email']);
    const byPhone = await expectNoChange(db(), () =>
      admin.post('/api/admin/users', body({ phone: '0987654321' })),
    );
    expect(fieldNames(expectError(byPhone, 409, 'phone_taken'))).toEqual(['body.phone']);
  });

  it('an unknown role or agency in a membership → 400 naming it', async () => {
    const res = await expectNoChange(db(), () =>
      admin.post('/api/admin/users', {
        fullName: 'Vai Trò Lạ',
        email: 'vai.tro.la@example.vn',
        password: DEMO_PASSWORD,
        memberships: [{ agencyId: agencyId('000.00.21.H29'), roleCode: 'super_admin' }],
      }),
    );
    expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.memberships.0.roleCode']);
  });

  it('editing memberships changes the official’s permissions on their next request', async () => {
    expectError(await official.get('/api/admin/agencies'), 403, 'forbidden'); // principal cached now
    const res = await admin.patch(`/api/admin/users/${officialId}`, {
      memberships: [
        { agencyId: agencyId('000.00.21.H29'), roleCode: 'agency_leader' },
        { agencyId: agencyId('000.01.40.H29'), roleCode: 'admin' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await official.get('/api/admin/agencies')).statusCode).toBe(200);
    expect(await permissionsOf(official)).toEqual(
      expect.arrayContaining(['agencies.manage', 'dossiers.approve', 'stats.read', 'users.manage']),
    );
    expect(await permissionsOf(official)).not.toContain('dossiers.process');

    const [entry] = await auditOf('user.update', officialId);
    expect(entry!.summary).toEqual({
      before: expect.objectContaining({
        memberships: expect.arrayContaining([
          { agencyId: agencyId('000.00.21.H29'), roleCode: 'specialist' },
          { agencyId: agencyId('000.01.41.H29'), roleCode: 'one_stop_officer' },
        ]),
      }),
      after: {
        memberships: [
          { agencyId: agencyId('000.00.21.H29'), roleCode: 'agency_leader' },
          { agencyId: agencyId('000.01.40.H29'), roleCode: 'admin' },
        ],
      },
    });
    await expectAuditAndEventTogether('user.update', 'identity.user_updated', officialId);

    // Back and forth: each change is seen by the very next request.
    const asSpecialist = [{ agencyId: agencyId('000.00.21.H29'), roleCode: 'specialist' }];
    const asAdmin = [{ agencyId: agencyId('000.01.40.H29'), roleCode: 'admin' }];
    for (let round = 1; round <= ROUNDS; round++) {
      expect(
        (await admin.patch(`/api/admin/users/${officialId}`, { memberships: asSpecialist })).statusCode,
      ).toBe(200);
      expect((await official.get('/api/admin/agencies')).statusCode, `round ${round}, specialist`).toBe(403);
      expect((await admin.patch(`/api/admin/users/${officialId}`, { memberships: asAdmin })).statusCode).toBe(
        200,
      );
      expect((await official.get('/api/admin/agencies')).statusCode, `round ${round}, admin`).toBe(200);
    }
  });

  it('deactivating an agency takes its memberships’ permissions away on the next request', async () => {
    const unit = await createAgency({ code: '000.00.71.H29', name: 'Tổ công tác tạm thời' });
    const user = await admin.post('/api/admin/users', {
      fullName: 'Thành Viên Tổ',
      email: 'thanh.vien.to@example.vn',
      password: DEMO_PASSWORD,
      memberships: [{ agencyId: unit.id, roleCode: 'city_leader' }],
    });
    expect(user.statusCode, user.body).toBe(200);
    const member = await signIn(t, 'thanh.vien.to@example.vn');
    expect(await permissionsOf(member)).toEqual(['operations.view', 'stats.read']); // principal cached now
    for (let round = 1; round <= ROUNDS; round++) {
      expect((await admin.patch(`/api/admin/agencies/${unit.id}`, { active: false })).statusCode).toBe(200);
      expect(await permissionsOf(member), `round ${round}, deactivated`).toEqual([]);
      expect((await admin.patch(`/api/admin/agencies/${unit.id}`, { active: true })).statusCode).toBe(200);
      expect(await permissionsOf(member), `round ${round}, active again`).toEqual([
        'operations.view',
        'stats.read',
      ]);
    }
    expect(await auditOf('agency.deactivate', unit.id)).toHaveLength(ROUNDS);
  });
});

describe('roles', () => {
  it.each([
    ['an unknown permission', ['stats.read', 'everything.manage'], 'body.permissions.1'],
    ['a permission with another case', ['Stats.Read'], 'body.permissions.0'],
  ])('creating a role with %s → 400 naming it, nothing written', async (_n, permissions, field) => {
    const res = await expectNoChange(db(), () =>
      admin.post('/api/admin/roles', {
        code: 'vai_tro_loi',
        name: 'Vai trò lỗi',
        nameEn: 'Broken role',
        permissions,
      }),
    );
    const error = expectError(res, 400, 'validation');
    expect(fieldNames(error)).toEqual([field]);
    expect(error.fields![0]!.message).toContain(permissions.at(-1)!);
  });

  it('editing a role with an unknown permission → 400, the role keeps its permissions', async () => {
    const res = await expectNoChange(db(), () =>
      admin.patch('/api/admin/roles/specialist', { permissions: ['dossiers.process', 'root'] }),
    );
    expect(fieldNames(expectError(res, 400, 'validation'))).toEqual(['body.permissions.1']);
  });

  it('a new role is listed, audited with its event; a duplicate code → 409', async () => {
    const res = await admin.post('/api/admin/roles', {
      code: 'thanh_tra',
      name: 'Thanh tra',
      nameEn: 'Inspector',
      permissions: ['audit.read', 'stats.read', 'stats.read'],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      code: 'thanh_tra',
      name: 'Thanh tra',
      nameEn: 'Inspector',
      permissions: ['audit.read', 'stats.read'],
      builtIn: false,
    });
    const listed = (await admin.get('/api/admin/roles')).json().items as { code: string }[];
    expect(listed.map((r) => r.code)).toContain('thanh_tra');
    const [entry] = await auditOf('role.create', 'thanh_tra');
    expect(entry!.summary).toMatchObject({
      code: 'thanh_tra',
      permissions: ['audit.read', 'stats.read', 'stats.read'],
    });
    await expectAuditAndEventTogether('role.create', 'identity.role_created', 'thanh_tra');

    const again = await expectNoChange(db(), () =>
      admin.post('/api/admin/roles', {
        code: 'thanh_tra',
        name: 'Thanh tra 2',
        nameEn: 'Inspector 2',
        permissions: [],
      }),
    );
    expect(fieldNames(expectError(again, 409, 'role_code_taken'))).toEqual(['body.code']);
  });

  it('editing a role changes the permissions of its holders on their next request', async () => {
    const created = await admin.post('/api/admin/roles', {
      code: 'kiem_soat',
      name: 'Kiểm soát',
      nameEn: 'Controller',
      permissions: ['stats.read'],
    });
    expect(created.statusCode, created.body).toBe(200);
    const user = await admin.post('/api/admin/users', {
      fullName: 'Kiểm Soát Viên',
      email: 'kiem.soat@example.vn',
      password: DEMO_PASSWORD,
      memberships: [{ agencyId: root.id, roleCode: 'kiem_soat' }],
    });
    expect(user.statusCode, user.body).toBe(200);
    const holder = await signIn(t, 'kiem.soat@example.vn');
    expectError(await holder.get('/api/admin/audit'), 403, 'forbidden'); // principal cached now

    for (let round = 1; round <= ROUNDS; round++) {
      const grant = await admin.patch('/api/admin/roles/kiem_soat', {
        permissions: ['stats.read', 'audit.read'],
      });
      expect(grant.statusCode, grant.body).toBe(200);
      expect((await holder.get('/api/admin/audit')).statusCode, `round ${round}, granted`).toBe(200);
      expect(await permissionsOf(holder)).toEqual(['audit.read', 'stats.read']);
      const revoke = await admin.patch('/api/admin/roles/kiem_soat', { permissions: ['stats.read'] });
      expect(revoke.statusCode, revoke.body).toBe(200);
      expectError(await holder.get('/api/admin/audit'), 403, 'forbidden');
    }

    const [revoked, granted] = await auditOf('role.update', 'kiem_soat'); // newest first
    expect(granted!.summary).toEqual({
      before: { name: 'Kiểm soát', nameEn: 'Controller', permissions: ['stats.read'] },
      after: { permissions: ['stats.read', 'audit.read'] },
    });
    expect(revoked!.summary).toEqual({
      before: { name: 'Kiểm soát', nameEn: 'Controller', permissions: ['stats.read', 'audit.read'] },
      after: { permissions: ['stats.read'] },
    });
    await expectAuditAndEventTogether('role.update', 'identity.role_updated', 'kiem_soat');
  });

  it('a failed command writes neither its audit row nor its event', async () => {
    const audits = await count(db(), 'audit_log');
    const events = await count(db(), 'outbox_events');
    expectError(
      await admin.patch(`/api/admin/agencies/${agencyId('000.00.23.H29')}`, {
        parentId: agencyId('000.00.23.H29'),
      }),
      400,
      'validation',
    );
    expect(await count(db(), 'audit_log')).toBe(audits);
    expect(await count(db(), 'outbox_events')).toBe(events);
  });
});

describe('administrative units', () => {
  it('GET /api/units?parent=79 → the city and its 168 communes', async () => {
    const res = await admin.get('/api/units?parent=79');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; level: string; parentCode: string | null }[];
    expect(items).toHaveLength(169);
    expect(items.filter((u) => u.level === 'province').map((u) => u.code)).toEqual(['79']);
    expect(items.filter((u) => u.level === 'commune').every((u) => u.parentCode === '79')).toBe(true);
    expect(new Set(items.map((u) => u.code)).size).toBe(169);
  });

  it('with tag=binh-duong-cu → the 36 communes of former Bình Dương', async () => {
    const res = await admin.get('/api/units?parent=79&tag=binh-duong-cu');
    const items = res.json().items as { code: string; tags: string[] }[];
    expect(items).toHaveLength(36);
    expect(items.every((u) => u.tags.includes('binh-duong-cu'))).toBe(true);
    expect(items.map((u) => u.code)).toContain('25747');
  });

  it('GET /api/units/geo → a FeatureCollection of the 168 communes, public and cacheable', async () => {
    const res = await t.platform.app.inject({ method: 'GET', url: '/api/units/geo' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    const geo = res.json() as {
      type: string;
      features: { type: string; id: string; properties: { code: string }; geometry: { type: string } }[];
    };
    expect(geo.type).toBe('FeatureCollection');
    expect(geo.features).toHaveLength(168);
    for (const f of geo.features) {
      expect(f.type).toBe('Feature');
      expect(f.id).toBe(f.properties.code);
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    }
  });
});

describe('the users list in Vietnamese order', () => {
  // Paged in the database, so the order must come from there: byte order would put "Bình" before
  // "Bến", "Đỗ" after "Zoãn" and upper-case "Ư" before "a".
  const NAMES = [
    'Đỗ Thị Thứ Tự',
    'Dương Văn Thứ Tự',
    'Bình Hoà Thứ Tự',
    'Bến Cát Thứ Tự',
    'Zoãn Thứ Tự',
    'Ưng Thứ Tự',
    'Ân Thứ Tự',
    'An Thứ Tự',
    'Ăn Thứ Tự',
    'Hòa Thứ Tự',
    'Hoà Thứ Tự',
    'Hoa Thứ Tự',
  ];
  it('every page follows Intl.Collator("vi"), across page boundaries', async () => {
    for (const [i, name] of NAMES.entries())
      await db().execute(
        sql`insert into id_users (kind, full_name, email, password_hash) values ('citizen', ${name}, ${`order${i}@example.vn`}, 'x')`,
      );
    const seen: string[] = [];
    for (let offset = 0; offset < NAMES.length; offset += 5) {
      const page = await admin.get(
        `/api/admin/users?q=${encodeURIComponent('Thứ Tự')}&limit=5&offset=${offset}`,
      );
      expect(page.statusCode).toBe(200);
      seen.push(...(page.json().items as { fullName: string }[]).map((u) => u.fullName));
    }
    expect(seen).toEqual(sortVietnamese(NAMES, (n) => n));
  });
});
