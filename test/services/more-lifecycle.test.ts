import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { draftApologies } from '../../src/server/modules/services/commands/apology.ts';
import { expireSupplements } from '../../src/server/modules/services/commands/expire-supplements.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type OfficeClock, officeHoursClock } from '../helpers/office-clock.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

let t: TestPlatform;
// Pauses deduct working time only: run the clock in office hours whatever the hour of the run.
let clock: OfficeClock;
let centreId: string;
let citizen: Agent;
let desk: Agent;
let specialist: Agent;
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
});
afterAll(async () => {
  await t.close();
  clock.restore();
});

async function submitOnline(): Promise<string> {
  const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
  const fileId = (await citizen.post('/api/files', body, { 'content-type': contentType })).json().id;
  const res = await citizen.post('/api/dossiers', {
    procedureCode: BUILDING_LIKE.code,
    channel: 'online',
    agencyId: centreId,
    applicant: { type: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' },
    formData: { address: 'Số 5 đường Yersin', area: 80 },
    components: [{ componentKey: 'don', fileId }],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
}

async function accepted(): Promise<string> {
  const id = await submitOnline();
  expect((await desk.post(`/api/dossiers/${id}/accept`, {})).statusCode).toBe(200);
  return id;
}

const row = async (id: string) => {
  const [r] = await queryRows<{ status: number; due_at: string | Date; revision: number }>(
    db(),
    sql`select status, due_at, revision from svc_dossiers where id = ${id}`,
  );
  return { ...r!, due_at: new Date(r!.due_at) };
};

describe('counter intake', () => {
  it('is accepted at once with a code and a receipt', async () => {
    const res = await desk.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'counter',
      agencyId: centreId,
      applicant: { type: 'citizen', fullName: 'Trần Văn Bình', idNumber: '074190009876' },
      formData: { address: 'Số 9 đường Bạch Đằng', area: 120 },
      components: [],
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await desk.get(`/api/dossiers/${res.json().id}`)).json();
    expect(view.status).toBe(4);
    expect(view.code).toMatch(/^000\.00\.21\.H29-\d{6}-\d{4}$/);
    expect(view.channel).toBe('counter');
    expect((await desk.get(`/api/dossiers/${view.id}/documents/01`)).statusCode).toBe(200);
  });

  it('is refused to a citizen and to an officer of another agency', async () => {
    const body = {
      procedureCode: BUILDING_LIKE.code,
      channel: 'counter',
      agencyId: centreId,
      applicant: { fullName: 'A B', phone: '0911111111' },
      formData: { address: 'x', area: 1 },
      components: [],
    };
    expect((await citizen.post('/api/dossiers', body)).statusCode).toBe(403);
    expect((await (await t.login('motcua.thudaumot@cqs.demo')).post('/api/dossiers', body)).statusCode).toBe(
      403,
    );
  });
});

describe('apology and extension (form 04)', () => {
  it('drafts an apology once for a dossier about to be late', async () => {
    const id = await accepted();
    await db().execute(sql`update svc_dossiers set due_at = now() + interval '2 hours' where id = ${id}`);
    expect(await draftApologies(db())).toBeGreaterThanOrEqual(1);
    await draftApologies(db());
    const drafts = await queryRows(
      db(),
      sql`select 1 from svc_dossier_events where dossier_id = ${id} and action = 'apology_drafted'`,
    );
    expect(drafts).toHaveLength(1);
  });

  it('moves the due date only through the logged apology, never earlier', async () => {
    const id = await accepted();
    const before = await row(id);
    const earlier = await specialist.post(`/api/dossiers/${id}/apology`, {
      reason: 'Chờ ý kiến chuyên môn',
      newDueAt: new Date(before.due_at.getTime() - 3600_000).toISOString(),
    });
    expect(earlier.statusCode).toBe(400);
    expect((await row(id)).revision).toBe(before.revision);
    const later = new Date(before.due_at.getTime() + 5 * 86400_000);
    const res = await specialist.post(`/api/dossiers/${id}/apology`, {
      reason: 'Chờ ý kiến chuyên môn của Sở NN&MT',
      newDueAt: later.toISOString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await row(id)).due_at.getTime()).toBe(later.getTime());
    const view = (await citizen.get(`/api/dossiers/${id}`)).json();
    expect(view.dueExplanation).toMatch(/gia hạn đến/);
    expect(view.timeline.at(-1).action).toBe('apology');
  });
});

describe('supplement time limit', () => {
  it('closes a dossier whose supplement was not given in time (status 3)', async () => {
    const id = await accepted();
    expect(
      (
        await specialist.post(`/api/dossiers/${id}/request-supplement`, {
          items: [{ name: 'Bản vẽ', reason: 'Thiếu bản vẽ' }],
        })
      ).statusCode,
    ).toBe(200);
    expect(await expireSupplements(db())).toBe(0);
    await db().execute(
      sql`update svc_dossier_events set data = jsonb_set(data, '{deadline}', to_jsonb((now() - interval '1 hour')::text)) where dossier_id = ${id} and action = 'request_supplement'`,
    );
    expect(await expireSupplements(db())).toBe(1);
    expect((await row(id)).status).toBe(3);
    const open = await queryRows(
      db(),
      sql`select 1 from svc_dossier_pauses where dossier_id = ${id} and "to" is null`,
    );
    expect(open).toHaveLength(0);
  });

  it('flags a second supplement request as counting late', async () => {
    const id = await accepted();
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await specialist.post(`/api/dossiers/${id}/request-supplement`, {
            items: [{ name: 'Giấy tờ', reason: `Lần ${i + 1}` }],
          })
        ).statusCode,
      ).toBe(200);
      expect((await citizen.post(`/api/dossiers/${id}/supplement`, {})).statusCode).toBe(200);
    }
    const flags = await queryRows<{ late: boolean }>(
      db(),
      sql`select (data->>'countsAsLate')::boolean as late from svc_dossier_events where dossier_id = ${id} and action = 'request_supplement' order by id`,
    );
    expect(flags.map((f) => f.late)).toEqual([false, true]);
  });
});

