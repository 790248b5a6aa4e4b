import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { ALERT_AUDIENCE } from '../alerts/incidents.ts';
import { silences } from '../tables.ts';

export interface SilenceInput {
  ruleCode?: string | undefined;
  thingCode?: string | undefined;
  communeCode?: string | undefined;
  category?: string | undefined;
  startsAt?: Date | undefined;
  endsAt: Date;
  reason: string;
}

/** A maintenance window: matching alerts raised before `endsAt` are kept but not notified. */
export async function createSilence(db: Db, ctx: ActionContext, input: SilenceInput) {
  requirePermission(ctx.actor, 'operations.operate');
  const startsAt = input.startsAt ?? new Date();
  const field = (name: string, key: string) =>
    new AppError('validation', {}, [{ field: `body.${name}`, key }]);
  if (input.endsAt.getTime() <= startsAt.getTime()) throw field('endsAt', 'field.after_start');
  if (!input.ruleCode && !input.thingCode && !input.communeCode && !input.category)
    throw field('ruleCode', 'field.silence_matches_nothing');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(silences)
      .values({
        id: randomUUID(),
        ruleCode: input.ruleCode ?? null,
        thingCode: input.thingCode ?? null,
        communeCode: input.communeCode ?? null,
        category: input.category ?? null,
        startsAt,
        endsAt: input.endsAt,
        reason: input.reason,
        createdBy: ctx.actor?.userId ?? null,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'ops_silence.create',
      targetType: 'ops_silence',
      targetId: row!.id,
      summary: { ...input },
    });
    await emit(tx, {
      type: 'operations.silence.created',
      aggregateType: 'ops_silence',
      aggregateId: row!.id,
      audience: ALERT_AUDIENCE,
    });
    return row!;
  });
}

/** Ends a silence now (maintenance finished early). */
export async function endSilence(db: Db, ctx: ActionContext, id: string) {
  requirePermission(ctx.actor, 'operations.operate');
  return db.transaction(async (tx) => {
    const [s] = await tx.select().from(silences).where(eq(silences.id, id)).for('update');
    if (!s) throw new AppError('not_found');
    const now = new Date();
    if (s.endsAt <= now) return s;
    const [row] = await tx.update(silences).set({ endsAt: now }).where(eq(silences.id, id)).returning();
    await audit(tx, ctx, { action: 'ops_silence.end', targetType: 'ops_silence', targetId: id });
    await emit(tx, {
      type: 'operations.silence.ended',
      aggregateType: 'ops_silence',
      aggregateId: id,
      audience: ALERT_AUDIENCE,
    });
    return row!;
  });
}
