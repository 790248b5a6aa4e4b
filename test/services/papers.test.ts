// Issue 11 item 9 and 10: the papers of one dossier that goes through every form, read back from the
// PDF (each field there and filled), the register, and what the applicant is told.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type OfficeClock, officeHoursClock } from '../helpers/office-clock.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

let t: TestPlatform;
let clock: OfficeClock;
let centreId: string;
let citizen: Agent;
let desk: Agent;
let specialist: Agent;
let leader: Agent;
const db = () => t.platform.deps.db;

beforeAll(async () => {
  clock = officeHoursClock();
  t = await startTestPlatform();
  const [centre] = await queryRows<{ id: string }>(
    db(),
    sql`select id from id_agencies where code = '000.00.30.H29'`,
  );
  centreId = centre!.id;
  const roles = (await queryRows<{ code: string }>(db(), sql`select code from id_roles`)).map((r) => r.code);
  await db().transaction((tx) =>
    publishProcedure(
      tx,
      systemContext('test'),
      { definition: BUILDING_LIKE, agencies: [{ agencyId: centreId, serviceLevel: 'full' }] },
      roles,
    ),
  );
  citizen = await t.login('congdan@cqs.demo');
  desk = await t.login('motcua.ttpvhcc@cqs.demo');
  specialist = await t.login('chuyenvien.xaydung@cqs.demo');
  leader = await t.login('lanhdao.xaydung@cqs.demo');
});
afterAll(async () => {
  await t.close();
  clock.restore();
});

