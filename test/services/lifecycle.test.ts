import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { registerCitizen } from '../helpers/mailbox.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type OfficeClock, officeHoursClock } from '../helpers/office-clock.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

let t: TestPlatform;
// Pauses deduct working time only: run the clock in office hours whatever the hour of the run.
let clock: OfficeClock;
let centreId: string;
beforeAll(async () => {
  clock = officeHoursClock();
  t = await startTestPlatform();
  const db = t.platform.deps.db;
  const [centre] = await queryRows<{ id: string }>(
    db,
    sql`select id from id_agencies where code = '000.00.30.H29'`,
  );
  centreId = centre!.id;
  await db.transaction((tx) =>
    publishProcedure(
      tx,
      systemContext('test'),
      { definition: BUILDING_LIKE, agencies: [{ agencyId: centreId, serviceLevel: 'full' }] },
      ['specialist', 'agency_leader', 'one_stop_officer', 'division_head', 'admin', 'city_leader'],
    ),
  );
});
afterAll(async () => {
  await t.close();
  clock.restore();
});

async function upload(agent: Agent, name = 'don.pdf') {
  const { body, contentType } = fileUpload(name, minimalPdf(name), 'application/pdf');
  const res = await agent.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

const submission = (fileId: string) => ({
  procedureCode: BUILDING_LIKE.code,
  channel: 'online',
  agencyId: centreId,
  applicant: {
    type: 'citizen',
    fullName: 'Nguyễn Thị Hồng Nhung',
    phone: '0912345678',
    idNumber: '074190001234',
    email: 'nhung@example.vn',
  },
  formData: { address: '12 Đường 30/4, phường Thủ Dầu Một', area: 96.5, floors: 3 },
  components: [{ componentKey: 'don', fileId }],
});

async function act(agent: Agent, id: string, path: string, body: Record<string, unknown> = {}) {
  const res = await agent.post(`/api/dossiers/${id}/${path}`, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json() as { status: number; code: string | null; revision: number };
}

describe('a dossier from online submission to hand-over', () => {
  let id: string;
  let receiptNo: string;
  let citizen: Agent;

  it('a citizen submits online, once, with an Idempotency-Key', async () => {
    citizen = await t.login('congdan@cqs.demo');
    const fileId = await upload(citizen);
    const body = submission(fileId);
    const first = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'nop-ho-so-0001' });
    expect(first.statusCode, first.body).toBe(200);
    id = first.json().id;
    receiptNo = first.json().receiptNo;
    const replay = await citizen.post('/api/dossiers', body, { 'idempotency-key': 'nop-ho-so-0001' });
    expect(replay.json()).toEqual({ ...first.json(), replayed: true });
    const other = await citizen.post(
      '/api/dossiers',
      { ...body, formData: { ...body.formData, floors: 4 } },
      { 'idempotency-key': 'nop-ho-so-0001' },
    );
    expect(other.statusCode).toBe(422);
    expect(other.json().error.code).toBe('idempotency_mismatch');
    const [{ n }] = (await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from svc_dossiers`,
    )) as [{ n: number }];
    expect(n).toBe(1);
    const mine = await citizen.get('/api/dossiers/mine');
    expect(mine.json().items.map((d: { id: string }) => d.id)).toEqual([id]);
    expect(mine.json().items[0].procedureName).toBe(BUILDING_LIKE.name);
    const english = await citizen.get('/api/dossiers/mine', { 'accept-language': 'en' });
    expect(english.json().items[0].procedureName).toBe(BUILDING_LIKE.nameEn);
  });

  it('gives a receipt number at once: on the answer, at /tra-cuu, by one e-mail and one SMS', async () => {
    expect(receiptNo).toMatch(/^BN-\d{6}-[0-9A-HJKMNP-TV-Z]{8}$/);
    const answer = (await citizen.get('/api/dossiers/mine')).json().items[0];
    expect(answer.receiptNo).toBe(receiptNo);
    expect(answer.code).toBeNull();
    // Tracking works before acceptance, with the receipt number typed loosely (lower case, spaces).
    const pub = t.client();
    const tracked = await pub.get(
      `/api/track?code=${encodeURIComponent(` ${receiptNo.toLowerCase()} `)}&pin=5678`,
    );
    expect(tracked.statusCode, tracked.body).toBe(200);
    expect(tracked.json()).toMatchObject({ code: receiptNo, receiptNo, status: 1 });
    expect((await pub.get(`/api/track?code=${receiptNo}&pin=1111`)).statusCode).toBe(404);
    // Written by the submission event's subscriber, after the submission's own statement (ADR 22).
    await t.platform.deps.bus.kick();
    const sent = await queryRows<{ channel: string; subject: string | null; body: string }>(
      t.platform.deps.db,
      sql`select channel, subject, body from messages where meta->>'dossierId' = ${id} order by channel`,
    );
    expect(sent.map((m) => m.channel)).toEqual(['email', 'sms']);
    expect(sent[0]!.subject).toContain(receiptNo);
    expect(sent[0]!.body).toMatch(/trả lời trước \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    expect(sent[1]!.body).toContain(receiptNo);
    expect(sent[1]!.body).toContain('/tra-cuu');
  });

  it('refuses bad e-form answers naming the field, and a missing required component', async () => {
    const fileId = await upload(citizen, 'x.pdf');
    const res = await citizen.post('/api/dossiers', {
      ...submission(fileId),
      formData: { address: 'x', area: 'lớn' },
      components: [],
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('body.formData.area');
    expect(fields).toContain('body.components.don');
  });

  it('the one-stop desk of the service centre accepts it: code, clock, routed to the department', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const inbox = await desk.get('/api/dossiers/inbox');
    expect(inbox.json().items.map((d: { id: string }) => d.id)).toContain(id);
    const other = await t.login('motcua.thudaumot@cqs.demo');
    expect(
      (await other.get('/api/dossiers/inbox')).json().items.map((d: { id: string }) => d.id),
    ).not.toContain(id);
    // A desk that may not see the dossier is told what it would be told of an id that does not exist
    // (issue 10 finding 13): write routes do not confirm which ids are real.
    const refused = await other.post(`/api/dossiers/${id}/accept`, {});
    const unknown = await other.post('/api/dossiers/00000000-0000-4000-8000-000000000000/accept', {});
    expect([refused.statusCode, unknown.statusCode]).toEqual([404, 404]);
    expect(refused.json().error.code).toBe(unknown.json().error.code);
    expect(refused.json().error.message).toBe(unknown.json().error.message);
    for (const action of ['step', 'request-supplement', 'apology', 'refuse', 'withdraw', 'hand-over'])
      expect((await other.post(`/api/dossiers/${id}/${action}`, {})).statusCode, action).not.toBe(403);

    const accepted = await act(desk, id, 'accept');
    expect(accepted.status).toBe(4);
    expect(accepted.code).toMatch(/^000\.00\.21\.H29-\d{6}-0001$/);
    const view = (await desk.get(`/api/dossiers/${id}`)).json();
    expect(view.holderAgencyName).toBe('Sở Xây dựng');
    expect(view.stepName).toBe('Thẩm định');
    expect(view.dueAt).not.toBeNull();
    expect(view.dueExplanation).toMatch(/15 ngày làm việc/);
    expect(view.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept', 'route']);

    const receipt = await desk.get(`/api/dossiers/${id}/documents/01`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('application/pdf');
    const text = (await pdfPages(receipt.rawPayload)).join('\n');
    expect(text).toContain(accepted.code!);
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain('Nguyễn Thị Hồng Nhung');
  });

  it('the specialist asks for a supplement: every item at once, the clock pauses, the citizen answers', async () => {
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const before = (await specialist.get(`/api/dossiers/${id}`)).json();
    const res = await act(specialist, id, 'request-supplement', {
      items: [
        { name: 'Bản vẽ mặt bằng', reason: 'Thiếu bản vẽ mặt bằng tầng 2' },
        { name: 'Giấy tờ về đất', reason: 'Bản sao chưa chứng thực' },
      ],
    });
    expect(res.status).toBe(5);
    const form02 = await citizen.get(`/api/dossiers/${id}/documents/02`);
    const text = (await pdfPages(form02.rawPayload)).join('\n');
    expect(text).toContain('Bản vẽ mặt bằng');
    expect(text).toContain('Giấy tờ về đất');

    // Nobody but the applicant (or the desk) answers.
    expect((await specialist.post(`/api/dossiers/${id}/supplement`, {})).statusCode).toBe(403);
    clock.advance(20 * 60_000); // the citizen answers twenty working minutes later
    const answered = await act(citizen, id, 'supplement', {
      note: 'Đã bổ sung bản vẽ và bản sao chứng thực',
    });
    expect(answered.status).toBe(4);
    const after = (await specialist.get(`/api/dossiers/${id}`)).json();
    const moved = new Date(after.dueAt).getTime() - new Date(before.dueAt).getTime();
    expect(moved).toBeGreaterThanOrEqual(20 * 60_000);
    expect(moved).toBeLessThan(25 * 60_000);
    expect(after.dueExplanation).toMatch(/bổ sung/i);
  });

  it('moves through appraisal, a consultation with another department, approval and the result', async () => {
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const consultant = await t.login('chuyenvien.nnmt@cqs.demo');
    const leader = await t.login('lanhdao.xaydung@cqs.demo');
    // The leader cannot act on the specialist's step.
    expect((await leader.post(`/api/dossiers/${id}/step`, { action: 'to_approve' })).statusCode).toBe(403);
    await act(specialist, id, 'step', { action: 'to_consult' });
    const consultView = (await consultant.get(`/api/dossiers/${id}`)).json();
    expect(consultView.holderAgencyName).toBe('Sở Nông nghiệp và Môi trường');
    const noComment = await consultant.post(`/api/dossiers/${id}/step`, { action: 'answer' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.fields[0].field).toBe('body.comment');
    await act(consultant, id, 'step', {
      action: 'answer',
      comment: 'Thống nhất, không ảnh hưởng hành lang bảo vệ nguồn nước',
    });
    await act(specialist, id, 'step', { action: 'to_approve' });
    await act(leader, id, 'step', { action: 'return', comment: 'Bổ sung ý kiến về chiều cao' });
    await act(specialist, id, 'step', { action: 'to_approve' });
    await act(leader, id, 'step', { action: 'approve' });
    const missingResult = await specialist.post(`/api/dossiers/${id}/step`, { action: 'issue' });
    expect(missingResult.statusCode).toBe(400);
    const resultFile = await upload(specialist, 'giay-phep.pdf');
    const done = await act(specialist, id, 'step', { action: 'issue', fileId: resultFile });
    expect(done.status).toBe(9);
    const forCitizen = (await citizen.get(`/api/dossiers/${id}`)).json();
    expect(forCitizen.components.some((c: { role: string }) => c.role === 'result')).toBe(true);
    // The citizen can download the result attached to their dossier.
    expect((await citizen.get(`/api/files/${resultFile}`)).statusCode).toBe(200);
  });

  it('the desk hands the result over, and the timeline records every hand-over (form 06)', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    // Illegal from status 9: a workflow step.
    expect((await desk.post(`/api/dossiers/${id}/step`, { action: 'approve' })).statusCode).toBe(403);
    const handed = await act(desk, id, 'hand-over', { method: 'electronic' });
    expect(handed.status).toBe(10);
    // Handing over twice is an illegal transition for someone allowed to hand over: 409, nothing changes.
    const again = await desk.post(`/api/dossiers/${id}/hand-over`, { method: 'counter' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_state');
    const form06 = await desk.get(`/api/dossiers/${id}/documents/06`);
    // Table cells wrap, so compare with the white space folded.
    const text = (await pdfPages(form06.rawPayload)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain('Lấy ý kiến Sở NN&MT');
    expect(text).toContain('Chuyển xử lý');
    const statuses = await queryRows<{ to_status: number }>(
      t.platform.deps.db,
      sql`select to_status from svc_dossier_events where dossier_id = ${id} order by id`,
    );
    expect(statuses.map((s) => s.to_status)).toEqual([1, 2, 4, 5, 4, 4, 4, 4, 4, 4, 4, 9, 10]);
    const messages = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from messages where meta->>'dossierId' = ${id}`,
    );
    expect(messages[0]!.n).toBeGreaterThan(4);
  });

  it('public tracking shows progress with the second factor, and nothing without it', async () => {
    const anon = t.client();
    const [{ code }] = (await queryRows<{ code: string }>(
      t.platform.deps.db,
      sql`select code from svc_dossiers where id = ${id}`,
    )) as [{ code: string }];
    const wrong = await anon.get(`/api/track?code=${encodeURIComponent(code)}&pin=0000`);
    expect(wrong.statusCode).toBe(404);
    const right = await anon.get(`/api/track?code=${encodeURIComponent(code)}&pin=5678`);
    expect(right.statusCode).toBe(200);
    expect(right.json().statusName).toBe('Đã trả kết quả');
    // the timeline names the workflow steps, not only the national statuses
    const steps = (right.json().timeline as { stepName: string | null }[]).map((e) => e.stepName);
    expect(steps).toContain('Thẩm định');
    expect(steps).toContain('Phê duyệt');
    expect(right.json().procedureName).toBe(BUILDING_LIKE.name);
    // in English where the procedure has an English name
    const english = await anon.get(`/api/track?code=${encodeURIComponent(code)}&pin=5678`, {
      'accept-language': 'en',
    });
    expect(english.json().procedureName).toBe(BUILDING_LIKE.nameEn);
    expect(right.body).not.toContain('Nhung');
    expect(right.body).not.toContain('0912345678');
  });

  it('another citizen sees nothing of it: not by id, not its files, not its documents', async () => {
    const { agent: other } = await registerCitizen(t, t.client(), {
      fullName: 'Trần Văn Khác',
      email: 'khac@example.vn',
      password: 'một-mật-khẩu-dài',
    });
    expect((await other.get(`/api/dossiers/${id}`)).statusCode).toBe(404);
    expect((await other.get(`/api/dossiers/${id}/documents/01`)).statusCode).toBe(404);
    const files = await queryRows<{ file_id: string }>(
      t.platform.deps.db,
      sql`select file_id from svc_dossier_files where dossier_id = ${id}`,
    );
    for (const f of files) expect((await other.get(`/api/files/${f.file_id}`)).statusCode).toBe(404);
  });
});

