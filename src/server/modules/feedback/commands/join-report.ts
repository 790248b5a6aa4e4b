import { eq } from 'drizzle-orm';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { applyChange, followerCountSql, lockReport } from '../change.ts';
import { hashSecret, newSecret } from '../codes.ts';
import { isOpen } from '../lifecycle.ts';
import { sendTrackingLink } from '../notify.ts';
import { fbFollowers, fbReports } from '../tables.ts';

/** "This is my problem too": the caller follows an open report instead of filing a new one. */
export async function joinReport(
  db: Db,
  ctx: ActionContext,
  code: string,
  contact: { name?: string | undefined; phone?: string | undefined; email?: string | undefined },
  publicUrl?: string,
) {
  const [found] = await db.select({ id: fbReports.id }).from(fbReports).where(eq(fbReports.code, code));
  if (!found) throw new AppError('not_found');
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const r = await lockReport(tx, found.id);
    if (!isOpen(r.status)) throw new AppError('invalid_state', { status: r.status });
    const userId = ctx.actor?.kind === 'citizen' ? ctx.actor.userId : null;
    await tx.insert(fbFollowers).values({
      reportId: r.id,
      isReporter: false,
      userId,
      name: contact.name ?? null,
      phone: contact.phone ?? null,
      email: contact.email ?? null,
      secretHash: hashSecret(secret),
      joinedAt: new Date(),
      lang: ctx.lang,
    });
    if (publicUrl && (contact.email || contact.phone))
      await sendTrackingLink(
        tx,
        publicUrl,
        'joined',
        { email: contact.email ?? null, phone: contact.phone ?? null, lang: ctx.lang },
        r,
        secret,
      );
    await applyChange(tx, ctx, r, {
      action: 'join',
      set: { followerCount: followerCountSql(r.id) as never },
    });
    return { code: r.code, secret };
  });
}
