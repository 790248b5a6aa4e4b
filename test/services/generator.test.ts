// The historical dossier generator on the test database: what it writes must look exactly like what
// the real commands write (codes, events, pauses, due dates from the deadline engine), be the same for
// the same seed, and leave the code counters so that real dossiers accepted later never collide.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureDefinition } from '../../src/contracts/services.ts';
import { ApplicantInput } from '../../src/contracts/services.ts';
import { type Db, queryRows } from '../../src/server/platform/db/client.ts';
import { dueDateOf, loadCalendar } from '../../src/server/modules/services/clock.ts';
import { nextDossierCode } from '../../src/server/modules/services/codes.ts';
import { validateFormData } from '../../src/server/modules/services/form-validation.ts';
import {
  generateDossiers,
  GeneratorError,
  splitCode,
} from '../../src/server/modules/services/generator/index.ts';
import type { Applicant } from '../../src/server/modules/services/tables.ts';
import { rebuildStats } from '../../src/server/modules/stats/index.ts';
import { createTestDatabase, startTestPlatform, type TestDatabase, type TestPlatform } from '../platform.ts';

const COUNT = 300;
const SEED = 42;
/** fixed, so the test does not depend on the day it runs */
const UNTIL = new Date('2026-11-26T00:00:00+07:00');
const CODE = /^(\d{3}\.\d{2}\.\d{2}\.H\d{2})-(\d{6})-(\d{4,})$/;
const localDate = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

interface Row {
  id: string;
  code: string | null;
  status: number;
  channel: 'counter' | 'online' | 'post';
  procedure_code: string;
  definition: ProcedureDefinition;
  competent_code: string;
  applicant: Applicant;
  form_data: Record<string, unknown>;
  submitted_at: Date;
  accepted_at: Date | null;
  due_at: Date | null;
  finished_at: Date | null;
  returned_at: Date | null;
  supplement_count: number;
  tracking_pin: string;
  revision: number;
}
interface EventRow {
  dossier_id: string;
  at: Date;
  action: string;
  from_status: number | null;
  to_status: number;
}
interface PauseRow {
  dossier_id: string;
  from: Date;
  to: Date | null;
}

const dossiersOf = (db: Db) =>
  queryRows<Row>(
    db,
    sql`select d.id, d.code, d.status, d.channel, p.code as procedure_code, v.definition, c.code as competent_code,
          d.applicant, d.form_data, d.submitted_at, d.accepted_at, d.due_at, d.finished_at, d.returned_at,
          d.supplement_count, d.tracking_pin, d.revision
        from svc_dossiers d join svc_procedures p on p.id = d.procedure_id
        join svc_procedure_versions v on v.id = d.procedure_version_id
        join id_agencies c on c.id = d.competent_agency_id
        order by d.submitted_at, d.id`,
  );
const asDate = (v: Date | string | null) => (v === null ? null : new Date(v));

let t: TestPlatform;
let other: TestDatabase;
let db: Db;
let rows: Row[];
let events: Map<string, EventRow[]>;
let pauses: Map<string, PauseRow[]>;
let outboxBefore: number;

