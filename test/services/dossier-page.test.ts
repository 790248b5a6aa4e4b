import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

// What the dossier page shows and does beyond the basic lifecycle: files sent with a supplement
// answer, the apology (form 04) among the actions and as a document, the step left and entered on
// the timeline, and the rating once given.

let t: TestPlatform;
let centreId: string;
let citizen: Agent;
let desk: Agent;
let specialist: Agent;
let leader: Agent;
let id: string;

beforeAll(async () => {
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
  citizen = await t.login('congdan@cqs.demo');
  desk = await t.login('motcua.ttpvhcc@cqs.demo');
  specialist = await t.login('chuyenvien.xaydung@cqs.demo');
  leader = await t.login('lanhdao.xaydung@cqs.demo');
});
afterAll(() => t.close());

async function upload(agent: Agent, name: string) {
  const { body, contentType } = fileUpload(name, minimalPdf(name), 'application/pdf');
  const res = await agent.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

async function act(agent: Agent, path: string, body: Record<string, unknown> = {}) {
  const res = await agent.post(`/api/dossiers/${id}/${path}`, body);
  expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
  return res.json() as { status: number; code: string | null; revision: number };
}

const view = async (agent: Agent) => (await agent.get(`/api/dossiers/${id}`)).json();
const dossierFileCount = async () =>
  (
    await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from svc_dossier_files where dossier_id = ${id}`,
    )
  )[0]!.n;

describe('the dossier page', () => {
  it('a citizen answers a supplement request with files, which join the dossier', async () => {
    const res = await citizen.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'online',
      agencyId: centreId,
      applicant: { type: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' },
      formData: { address: '12 Đường 30/4, phường Thủ Dầu Một', area: 96.5, floors: 3 },
      components: [{ componentKey: 'don', fileId: await upload(citizen, 'don.pdf') }],
    });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json().id;
    await act(desk, 'accept');
    await act(specialist, 'request-supplement', {
      items: [{ name: 'Bản vẽ mặt bằng', reason: 'Thiếu bản vẽ mặt bằng tầng 2' }],
    });
    const before = await dossierFileCount();

    // Someone else's file, an unknown component, the same file twice: refused, nothing attached.
    const othersFile = await upload(desk, 'khac.pdf');
    const notMine = await citizen.post(`/api/dossiers/${id}/supplement`, { files: [{ fileId: othersFile }] });
    expect(notMine.statusCode).toBe(400);
    expect(notMine.json().error.fields[0].field).toBe('body.files');
    // The page offers the components of the dossier's own version to name each file.
    expect((await view(citizen)).procedureComponents.map((c: { key: string }) => c.key)).toEqual([
      'don',
      'ban_ve',
    ]);
    const drawing = await upload(citizen, 'ban-ve-tang-2.pdf');
    const unknown = await citizen.post(`/api/dossiers/${id}/supplement`, {
      files: [{ fileId: drawing, componentKey: 'khong_co' }],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0].field).toBe('body.files.0.componentKey');
    const twice = await citizen.post(`/api/dossiers/${id}/supplement`, {
      files: [{ fileId: drawing }, { fileId: drawing }],
    });
    expect(twice.statusCode).toBe(400);
    expect((await view(citizen)).status).toBe(5);
    expect(await dossierFileCount()).toBe(before);

    const letter = await upload(citizen, 'giai-trinh.pdf');
    const answered = await act(citizen, 'supplement', {
      note: 'Gửi bản vẽ mặt bằng tầng 2',
      files: [{ fileId: drawing, componentKey: 'ban_ve' }, { fileId: letter }],
    });
    expect(answered.status).toBe(4);
    expect(await dossierFileCount()).toBe(before + 2);
    const seen = await view(specialist);
    const names = seen.components.map((c: { fileName: string; name: string }) => `${c.name}: ${c.fileName}`);
    expect(names).toContain('Bản vẽ: ban-ve-tang-2.pdf');
    expect(names).toContain('Giấy tờ bổ sung: giai-trinh.pdf');
    // The officer can open the supplied file; the answer on the timeline lists it.
    expect((await specialist.get(`/api/files/${drawing}`)).statusCode).toBe(200);
    const entry = seen.timeline.find((e: { action: string }) => e.action === 'supplement');
    expect(entry.data.fileIds).toEqual([drawing, letter]);
    // A file already in a dossier cannot be sent again.
    await act(specialist, 'request-supplement', { items: [{ name: 'Đơn', reason: 'Thiếu chữ ký' }] });
    const reused = await citizen.post(`/api/dossiers/${id}/supplement`, { files: [{ fileId: letter }] });
    expect(reused.statusCode).toBe(400);
    await act(citizen, 'supplement', { note: 'Đã ký' });
  });

  it('offers the apology to the processing unit only, and its letter (form 04) once issued', async () => {
    const mine = await view(citizen);
    expect(mine.actions.map((a: { kind: string }) => a.kind)).not.toContain('apology');
    const theirs = await view(specialist);
    const apology = theirs.actions.find((a: { kind: string }) => a.kind === 'apology');
    expect(apology).toMatchObject({ key: 'apology', requires: ['reason'] });
    expect(apology.name).toMatch(/Mẫu 04/);
    expect(theirs.documents).not.toContain('04');
    expect((await specialist.get(`/api/dossiers/${id}/documents/04`)).statusCode).toBe(404);

    const newDueAt = new Date(new Date(theirs.dueAt).getTime() + 3 * 86_400_000).toISOString();
    await act(specialist, 'apology', {
      reason: 'Cần kiểm tra lại hiện trạng công trình tại thực địa',
      newDueAt,
    });
    const after = await view(citizen);
    expect(after.documents).toContain('04');
    const pdf = await citizen.get(`/api/dossiers/${id}/documents/04`);
    expect(pdf.statusCode).toBe(200);
    const text = (await pdfPages(pdf.rawPayload)).join('\n');
    expect(text).toContain('Cần kiểm tra lại hiện trạng công trình tại thực địa');
    expect(text).toContain(after.code);
  });

  it('names the step left and the step entered on the timeline', async () => {
    await act(specialist, 'step', { action: 'to_approve' });
    const seen = await view(citizen);
    const moved = seen.timeline.at(-1);
    expect(moved.action).toBe('step.to_approve');
    expect(moved.fromStep).toBe('Thẩm định');
    expect(moved.step).toBe(BUILDING_LIKE.workflow.steps.find((s) => s.key === 'approve')!.name);
  });

  it('shows whether the applicant rated the result, and the score', async () => {
    await act(leader, 'step', { action: 'approve' });
    await act(specialist, 'step', { action: 'issue', fileId: await upload(specialist, 'giay-phep.pdf') });
    await act(desk, 'hand-over', { method: 'counter' });
    expect((await view(citizen)).rating).toBeNull();
    const rated = await citizen.post(`/api/dossiers/${id}/rating`, { score: 4, comment: 'Nhanh' });
    expect(rated.statusCode, rated.body).toBe(200);
    const seen = await view(citizen);
    expect(seen.rating.score).toBe(4);
    expect(Date.parse(seen.rating.ratedAt)).not.toBeNaN();
    expect((await view(desk)).rating.score).toBe(4);
  });
});
