// Open311 API keys: administrators issue, list and revoke them (the key is shown once, its hash kept);
// each key has a per-minute limit, counted per node.
import { randomBytes } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { hasPermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { hashSecret } from '../codes.ts';
import { PERMISSIONS } from '../policy.ts';
import { fbApiKeys } from '../tables.ts';

export async function createApiKey(
  db: Db,
  ctx: ActionContext,
  input: { name: string; contactEmail?: string | undefined; perMinute?: number | undefined },
) {
  if (!hasPermission(ctx.actor, PERMISSIONS.manage)) throw new AppError('forbidden');
  const key = `o311_${randomBytes(24).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(fbApiKeys)
      .values({
        keyHash: hashSecret(key),
        prefix: key.slice(0, 9),
        name: input.name,
        contactEmail: input.contactEmail ?? null,
        perMinute: input.perMinute ?? 60,
        createdBy: ctx.actor!.userId,
        createdAt: new Date(),
      })
      .returning();
    await audit(tx, ctx, {
      action: 'feedback.api_key_create',
      targetType: 'feedback_api_key',
      targetId: row!.id,
      summary: { name: input.name, prefix: row!.prefix, perMinute: row!.perMinute },
    });
    await emit(tx, {
      type: 'feedback.api_key_created',
      aggregateType: 'feedback_api_key',
      aggregateId: row!.id,
      payload: { name: row!.name, prefix: row!.prefix, perMinute: row!.perMinute },
      audience: { permission: PERMISSIONS.manage },
    });
    return { id: row!.id, key, prefix: row!.prefix, perMinute: row!.perMinute };
  });
}

/** What an administrator sees of a key: never the key or its hash. */
export const apiKeyView = (k: typeof fbApiKeys.$inferSelect) => ({
  id: k.id,
  name: k.name,
  prefix: k.prefix,
  contactEmail: k.contactEmail,
  perMinute: k.perMinute,
  active: k.active,
  createdAt: k.createdAt.toISOString(),
  lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
  revokedAt: k.revokedAt?.toISOString() ?? null,
});

/** Every key, newest first, for the administrators of feedback. */
export async function listApiKeys(db: Db, ctx: ActionContext) {
  if (!hasPermission(ctx.actor, PERMISSIONS.manage)) throw new AppError('forbidden');
  const rows = await db.select().from(fbApiKeys).orderBy(desc(fbApiKeys.createdAt));
  return { items: rows.map(apiKeyView) };
}

const windows = new Map<string, { minute: number; used: number }>();

/** The key's row if the key is valid, active and within its limit this minute. */
export async function checkApiKey(db: Db, key: string | undefined, now = Date.now()) {
  if (!key) return { ok: false as const, reason: 'missing' as const };
  const [row] = await db
    .select()
    .from(fbApiKeys)
    .where(eq(fbApiKeys.keyHash, hashSecret(key)));
  if (!row?.active) return { ok: false as const, reason: 'invalid' as const };
  const minute = Math.floor(now / 60_000);
  const w = windows.get(row.id);
  if (!w || w.minute !== minute) {
    windows.set(row.id, { minute, used: 1 });
    // When it was last used, to the minute: one write per key and minute at most.
    await db
      .update(fbApiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(fbApiKeys.id, row.id));
  } else if (++w.used > row.perMinute) return { ok: false as const, reason: 'rate_limited' as const };
  return { ok: true as const, key: row };
}
