import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import type { SessionService } from '../sessions.ts';

/** Ends this session, or with `everywhere` every session of the user (logout from all devices). */
export async function logout(db: Db, sessions: SessionService, ctx: ActionContext, everywhere: boolean) {
  const actor = ctx.actor;
  if (!actor?.sessionTokenHash) throw new AppError('unauthenticated');
  await db.transaction(async (tx) => {
    if (everywhere) await sessions.revokeAll(tx, actor.userId);
    else await sessions.revoke(tx, actor.sessionTokenHash!, actor.userId);
    await audit(tx, ctx, {
      action: everywhere ? 'auth.logout_all' : 'auth.logout',
      targetType: 'user',
      targetId: actor.userId,
    });
  });
}