beforeAll(async () => {
  t = await startTestPlatform();
  other = await createTestDatabase();
  db = t.platform.deps.db;
  [{ n: outboxBefore }] = (await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from outbox_events`,
  )) as [{ n: number }];
  await generateDossiers(db, { count: COUNT, seed: SEED, until: UNTIL });
  await generateDossiers(other.database.db, { count: COUNT, seed: SEED, until: UNTIL });
  rows = (await dossiersOf(db)).map((r) => ({
    ...r,
    submitted_at: new Date(r.submitted_at),
    accepted_at: asDate(r.accepted_at),
    due_at: asDate(r.due_at),
    finished_at: asDate(r.finished_at),
    returned_at: asDate(r.returned_at),
  }));
  events = new Map();
  for (const e of await queryRows<EventRow>(
    db,
    sql`select dossier_id, at, action, from_status, to_status from svc_dossier_events order by id`,
  ))
    events.set(e.dossier_id, [...(events.get(e.dossier_id) ?? []), { ...e, at: new Date(e.at) }]);
  pauses = new Map();
  for (const p of await queryRows<PauseRow>(
    db,
    sql`select dossier_id, "from", "to" from svc_dossier_pauses order by id`,
  ))
    pauses.set(p.dossier_id, [
      ...(pauses.get(p.dossier_id) ?? []),
      { ...p, from: new Date(p.from), to: asDate(p.to) },
    ]);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await other?.database.close();
  await other?.drop();
});

describe('generating historical dossiers', () => {
  it('writes the requested number, one audit row for the run and nothing in the outbox', async () => {
    expect(rows).toHaveLength(COUNT);
    const audits = await queryRows<{ summary: { count: number; seed: number } }>(
      db,
      sql`select summary from audit_log where action = 'seed.dossiers'`,
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]!.summary).toMatchObject({ count: COUNT, seed: SEED });
    const [{ n }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from outbox_events`,
    )) as [{ n: number }];
    expect(n).toBe(outboxBefore);
    const [{ n: audited }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log where target_type = 'dossier'`,
    )) as [{ n: number }];
    expect(audited).toBe(0);
  });

  it('is reproducible: the same seed gives the same dossiers, codes and statuses', async () => {
    const theirs = await dossiersOf(other.database.db);
    const key = (r: Row) =>
      `${r.id} ${r.code} ${r.status} ${r.channel} ${r.procedure_code} ${r.tracking_pin}`;
    expect(theirs.map(key)).toEqual(rows.map(key));
  });

  it('refuses to reuse a seed in the same database', async () => {
    await expect(generateDossiers(db, { count: 10, seed: SEED, until: UNTIL })).rejects.toBeInstanceOf(
      GeneratorError,
    );
  });

  it('keeps every timeline consistent: submitted ≤ accepted ≤ steps ≤ finished ≤ returned', () => {
    for (const d of rows) {
      const list = events.get(d.id)!;
      expect(list[0]).toMatchObject({ action: 'submit', from_status: null, to_status: 1 });
      list.slice(1).forEach((e, i) => {
        expect(e.from_status, `${d.code} ${e.action}`).toBe(list[i]!.to_status);
        expect(e.at.getTime()).toBeGreaterThanOrEqual(list[i]!.at.getTime());
      });
      expect(list[list.length - 1]!.to_status).toBe(d.status);
      expect(list[list.length - 1]!.at.getTime()).toBeLessThan(UNTIL.getTime());
      expect(d.revision).toBe(list.length - 1);
      expect(list[0]!.at).toEqual(d.submitted_at);
      if (d.accepted_at) {
        expect(d.accepted_at.getTime()).toBeGreaterThanOrEqual(d.submitted_at.getTime());
        expect(list.find((e) => e.action === 'accept')!.at).toEqual(d.accepted_at);
        for (const e of list.filter((x) => x.action.startsWith('step.')))
          expect(e.at.getTime()).toBeGreaterThanOrEqual(d.accepted_at.getTime());
      }
      if (d.finished_at) {
        expect(d.accepted_at).not.toBeNull();
        expect(d.finished_at.getTime()).toBeGreaterThanOrEqual(d.accepted_at!.getTime());
        for (const e of list.filter((x) => x.action.startsWith('step.')))
          expect(e.at.getTime()).toBeLessThanOrEqual(d.finished_at.getTime());
      }
      if (d.returned_at) expect(d.returned_at.getTime()).toBeGreaterThanOrEqual(d.finished_at!.getTime());
      expect([9, 10].includes(d.status)).toBe(d.finished_at !== null);
      expect(d.status === 10).toBe(d.returned_at !== null);
    }
  });

  it('gives unique codes of the real pattern, on the day of acceptance, for the competent agency', () => {
    const codes = rows.filter((d) => d.code).map((d) => d.code!);
    expect(new Set(codes).size).toBe(codes.length);
    for (const d of rows) {
      expect(d.code === null).toBe(d.accepted_at === null);
      if (!d.code) continue;
      const m = CODE.exec(d.code);
      expect(m, d.code).not.toBeNull();
      expect(m![1]).toBe(d.competent_code);
      expect(`20${m![2]!.slice(0, 2)}-${m![2]!.slice(2, 4)}-${m![2]!.slice(4, 6)}`).toBe(
        localDate(d.accepted_at!),
      );
    }
  });

  it("stores the deadline engine's due date, recomputed from acceptance, channel limit and pauses", async () => {
    const calendar = await loadCalendar(db);
    let checked = 0;
    for (const d of rows) {
      if (!d.accepted_at) {
        expect(d.due_at).toBeNull();
        continue;
      }
      const list = events.get(d.id)!;
      // Closing an expired supplement request keeps the due date the request left (null): as the job does.
      if (list[list.length - 1]!.action === 'expire_supplement') continue;
      const recorded = (pauses.get(d.id) ?? []).map((p) => ({
        from: p.from,
        to: p.to,
        reason: 'supplement' as const,
      }));
      const due = dueDateOf(calendar, d.definition, d.channel, d.accepted_at, recorded);
      expect(d.due_at?.toISOString() ?? null, d.code!).toBe(due.dueAt?.toISOString() ?? null);
      checked++;
    }
    expect(checked).toBeGreaterThan(COUNT * 0.8);
  });

  it('records a pause per supplement request after acceptance, closed once the dossier is finished', () => {
    for (const d of rows) {
      const list = pauses.get(d.id) ?? [];
      const requests = events.get(d.id)!.filter((e) => e.action === 'request_supplement');
      expect(requests.length).toBe(d.supplement_count);
      const afterAcceptance = requests.filter((e) => d.accepted_at && e.at >= d.accepted_at);
      expect(list.length).toBe(afterAcceptance.length);
      if ([9, 10].includes(d.status)) for (const p of list) expect(p.to).not.toBeNull();
      if (d.status === 5 && d.accepted_at) expect(list.filter((p) => p.to === null)).toHaveLength(1);
      for (const p of list) if (p.to) expect(p.to.getTime()).toBeGreaterThan(p.from.getTime());
    }
  });

  it('fills applicants and e-forms that the real submission would accept', () => {
    for (const d of rows) {
      expect(validateFormData(d.definition.form.schema, d.form_data), d.procedure_code).toEqual([]);
      expect(ApplicantInput.safeParse(d.applicant).success, JSON.stringify(d.applicant)).toBe(true);
      expect(d.tracking_pin).toBe(d.applicant.phone!.slice(-4));
      if (d.applicant.idNumber) expect(d.applicant.idNumber).toMatch(/^\d{12}$/);
    }
    const fromBinhDuong = rows.filter((d) => d.applicant.idNumber?.startsWith('074')).length;
    expect(fromBinhDuong / rows.length).toBeGreaterThan(0.6);
  });

  it('follows the designed distributions roughly', async () => {
    const share = (f: (d: Row) => boolean, of = rows) => of.filter(f).length / of.length;
    expect(share((d) => d.status === 10)).toBeGreaterThan(0.5);
    const finished = rows.filter((d) => d.finished_at && d.due_at);
    const late = share((d) => d.finished_at! > d.due_at!, finished);
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(0.2);
    const supplemented = share((d) => d.supplement_count > 0);
    expect(supplemented).toBeGreaterThan(0.04);
    expect(supplemented).toBeLessThan(0.3);
    expect(share((d) => d.status === 3)).toBeGreaterThan(0);
    // Online grows: last three months against the first three, among procedures offered online.
    const online = rows.filter((d) => d.definition.methods.includes('online'));
    const first = online.filter(
      (d) => d.submitted_at.getTime() < online[0]!.submitted_at.getTime() + 91 * 86_400_000,
    );
    const last = online.filter((d) => d.submitted_at.getTime() > UNTIL.getTime() - 91 * 86_400_000);
    expect(share((d) => d.channel === 'online', last)).toBeGreaterThan(
      share((d) => d.channel === 'online', first),
    );
    // Births and certified copies are the most common; land certificates and permits are rare.
    const byCode = (code: string) => rows.filter((d) => d.procedure_code === code).length;
    expect(byCode('2.000815') + byCode('1.001193')).toBeGreaterThan(COUNT * 0.4);
    expect(byCode('1.012766') + byCode('1.009994')).toBeLessThan(COUNT * 0.15);
    // Weekdays only (make-up Saturdays are working days too).
    for (const d of rows) expect(d.submitted_at.getTime()).toBeLessThan(UNTIL.getTime());
    const [{ n: rated }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from svc_ratings`,
    )) as [{ n: number }];
    const done = rows.filter((d) => d.status === 9 || d.status === 10).length;
    expect(rated / done).toBeGreaterThan(0.25);
    expect(rated / done).toBeLessThan(0.55);
  });

  it('moves the code counters past every generated number, so real dossiers never collide', async () => {
    const used = new Map<string, number>();
    for (const d of rows.filter((x) => x.code)) {
      const [agency, yymmdd, seq] = splitCode(d.code!);
      const key = `${agency} 20${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
      used.set(key, Math.max(used.get(key) ?? 0, seq));
    }
    const stored = await queryRows<{ agency_code: string; day: string; last: number }>(
      db,
      sql`select agency_code, day::text as day, last from svc_dossier_counters`,
    );
    const last = new Map(stored.map((r) => [`${r.agency_code} ${r.day}`, Number(r.last)]));
    for (const [key, seq] of used) expect(last.get(key), key).toBe(seq);

    // The busiest agency and day: the next real code continues after the generated ones.
    const [busiest, highest] = [...used].sort((a, b) => b[1] - a[1])[0]!;
    const sample = rows.find(
      (d) => d.code && `${d.competent_code} ${localDate(d.accepted_at!)}` === busiest,
    )!;
    const next = await db.transaction((tx) =>
      nextDossierCode(tx, sample.competent_code, sample.accepted_at!),
    );
    expect(rows.map((d) => d.code)).not.toContain(next);
    expect(splitCode(next)[2]).toBe(highest + 1);
  });

  it('lets the one-stop desk accept a real dossier afterwards, with a fresh code', async () => {
    const desk = await t.login('motcua.thudaumot@cqs.demo');
    const procedure = (await desk.get('/api/procedures/1.001193')).json() as {
      offeredBy: { id: string; name: string }[];
    };
    const agency = procedure.offeredBy.find((a) => a.name.endsWith('Phường Thủ Dầu Một'))!;
    const model = rows.find((d) => d.procedure_code === '1.001193')!;
    const res = await desk.post('/api/dossiers', {
      procedureCode: '1.001193',
      channel: 'counter',
      agencyId: agency.id,
      applicant: { ...model.applicant, type: 'citizen' },
      formData: model.form_data,
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = (await desk.get(`/api/dossiers/${res.json().id}`)).json() as { code: string };
    expect(view.code).toMatch(CODE);
    const [{ n }] = (await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from svc_dossiers where code = ${view.code}`,
    )) as [{ n: number }];
    expect(n).toBe(1);
  });
});

