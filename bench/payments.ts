// Payments figures on PostgreSQL: signed IPNs applied per second (each verified, locked, recorded,
// audited and emitted in its own transaction), the same IPNs delivered again (duplicates: no effect), and
// the reconciliation report of a month with N requests against N gateway transactions. Baselines in the
// same run: a bare "UPDATE … RETURNING" per notice, and a plain aggregate over the month's requests.
// Standalone: npx tsx bench/payments.ts   Environment: BENCH_DATABASE_URL, BENCH_PAYMENTS (default 20000).
import { sql } from 'drizzle-orm';
import pg from 'pg';
import {
  handleIpn,
  httpPaymentGateway,
  type PaymentGateway,
  reconcile,
  signed,
} from '../src/server/modules/payments/index.ts';
import { generateDossiers } from '../src/server/modules/services/index.ts';
import { openDatabase, queryRows } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { createLogger } from '../src/server/platform/log.ts';
import { seedApplication } from '../src/server/modules.ts';
import type { Bench, BenchResult } from './harness.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.BENCH_PAYMENTS ?? 20_000);
const IPNS = Math.min(N, 5_000);
const CONCURRENCY = 8;
const SECRET = 'bench-secret-0123456789abcdef';
const say = (line: string) => console.error(`  ${line}`);

async function admin(query: string) {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

async function inParallel<T>(items: T[], n: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export const paymentsBench: Bench = async (): Promise<BenchResult> => {
  const name = `cqs_bench_pay_${process.pid}`;
  await admin(`create database ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const log = createLogger('silent');
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: '/tmp', log, poolSize: 10 });
  try {
    const db = database.db;
    await runMigrations(database);
    await db.transaction((tx) => seedApplication(tx, { provinceCode: '79', demo: true }));
    say(`generating ${N} dossiers…`);
    await generateDossiers(db, { count: N, seed: 7 });
    // Fixture: one pending request per dossier, created in one month (straight to the table).
    const month = { from: '2026-10-01', to: '2026-10-31' };
    await db.execute(sql`
      insert into pay_requests (reference, dossier_id, agency_id, agency_path, purpose, amount, description, created_at, gateway_payment_id)
      select 'LPB' || lpad(row_number() over ()::text, 10, '0'), d.id, d.receiving_agency_id, a.path, 'submission',
             (1 + (row_number() over () % 20)) * 10000, 'Phí, lệ phí',
             timestamptz '2026-10-01 00:00+07' + (random() * interval '30 days'), 'P'
      from svc_dossiers d join id_agencies a on a.id = d.receiving_agency_id
      limit ${N}`);
    const requests = await queryRows<{ reference: string; amount: number }>(
      db,
      sql`select reference, amount::int as amount from pay_requests order by reference`,
    );
    const gateway = httpPaymentGateway({
      url: 'http://127.0.0.1:9',
      merchantId: 'BENCH',
      secret: SECRET,
      sandbox: true,
    });
    const paidAt = '2026-10-31T10:00:00.000Z';
    const notices = requests.slice(0, IPNS).map((r, i) =>
      signed(SECRET, {
        merchantId: 'BENCH',
        reference: r.reference,
        transactionId: `T${i}`,
        amount: r.amount,
        status: 'paid',
        paidAt,
        timestamp: Date.now(),
      }),
    );

    let t0 = performance.now();
    await inParallel(notices, CONCURRENCY, (n) => handleIpn(db, gateway, n));
    const applyRate = IPNS / ((performance.now() - t0) / 1000);
    const [paid] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pay_payments`);
    if (paid!.n !== IPNS) throw new Error(`expected ${IPNS} payments, found ${paid!.n}`);
    say(`applied ${IPNS} IPNs: ${applyRate.toFixed(0)}/s`);

    t0 = performance.now();
    await inParallel(notices, CONCURRENCY, (n) => handleIpn(db, gateway, n));
    const duplicateRate = IPNS / ((performance.now() - t0) / 1000);
    const [still] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from pay_payments`);
    if (still!.n !== IPNS) throw new Error('a duplicate IPN changed something');

    // Baseline: the same number of single-statement transactions marking a request paid.
    t0 = performance.now();
    await inParallel(requests.slice(IPNS, 2 * IPNS), CONCURRENCY, (r) =>
      db.execute(
        sql`update pay_requests set checked_at = now() where reference = ${r.reference} returning id`,
      ),
    );
    const bareRate = IPNS / ((performance.now() - t0) / 1000);

    // Reconciliation: the gateway lists every request of the month as paid (from memory).
    const txns = requests.map((r, i) => ({
      transactionId: `T${i}`,
      reference: r.reference,
      amount: r.amount,
      paidAt,
    }));
    const listing: PaymentGateway = { ...gateway, listTransactions: async () => txns };
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      rows = (await reconcile(db, listing, month.from, month.to, null)).rows.length;
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const aggregate: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      await db.execute(
        sql`select status, count(*), sum(amount) from pay_requests where created_at >= timestamptz '2026-10-01 00:00+07' and created_at < timestamptz '2026-11-01 00:00+07' group by status`,
      );
      aggregate.push(performance.now() - t0);
    }
    aggregate.sort((a, b) => a - b);
    return {
      name: 'payments',
      figures: [
        {
          metric: `signed IPNs applied (verify, lock, record, audit, event), ${CONCURRENCY} at a time`,
          value: Math.round(applyRate),
          unit: '/s',
        },
        {
          metric: 'the same IPNs delivered again (duplicates, no effect)',
          value: Math.round(duplicateRate),
          unit: '/s',
        },
        {
          metric: `reconciliation of a month, ${rows} rows (median of 5)`,
          value: Math.round(times[2]!),
          unit: 'ms',
        },
      ],
      baseline: [
        {
          metric: 'bare UPDATE … RETURNING per transaction, same concurrency',
          value: Math.round(bareRate),
          unit: '/s',
        },
        {
          metric: "plain aggregate over the month's requests (median of 5)",
          value: Math.round(aggregate[2]!),
          unit: 'ms',
        },
      ],
      notes: `PostgreSQL, ${N} dossiers and requests; ${IPNS} IPNs.`,
    };
  } finally {
    await database.close();
    await admin(`drop database if exists ${name} with (force)`);
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await paymentsBench(), null, 2));
}
