// Incremental maintenance agrees with a rebuild from the raw history, after a random sequence of
// lifecycle events driven through the real API (submissions online and at the counter, acceptance,
// refusal, supplements, payments, workflow steps, hand-over, withdrawal, stop, ratings).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { applyGatewayResult } from '../../src/server/modules/payments/commands/apply-gateway-result.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/server/platform/context.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { publishProcedure } from '../../src/server/modules/services/index.ts';
import { foldDeltas, rebuildStats, rollupSnapshot } from '../../src/server/modules/stats/maintain.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from '../services/fixtures.ts';

let t: TestPlatform;
let centreId: string;
const db = () => t.platform.deps.db;

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
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
});
afterAll(() => t.close());

async function upload(agent: Agent) {
  const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
  const res = await agent.post('/api/files', body, { 'content-type': contentType });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

const applicant = {
  type: 'citizen',
  fullName: 'Nguyễn Thị Hồng Nhung',
  phone: '0912345678',
  idNumber: '074190001234',
};

/** Facts as stored, comparable across a rebuild. */
const facts = () =>
  queryRows<Record<string, unknown>>(db(), sql`select * from stats_dossier_facts order by dossier_id`);

describe('incremental maintenance and rebuild agree', () => {
  it('after a random sequence of lifecycle events through the API', async () => {
    const citizen = await t.login('congdan@cqs.demo');
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const leader = await t.login('lanhdao.xaydung@cqs.demo');
    const random = prng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const ids: { id: string; online: boolean }[] = [];
    const status = async (id: string) =>
      (
        await queryRows<{ status: number; step_key: string | null; at_desk: boolean }>(
          db(),
          sql`select status, step_key, holder_agency_id = ${centreId}::uuid as at_desk from svc_dossiers where id = ${id}`,
        )
      )[0]!;
    const ok = (res: { statusCode: number; body: string }, what: string) =>
      expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
    let actions = 0;
    for (let i = 0; i < 2000 && actions < 200; i++) {
      if (ids.length < 4 || (ids.length < 30 && random() < 0.2)) {
        const online = random() < 0.6;
        const agent = online ? citizen : desk;
        const fileId = await upload(agent);
        const res = await agent.post('/api/dossiers', {
          procedureCode: BUILDING_LIKE.code,
          channel: online ? 'online' : 'counter',
          agencyId: centreId,
          applicant,
          formData: { address: '12 Đường 30/4, phường Thủ Dầu Một', area: 96.5, floors: 3 },
          components: [{ componentKey: 'don', fileId }],
        });
        ok(res, 'submit');
        ids.push({ id: res.json().id, online });
        actions++;
        continue;
      }
      const d = pick(ids);
      const s = await status(d.id);
      let last = '';
      const post = (agent: Agent, path: string, body: Record<string, unknown> = {}) => {
        last = `${path} from ${s.status}/${s.step_key}`;
        return agent.post(`/api/dossiers/${d.id}/${path}`, body);
      };
      const options: (() => Promise<{ statusCode: number; body: string }>)[] = [];
      if (s.status === 1) {
        for (let k = 0; k < 5; k++) options.push(() => post(desk, 'accept'));
        options.push(() => post(desk, 'refuse', { reasons: ['Không thuộc thẩm quyền'] }));
        options.push(() =>
          post(desk, 'request-supplement', { items: [{ name: 'Bản vẽ', reason: 'Thiếu bản vẽ' }] }),
        );
        if (d.online) options.push(() => post(citizen, 'withdraw', {}));
      }
      if (s.status === 4 && s.step_key === 'appraise') {
        for (let k = 0; k < 5; k++) options.push(() => post(specialist, 'step', { action: 'to_approve' }));
        for (let k = 0; k < (d.online ? 3 : 1); k++)
          options.push(() =>
            post(specialist, 'request-supplement', {
              items: [{ name: 'Bản vẽ', reason: 'Thiếu bản vẽ mặt cắt' }],
            }),
          );
        options.push(() => post(specialist, 'request-payment', { amount: 75_000, description: 'Lệ phí' }));
        if (random() < 0.5) options.push(() => post(leader, 'stop', { reasons: ['Không đủ điều kiện'] }));
      }
      if (s.status === 4 && s.step_key === 'approve')
        options.push(() => post(leader, 'step', { action: 'approve' }));
      if (s.status === 4 && s.step_key === 'issue')
        options.push(async () =>
          post(specialist, 'step', { action: 'issue', fileId: await upload(specialist) }),
        );
      if (s.status === 4 && d.online && random() < 0.3)
        options.push(() => post(citizen, 'withdraw', { reason: 'Công dân rút' }));
      if (s.status === 5) {
        const answerer = d.online ? citizen : s.at_desk ? desk : null;
        for (let k = 0; answerer && k < 4; k++)
          options.push(() => post(answerer, 'supplement', { note: 'Đã bổ sung' }));
        if (!s.at_desk) options.push(() => post(leader, 'stop', { reasons: ['Quá thời hạn bổ sung'] }));
      }
      if (s.status === 6)
        options.push(
          () => post(specialist, 'confirm-payment', { method: 'counter' }),
          // Paid online: the gateway's verified notice for the open request (what the IPN route applies).
          async () => {
            last = `gateway payment from ${s.status}`;
            const [open] = await queryRows<{ reference: string; amount: number }>(
              db(),
              sql`select reference, amount from pay_requests where dossier_id = ${d.id} and status = 'pending'`,
            );
            const outcome = await applyGatewayResult(
              db(),
              {
                reference: open!.reference,
                transactionId: randomUUID(),
                amount: Number(open!.amount),
                status: 'paid',
                paidAt: new Date().toISOString(),
              },
              'ipn',
              {},
            );
            return { statusCode: outcome === 'applied' ? 200 : 500, body: outcome };
          },
        );
      if (s.status === 9)
        options.push(() => post(desk, 'hand-over', { method: pick(['counter', 'electronic'] as const) }));
      if ((s.status === 9 || s.status === 10) && d.online)
        for (let k = 0; k < 3; k++)
          options.push(() => post(citizen, 'rating', { score: 1 + Math.floor(random() * 5) }));
      if (options.length === 0) continue;
      const res = await pick(options)();
      // A second rating is refused (409): the sequence stays valid either way.
      if (res.statusCode !== 409) ok(res, last);
      actions++;
      if (random() < 0.15) await foldDeltas(db());
    }
    expect(actions).toBe(200);
    const spread = await queryRows<{ status: number }>(
      db(),
      sql`select distinct status from svc_dossiers order by 1`,
    );
    expect(spread.length).toBeGreaterThanOrEqual(5);
    const [mix] = await queryRows<Record<string, number>>(
      db(),
      sql`select (select count(*)::int from svc_ratings) as ratings,
        (select count(*)::int from svc_dossiers where supplement_count > 1) as multi,
        (select count(*)::int from svc_dossier_events where action = 'confirm_payment' and data->>'method' = 'online') as paid,
        (select count(*)::int from svc_dossiers where status = 10) as returned`,
    );
    // The sequence reached every kind of change the read model counts.
    expect(mix).toMatchObject({ ratings: expect.any(Number) });
    expect(mix!.ratings).toBeGreaterThan(0);
    expect(mix!.multi).toBeGreaterThan(0);
    expect(mix!.paid).toBeGreaterThan(0);
    expect(mix!.returned).toBeGreaterThan(0);

    const incrementalFacts = await facts();
    const incrementalRollup = await rollupSnapshot(db());
    const overviewBefore = (
      await (await t.login('lanhdao.ubnd@cqs.demo')).get('/api/stats/overview?period=2026')
    ).json();
    expect(incrementalFacts.length).toBe(ids.length);

    const rebuilt = await rebuildStats(db());
    expect(rebuilt.dossiers).toBe(ids.length);
    expect(await facts()).toEqual(incrementalFacts);
    expect(await rollupSnapshot(db())).toEqual(incrementalRollup);
    const overviewAfter = (
      await (await t.login('lanhdao.ubnd@cqs.demo')).get('/api/stats/overview?period=2026')
    ).json();
    expect(overviewAfter).toEqual(overviewBefore);
    expect(
      overviewAfter.counts.receivedNew +
        overviewAfter.counts.pending +
        overviewAfter.counts.refused +
        overviewAfter.counts.cancelled,
    ).toBe(ids.length);
  }, 120_000);
});

describe('supplements that make a dossier late (issue 11 item 15)', () => {
  it('a request at intake is guidance before acceptance: only a second request while processing counts', async () => {
    const citizen = await t.login('congdan@cqs.demo');
    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const res = await citizen.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'online',
      agencyId: centreId,
      applicant,
      formData: { address: '3 Đường 30/4, phường Thủ Dầu Một', area: 70, floors: 2 },
      components: [{ componentKey: 'don', fileId: await upload(citizen) }],
    });
    const id = res.json().id as string;
    const step = async (agent: Agent, path: string, body: Record<string, unknown> = {}) => {
      const r = await agent.post(`/api/dossiers/${id}/${path}`, body);
      expect(r.statusCode, `${path}: ${r.body}`).toBe(200);
    };
    const multi = async () =>
      (
        await queryRows<{ multi_supplement: boolean }>(
          db(),
          sql`select multi_supplement from stats_dossier_facts where dossier_id = ${id}`,
        )
      )[0]!.multi_supplement;
    const items = [{ name: 'Bản vẽ', reason: 'Thiếu bản vẽ' }];
    await step(desk, 'request-supplement', { items }); // at intake, before acceptance
    await step(citizen, 'supplement', { note: 'Đã bổ sung' });
    await step(desk, 'accept');
    await step(specialist, 'request-supplement', { items });
    await step(citizen, 'supplement', { note: 'Đã bổ sung lần hai' });
    expect(await multi()).toBe(false);
    await step(specialist, 'request-supplement', { items });
    expect(await multi()).toBe(true);
  });
});
