// Webhooks fed from the outbox, delivered to a real local receiver that injects faults (5xx, timeouts
// and connection resets after applying): no event lost, none applied twice, the log and replay work.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { emit } from '../../src/server/platform/events/index.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let admin: Agent;
let receiver: WebhookReceiver;
let other: WebhookReceiver;
const paths: Record<string, string> = {};
const ids: Record<string, string> = {};

beforeAll(async () => {
  receiver = await startWebhookReceiver(3, 1_500);
  other = await startWebhookReceiver(4, 1_500);
  t = await startTestPlatform({
    // the receivers listen on loopback: allowed explicitly, as for a local contract server
    env: { WEBHOOK_TIMEOUT_MS: '300', OUTBOUND_ALLOW: '127.0.0.1' },
  });
  admin = await t.login('admin@cqs.demo');
  const rows = await queryRows<{ code: string; id: string; path: string }>(
    t.platform.deps.db,
    sql`select code, id, path from id_agencies where code in ('000.00.21.H29', '000.00.22.H29')`,
  );
  for (const r of rows) {
    paths[r.code] = r.path;
    ids[r.code] = r.id;
  }
}, 60_000);
afterAll(async () => {
  await t.close();
  await receiver.close();
  await other.close();
});

async function drain(maxRounds = 80) {
  const { bus, jobs, db } = t.platform.deps;
  for (let i = 0; i < maxRounds; i++) {
    await bus.kick();
    await jobs.tick();
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where queue = 'integration.webhook_delivery' and status in ('pending', 'running')`,
    );
    if (left!.n === 0) return;
    await db.execute(sql`update jobs set run_at = now() where status = 'pending'`);
  }
  throw new Error('deliveries did not settle');
}

async function makeClient(name: string, agencyCode: string, url: string, r: WebhookReceiver) {
  const c = await admin.post('/api/admin/api-clients', {
    name,
    agencyId: ids[agencyCode],
    scopes: ['dossiers:read'],
  });
  expect(c.statusCode, c.body).toBe(200);
  const sub = await admin.post(`/api/admin/api-clients/${c.json().id}/webhooks`, {
    url,
    eventTypes: ['dossier.status_changed', 'dossier.changed'],
  });
  expect(sub.statusCode, sub.body).toBe(200);
  expect(sub.json().signingSecret).toMatch(/^whsec_/);
  r.setSecret(sub.json().signingSecret);
  return { clientId: c.json().id as string, subscriptionId: sub.json().id as string };
}

/** A dossier change as transition.ts emits it, through the real outbox. */
async function dossierChanged(n: number, agencyPath: string, statusChange: boolean) {
  await t.platform.deps.db.transaction(async (tx) => {
    await emit(tx, {
      type: 'services.dossier_changed',
      aggregateType: 'dossier',
      aggregateId: '00000000-0000-4000-8000-000000000001',
      payload: {
        code: `000.00.21.H29-261126-${String(n).padStart(4, '0')}`,
        status: statusChange ? 9 : 4,
        fromStatus: 4,
        action: statusChange ? 'step' : 'assign',
        revision: n,
      },
      audience: { agencyPaths: [agencyPath] },
    });
  });
}

describe('webhooks', () => {
  let subscriptionId: string;

  it('rejects a non-http URL and an unknown event type, naming the field', async () => {
    const c = await admin.post('/api/admin/api-clients', {
      name: 'Sai cấu hình',
      agencyId: ids['000.00.21.H29'],
      scopes: ['dossiers:read'],
    });
    const bad = await admin.post(`/api/admin/api-clients/${c.json().id}/webhooks`, {
      url: 'ftp://x.example/hook',
      eventTypes: ['dossier.deleted'],
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields.map((f: { field: string }) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['body.url', 'body.eventTypes.0']));
  });

  it('delivers 120 events through 5xx, timeouts and resets: each applied exactly once, only to its agency', async () => {
    ({ subscriptionId } = await makeClient('Hệ thống Sở Xây dựng', '000.00.21.H29', receiver.url, receiver));
    await makeClient('Hệ thống Sở NN&MT', '000.00.22.H29', other.url, other);
    receiver.setRates({ server_error: 0.15, timeout: 0.1, reset: 0.1 });
    for (let n = 1; n <= 120; n++) await dossierChanged(n, paths['000.00.21.H29']!, n % 3 === 0);
    await drain();
    receiver.setRates({});
    // 120 "changed" events and 40 "status changed" ones, each id applied once.
    expect(receiver.applied.size).toBe(160);
    expect([...receiver.applied.values()].every((n) => n === 1)).toBe(true);
    const statusEvents = [...receiver.bodies.values()].filter((b) => b.type === 'dossier.status_changed');
    expect(statusEvents).toHaveLength(40);
    expect(statusEvents.every((b) => b.data.status === 9 && b.data.previousStatus === 4)).toBe(true);
    // The faults happened, and lost answers came back as repeats the receiver ignored.
    expect(receiver.faultsInjected.server_error).toBeGreaterThan(0);
    expect(receiver.faultsInjected.timeout).toBeGreaterThan(0);
    expect(receiver.faultsInjected.reset).toBeGreaterThan(0);
    expect(receiver.duplicates).toBeGreaterThanOrEqual(
      receiver.faultsInjected.timeout + receiver.faultsInjected.reset,
    );
    expect(receiver.badSignatures).toBe(0);
    // The other agency's client heard nothing.
    expect(other.applied.size).toBe(0);
    const [counts] = await queryRows<{ delivered: number; other: number }>(
      t.platform.deps.db,
      sql`select count(*) filter (where status = 'delivered')::int as delivered,
                 count(*) filter (where status <> 'delivered')::int as other
          from int_webhook_deliveries where subscription_id = ${subscriptionId}`,
    );
    expect(counts).toEqual({ delivered: 160, other: 0 });
  }, 60_000);

  it('an event dispatched twice by the outbox is still one delivery', async () => {
    const { db } = t.platform.deps;
    await db.execute(
      sql`update outbox_events set dispatched_at = null where id = (select max(id) from outbox_events)`,
    );
    const before = receiver.applied.size;
    await drain();
    expect(receiver.applied.size).toBe(before);
  });

  it('the delivery log shows attempts; replay sends the same event id, which the receiver ignores', async () => {
    const log = (await admin.get(`/api/admin/webhooks/deliveries?status=delivered&limit=200`)).json();
    const retried = log.items.find((d: { attempts: number }) => d.attempts > 1);
    expect(retried).toBeDefined();
    const duplicates = receiver.duplicates;
    const res = await admin.post(`/api/admin/webhooks/deliveries/${retried.id}/replay`);
    expect(res.statusCode, res.body).toBe(200);
    await drain();
    expect(receiver.duplicates).toBe(duplicates + 1);
    expect(receiver.applied.get(retried.eventId)).toBe(1);
    const [audited] = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'webhook.replay' and target_id = ${String(retried.id)}`,
    );
    expect(audited!.n).toBe(1);
  });

  it('a receiver down for good: the delivery ends failed after its attempts, then replay delivers it', async () => {
    receiver.down(true);
    await dossierChanged(500, paths['000.00.21.H29']!, false);
    await drain();
    const failed = (await admin.get('/api/admin/webhooks/deliveries?status=failed')).json().items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 10, lastStatusCode: 500, lastError: 'HTTP 500' });
    receiver.down(false);
    await admin.post(`/api/admin/webhooks/deliveries/${failed[0].id}/replay`);
    await drain();
    expect(receiver.applied.has(failed[0].eventId)).toBe(true);
    expect((await admin.get('/api/admin/webhooks/deliveries?status=failed')).json().items).toHaveLength(0);
  });

  it('no deliveries to a stopped webhook or a revoked client', async () => {
    const res = await admin.delete(`/api/admin/webhooks/${subscriptionId}`);
    expect(res.statusCode).toBe(200);
    const before = receiver.applied.size;
    await dossierChanged(600, paths['000.00.21.H29']!, true);
    await drain();
    expect(receiver.applied.size).toBe(before);
  });
});
