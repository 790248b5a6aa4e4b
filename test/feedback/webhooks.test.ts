// feedback.* events reach API clients' webhooks through the outbox and a real local receiver: the city's
// client hears of a new report, the ward's client once the report is routed to its People's Committee,
// another ward's client and a client without the feedback scope never; no delivered body holds the
// reporter's contact or the words they wrote.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { THU_DAU_MOT } from './fixtures.ts';

let t: TestPlatform;
let admin: Agent;
let operator: Agent;
const receivers: Record<'city' | 'ward' | 'otherWard' | 'dossiersOnly', WebhookReceiver> = {} as never;
const agencyOf: Record<string, string> = {};

const PHONE = '0987654321';
const EMAIL = 'nguoi.gui@example.vn';
const NAME = 'Trần Thị Bích';
const WORDS = 'Cống bị tắc bốc mùi trước cổng chợ';

beforeAll(async () => {
  for (const [i, k] of (['city', 'ward', 'otherWard', 'dossiersOnly'] as const).entries())
    receivers[k] = await startWebhookReceiver(11 + i);
  t = await startTestPlatform({ env: { WEBHOOK_TIMEOUT_MS: '1000', OUTBOUND_ALLOW: '127.0.0.1' } });
  admin = await t.login('admin@cqs.demo');
  operator = await t.login('dieuhanh@cqs.demo');
  const rows = await queryRows<{ key: string; id: string }>(
    t.platform.deps.db,
    sql`(select 'city' as key, id from id_agencies where parent_id is null order by path limit 1)
        union all (select 'ward', id from id_agencies where name = 'Ủy ban nhân dân Phường Thủ Dầu Một')
        union all (select 'otherWard', id from id_agencies where name like 'Ủy ban nhân dân Phường %'
                   and name <> 'Ủy ban nhân dân Phường Thủ Dầu Một' order by path limit 1)`,
  );
  for (const r of rows) agencyOf[r.key] = r.id;
  agencyOf.dossiersOnly = agencyOf.city!;
}, 60_000);
afterAll(async () => {
  await t?.close();
  for (const r of Object.values(receivers)) await r.close();
});

async function drain(maxRounds = 60) {
  const { bus, jobs, db } = t.platform.deps;
  for (let i = 0; i < maxRounds; i++) {
    await bus.kick();
    await jobs.tick();
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where queue = 'integration.webhook_delivery' and status in ('pending', 'running')`,
    );
    const [undispatched] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox_events where dispatched_at is null`,
    );
    if (left!.n === 0 && undispatched!.n === 0) return;
  }
  throw new Error('deliveries did not settle');
}

const events = (r: WebhookReceiver) => [...r.bodies.values()];
const ofReport = (r: WebhookReceiver, code: string) => events(r).filter((e) => e.data.code === code);

describe('feedback webhooks', () => {
  let code: string;

  it('offers the feedback scope and event types, and refuses an unknown event type', async () => {
    const list = await admin.get('/api/admin/api-clients');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().scopes).toContain('feedback:read');
    expect(list.json().eventTypes).toEqual(
      expect.arrayContaining(['feedback.submitted', 'feedback.changed', 'feedback.status_changed']),
    );
    for (const key of Object.keys(receivers) as (keyof typeof receivers)[]) {
      const c = await admin.post('/api/admin/api-clients', {
        name: `Phản ánh ${key}`,
        agencyId: agencyOf[key],
        scopes: key === 'dossiersOnly' ? ['dossiers:read'] : ['feedback:read'],
      });
      expect(c.statusCode, c.body).toBe(200);
      if (key === 'city') {
        const bad = await admin.post(`/api/admin/api-clients/${c.json().id}/webhooks`, {
          url: receivers[key].url,
          eventTypes: ['feedback.deleted'],
        });
        expect(bad.statusCode).toBe(400);
        expect(bad.body).toContain('eventTypes');
      }
      const sub = await admin.post(`/api/admin/api-clients/${c.json().id}/webhooks`, {
        url: receivers[key].url,
        eventTypes: ['feedback.submitted', 'feedback.changed', 'feedback.status_changed'],
      });
      expect(sub.statusCode, sub.body).toBe(200);
      receivers[key].setSecret(sub.json().signingSecret);
    }
  });

  it("tells the city's client of a new report, signed, without the reporter's contact or words", async () => {
    const res = await t.client().post('/api/feedback/reports', {
      categoryCode: 'thoat-nuoc-ngap',
      description: `${WORDS}, gọi ${PHONE} hoặc chị ${NAME}`,
      lat: THU_DAU_MOT.lat,
      lng: THU_DAU_MOT.lng + 0.0004,
      contact: { name: NAME, phone: PHONE, email: EMAIL },
    });
    expect(res.statusCode, res.body).toBe(200);
    code = res.json().code;
    await drain();
    const city = ofReport(receivers.city, code);
    expect(city.map((e) => e.type).sort()).toEqual(['feedback.changed', 'feedback.submitted']);
    const submitted = city.find((e) => e.type === 'feedback.submitted')!;
    expect(submitted.data).toMatchObject({
      code,
      status: 'submitted',
      open311Status: 'open',
      category: 'thoat-nuoc-ngap',
      commune: '25747',
      agencyCode: null,
    });
    expect(receivers.city.badSignatures).toBe(0);
    // Not routed yet: no ward hears of it.
    expect(ofReport(receivers.ward, code)).toEqual([]);
  });

  it("tells the ward's client once the report is routed to its People's Committee, and no one else", async () => {
    const routed = await operator.post(`/api/feedback/manage/${code}/route`, {});
    expect(routed.statusCode, routed.body).toBe(200);
    await drain();
    const ward = ofReport(receivers.ward, code);
    expect(ward.map((e) => e.type).sort()).toEqual(['feedback.changed', 'feedback.status_changed']);
    const change = ward.find((e) => e.type === 'feedback.status_changed')!;
    expect(change.data).toMatchObject({
      code,
      status: 'routed',
      previousStatus: 'submitted',
      action: 'route',
    });
    expect(change.data.agencyCode).toEqual(expect.any(String));
    expect(change.data.dueAt).toEqual(expect.any(String));
    // The city's client covers the ward too.
    expect(ofReport(receivers.city, code).filter((e) => e.type === 'feedback.status_changed')).toHaveLength(
      1,
    );
    expect(ofReport(receivers.otherWard, code)).toEqual([]);
    expect(events(receivers.dossiersOnly)).toEqual([]);
  });

  it('never delivers contact data or the words the reporter wrote', async () => {
    const all = JSON.stringify(Object.values(receivers).flatMap(events));
    expect(all.length).toBeGreaterThan(100);
    for (const secret of [PHONE, EMAIL, NAME, WORDS, 'gọi']) expect(all).not.toContain(secret);
  });
});
