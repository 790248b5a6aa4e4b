import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { DEMO_PROCEDURES } from '../../src/server/modules/services/catalogue/index.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { sampleFormData } from './sample-form.ts';

let t: TestPlatform;
let admin: Agent;
let desk: Agent;
let communeId: string;
const birth = DEMO_PROCEDURES.find((p) => p.code === '1.001193')!;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin@cqs.demo');
  desk = await t.login('motcua.thudaumot@cqs.demo');
  const [c] = await queryRows<{ id: string }>(
    t.platform.deps.db,
    sql`select id from id_agencies where unit_code = '25747' and kind = 'peoples_committee'`,
  );
  communeId = c!.id;
});
afterAll(() => t.close());

async function counterDossier(phone = '0912000111') {
  const res = await desk.post('/api/dossiers', {
    procedureCode: birth.code,
    channel: 'counter',
    agencyId: communeId,
    applicant: { fullName: 'Võ Thị Mẫu', phone, email: 'mau@example.vn' },
    formData: sampleFormData(birth.form.schema),
    components: [],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

describe('document templates per unit', () => {
  it('a unit edits its receipt; its documents use it, the default stays for others', async () => {
    const current = (await admin.get(`/api/admin/templates/documents/01?agencyId=${communeId}`)).json();
    expect(current.custom).toBe(false);
    const edited = { ...current.template, title: 'GIẤY BIÊN NHẬN HỒ SƠ PHƯỜNG THỦ DẦU MỘT' };
    const saved = await admin.put(`/api/admin/templates/documents/01?agencyId=${communeId}`, edited);
    expect(saved.statusCode, saved.body).toBe(200);
    const id = await counterDossier();
    const text = (await pdfPages((await desk.get(`/api/dossiers/${id}/documents/01`)).rawPayload)).join(' ');
    expect(text).toContain('GIẤY BIÊN NHẬN HỒ SƠ PHƯỜNG THỦ DẦU MỘT');
    expect((await admin.get('/api/admin/templates/documents/01')).json().custom).toBe(false);
    expect((await admin.delete(`/api/admin/templates/documents/01?agencyId=${communeId}`)).statusCode).toBe(
      200,
    );
    const again = (await pdfPages((await desk.get(`/api/dossiers/${id}/documents/01`)).rawPayload)).join(' ');
    expect(again).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  });

  it('refuses a template with a placeholder that cannot be filled, saving nothing', async () => {
    const current = (await admin.get('/api/admin/templates/documents/01')).json();
    const res = await admin.put('/api/admin/templates/documents/01', {
      ...current.template,
      title: 'Hồ sơ {{dossier.khongCo}}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].message).toContain('dossier.khongCo');
    expect((await admin.get('/api/admin/templates/documents/01')).json().custom).toBe(false);
  });

  it('previews an edited template as a PDF with the sample data, saving nothing', async () => {
    const current = (await admin.get(`/api/admin/templates/documents/02?agencyId=${communeId}`)).json();
    const res = await admin.post(`/api/admin/templates/documents/02/preview?agencyId=${communeId}`, {
      ...current.template,
      title: 'PHIẾU XEM TRƯỚC YÊU CẦU BỔ SUNG',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(res.rawPayload)).join(' ');
    expect(text).toContain('PHIẾU XEM TRƯỚC YÊU CẦU BỔ SUNG');
    expect((await admin.get(`/api/admin/templates/documents/02?agencyId=${communeId}`)).json().custom).toBe(
      false,
    );
    const bad = await admin.post('/api/admin/templates/documents/02/preview', {
      ...current.template,
      title: 'Phiếu {{dossier.khongCo}}',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].field).toBe('body.title');
  });

  it('an officer without procedures.manage cannot edit templates', async () => {
    expect((await desk.put('/api/admin/templates/documents/01', {})).statusCode).toBe(403);
  });
});

describe('notification texts', () => {
  it('reads the texts in use: the defaults with their placeholders until edited', async () => {
    const res = await admin.get('/api/admin/templates/notification?lang=en');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.custom).toBe(false);
    expect(body.subject).toContain('{{code}}');
    expect(body.placeholders).toEqual(['code', 'name', 'status']);
    expect((await desk.get('/api/admin/templates/notification?lang=en')).statusCode).toBe(403);
  });

  it('the edited texts reach the applicant; unknown placeholders are refused', async () => {
    const bad = await admin.put('/api/admin/templates/notification', {
      lang: 'vi',
      subject: 'Hồ sơ {{ma}}',
      body: 'Nội dung đủ dài',
      sms: 'HS {{code}}',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.put('/api/admin/templates/notification', {
      lang: 'vi',
      subject: '[UBND phường] Hồ sơ {{code}}',
      body: 'Kính gửi {{name}}, hồ sơ {{code}}: {{status}}.',
      sms: 'HS {{code}}: {{status}}',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = await counterDossier('0912000222');
    const rows = await queryRows<{ channel: string; subject: string | null; body: string }>(
      t.platform.deps.db,
      sql`select channel, subject, body from messages where meta->>'dossierId' = ${id} order by id`,
    );
    const email = rows.find((r) => r.channel === 'email')!;
    expect(email.subject).toMatch(/^\[UBND phường\] Hồ sơ .+-\d{6}-\d{4}$/);
    expect(rows.find((r) => r.channel === 'sms')!.body).toMatch(/^HS .+: (Được tiếp nhận|Đang xử lý)$/);
  });

  it('a text that leaves the code out still names the dossier first, once per change', async () => {
    const ok = await admin.put('/api/admin/templates/notification', {
      lang: 'vi',
      subject: 'Thông báo của UBND phường',
      body: 'Kính gửi {{name}}, hồ sơ của Ông/Bà: {{status}}.',
      sms: 'UBND phuong: {{status}}',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const id = await counterDossier('0912000333');
    const rows = await queryRows<{ channel: string; subject: string | null; body: string }>(
      t.platform.deps.db,
      sql`select channel, subject, body from messages where meta->>'dossierId' = ${id} order by id`,
    );
    // Intake at the counter accepts and routes in one request: one e-mail and one SMS, not two of each.
    expect(rows.map((r) => r.channel)).toEqual(['email', 'sms']);
    expect(rows[0]!.subject).toMatch(/^.+-\d{6}-\d{4}: Thông báo của UBND phường$/);
    expect(rows[1]!.body).toMatch(/^.+-\d{6}-\d{4}: UBND phuong: Đang xử lý$/);
  });
});
