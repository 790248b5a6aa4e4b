// DVCQG sync against the in-repo contract server, under injected faults: nothing lost, nothing applied
// twice, the portal's final state equal to ours; reconciliation finds a dossier the portal dropped.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { generateDossiers } from '../../src/server/modules/services/generator/index.ts';
import { loadDossierRecords, publishProcedure } from '../../src/server/modules/services/index.ts';
import { systemContext } from '../../src/server/platform/context.ts';
import {
  type ContractServer,
  startContractServer,
} from '../../src/server/modules/integration/dvcqg/contract-server.ts';
import { toNationalDossier } from '../../src/server/modules/integration/dvcqg/payload.ts';
import { requeueStalePending } from '../../src/server/modules/integration/dvcqg/sync.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { BUILDING_LIKE } from '../services/fixtures.ts';

let portal: ContractServer;
let t: TestPlatform;
let admin: Agent;
const UNTIL = new Date('2026-11-01T00:00:00+07:00');

beforeAll(async () => {
  portal = await startContractServer({ seed: 11, hangMs: 5_000 });
  t = await startTestPlatform({
    env: {
      DVCQG_URL: portal.url,
      DVCQG_CLIENT_ID: portal.clientId,
      DVCQG_CLIENT_SECRET: portal.clientSecret,
      DVCQG_TIMEOUT_MS: '1000',
      OUTBOUND_ALLOW: '127.0.0.1', // the department's webhook receiver runs here
    },
  });
  admin = await t.login('admin@cqs.demo');
}, 60_000);
afterAll(async () => {
  await t.close();
  await portal.close();
});

/** Runs the outbox and the job queue until no sync job is left, skipping backoff waits. */
async function drain(maxRounds = 60) {
  const { bus, jobs, db } = t.platform.deps;
  for (let i = 0; i < maxRounds; i++) {
    await bus.kick();
    await jobs.tick();
    const [left] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from jobs where queue like 'integration.%' and status in ('pending', 'running')`,
    );
    const [events] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox_events where dispatched_at is null`,
    );
    if (left!.n === 0 && events!.n === 0) return i;
    // Fast-forward the backoff: the retry is due now.
    await db.execute(sql`update jobs set run_at = now() where status = 'pending'`);
    await db.execute(sql`update outbox_events set next_attempt_at = now() where dispatched_at is null`);
  }
  throw new Error('sync did not settle');
}

const syncRows = () =>
  queryRows<{
    dossier_id: string;
    code: string;
    state: string;
    revision: number;
    sent_revision: number | null;
    last_error: string | null;
  }>(t.platform.deps.db, sql`select * from int_dvcqg_sync order by code`);

/** Every synced dossier: the portal holds exactly our current record, at our revision. */
async function expectPortalEqualsLocal() {
  const rows = await syncRows();
  const records = await loadDossierRecords(
    t.platform.deps.db,
    rows.map((r) => r.dossier_id),
  );
  for (const r of records) {
    const remote = portal.dossiers.get(r.dossier.code!);
    expect(remote, r.dossier.code!).toBeDefined();
    expect(remote!.revision).toBe(r.dossier.revision);
    expect(remote!.record).toEqual(toNationalDossier(r, t.platform.deps.config.publicUrl));
  }
  const applied = portal.applied.map((a) => `${a.code}@${a.revision}`);
  expect(new Set(applied).size, 'a revision applied twice').toBe(applied.length);
}