async function submitOnline(fullName: string): Promise<string> {
  const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
  const fileId = (await citizen.post('/api/files', body, { 'content-type': contentType })).json().id;
  const res = await citizen.post('/api/dossiers', {
    procedureCode: BUILDING_LIKE.code,
    channel: 'online',
    agencyId: centreId,
    applicant: {
      type: 'citizen',
      fullName,
      phone: '0912345678',
      email: 'nhung@example.vn',
      address: 'Số 25 đường Yersin, phường Thủ Dầu Một',
    },
    formData: { address: 'Số 5 đường Yersin', area: 80 },
    components: [{ componentKey: 'don', fileId }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function act(agent: Agent, id: string, path: string, body: Record<string, unknown> = {}) {
  const res = await agent.post(`/api/dossiers/${id}/${path}`, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json();
}

async function paper(agent: Agent, id: string, form: string) {
  const res = await agent.get(`/api/dossiers/${id}/documents/${form}`);
  expect(res.statusCode, `form ${form}: ${res.body}`).toBe(200);
  const pages = await pdfPages(res.rawPayload);
  return { pages, text: pages.join(' ').replace(/\s+/g, ' ') };
}

const statusMessages = (id: string) =>
  queryRows<{ channel: string; subject: string | null; body: string }>(
    db(),
    sql`select channel, subject, body from messages
        where meta->>'dossierId' = ${id} and template = 'dossier_status' order by id`,
  );

async function nameOf(email: string): Promise<string> {
  const [u] = await queryRows<{ full_name: string }>(
    db(),
    sql`select full_name from id_users where email = ${email}`,
  );
  return u!.full_name;
}

const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

describe('a dossier through forms 01, 02, 04, 05 and 06, and the register', () => {
  let id: string;
  let code: string;
  let receiptDue: string;

  it('01: the code, a register number, the desk officer, what was submitted, one page', async () => {
    id = await submitOnline('Nguyễn Thị Hồng Nhung');
    code = (await act(desk, id, 'accept')).code;
    receiptDue = (await desk.get(`/api/dossiers/${id}`)).json().dueAt;
    const { pages, text } = await paper(desk, id, '01');
    expect(pages).toHaveLength(1);
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toMatch(/Số: \d{2,}\/GTN/);
    expect(text).toContain('Lê Hoàng Nam'); // the desk officer who accepted
    expect(text).toContain('Đơn đề nghị');
    expect(text).not.toContain('Bản vẽ'); // in the procedure's list, not submitted
    // Re-printing shows the same number: it was drawn when the paper was issued.
    expect((await paper(desk, id, '01')).text.match(/Số: (\S+)/)![1]).toBe(text.match(/Số: (\S+)/)![1]);
  });

  it('tells the applicant once for the acceptance (accept and route are one event), with the code', async () => {
    await t.platform.deps.bus.kick();
    const sent = await statusMessages(id);
    expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(sent[0]!.subject).toContain(code);
    expect(sent[1]!.body).toContain(code);
    // The one message says where the dossier ended up: in processing.
    expect(sent[0]!.subject).toContain('Đang xử lý');
  });

  it('02: names the official who asked, the code, and the desk to call with its phone', async () => {
    await act(specialist, id, 'request-supplement', {
      items: [{ name: 'Bản vẽ mặt bằng', reason: 'Thiếu bản vẽ mặt bằng tầng 2' }],
    });
    const { text } = await paper(citizen, id, '02');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toMatch(/Số: \d{2,}\/PYCBS/);
    expect(text).toMatch(/Người yêu cầu bổ sung: [^,]+, Chuyên viên, Sở Xây dựng/);
    expect(text).toContain('liên hệ Lê Hoàng Nam, số điện thoại 0274 3822 100');
    expect(text).not.toContain('……');
  });

  it('the register shows a paused dossier with a due date and why it waits', async () => {
    const items = (await desk.get(`/api/register?from=${today()}&to=${today()}`)).json().items;
    const entry = items.find((e: { code: string }) => e.code === code);
    // The appointment on the receipt: the dossier's own due date is suspended (null) while paused.
    expect((await desk.get(`/api/dossiers/${id}`)).json().dueAt).toBeNull();
    expect(new Date(entry.dueAt).toISOString()).toBe(new Date(receiptDue).toISOString());
    expect(entry.note).toContain('yêu cầu bổ sung');
    await act(citizen, id, 'supplement', { note: 'Đã bổ sung' });
  });

  it('04: the Decree 30 signature block of the leader who signs, "Lý do: …." a sentence', async () => {
    const view = (await leader.get(`/api/dossiers/${id}`)).json();
    await act(leader, id, 'apology', {
      reason: 'Cần kiểm tra hiện trạng công trình',
      newDueAt: new Date(new Date(view.dueAt).getTime() + 3 * 86_400_000).toISOString(),
    });
    const { text } = await paper(citizen, id, '04');
    expect(text).toMatch(/Số: \d{2,}\/VBXL/);
    expect(text).toContain(code);
    expect(text).toContain('Lý do: Cần kiểm tra hiện trạng công trình.');
    expect(text).toContain(
      `KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (Ký, ghi rõ họ tên và đóng dấu) ${await nameOf('lanhdao.xaydung@cqs.demo')}`,
    );
  });

  it('05: stopped by the leader, signed on behalf of the director, the reason a sentence', async () => {
    await act(leader, id, 'stop', { reasons: ['Công trình nằm trong khu vực đã có quyết định thu hồi đất'] });
    const { text } = await paper(citizen, id, '05');
    expect(text).toContain(`Mã hồ sơ: ${code}`);
    expect(text).toMatch(/Số: \d{2,}\/TB/);
    expect(text).toContain('Lý do: Công trình nằm trong khu vực đã có quyết định thu hồi đất.');
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC');
    expect(text).toContain('Trung tâm Phục vụ hành chính công Thành phố;'); // passed on by the desk
  });

  it('06: names who received each hand-over when known', async () => {
    const { text } = await paper(desk, id, '06');
    // The desk routed it to the department, whose specialist acted next: the receiver has a name.
    const specialistName = await nameOf('chuyenvien.xaydung@cqs.demo');
    expect(text).toMatch(new RegExp(`Chuyển xử lý .*Sở Xây dựng \\(${specialistName}\\)`));
  });

  it('the register notes why the stopped dossier ended', async () => {
    const items = (await desk.get(`/api/register?from=${today()}&to=${today()}`)).json().items;
    const entry = items.find((e: { code: string }) => e.code === code);
    expect(entry.note).toBe(
      'Dừng giải quyết. Lý do: Công trình nằm trong khu vực đã có quyết định thu hồi đất.',
    );
    const pdf = await desk.get(`/api/register?from=${today()}&to=${today()}&format=pdf`);
    const text = (await pdfPages(pdf.rawPayload)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Dừng giải quyết. Lý do: Công trình nằm trong khu vực');
  });
});

describe('a dossier refused at intake, and one withdrawn', () => {
  it('03 prints no empty code line, and the register leaves the refused dossier out', async () => {
    const id = await submitOnline('Trần Văn Từ Chối');
    await act(desk, id, 'refuse', { reasons: ['Hồ sơ không thuộc thẩm quyền'] });
    const { text } = await paper(desk, id, '03');
    expect(text).not.toContain('Mã hồ sơ');
    expect(text).toMatch(/Số biên nhận: BN-\d{6}-\w{8}/);
    expect(text).toMatch(/Số: \d{2,}\/PTC/);
    expect(text).toContain('Lê Hoàng Nam');
    const items = (await desk.get(`/api/register?from=${today()}&to=${today()}`)).json().items;
    expect(items.map((e: { applicantName: string }) => e.applicantName)).not.toContain('Trần Văn Từ Chối');
    // Its one status message names it by its receipt number: it has no code.
    await t.platform.deps.bus.kick();
    const sent = await statusMessages(id);
    expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(sent[0]!.subject).toMatch(/BN-\d{6}-\w{8}/);
  });

  it('the register notes a withdrawal', async () => {
    const id = await submitOnline('Lê Thị Rút');
    await act(desk, id, 'accept');
    await act(citizen, id, 'withdraw', { reason: 'Không còn nhu cầu' });
    const items = (await desk.get(`/api/register?from=${today()}&to=${today()}`)).json().items;
    const entry = items.find((e: { applicantName: string }) => e.applicantName === 'Lê Thị Rút');
    expect(entry.note).toBe('Công dân rút hồ sơ. Lý do: Không còn nhu cầu.');
  });

  it('numbers the papers of an agency in one sequence for the year', async () => {
    const rows = await queryRows<{ agency_id: string; number: number }>(
      db(),
      sql`select agency_id, number from svc_document_numbers order by event_id`,
    );
    const byAgency = new Map<string, number[]>();
    for (const r of rows) byAgency.set(r.agency_id, [...(byAgency.get(r.agency_id) ?? []), r.number]);
    for (const numbers of byAgency.values()) expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
