// Historical dossiers for the demo city (`cqs seed --demo --dossiers N [--seed S]`): N dossiers over
// the 24 months before `until`, reproducible from the seed, built in memory and written in batches.
import { sql } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import { systemContext } from '../../../platform/context.ts';
import { type Db, queryRows } from '../../../platform/db/client.ts';
import { buildDossier, chooseDossier } from './build-dossier.ts';
import { loadContext } from './context.ts';
import { type Batch, emptyBatch, insertBatch } from './insert.ts';
import { afterHistoryWritten, type HistoricalDossier } from '../contributions.ts';
import { buildInboxes } from './inboxes.ts';
import { hashSeed, Rng } from './prng.ts';
import type { BuildContext, BuiltDossier } from './types.ts';
import { DAY_MS, planDays } from './volumes.ts';

export { splitCode } from './build-dossier.ts';
export { OUTCOMES, PROCEDURE_SHARE } from './volumes.ts';

export class GeneratorError extends Error {}

export interface GenerateOptions {
  count: number;
  seed: number;
  /** exclusive end of the window; default: the start of today (UTC+7), so reruns today agree */
  until?: Date;
  /** dossiers per statement (default 2000) */
  batchSize?: number;
  /** progress lines */
  log?: (line: string) => void;
  /**
   * the demo's start: also a few dossiers waiting in every officer's inbox (beyond `count`), and each
   * module's part of the history (payments, sync states) through `historyWritten`
   */
  demo?: boolean;
}

export interface GenerateSummary {
  count: number;
  seed: number;
  from: Date;
  until: Date;
  events: number;
  pauses: number;
  ratings: number;
  byStatus: Record<number, number>;
  ms: number;
}