describe("the demo's start: work in every officer's inbox, fees paid, sync states", () => {
  const DAY = 86_400_000;
  let before: Set<string>;

  beforeAll(async () => {
    before = new Set(
      (await queryRows<{ id: string }>(db, sql`select id from svc_dossiers`)).map((r) => r.id),
    );
    await generateDossiers(db, { count: COUNT, seed: SEED + 1, until: UNTIL, demo: true });
    await rebuildStats(db);
  }, 120_000);

  interface Item {
    id: string;
    status: number;
    dueAt: string | null;
  }
  const inboxOf = async (email: string) => {
    const s = await t.login(email);
    const res = await s.get('/api/dossiers/inbox?limit=200');
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items.filter((i) => !before.has(i.id));
  };

  it.each([
    'chuyenvien.thudaumot@cqs.demo',
    'truongphong.thudaumot@cqs.demo',
    'lanhdao.thudaumot@cqs.demo',
    'chuyenvien.tuphap@cqs.demo',
    'chuyenvien.xaydung@cqs.demo',
  ])('%s finds a few dossiers at their step: one overdue, some due within three days', async (email) => {
    const items = await inboxOf(email);
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((i) => i.status === 4)).toBe(true);
    const due = items.map((i) => Date.parse(i.dueAt!));
    expect(due.filter((d) => d < UNTIL.getTime()).length).toBeGreaterThanOrEqual(1);
    expect(
      due.filter((d) => d >= UNTIL.getTime() && d < UNTIL.getTime() + 3 * DAY).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it.each(['motcua.thudaumot@cqs.demo', 'motcua.ttpvhcc@cqs.demo'])(
    '%s finds new online dossiers to accept and a result to hand over',
    async (email) => {
      const items = await inboxOf(email);
      expect(items.filter((i) => i.status === 1).length).toBeGreaterThanOrEqual(3);
      expect(items.filter((i) => i.status === 9).length).toBeGreaterThanOrEqual(1);
    },
  );

  it('asks the fees due with the submission, paid online, at the desk or by transfer; no accepted dossier still owes them', async () => {
    const rows = await queryRows<{
      status: number;
      accepted: boolean;
      request: string;
      amount: number;
      paid: number | null;
      channel: string | null;
      method: string | null;
    }>(
      db,
      sql`select d.status, d.accepted_at is not null as accepted, r.status as request, r.amount::int as amount,
            p.amount::int as paid, p.channel, p.method
          from pay_requests r join svc_dossiers d on d.id = r.dossier_id
          left join pay_payments p on p.request_id = r.id
          where r.purpose = 'submission'`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      if (r.request === 'paid') expect(r.paid).toBe(r.amount);
      else expect(r.paid).toBeNull();
      if (r.request === 'pending') expect(r.accepted).toBe(false);
    }
    const methods = new Set(rows.filter((r) => r.method).map((r) => `${r.channel}/${r.method}`));
    expect(methods).toContain('online/gateway');
    expect(methods).toContain('counter/cash');
  });

  it('leaves nearly every accepted dossier acknowledged by DVCQG, the recent ones pending', async () => {
    const rows = await queryRows<{ state: string; n: number }>(
      db,
      sql`select s.state, count(*)::int as n from int_dvcqg_sync s group by s.state`,
    );
    const n = Object.fromEntries(rows.map((r) => [r.state, r.n]));
    expect(n.synced).toBeGreaterThan(0);
    const [{ coded }] = (await queryRows<{ coded: number }>(
      db,
      sql`select count(*)::int as coded from svc_dossiers d
          where d.code is not null and not exists (select 1 from int_dvcqg_sync s where s.dossier_id = d.id)
            and d.id = any(${`{${[...before].join(',')}}`}::uuid[]) is not true`,
    )) as [{ coded: number }];
    expect(coded).toBe(0);
  });

  it('makes the 766 online-payment and sync-coverage figures non-zero', async () => {
    const leader = await t.login('lanhdao.ubnd@cqs.demo');
    const res = await leader.get('/api/stats/overview?period=2026');
    expect(res.statusCode, res.body).toBe(200);
    const { indicators } = res.json() as {
      indicators: { paymentOnline: number | null; syncCoverage: number | null };
    };
    expect(indicators.paymentOnline).toBeGreaterThan(0);
    expect(indicators.syncCoverage).toBeGreaterThan(0);
  });
});
