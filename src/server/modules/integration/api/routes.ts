// The API for other systems: OAuth 2.0 token endpoint and a small read API (procedures, dossiers by
// code or changed since, a dossier's timeline), scoped to the client's agency subtree, rate limited per
// client, every call audited with the client as actor.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../deps.ts';
import { audit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { dossiersForAgencySubtree, dossierTimelineForApi, procedureList } from '../../services/index.ts';
import { issueToken } from './clients.ts';

const tags = ['API liên thông (OAuth 2.0 client credentials)'];
const security = [{ bearer: [] }];

const TokenBody = z.object({
  grant_type: z.literal('client_credentials'),
  client_id: z.string().max(100).optional(),
  client_secret: z.string().max(200).optional(),
  scope: z.string().max(500).optional(),
});

const Dossier = z.object({
  code: z.string(),
  procedureCode: z.string(),
  status: z.number(),
  channel: z.string(),
  submittedAt: z.string(),
  acceptedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  returnedAt: z.string().nullable(),
  receivingAgencyCode: z.string(),
  competentAgencyCode: z.string(),
  holderAgencyCode: z.string(),
  revision: z.number(),
  updatedAt: z.string(),
});
type DossierRow = Awaited<ReturnType<typeof dossiersForAgencySubtree>>[number];
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
/** Allow-list: no personal data leaves through this API. */
const present = (d: DossierRow): z.infer<typeof Dossier> => ({
  code: d.code,
  procedureCode: d.procedureCode,
  status: d.status,
  channel: d.channel,
  submittedAt: iso(d.submittedAt)!,
  acceptedAt: iso(d.acceptedAt),
  dueAt: iso(d.dueAt),
  finishedAt: iso(d.finishedAt),
  returnedAt: iso(d.returnedAt),
  receivingAgencyCode: d.receivingAgencyCode,
  competentAgencyCode: d.competentAgencyCode,
  holderAgencyCode: d.holderAgencyCode,
  revision: d.revision,
  updatedAt: iso(d.updatedAt)!,
});

/** The client's subtree (one membership, built from the token). */
const subtree = (req: FastifyRequest) => req.principal!.memberships[0]!.agencyPath;

export async function apiRoutes(root: FastifyInstance, deps: Deps) {
  const { db } = deps;
  await root.register(async (scope) => {
    // OAuth 2.0 sends the token request form-encoded (RFC 6749 §4.4.2); JSON is accepted as well.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/oauth/token',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary:
            'Cấp mã truy cập (grant_type=client_credentials; client_id, client_secret trong thân hoặc Basic)',
          body: TokenBody,
          response: {
            200: z.object({
              access_token: z.string(),
              token_type: z.literal('Bearer'),
              expires_in: z.number(),
              scope: z.string(),
            }),
          },
        },
      },
      async (req, reply) => {
        let { client_id: clientId, client_secret: clientSecret } = req.body;
        const basic = req.headers.authorization;
        if (basic?.startsWith('Basic ')) {
          const [id, secret] = Buffer.from(basic.slice(6), 'base64').toString().split(':');
          clientId = decodeURIComponent(id ?? '');
          clientSecret = decodeURIComponent(secret ?? '');
        }
        if (!clientId || !clientSecret) throw new AppError('invalid_client');
        const t = await issueToken(db, req.ctx(), { clientId, clientSecret, scope: req.body.scope });
        reply.header('cache-control', 'no-store');
        return {
          access_token: t.token,
          token_type: 'Bearer' as const,
          expires_in: t.expiresIn,
          scope: t.scope,
        };
      },
    );
  });

  await root.register(async (scope) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const limit = {
      max: (req: FastifyRequest) => req.principal?.apiClient?.rateLimitPerMinute ?? 60,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => `api:${req.principal?.apiClient?.id ?? req.ip}`,
    };
    const scoped = (permission: string) => ({ access: { permission }, rateLimit: limit });
    // Only API clients: a session user holds no scope, so these routes stay closed to cookies.
    scope.addHook('preHandler', async (req) => {
      if (!req.principal?.apiClient) throw new AppError('forbidden');
    });
    // Every call, answered or refused after authentication, is in the audit log under the client's name.
    scope.addHook('onResponse', async (req, reply) => {
      const client = req.principal?.apiClient;
      if (!client) return;
      await audit(db, req.ctx(), {
        action: 'api.call',
        targetType: 'api_client',
        targetId: client.id,
        summary: {
          method: req.method,
          route: req.routeOptions.url,
          url: req.url.slice(0, 300),
          status: reply.statusCode,
        },
      }).catch((err: Error) => deps.log.warn({ err: err.message }, 'api call audit failed'));
    });

    app.get(
      '/api/v1/procedures',
      {
        config: scoped('procedures:read'),
        schema: {
          tags,
          security,
          summary: 'Danh mục thủ tục hành chính',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  code: z.string(),
                  name: z.string(),
                  sectorCode: z.string(),
                  sectorName: z.string(),
                  active: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ items: await procedureList(db) }),
    );

    app.get(
      '/api/v1/dossiers',
      {
        config: scoped('dossiers:read'),
        schema: {
          tags,
          security,
          summary: 'Hồ sơ của cơ quan (và cấp dưới) thay đổi từ một thời điểm; phân trang bằng con trỏ',
          querystring: z.strictObject({
            changedSince: z.iso.datetime({ offset: true }).optional(),
            cursor: z.string().max(200).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(Dossier), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const { changedSince, cursor, limit } = req.query;
        let after: { updatedAt: Date; id: string } | undefined;
        if (cursor) {
          const [ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
          const at = new Date(ts ?? '');
          if (Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/.test(id ?? ''))
            throw new AppError('validation', {}, [{ field: 'querystring.cursor', key: 'field.invalid' }]);
          after = { updatedAt: at, id: id! };
        }
        const rows = await dossiersForAgencySubtree(db, {
          pathPrefix: subtree(req),
          changedSince: changedSince ? new Date(changedSince) : undefined,
          after,
          limit,
        });
        const last = rows.at(-1);
        return {
          items: rows.map(present),
          nextCursor:
            rows.length === limit && last
              ? Buffer.from(`${iso(last.updatedAt)}|${last.id}`).toString('base64url')
              : null,
        };
      },
    );

    app.get(
      '/api/v1/dossiers/:code',
      {
        config: scoped('dossiers:read'),
        schema: {
          tags,
          security,
          summary: 'Một hồ sơ theo mã',
          params: z.object({ code: z.string().max(60) }),
          response: { 200: Dossier },
        },
      },
      async (req) => {
        const [d] = await dossiersForAgencySubtree(db, {
          pathPrefix: subtree(req),
          code: req.params.code,
          limit: 1,
        });
        // Outside the subtree is the same answer as absent: the client learns nothing about it.
        if (!d) throw new AppError('not_found');
        return present(d);
      },
    );

    app.get(
      '/api/v1/dossiers/:code/timeline',
      {
        config: scoped('dossiers:read'),
        schema: {
          tags,
          security,
          summary: 'Quá trình xử lý của một hồ sơ',
          params: z.object({ code: z.string().max(60) }),
          response: {
            200: z.object({
              code: z.string(),
              items: z.array(
                z.object({
                  at: z.string(),
                  action: z.string(),
                  fromStatus: z.number().nullable(),
                  toStatus: z.number(),
                  step: z.string().nullable(),
                  agencyCode: z.string().nullable(),
                  timeliness: z.string().nullable(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const [d] = await dossiersForAgencySubtree(db, {
          pathPrefix: subtree(req),
          code: req.params.code,
          limit: 1,
        });
        if (!d) throw new AppError('not_found');
        const items = await dossierTimelineForApi(db, d.id);
        return { code: d.code, items: items.map((e) => ({ ...e, at: iso(e.at)! })) };
      },
    );
  });
}
