// Webhook subscriptions of an API client, kept by an administrator. The signing secret is shown once
// and kept sealed (it must be read back to sign, so it cannot be a hash).
import { and, eq } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { SecretBox } from '../../../platform/auth/secret-box.ts';
import { randomToken } from '../../../platform/auth/tokens.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { managesClient } from '../api/clients.ts';
import { apiClients, webhookSubscriptions } from '../tables.ts';
import type { WebhookEventType } from './deliveries.ts';

export async function createSubscription(
  tx: Tx,
  ctx: ActionContext,
  secrets: SecretBox,
  clientId: string,
  input: { url: string; eventTypes: WebhookEventType[] },
) {
  const [client] = await tx.select().from(apiClients).where(eq(apiClients.id, clientId));
  if (!client || !managesClient(ctx, client)) throw new AppError('not_found');
  if (client.revokedAt) throw new AppError('invalid_state');
  const secret = `whsec_${randomToken(24)}`;
  const [sub] = await tx
    .insert(webhookSubscriptions)
    .values({
      clientId,
      url: input.url,
      eventTypes: [...new Set(input.eventTypes)],
      secretSealed: secrets.seal(secret),
    })
    .returning();
  await audit(tx, ctx, {
    action: 'webhook.subscribe',
    targetType: 'webhook_subscription',
    targetId: sub!.id,
    agencyId: client.agencyId,
    summary: { clientId, url: input.url, eventTypes: sub!.eventTypes },
  });
  return { subscription: sub!, secret };
}

export async function deactivateSubscription(tx: Tx, ctx: ActionContext, id: string) {
  const [owner] = await tx
    .select({ agencyId: apiClients.agencyId, agencyPath: apiClients.agencyPath })
    .from(webhookSubscriptions)
    .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
    .where(eq(webhookSubscriptions.id, id));
  if (!owner || !managesClient(ctx, owner)) throw new AppError('not_found');
  const [sub] = await tx
    .update(webhookSubscriptions)
    .set({ active: false })
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.active, true)))
    .returning();
  if (!sub) throw new AppError('not_found');
  await audit(tx, ctx, {
    action: 'webhook.unsubscribe',
    targetType: 'webhook_subscription',
    targetId: id,
    agencyId: owner.agencyId,
    summary: { clientId: sub.clientId, url: sub.url },
  });
}