describe('DVCQG sync of the dossier history', () => {
  it('sends 150 generated dossiers through timeouts, 5xx, resets and duplicate acks: all synced, once', async () => {
    await generateDossiers(t.platform.deps.db, { count: 150, seed: 5, until: UNTIL });
    const [{ coded }] = (await queryRows<{ coded: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as coded from svc_dossiers where code is not null`,
    )) as [{ coded: number }];
    expect(coded).toBeGreaterThan(100);
    portal.setRates({ timeout: 0.1, server_error: 0.1, reset: 0.1, duplicate_ack: 0.05 });
    // The history never went through the outbox: a reconciliation over the whole window finds it all missing.
    const res = await admin.post('/api/admin/dvcqg/reconcile', { from: '2024-10-01', to: '2026-11-01' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().localCount).toBe(coded);
    expect(res.json().remoteCount).toBe(0);
    expect(res.json().missing).toHaveLength(coded);
    await drain();
    portal.setRates({});
    // Every kind of fault happened, and the lost acknowledgements came back as duplicates.
    for (const f of ['timeout', 'server_error', 'reset', 'duplicate_ack'])
      expect(portal.counts[`fault:${f}`] ?? 0, f).toBeGreaterThan(0);
    expect(portal.counts.duplicate ?? 0).toBeGreaterThanOrEqual(
      (portal.counts['fault:timeout'] ?? 0) + (portal.counts['fault:reset'] ?? 0),
    );
    const rows = await syncRows();
    expect(rows).toHaveLength(coded);
    expect(rows.filter((r) => r.state !== 'synced').map((r) => `${r.code}: ${r.last_error}`)).toEqual([]);
    expect(portal.dossiers.size).toBe(coded);
    await expectPortalEqualsLocal();
    const status = (await admin.get('/api/admin/dvcqg/sync?state=synced&limit=5')).json();
    expect(status.counts).toEqual({ pending: 0, synced: coded, failed: 0 });
    // The 766 sync coverage sees them: every received dossier the portal holds counts as synced.
    const [cover] = await queryRows<{ synced: number; missed: number }>(
      t.platform.deps.db,
      sql`select count(*) filter (where f.synced)::int as synced,
            count(*) filter (where not f.synced and f.grp in ('in_progress', 'paused', 'stopped', 'withdrawn', 'finished'))::int as missed
          from int_dvcqg_sync s join stats_dossier_facts f on f.dossier_id = s.dossier_id`,
    );
    expect(cover!.missed).toBe(0);
    expect(cover!.synced).toBeGreaterThan(100);
  }, 120_000);

  it('a pending dossier left without a job (a change that raced a finishing job) gets one again', async () => {
    const { db } = t.platform.deps;
    const [row] = await queryRows<{ dossier_id: string }>(
      db,
      sql`select dossier_id from int_dvcqg_sync limit 1`,
    );
    await db.execute(
      sql`update int_dvcqg_sync set state = 'pending', updated_at = now() - interval '5 minutes' where dossier_id = ${row!.dossier_id}`,
    );
    expect(await requeueStalePending(db)).toBe(1);
    expect(await requeueStalePending(db)).toBe(0); // its job is queued now
    await drain();
    const [after] = await queryRows<{ state: string }>(
      db,
      sql`select state from int_dvcqg_sync where dossier_id = ${row!.dossier_id}`,
    );
    expect(after!.state).toBe('synced');
  });

  it('a second reconciliation of the same period finds nothing to re-send', async () => {
    const res = await admin.post('/api/admin/dvcqg/reconcile', { from: '2024-10-01', to: '2026-11-01' });
    expect(res.json()).toMatchObject({ missing: [], stale: [], unknown: [], resent: 0 });
    expect(res.json().remoteCount).toBe(res.json().localCount);
  });
});

describe('DVCQG sync of live changes', () => {
  let id: string;
  let code: string;
  let citizen: Agent;
  let centreId: string;
  let receiver: WebhookReceiver;

  afterAll(() => receiver.close());

  beforeAll(async () => {
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
    // The competent department's own system listens too, through a webhook.
    receiver = await startWebhookReceiver(5);
    const [dept] = await queryRows<{ id: string }>(
      db,
      sql`select id from id_agencies where code = '000.00.21.H29'`,
    );
    const client = await admin.post('/api/admin/api-clients', {
      name: 'Một cửa Sở Xây dựng',
      agencyId: dept!.id,
      scopes: ['dossiers:read'],
    });
    const sub = await admin.post(`/api/admin/api-clients/${client.json().id}/webhooks`, {
      url: receiver.url,
      eventTypes: ['dossier.status_changed'],
    });
    receiver.setSecret(sub.json().signingSecret);
  });

  async function act(agent: Agent, path: string, body: Record<string, unknown> = {}) {
    const res = await agent.post(`/api/dossiers/${id}/${path}`, body);
    expect(res.statusCode, `${path}: ${res.body}`).toBe(200);
    return res.json() as { status: number; code: string | null; revision: number };
  }

  it('a dossier is not sent before it has a code, and is sent once accepted, through a timeout', async () => {
    const { body, contentType } = fileUpload('don.pdf', minimalPdf('don'), 'application/pdf');
    const fileId = (await citizen.post('/api/files', body, { 'content-type': contentType })).json().id;
    const res = await citizen.post('/api/dossiers', {
      procedureCode: BUILDING_LIKE.code,
      channel: 'online',
      agencyId: centreId,
      applicant: {
        type: 'citizen',
        fullName: 'Trần Văn Bình',
        phone: '0912345679',
        idNumber: '074190009999',
      },
      formData: { address: '5 Lê Lợi, phường Thủ Dầu Một', area: 80 },
      components: [{ componentKey: 'don', fileId }],
    });
    expect(res.statusCode, res.body).toBe(200);
    id = res.json().id;
    await drain();
    expect((await syncRows()).find((r) => r.dossier_id === id)).toBeUndefined();

    const desk = await t.login('motcua.ttpvhcc@cqs.demo');
    portal.queueFaults('timeout', 'server_error');
    code = (await act(desk, 'accept')).code!;
    await drain();
    const row = (await syncRows()).find((r) => r.dossier_id === id)!;
    expect(row).toMatchObject({ state: 'synced', code });
    expect(portal.dossiers.get(code)!.record.TrangThaiHoSo).toBe(4);
    expect(portal.dossiers.get(code)!.record.TaiLieuNop[0]!.MaThanhPhanHoSo).toBe('don');
    expect(portal.dossiers.get(code)!.record.NgayTiepNhan).toMatch(/^\d{14}$/);
  });

  it('every later change reaches the portal with a longer timeline, through resets and 5xx', async () => {
    const specialist = await t.login('chuyenvien.xaydung@cqs.demo');
    const before = portal.dossiers.get(code)!.record.QuaTrinhXuLy.length;
    portal.queueFaults('reset', 'server_error', 'reset');
    const dueBefore = portal.dossiers.get(code)!.record.NgayHenTra;
    expect(dueBefore).toMatch(/^\d{14}$/);
    await act(specialist, 'request-supplement', {
      items: [{ name: 'Bản vẽ', reason: 'Thiếu bản vẽ tầng 2' }],
    });
    await drain();
    // While the clock is stopped the portal still shows the due date as it stood (issue 11 item 16).
    expect(portal.dossiers.get(code)!.record).toMatchObject({ TrangThaiHoSo: 5, NgayHenTra: dueBefore });
    await act(citizen, 'supplement', { note: 'Đã bổ sung' });
    await act(specialist, 'step', { action: 'to_approve' });
    await drain();
    const remote = portal.dossiers.get(code)!;
    expect(remote.record.TrangThaiHoSo).toBe(4);
    expect(remote.record.QuaTrinhXuLy.length).toBeGreaterThan(before);
    expect(remote.record.DanhSachHoSoBoSung).toHaveLength(1);
    expect(remote.record.DanhSachHoSoBoSung[0]!.NoiDungBoSung).toContain('Thiếu bản vẽ tầng 2');
    expect(remote.record.DanhSachHoSoBoSung[0]!.NgayBoSung).toMatch(/^\d{14}$/);
    // The request names the due date when the clock stopped and the one the answer restarted it with.
    expect(remote.record.DanhSachHoSoBoSung[0]!.NgayHenTraTruoc).toBe(dueBefore);
    expect(remote.record.DanhSachHoSoBoSung[0]!.NgayHenTraMoi).toBe(remote.record.NgayHenTra);
    expect(remote.record.NgayHenTra! >= dueBefore!).toBe(true); // later by the working time paused
    await expectPortalEqualsLocal();
    // The department's system heard every status change of the dossier, once each, in its words.
    // (Retries may reorder deliveries: the revision orders them, as the contract tells receivers.)
    const heard = [...receiver.bodies.values()]
      .filter((b) => b.data.dossierCode === code)
      .sort((a, b) => Number(a.data.revision) - Number(b.data.revision));
    expect(heard.map((b) => [b.data.previousStatus, b.data.status])).toEqual([
      [1, 2],
      [2, 4],
      [4, 5],
      [5, 4],
    ]);
    expect(receiver.badSignatures).toBe(0);
  });

  it('an apology moves the due date; the portal keeps the one it replaced (issue 11 item 16)', async () => {
    const leader = await t.login('lanhdao.xaydung@cqs.demo');
    const before = portal.dossiers.get(code)!.record.NgayHenTra!;
    expect(portal.dossiers.get(code)!.record.NgayHenTraTruoc).toBeNull();
    const newDueAt = new Date(Date.now() + 40 * 86_400_000).toISOString();
    await act(leader, 'apology', { reason: 'Chờ ý kiến của cơ quan phối hợp', newDueAt });
    await drain();
    const remote = portal.dossiers.get(code)!.record;
    expect(remote.NgayHenTraTruoc).toBe(before);
    expect(remote.NgayHenTra! > before).toBe(true);
    await expectPortalEqualsLocal();
  });

  it('reconciliation finds and re-sends a dossier the portal acknowledged but dropped', async () => {
    // Forget it on the portal's side (as if its acknowledgement had been a lie), then change nothing.
    portal.dossiers.delete(code);
    // The portal lost the record, so applying it again is a recovery, not a double application.
    for (let i = portal.applied.length - 1; i >= 0; i--)
      if (portal.applied[i]!.code === code) portal.applied.splice(i, 1);
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const res = await admin.post('/api/admin/dvcqg/reconcile', { from: day, to: day });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().missing).toEqual([code]);
    await drain();
    expect(portal.dossiers.get(code)?.revision).toBeGreaterThan(0);
    await expectPortalEqualsLocal();
  });

  it('a record acknowledged with "drop" is lost remotely until reconciliation re-sends it', async () => {
    const leader = await t.login('lanhdao.xaydung@cqs.demo');
    const held = portal.dossiers.get(code)!.revision;
    portal.queueFaults('drop');
    await act(leader, 'step', { action: 'approve' });
    await drain();
    // We believe it synced; the portal still holds the older revision.
    expect((await syncRows()).find((r) => r.dossier_id === id)!.state).toBe('synced');
    expect(portal.dossiers.get(code)!.revision).toBe(held);
    const day = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const res = await admin.post('/api/admin/dvcqg/reconcile', { from: day, to: day });
    expect(res.json().stale).toEqual([code]);
    await drain();
    expect(portal.dossiers.get(code)!.revision).toBeGreaterThan(held);
    await expectPortalEqualsLocal();
  });

  it("a record that breaks a rule fails with the portal's reason; after a fix, re-send syncs it", async () => {
    const db = t.platform.deps.db;
    const [victim] = await queryRows<{ id: string; code: string }>(
      db,
      sql`select d.id, d.code from svc_dossiers d join int_dvcqg_sync s on s.dossier_id = d.id
          where d.status = 4 and d.due_at is not null order by d.code limit 1`,
    );
    // Bad data (a due date before reception), then a change that triggers a sync.
    await db.execute(
      sql`update svc_dossiers set due_at = accepted_at - interval '1 day', revision = revision + 1 where id = ${victim!.id}`,
    );
    await db.execute(
      sql`insert into outbox_events (type, aggregate_type, aggregate_id) values ('services.dossier_changed', 'dossier', ${victim!.id})`,
    );
    await drain();
    const failed = (await admin.get('/api/admin/dvcqg/sync?state=failed')).json();
    expect(failed.counts.failed).toBe(1);
    expect(failed.items[0]).toMatchObject({ code: victim!.code, state: 'failed' });
    expect(failed.items[0].lastError).toContain('NgayHenTra');
    // Officials cannot re-send; the administrator can, once the data is right.
    const officer = await t.login('motcua.ttpvhcc@cqs.demo');
    expect((await officer.post('/api/admin/dvcqg/sync/resend', { dossierId: victim!.id })).statusCode).toBe(
      403,
    );
    await db.execute(
      sql`update svc_dossiers set due_at = accepted_at + interval '10 days', revision = revision + 1 where id = ${victim!.id}`,
    );
    const resend = await admin.post('/api/admin/dvcqg/sync/resend', { dossierId: victim!.id });
    expect(resend.json()).toEqual({ queued: 1 });
    await drain();
    const after = (await admin.get('/api/admin/dvcqg/sync?state=failed')).json();
    expect(after.counts.failed).toBe(0);
    const [audited] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where action = 'dvcqg.resend' and target_id = ${victim!.id}`,
    );
    expect(audited!.n).toBe(1);
    await expectPortalEqualsLocal();
  });
});