describe('public tracking: a limit per dossier', () => {
  const track = (code: string, pin: string, headers: Record<string, string> = {}) =>
    // A new address every time: the limit is the dossier's, not the caller's.
    t.client().get(`/api/track?code=${encodeURIComponent(code)}&pin=${pin}`, headers);
  async function accepted() {
    const [row] = await queryRows<{ id: string; code: string; tracking_pin: string }>(
      t.platform.deps.db,
      sql`select id, code, tracking_pin from svc_dossiers where code is not null order by accepted_at limit 1`,
    );
    return row!;
  }
  const wrongPin = (pin: string) => (pin === '0000' ? '1111' : '0000');
  const lockAudits = (code: string) =>
    queryRows<{ target_id: string | null; agency_id: string | null; summary: Record<string, unknown> }>(
      t.platform.deps.db,
      sql`select target_id, agency_id, summary from audit_log where action = 'dossier.tracking_locked' and summary->>'code' = ${code}`,
    );

  it('five wrong PINs, from any addresses, lock the dossier for 15 minutes: a localized 429, audited once', async () => {
    const d = await accepted();
    for (let i = 0; i < 5; i++) expect((await track(d.code, wrongPin(d.tracking_pin))).statusCode).toBe(404);
    const locked = await track(d.code, d.tracking_pin);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('too_many_attempts');
    expect(locked.json().error.message).toBe('Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    const english = await track(d.code, d.tracking_pin, { 'accept-language': 'en' });
    expect(english.json().error.message).toBe('Too many wrong attempts. Please try again in 15 minutes.');
    expect(locked.body).not.toContain('Nhung');

    const audits = await lockAudits(d.code);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.target_id).toBe(d.id);
    expect(audits[0]!.agency_id).toEqual(expect.any(String));
    expect(audits[0]!.summary).toMatchObject({ code: d.code, failures: 5 });

    // The lock is kept in the database: once its time is over, the right PIN works again.
    await t.platform.deps.db.execute(
      sql`update attempt_limits set locked_until = now() - interval '1 second' where key = ${`tracking:${d.code}`}`,
    );
    expect((await track(d.code, d.tracking_pin)).statusCode).toBe(200);
  });

  it('a code that does not exist is locked the same way, so the answers tell nothing about which exist', async () => {
    const made = '000.00.30.H29-991231-9999';
    for (let i = 0; i < 5; i++) expect((await track(made, '1234')).statusCode).toBe(404);
    expect((await track(made, '1234')).statusCode).toBe(429);
    const audits = await lockAudits(made);
    expect(audits).toHaveLength(1);
    expect(audits[0]!.target_id).toBeNull();
  });

  it('the right PIN forgets earlier failures', async () => {
    const d = await accepted();
    for (let i = 0; i < 4; i++) expect((await track(d.code, wrongPin(d.tracking_pin))).statusCode).toBe(404);
    expect((await track(d.code, d.tracking_pin)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await track(d.code, wrongPin(d.tracking_pin))).statusCode).toBe(404);
    expect((await track(d.code, d.tracking_pin)).statusCode).toBe(200);
  });
});

describe('dossier codes', () => {
  it('are unique per competent agency and day under concurrent acceptance', async () => {
    const { nextDossierCode } = await import('../../src/server/modules/services/codes.ts');
    const db = t.platform.deps.db;
    const at = new Date('2026-11-26T03:00:00Z');
    const codes = await Promise.all(
      Array.from({ length: 25 }, () => db.transaction((tx) => nextDossierCode(tx, '000.00.99.H29', at))),
    );
    expect(new Set(codes).size).toBe(25);
    expect(codes.sort()[0]).toBe('000.00.99.H29-261126-0001');
    expect(codes.sort()[24]).toBe('000.00.99.H29-261126-0025');
  });
});