describe('submission with files', () => {
  it("refuses a file that is not the applicant's, or already belongs to a dossier, and writes nothing", async () => {
    const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
    const othersFile = (await desk.post('/api/files', body, { 'content-type': contentType })).json().id;
    const usedId = await submitOnline();
    const [used] = await queryRows<{ file_id: string }>(
      db(),
      sql`select file_id from svc_dossier_files where dossier_id = ${usedId}`,
    );
    // Nothing of the refused submission stays: not the dossier, nor its statistics, audit or outbox rows.
    const count = async () =>
      (
        await queryRows<{ n: string }>(
          db(),
          sql`select (select count(*) from svc_dossiers) || '/' || (select count(*) from stats_dossier_facts)
            || '/' || (select count(*) from audit_log)
            || '/' || (select count(*) from outbox_events) || '/' || (select count(*) from svc_dossier_files) as n`,
        )
      )[0]!.n;
    const before = await count();
    for (const fileId of [othersFile, used!.file_id]) {
      const res = await citizen.post('/api/dossiers', {
        procedureCode: BUILDING_LIKE.code,
        channel: 'online',
        agencyId: centreId,
        applicant: { type: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' },
        formData: { address: 'Số 5 đường Yersin', area: 80 },
        components: [{ componentKey: 'don', fileId }],
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([expect.objectContaining({ field: 'body.components' })]);
    }
    expect(await count()).toBe(before);
    const [other] = await queryRows<{ resource_id: string | null }>(
      db(),
      sql`select resource_id from files where id = ${othersFile}`,
    );
    expect(other!.resource_id).toBeNull();
  });
});

describe('financial obligation (status 6)', () => {
  it('pauses the clock until the payment is confirmed', async () => {
    const id = await accepted();
    const before = await row(id);
    const req = await specialist.post(`/api/dossiers/${id}/request-payment`, {
      amount: 1_250_000,
      description: 'Lệ phí trước bạ',
    });
    expect(req.statusCode, req.body).toBe(200);
    expect((await row(id)).status).toBe(6);
    expect(
      (await specialist.post(`/api/dossiers/${id}/request-payment`, { amount: 1.5, description: 'x y z' }))
        .statusCode,
    ).toBe(400);
    clock.advance(20 * 60_000); // twenty working minutes of payment
    // The desk of another agency cannot confirm it; the processing specialist can.
    expect((await desk.post(`/api/dossiers/${id}/confirm-payment`, { method: 'counter' })).statusCode).toBe(
      403,
    );
    const ok = await specialist.post(`/api/dossiers/${id}/confirm-payment`, {
      method: 'bank_transfer',
      reference: 'FT26330123',
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const after = await row(id);
    expect(after.status).toBe(4);
    expect(after.due_at.getTime()).toBeGreaterThan(before.due_at.getTime());
  });
});

describe('ratings, register and bulk actions', () => {
  it('lets only the applicant rate, once, after the result', async () => {
    const id = await accepted();
    expect((await citizen.post(`/api/dossiers/${id}/rating`, { score: 5 })).statusCode).toBe(409);
    await db().execute(sql`update svc_dossiers set status = 10 where id = ${id}`);
    expect((await specialist.post(`/api/dossiers/${id}/rating`, { score: 5 })).statusCode).toBe(404);
    expect((await citizen.post(`/api/dossiers/${id}/rating`, { score: 6 })).statusCode).toBe(400);
    const criteria = { total_time: 2, staff_attitude: 2, overall: 1 };
    expect((await citizen.post(`/api/dossiers/${id}/rating`, { score: 4, criteria })).statusCode).toBe(200);
    expect((await citizen.post(`/api/dossiers/${id}/rating`, { score: 4 })).statusCode).toBe(409);
  });

  it('exports the register as CSV with Vietnamese headers and as PDF', async () => {
    const id = await accepted();
    const [{ code }] = (await queryRows<{ code: string }>(
      db(),
      sql`select code from svc_dossiers where id = ${id}`,
    )) as [{ code: string }];
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const csv = await desk.get(`/api/register?from=${today}&to=${today}&format=csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('"Mã hồ sơ"');
    expect(csv.body).toContain(code);
    const json = (await desk.get(`/api/register?from=${today}&to=${today}`)).json();
    expect(json.items.some((e: { code: string }) => e.code === code)).toBe(true);
    // An official of an unrelated commune sees none of the centre's dossiers.
    const other = (
      await (await t.login('motcua.thudaumot@cqs.demo')).get(`/api/register?from=${today}&to=${today}`)
    ).json();
    expect(other.items.some((e: { code: string }) => e.code === code)).toBe(false);
    const pdf = await desk.get(`/api/register?from=${today}&to=${today}&format=pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('accepts several dossiers at once and reports each failure', async () => {
    const a = await submitOnline();
    const b = await submitOnline();
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await desk.post('/api/dossiers/bulk/accept', { ids: [a, b, missing] });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .done.map((d: { id: string }) => d.id)
        .sort(),
    ).toEqual([a, b].sort());
    expect(res.json().failed).toEqual([{ id: missing, code: 'not_found', message: expect.any(String) }]);
  });
});
