// Reconciliation by period: the dossiers received (accepted) in a period here, compared with what
// the portal lists for the same period; those it lacks, holds at an older revision or with another
// status are marked pending and sent again. Each run is kept with its counts and codes.
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { codedDossiersReceivedBetween } from '../../services/index.ts';
import { dvcqgReconciliations } from '../tables.ts';
import type { DvcqgClient } from './client.ts';
import { nationalDay } from './contract.ts';
import { markPending, queueSync } from './sync.ts';

export interface ReconcileResult {
  id: number;
  from: string;
  to: string;
  localCount: number;
  remoteCount: number;
  missing: string[];
  stale: string[];
  unknown: string[];
  resent: number;
}

const DAY_MS = 86_400_000;
/** Local midnight (UTC+7) of a yyyy-mm-dd day. */
const localMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** Compares [from, to] (local days, inclusive) with the portal and re-sends the gaps. */
export async function reconcilePeriod(
  db: Db,
  client: DvcqgClient,
  ctx: ActionContext,
  period: { from: string; to: string },
): Promise<ReconcileResult> {
  if (period.from > period.to)
    throw new AppError('validation', {}, [{ field: 'to', key: 'field.period_order' }]);
  const local = await codedDossiersReceivedBetween(
    db,
    localMidnight(period.from),
    new Date(localMidnight(period.to).getTime() + DAY_MS),
  );
  // The portal's answer is read before anything is written: an unreachable portal changes nothing.
  let remote: Awaited<ReturnType<DvcqgClient['listReceived']>>;
  try {
    remote = await client.listReceived(nationalDay(period.from), nationalDay(period.to));
  } catch (err) {
    throw new AppError('dvcqg_unavailable', { reason: (err as Error).message });
  }
  const remoteBy = new Map(remote.DanhSach.map((r) => [r.MaHoSo, r]));
  const localCodes = new Set(local.map((d) => d.code));
  const missing: typeof local = [];
  const stale: typeof local = [];
  for (const d of local) {
    const r = remoteBy.get(d.code);
    if (!r) missing.push(d);
    else if (r.PhienBan < d.revision || r.TrangThaiHoSo !== d.status) stale.push(d);
  }
  const unknown = remote.DanhSach.filter((r) => !localCodes.has(r.MaHoSo)).map((r) => r.MaHoSo);
  const resend = [...missing, ...stale];
  return db.transaction(async (tx) => {
    await markPending(tx, resend, { resetAttempts: true });
    await queueSync(
      tx,
      resend.map((d) => d.id),
    );
    const [row] = await tx
      .insert(dvcqgReconciliations)
      .values({
        from: period.from,
        to: period.to,
        localCount: local.length,
        remoteCount: remote.TongSo,
        missing: missing.map((d) => d.code),
        stale: stale.map((d) => d.code),
        unknown,
        resent: resend.length,
        actorLabel: ctx.actor?.fullName ?? ctx.actorLabel ?? 'system',
      })
      .returning({ id: dvcqgReconciliations.id });
    await audit(tx, ctx, {
      action: 'dvcqg.reconcile',
      targetType: 'dvcqg_reconciliation',
      targetId: String(row!.id),
      summary: {
        from: period.from,
        to: period.to,
        localCount: local.length,
        remoteCount: remote.TongSo,
        resent: resend.length,
        unknown: unknown.length,
      },
    });
    return {
      id: row!.id,
      from: period.from,
      to: period.to,
      localCount: local.length,
      remoteCount: remote.TongSo,
      missing: missing.map((d) => d.code),
      stale: stale.map((d) => d.code),
      unknown,
      resent: resend.length,
    };
  });
}

/** The local calendar day (UTC+7) of a moment, as yyyy-mm-dd. */
export const localDay = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
