// Parallel consultation (liên thông song song) on the demo building permit: the commune asks two
// departments at once; each answers its own branch; the appraisal resumes only when both have.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

const PERMIT = '1.009994';
let t: TestPlatform;
let desk: Agent;
let head: Agent;
let specialist: Agent;
let construction: Agent;
let land: Agent;
let finance: Agent;
let id: string;

beforeAll(async () => {
  t = await startTestPlatform();
  desk = await t.login('motcua.thudaumot@cqs.demo');
  head = await t.login('truongphong.thudaumot@cqs.demo');
  specialist = await t.login('chuyenvien.thudaumot@cqs.demo');
  construction = await t.login('chuyenvien.xaydung@cqs.demo');
  land = await t.login('chuyenvien.nnmt@cqs.demo');
  finance = await t.login('chuyenvien.taichinh@cqs.demo');
  const [offered] = await queryRows<{ id: string }>(
    t.platform.deps.db,
    sql`select a.id from svc_procedure_agencies pa
        join svc_procedures p on p.id = pa.procedure_id
        join id_agencies a on a.id = pa.agency_id
        where p.code = ${PERMIT} and a.unit_code = '25747'`,
  );
  const res = await desk.post('/api/dossiers', {
    procedureCode: PERMIT,
    channel: 'counter',
    agencyId: offered!.id,
    applicant: { type: 'citizen', fullName: 'Đỗ Minh Tâm', phone: '0908123456' },
    formData: {
      ownerFullName: 'Đỗ Minh Tâm',
      ownerIdNumber: '074085009876',
      ownerAddress: '45/2 Đại lộ Bình Dương, phường Phú Thọ',
      phone: '0908123456',
      siteAddress: 'Thửa 215, khu phố 3, phường Phú Thọ, Thành phố Hồ Chí Minh',
      parcelNumber: '215',
      mapSheet: '37',
      lotArea: 96.5,
      buildingArea: 80,
      totalFloorArea: 240,
      height: 11.7,
      floors: 3,
      hasBasement: false,
      expectedMonths: 8,
    },
    components: [],
  });
  expect(res.statusCode, res.body).toBe(200);
  id = res.json().id;
  expect((await head.post(`/api/dossiers/${id}/step`, { action: 'assign' })).statusCode).toBe(200);
});
afterAll(() => t.close());

async function upload(agent: Agent): Promise<string> {
  const { body, contentType } = fileUpload('y-kien.pdf', minimalPdf('y kien'), 'application/pdf');
  return (await agent.post('/api/files', body, { 'content-type': contentType })).json().id;
}
const view = async (agent: Agent) => (await agent.get(`/api/dossiers/${id}`)).json();
const count = async (table: string) =>
  (
    await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where dossier_id = ${id}`,
    )
  )[0]!.n;

describe('a parallel consultation', () => {
  it('opens one branch per department, each with its own due date, and parks the appraisal', async () => {
    const before = await view(specialist);
    expect(before.actions.map((a: { key: string }) => a.key)).toContain('request_opinions');
    expect(
      (await specialist.post(`/api/dossiers/${id}/step`, { action: 'request_opinions' })).statusCode,
    ).toBe(
      400, // a comment is required
    );
    const res = await specialist.post(`/api/dossiers/${id}/step`, {
      action: 'request_opinions',
      comment: 'Đề nghị góp ý về quy hoạch và sử dụng đất',
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = await view(specialist);
    expect(v.status).toBe(4);
    expect(v.consultations).toHaveLength(2);
    expect(v.consultations.map((c: { step: string }) => c.step).sort()).toEqual([
      'consult_construction',
      'consult_land',
    ]);
    for (const c of v.consultations) {
      expect(c.answeredAt).toBeNull();
      expect(new Date(c.dueAt).getTime()).toBeGreaterThan(Date.now());
    }
    // The appraisal is parked: no step action for the specialist while the departments are asked.
    expect(v.actions.filter((a: { kind: string }) => a.kind === 'step')).toEqual([]);
    const blocked = await specialist.post(`/api/dossiers/${id}/step`, {
      action: 'submit',
      fileId: await upload(specialist),
    });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('invalid_state');
  });

  it('shows the dossier to each consulted department, with only its own branch to answer', async () => {
    const inbox = (await construction.get('/api/dossiers/inbox')).json();
    expect(inbox.items.map((d: { id: string }) => d.id)).toContain(id);
    const v = await view(construction);
    expect(v.actions.map((a: { key: string }) => a.key)).toEqual(['consult_construction:answer']);
    const own = await view(land);
    expect(own.actions.map((a: { key: string }) => a.key)).toEqual(['consult_land:answer']);
    // A department that was not asked sees nothing and may answer nothing.
    expect((await finance.get(`/api/dossiers/${id}`)).statusCode).toBe(404);
    const refused = await finance.post(`/api/dossiers/${id}/consultations/consult_land`, {
      action: 'answer',
      fileId: await upload(finance),
    });
    expect(refused.statusCode).toBe(404); // as for a dossier that does not exist (issue 10 finding 13)
    // Nor may a department answer the other's branch.
    expect(
      (
        await construction.post(`/api/dossiers/${id}/consultations/consult_land`, {
          action: 'answer',
          fileId: await upload(construction),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('records each answer; a branch answers once; the last answer restarts the appraisal', async () => {
    const events = await count('svc_dossier_events');
    const missing = await construction.post(`/api/dossiers/${id}/consultations/consult_construction`, {
      action: 'answer',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ field: 'body.fileId' })]);
    expect(await count('svc_dossier_events')).toBe(events);

    const first = await construction.post(`/api/dossiers/${id}/consultations/consult_construction`, {
      action: 'answer',
      comment: 'Phù hợp quy hoạch phân khu',
      fileId: await upload(construction),
    });
    expect(first.statusCode, first.body).toBe(200);
    const again = await construction.post(`/api/dossiers/${id}/consultations/consult_construction`, {
      action: 'answer',
      fileId: await upload(construction),
    });
    expect(again.statusCode).toBe(409);
    let v = await view(specialist);
    expect(v.consultations.find((c: { step: string }) => c.step === 'consult_construction')).toMatchObject({
      answerName: 'Gửi văn bản góp ý',
      comment: 'Phù hợp quy hoạch phân khu',
      timeliness: 'early',
    });
    expect(v.actions.filter((a: { kind: string }) => a.kind === 'step')).toEqual([]);

    const last = await land.post(`/api/dossiers/${id}/consultations/consult_land`, {
      action: 'answer',
      fileId: await upload(land),
    });
    expect(last.statusCode, last.body).toBe(200);
    v = await view(specialist);
    expect(v.consultations.every((c: { answeredAt: string | null }) => c.answeredAt !== null)).toBe(true);
    expect(v.actions.map((a: { key: string }) => a.key)).toContain('submit');
    expect(v.timeline.map((e: { action: string }) => e.action).slice(-4)).toEqual([
      'step.request_opinions',
      'consult.answer',
      'consult.answer',
      'consult.joined',
    ]);
    const [row] = await queryRows<{ step_due_at: Date | null; step_key: string }>(
      t.platform.deps.db,
      sql`select step_due_at, step_key from svc_dossiers where id = ${id}`,
    );
    expect(row!.step_key).toBe('appraise');
    expect(row!.step_due_at).not.toBeNull();
    // The departments asked keep read access to what they answered.
    expect((await construction.get(`/api/dossiers/${id}`)).statusCode).toBe(200);
    expect(await count('svc_dossier_files')).toBe(2);
  });
});
