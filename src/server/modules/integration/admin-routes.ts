// Administration of API clients and their webhooks: create (secret shown once), revoke, subscribe,
// the delivery log, replay. Every write is audited in its transaction.
import { and, desc, eq, like, lt, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import type { ActionContext } from '../../platform/context.ts';
import { AddressRefused, type AddressGuard } from '../../platform/http/address-guard.ts';
import { hasRootPermission, type Principal, scopePaths } from '../../platform/access.ts';
import { audit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { getAgency } from '../identity/index.ts';
import { createApiClient, grantableScopes, MANAGE, managesClient, revokeApiClient } from './api/clients.ts';
import { apiClients, webhookDeliveries, webhookSubscriptions } from './tables.ts';
import { requeueDelivery, webhookEventTypes } from './webhooks/deliveries.ts';
import { createSubscription, deactivateSubscription } from './webhooks/subscriptions.ts';

const tags = ['Ứng dụng liên thông và webhook (admin)'];
const manage = { config: { access: { permission: MANAGE } } } as const;
const IdParams = z.object({ id: z.uuid() });

const ClientView = z.object({
  id: z.string(),
  name: z.string(),
  agencyId: z.string(),
  agencyName: z.string().nullable(),
  scopes: z.array(z.string()),
  rateLimitPerMinute: z.number(),
  revokedAt: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
const SubscriptionView = z.object({
  id: z.string(),
  clientId: z.string(),
  url: z.string(),
  eventTypes: z.array(z.string()),
  active: z.boolean(),
  createdAt: z.string(),
});
const DeliveryView = z.object({
  id: z.number(),
  subscriptionId: z.string(),
  url: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  lastStatusCode: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Webhook targets: http(s) URLs only. */
const WebhookUrl = z
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//.test(u), { message: 'field.url_not_allowed' });

/** The clients an administrator sees: those bound inside their agency subtrees (all of them at the root). */
function clientsInScope(p: Principal | null): SQL | undefined {
  if (hasRootPermission(p, MANAGE)) return undefined;
  const paths = scopePaths(p, MANAGE);
  if (paths.length === 0) return eq(apiClients.id, '00000000-0000-0000-0000-000000000000');
  return or(...paths.map((path) => like(apiClients.agencyPath, `${path}%`)));
}

/** At save time: a URL whose host is (or resolves to) a refused address is a 400 on the field. */
async function checkWebhookUrl(guard: AddressGuard, url: string) {
  try {
    await guard.checkUrl(url);
  } catch (err) {
    if (!(err instanceof AddressRefused)) throw err;
    throw new AppError('validation', {}, [{ field: 'body.url', key: `field.url_refused_${err.reason}` }]);
  }
}

export async function integrationAdminRoutes(root: FastifyInstance, deps: Deps, guard: AddressGuard) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  /** A client this administrator manages, or not found (another agency's client is not theirs to see). */
  const managedClient = async (req: { ctx(): ActionContext }, clientId: string) => {
    const [client] = await db.select().from(apiClients).where(eq(apiClients.id, clientId));
    if (!client || !managesClient(req.ctx(), client)) throw new AppError('not_found');
    return client;
  };

  const viewClient = async (c: typeof apiClients.$inferSelect) => ({
    id: c.id,
    name: c.name,
    agencyId: c.agencyId,
    agencyName: (await getAgency(db, c.agencyId))?.name ?? null,
    scopes: c.scopes,
    rateLimitPerMinute: c.rateLimitPerMinute,
    revokedAt: iso(c.revokedAt),
    createdAt: c.createdAt.toISOString(),
    lastUsedAt: iso(c.lastUsedAt),
  });
  const viewSub = (s: typeof webhookSubscriptions.$inferSelect) => ({
    id: s.id,
    clientId: s.clientId,
    url: s.url,
    eventTypes: s.eventTypes,
    active: s.active,
    createdAt: s.createdAt.toISOString(),
  });

  app.get(
    '/api/admin/api-clients',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Các ứng dụng được phép gọi API',
        response: {
          200: z.object({
            items: z.array(ClientView),
            scopes: z.array(z.string()),
            eventTypes: z.array(z.string()),
          }),
        },
      },
    },
    async (req) => {
      const rows = await db
        .select()
        .from(apiClients)
        .where(clientsInScope(req.principal))
        .orderBy(desc(apiClients.createdAt));
      return {
        items: await Promise.all(rows.map(viewClient)),
        scopes: grantableScopes(),
        eventTypes: webhookEventTypes(),
      };
    },
  );

  app.post(
    '/api/admin/api-clients',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Tạo ứng dụng: mã và khoá bí mật (khoá chỉ hiện một lần)',
        body: z.strictObject({
          name: z.string().trim().min(3).max(200),
          agencyId: z.uuid(),
          scopes: z.array(z.enum(grantableScopes())).min(1).max(grantableScopes().length),
          rateLimitPerMinute: z.number().int().min(1).max(10_000).default(120),
        }),
        response: { 200: ClientView.extend({ clientSecret: z.string() }) },
      },
    },
    async (req) => {
      const { client, secret } = await db.transaction((tx) => createApiClient(tx, req.ctx(), req.body));
      return { ...(await viewClient(client)), clientSecret: secret };
    },
  );

  app.post(
    '/api/admin/api-clients/:id/revoke',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Thu hồi ứng dụng (mọi mã truy cập mất hiệu lực ngay)',
        params: IdParams,
        response: { 200: ClientView },
      },
    },
    async (req) => viewClient(await db.transaction((tx) => revokeApiClient(tx, req.ctx(), req.params.id))),
  );

  app.get(
    '/api/admin/api-clients/:id/webhooks',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Webhook của một ứng dụng',
        params: IdParams,
        response: { 200: z.object({ items: z.array(SubscriptionView) }) },
      },
    },
    async (req) => {
      await managedClient(req, req.params.id);
      return {
        items: (
          await db
            .select()
            .from(webhookSubscriptions)
            .where(eq(webhookSubscriptions.clientId, req.params.id))
            .orderBy(desc(webhookSubscriptions.createdAt))
        ).map(viewSub),
      };
    },
  );

  app.post(
    '/api/admin/api-clients/:id/webhooks',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Đăng ký webhook (khoá ký chỉ hiện một lần)',
        params: IdParams,
        body: z.strictObject({
          url: WebhookUrl,
          eventTypes: z
            .array(z.enum(webhookEventTypes() as [string, ...string[]]))
            .min(1)
            .max(webhookEventTypes().length),
        }),
        response: { 200: SubscriptionView.extend({ signingSecret: z.string() }) },
      },
    },
    async (req) => {
      await checkWebhookUrl(guard, req.body.url);
      const { subscription, secret } = await db.transaction((tx) =>
        createSubscription(tx, req.ctx(), deps.secrets, req.params.id, req.body),
      );
      return { ...viewSub(subscription), signingSecret: secret };
    },
  );

  app.delete(
    '/api/admin/webhooks/:id',
    { ...manage, schema: { tags, summary: 'Ngừng một webhook', params: IdParams } },
    async (req) => {
      await db.transaction((tx) => deactivateSubscription(tx, req.ctx(), req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/api/admin/webhooks/deliveries',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Nhật ký gửi webhook (mới nhất trước)',
        querystring: z.strictObject({
          clientId: z.uuid().optional(),
          status: z.enum(['pending', 'delivered', 'failed']).optional(),
          before: z.coerce.number().int().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(DeliveryView) }) },
      },
    },
    async (req) => {
      const { clientId, status, before, limit } = req.query;
      const rows = await db
        .select({ d: webhookDeliveries, url: webhookSubscriptions.url })
        .from(webhookDeliveries)
        .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
        .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
        .where(
          and(
            clientsInScope(req.principal),
            clientId ? eq(webhookSubscriptions.clientId, clientId) : undefined,
            status ? eq(webhookDeliveries.status, status) : undefined,
            before ? lt(webhookDeliveries.id, before) : undefined,
          ),
        )
        .orderBy(desc(webhookDeliveries.id))
        .limit(limit);
      return {
        items: rows.map(({ d, url }) => ({
          id: d.id,
          subscriptionId: d.subscriptionId,
          url,
          eventId: d.eventId,
          eventType: d.eventType,
          status: d.status,
          attempts: d.attempts,
          lastStatusCode: d.lastStatusCode,
          lastError: d.lastError,
          createdAt: d.createdAt.toISOString(),
          lastAttemptAt: iso(d.lastAttemptAt),
          deliveredAt: iso(d.deliveredAt),
        })),
      };
    },
  );

  app.post(
    '/api/admin/webhooks/deliveries/:id/replay',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Gửi lại một sự kiện (cùng mã sự kiện: bên nhận không áp dụng hai lần)',
        params: z.object({ id: z.coerce.number().int().min(1) }),
      },
    },
    async (req) => {
      await db.transaction(async (tx) => {
        const [found] = await tx
          .select({ d: webhookDeliveries, agencyId: apiClients.agencyId, agencyPath: apiClients.agencyPath })
          .from(webhookDeliveries)
          .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
          .innerJoin(apiClients, eq(apiClients.id, webhookSubscriptions.clientId))
          .where(eq(webhookDeliveries.id, req.params.id))
          .for('update', { of: webhookDeliveries });
        if (!found || !managesClient(req.ctx(), found)) throw new AppError('not_found');
        const { d } = found;
        await requeueDelivery(tx, d.id);
        await audit(tx, req.ctx(), {
          action: 'webhook.replay',
          targetType: 'webhook_delivery',
          targetId: String(d.id),
          agencyId: found.agencyId,
          summary: { eventId: d.eventId, previousStatus: d.status, attempts: d.attempts },
        });
      });
      return { ok: true as const };
    },
  );
}
