import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from './fixtures.ts';

let t: TestPlatform;
let centreId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  const db = t.platform.deps.db;
  [{ id: centreId }] = (await queryRows<{ id: string }>(
    db,
    sql`select id from id_agencies where code = '000.00.30.H29'`,
  )) as [{ id: string }];
  const roles = (await queryRows<{ code: string }>(db, sql`select code from id_roles`)).map((r) => r.code);
  await db.transaction((tx) =>
    publishProcedure(
      tx,
      systemContext('test'),
      { definition: BUILDING_LIKE, agencies: [{ agencyId: centreId, serviceLevel: 'full' }] },
      roles,
    ),
  );
});
afterAll(() => t.close());

describe('ending a paused dossier', () => {
  it('closes the open supplement pause when processing stops', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const res = await desk.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'counter',
      agencyId: centreId,
      applicant: { fullName: 'Đinh Văn Rút', phone: '0977000111' },
      formData: { address: 'Số 3', area: 40 },
      components: [],
    });
    const id = res.json().id as string;
    expect(
      (
        await specialist.post(`/api/dossiers/${id}/request-supplement`, {
          items: [{ name: 'Bản vẽ', reason: 'Thiếu' }],
        })
      ).statusCode,
    ).toBe(200);
    const leader = await t.login('lanhdao.xaydung@cqs.demo');
    const stopped = await leader.post(`/api/dossiers/${id}/stop`, {
      reasons: ['Công trình không thuộc diện cấp phép'],
    });
    expect(stopped.statusCode, stopped.body).toBe(200);
    const open = await queryRows(
      t.platform.deps.db,
      sql`select 1 from svc_dossier_pauses where dossier_id = ${id} and "to" is null`,
    );
    expect(open).toHaveLength(0);
  });

  it('prints the issuing agency on the register PDF, not the officer', async () => {
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const pdf = await desk.get(`/api/register?from=${today}&to=${today}&format=pdf`);
    const text = (await pdfPages(pdf.rawPayload)).join(' ').replace(/\s+/g, ' ');
    expect(text.toUpperCase()).toContain('TRUNG TÂM PHỤC VỤ');
    expect(text).not.toContain('Lê Hoàng Nam');
  });
});
