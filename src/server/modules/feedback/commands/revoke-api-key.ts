// An administrator revokes an Open311 API key: it stops working at once (every node reads the row on
// each request). Revoking a revoked key changes nothing and is not audited again.
import { eq } from 'drizzle-orm';
import { hasPermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { apiKeyView } from '../open311/api-keys.ts';
import { PERMISSIONS } from '../policy.ts';
import { fbApiKeys } from '../tables.ts';

export async function revokeApiKey(db: Db, ctx: ActionContext, id: string) {
  return db.transaction(async (tx) => {
    const [key] = await tx.select().from(fbApiKeys).where(eq(fbApiKeys.id, id)).for('update');
    if (!hasPermission(ctx.actor, PERMISSIONS.manage)) throw new AppError('forbidden');
    if (!key) throw new AppError('not_found');
    if (!key.active) return apiKeyView(key);
    const [revoked] = await tx
      .update(fbApiKeys)
      .set({ active: false, revokedAt: new Date(), revokedBy: ctx.actor!.userId })
      .where(eq(fbApiKeys.id, id))
      .returning();
    await audit(tx, ctx, {
      action: 'feedback.api_key_revoke',
      targetType: 'feedback_api_key',
      targetId: id,
      summary: { name: key.name, prefix: key.prefix },
    });
    await emit(tx, {
      type: 'feedback.api_key_revoked',
      aggregateType: 'feedback_api_key',
      aggregateId: id,
      payload: { name: key.name, prefix: key.prefix },
      audience: { permission: PERMISSIONS.manage },
    });
    return apiKeyView(revoked!);
  });
}