const OFFSET_MS = 7 * 3_600_000;
const localDate = (t: number) => new Date(t + OFFSET_MS).toISOString().slice(0, 10);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Local midnight (UTC+7) starting the day of `t`. */
export function startOfLocalDay(t: number): number {
  return Math.floor((t + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS;
}

/** The same local date 24 months earlier. */
function monthsBefore(until: number, months: number): number {
  const local = new Date(until + OFFSET_MS);
  local.setUTCMonth(local.getUTCMonth() - months);
  return local.getTime() - OFFSET_MS;
}

/**
 * Generates the dossiers. The same seed, count, `until` and starting database give the same rows,
 * identifiers and codes included. A seed can be used once per database (its identifiers would collide).
 */
export async function generateDossiers(db: Db, opts: GenerateOptions): Promise<GenerateSummary> {
  if (!Number.isInteger(opts.count) || opts.count < 1)
    throw new GeneratorError('--dossiers must be a positive integer');
  if (!Number.isInteger(opts.seed)) throw new GeneratorError('--seed must be an integer');
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const until = opts.until ? opts.until.getTime() : startOfLocalDay(Date.now());
  const from = monthsBefore(until, 24);
  const [used] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from audit_log where action = 'seed.dossiers' and summary->>'seed' = ${String(opts.seed)}`,
  );
  if (used && used.n > 0)
    throw new GeneratorError(
      `Dossiers were already generated with seed ${opts.seed} in this database: choose another --seed.`,
    );

  const { ctx, counters, communeCount, procedureCount, seats } = await loadContext(db, {
    seed: opts.seed,
    from,
    until,
  });
  const days = planDays(ctx.calendar, ctx.fromDay, ctx.untilDay, opts.count);
  log(
    `Generating ${opts.count.toLocaleString('en-US')} dossiers (seed ${opts.seed}) from ${localDate(from)} until ${localDate(until)} (exclusive, UTC+7): ${procedureCount} procedures, ${communeCount} communes, ${days.length} working days`,
  );

  const rng = new Rng(opts.seed);
  const batchSize = opts.batchSize ?? 2000;
  const byStatus: Record<number, number> = {};
  let batch: Batch = emptyBatch();
  let pending: Promise<unknown> | null = null;
  let done = 0;
  let written = 0;
  let events = 0;
  let pauses = 0;
  let ratings = 0;
  let lastLog = started;

  const settle = async () => {
    if (!pending) return;
    const err = await pending;
    pending = null;
    if (err) throw err;
  };
  const flush = async () => {
    if (batch.dossiers.length === 0) return;
    await settle();
    batch.counters = counters.drain();
    const size = batch.dossiers.length;
    // Sent now, awaited before the next batch: the database writes while the next batch is built.
    const out = batch;
    pending = insertBatch(db, out)
      .then(() => (opts.demo ? afterHistoryWritten(db, historical(ctx, out)) : undefined))
      .then(
        () => {
          written += size;
          return null;
        },
        (err: unknown) => err,
      );
    batch = emptyBatch();
    await tick();
    const now = performance.now();
    if (now - lastLog > 5000 || done === opts.count) {
      lastLog = now;
      log(
        `  ${done.toLocaleString('en-US')} / ${opts.count.toLocaleString('en-US')} built, ${written.toLocaleString('en-US')} written (${Math.round(done / ((now - started) / 1000)).toLocaleString('en-US')}/s)`,
      );
    }
  };

  const add = async (built: BuiltDossier) => {
    batch.dossiers.push(built.dossier);
    for (const e of built.events) batch.events.push(e);
    for (const p of built.pauses) batch.pauses.push(p);
    if (built.rating) batch.ratings.push(built.rating);
    events += built.events.length;
    pauses += built.pauses.length;
    if (built.rating) ratings++;
    byStatus[built.dossier.status] = (byStatus[built.dossier.status] ?? 0) + 1;
    done++;
    if (batch.dossiers.length >= batchSize) await flush();
    else if (pending && done % 250 === 0) await tick();
  };

  for (const plan of days) {
    // A day's dossiers in submission order, so the day's codes run with the clock.
    const choices = Array.from({ length: plan.count }, () => chooseDossier(rng, ctx, plan.day)).sort(
      (a, b) => a.submittedAt - b.submittedAt,
    );
    for (const choice of choices) await add(buildDossier(rng, ctx, choice));
  }
  // Their own random stream: the history is the same with or without them.
  if (opts.demo)
    for (const built of buildInboxes(new Rng(hashSeed(opts.seed, 'inboxes')), ctx, seats)) await add(built);
  await flush();
  await settle();
  const summary: GenerateSummary = {
    count: done,
    seed: opts.seed,
    from: new Date(from),
    until: new Date(until),
    events,
    pauses,
    ratings,
    byStatus,
    ms: Math.round(performance.now() - started),
  };
  await audit(db, systemContext('seed'), {
    action: 'seed.dossiers',
    targetType: 'deployment',
    summary: {
      count: done,
      seed: opts.seed,
      from: summary.from.toISOString(),
      until: summary.until.toISOString(),
      events,
      pauses,
      ratings,
      byStatus,
    },
  });
  log(
    `Generated ${done.toLocaleString('en-US')} dossiers, ${events.toLocaleString('en-US')} events, ${pauses.toLocaleString('en-US')} pauses, ${ratings.toLocaleString('en-US')} ratings in ${(summary.ms / 1000).toFixed(1)} s (${Math.round(done / (summary.ms / 1000)).toLocaleString('en-US')} dossiers/s)`,
  );
  return summary;
}

/** The batch's dossiers as the other modules' history contributions read them. */
function historical(ctx: BuildContext, b: Batch): HistoricalDossier[] {
  const defs = new Map(ctx.procedures.items.flatMap((p) => p.versions.map((v) => [v.id, v.def] as const)));
  const date = (s: string | null) => (s === null ? null : new Date(s));
  return b.dossiers.map((d) => ({
    id: d.id,
    code: d.code,
    status: d.status,
    channel: d.channel,
    revision: d.revision,
    formData: d.form_data,
    definition: defs.get(d.procedure_version_id)!,
    receivingAgencyId: d.receiving_agency_id,
    submittedAt: new Date(d.submitted_at),
    acceptedAt: date(d.accepted_at),
    closedAt: date(d.closed_at),
    updatedAt: new Date(d.updated_at),
  }));
}
