import { eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { isApplicant } from '../policy.ts';
import { dossiers, ratings } from '../tables.ts';
import { afterDossiersChanged } from '../contributions.ts';

/** The nine criteria of the kiosk form, each 2 (good) / 1 / 0. */
export const RATING_CRITERIA = [
  'total_time',
  'time_per_agency',
  'contacts',
  'agencies_contacted',
  'one_stop_applied',
  'publicity',
  'staff_attitude',
  'convenience',
  'overall',
] as const;

/** After the result, the applicant rates once: a score 1–5 and optionally the nine criteria. */
export async function rateDossier(
  db: Db,
  ctx: ActionContext,
  id: string,
  input: { score: number; criteria?: Record<string, number> | undefined; comment?: string | undefined },
) {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(dossiers).where(eq(dossiers.id, id)).for('update');
    if (!d || !isApplicant(ctx.actor, d)) throw new AppError('not_found');
    if (d.status !== 9 && d.status !== 10) throw new AppError('invalid_state', { status: d.status });
    const [existing] = await tx.select().from(ratings).where(eq(ratings.dossierId, id));
    if (existing) throw new AppError('invalid_state', { reason: 'already_rated' });
    await tx.insert(ratings).values({
      dossierId: id,
      score: input.score,
      criteria: input.criteria ?? null,
      comment: input.comment ?? null,
    });
    await afterDossiersChanged(tx, [id]);
    await audit(tx, ctx, {
      action: 'dossier.rate',
      targetType: 'dossier',
      targetId: id,
      agencyId: d.competentAgencyId,
      summary: { score: input.score },
    });
  });
}
