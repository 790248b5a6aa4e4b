import { sql } from 'drizzle-orm';
import { systemContext } from '../../../platform/context.ts';
import { type Db, queryRows } from '../../../platform/db/client.ts';
import { dossierPauses } from '../tables.ts';
import { and, eq, isNull } from 'drizzle-orm';
import { applyTransition, lockDossier } from '../transition.ts';
import { paymentDesk } from '../contributions.ts';

/**
 * A supplement request past its time limit closes the dossier as not accepted (status 3), as the
 * procedure's supplement time limit allows. Runs as a scheduled job; each dossier in its own transaction.
 */
export async function expireSupplements(db: Db, now = new Date()): Promise<number> {
  const expired = await queryRows<{ id: string }>(
    db,
    sql`select d.id from svc_dossiers d
        join lateral (select e.data from svc_dossier_events e where e.dossier_id = d.id and e.action = 'request_supplement' order by e.id desc limit 1) r on true
        where d.status = 5 and (r.data->>'deadline')::timestamptz < ${now.toISOString()}::timestamptz
        limit 500`,
  );
  for (const { id } of expired) {
    await db.transaction(async (tx) => {
      const d = await lockDossier(tx, id);
      if (d.status !== 5) return;
      await tx
        .update(dossierPauses)
        .set({ to: now })
        .where(and(eq(dossierPauses.dossierId, id), isNull(dossierPauses.to)));
      await paymentDesk().cancelPending(tx, systemContext('supplement-deadline'), id, 'supplement_expired');
      await applyTransition(tx, systemContext('supplement-deadline'), d, {
        action: 'expire_supplement',
        toStatus: 3,
        now,
        changes: { closedAt: now, stepRole: null },
        data: { reason: 'supplement_time_limit' },
      });
    });
  }
  return expired.length;
}
