// The API for other systems: OAuth 2.0 token endpoint and a small read API (procedures, dossiers by
// code or changed since, a dossier's timeline, the Decision 766 statistics), scoped to the client's
// agency subtree, rate limited per client, every call audited with the client as actor.
// Errors: the token endpoint answers in RFC 6749's shape; /api/v1 in the platform's, with the bearer
// scheme's challenge (RFC 6750) in `WWW-Authenticate`.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as C from '../../../../contracts/stats.ts';
import type { Deps } from '../../../platform/module.ts';
import { audit } from '../../../platform/audit/index.ts';
import { AppError } from '../../../platform/errors.ts';
import { encodeKeyset, KeysetCursor } from '../../../platform/http/cursor.ts';
import { bearerChallenge, handleError, toAppError } from '../../../platform/http/errors.ts';
import { dossiersForAgencySubtree, dossierTimelineForApi, procedureList } from '../../services/index.ts';
import { breakdown, overview, periodView, statsRead, statsRequest } from '../../stats/index.ts';
import { issueToken } from './clients.ts';
import { basicCredentials, OAuthError, OAuthErrorBody, oauthErrorHandler, parseForm } from './oauth.ts';

const tags = ['API liên thông (OAuth 2.0 client credentials)'];
const security = [{ bearer: [] }];

/**
 * Loose on purpose: the handler tells a missing or unsupported grant from a malformed request, as the
 * RFC's error codes require; unknown parameters are ignored (§3.2).
 */
const TokenBody = z.object({
  grant_type: z.string().max(100).optional().describe('client_credentials'),
  client_id: z.string().max(100).optional().describe('client_secret_post; or HTTP Basic'),
  client_secret: z.string().max(200).optional().describe('client_secret_post; or HTTP Basic'),
  scope: z.string().max(500).optional().describe('space-separated; all the client’s scopes if omitted'),
});

/** The statistics slice of the API: agencies by their electronic identifier code, as elsewhere in the API. */
const StatsQuery = C.SliceQuery.omit({ agencyId: true }).extend({
  agencyCode: z.string().min(3).max(40).optional(),
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
      (_req, body, done) => done(null, parseForm(body as string)),
    );
    scope.setErrorHandler(oauthErrorHandler);
    const app = scope.withTypeProvider<ZodTypeProvider>();

    app.post(
      '/api/oauth/token',
      {
        config: { access: 'public', rateLimit: { max: 30, timeWindow: 60_000 } },
        schema: {
          tags,
          summary: 'Cấp mã truy cập (OAuth 2.0 client credentials)',
          description:
            'grant_type=client_credentials. Client authentication: HTTP Basic (client_secret_basic) or ' +
            'client_id and client_secret in the body (client_secret_post), not both. Body: ' +
            'application/x-www-form-urlencoded (RFC 6749) or JSON. Errors as RFC 6749 §5.2: 400 ' +
            '{ error, error_description }, 401 with WWW-Authenticate: Basic when HTTP Basic failed.',
          consumes: ['application/x-www-form-urlencoded', 'application/json'],
          body: TokenBody,
          response: {
            200: z.object({
              access_token: z.string(),
              token_type: z.literal('Bearer'),
              expires_in: z.number(),
              scope: z.string(),
            }),
            400: OAuthErrorBody,
            401: OAuthErrorBody,
          },
        },
      },
      async (req, reply) => {
        // Parameters sent without a value are treated as omitted (RFC 6749 §3.2).
        const param = (v: string | undefined) => (v === '' ? undefined : v);
        const grantType = param(req.body.grant_type);
        if (!grantType) throw new OAuthError('invalid_request', 'oauth.missing_grant_type');
        if (grantType !== 'client_credentials')
          throw new OAuthError('unsupported_grant_type', 'oauth.unsupported_grant_type');
        const basic = basicCredentials(req.headers.authorization);
        const bodyId = param(req.body.client_id);
        const bodySecret = param(req.body.client_secret);
        // One authentication method per request (§2.3.1); client_id may repeat the Basic one (§3.2.1).
        if (basic && (bodySecret !== undefined || (bodyId !== undefined && bodyId !== basic.id)))
          throw new OAuthError('invalid_request', 'oauth.two_methods');
        const clientId = basic ? basic.id : bodyId;
        const clientSecret = basic ? basic.secret : bodySecret;
        if (!clientId || !clientSecret)
          throw new OAuthError('invalid_client', 'oauth.missing_client', {}, !!basic);
        const t = await issueToken(db, req.ctx(), {
          clientId,
          clientSecret,
          scope: param(req.body.scope),
          viaBasic: !!basic,
        });
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
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
    // A caller without a token is told which scheme to use (RFC 6750 §3); a refused token gets its
    // error code from the platform's handler.
    scope.setErrorHandler((err, req, reply) => {
      const challenge = req.principal?.apiClient ? null : bearerChallenge(toAppError(err), req.lang, true);
      if (challenge) reply.header('www-authenticate', challenge);
      return handleError(err, req, reply);
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
            cursor: KeysetCursor.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ items: z.array(Dossier), nextCursor: z.string().nullable() }) },
        },
      },
      async (req) => {
        const { changedSince, cursor, limit } = req.query;
        const rows = await dossiersForAgencySubtree(db, {
          pathPrefix: subtree(req),
          changedSince: changedSince ? new Date(changedSince) : undefined,
          after: cursor ? { updatedAt: cursor.at, id: cursor.id } : undefined,
          limit,
        });
        const last = rows.at(-1);
        return {
          items: rows.map(present),
          nextCursor:
            rows.length === limit && last ? encodeKeyset({ at: last.updatedAtExact, id: last.id }) : null,
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

    // Statistics (stats:read): the figures leaders see, over the client's subtree. Periods as in
    // /api/stats: month, quarter, year, custom months or custom days (Vietnam time).
    const scopeOf = (r: Awaited<ReturnType<typeof statsRequest>>, req: FastifyRequest) => {
      const a = r.agency ?? r.agencies.find((x) => x.id === req.principal!.memberships[0]!.agencyId);
      return { agencyCode: a?.code ?? null, agencyName: a?.name ?? null };
    };
    app.get(
      '/api/v1/stats/overview',
      {
        config: scoped('stats:read'),
        schema: {
          tags,
          security,
          summary: 'Chỉ số 766 (điểm, từng thành phần) và số liệu theo trạng thái của một kỳ, một lát cắt',
          description:
            'period: 2026-11, 2026-Q4, 2026, 2026-03..2026-08, 2026-11-05..2026-11-20. Without agencyCode, ' +
            'the client’s agency and everything below it; an agency outside that subtree is refused (403).',
          querystring: StatsQuery,
          response: {
            200: z.object({
              period: C.PeriodView,
              scope: z.object({ agencyCode: z.string().nullable(), agencyName: z.string().nullable() }),
              counts: C.Counts,
              indicators: C.Indicators,
              score: C.Score,
            }),
          },
        },
      },
      async (req) => {
        const r = await statsRequest(db, req.principal, req.query, 'stats:read');
        const o = await statsRead(db, (tx) => overview(tx, r.period, r.slice, r.now));
        return {
          period: periodView(r),
          scope: scopeOf(r, req),
          counts: o.counts,
          indicators: o.indicators,
          score: o.score,
        };
      },
    );

    app.get(
      '/api/v1/stats/breakdown',
      {
        config: scoped('stats:read'),
        schema: {
          tags,
          security,
          summary: 'Số liệu 766 theo đơn vị, thủ tục, lĩnh vực hoặc kênh trong phạm vi của ứng dụng',
          querystring: StatsQuery.extend({ by: C.BreakdownBy }),
          response: {
            200: z.object({
              by: C.BreakdownBy,
              period: C.PeriodView,
              items: z.array(
                z.object({
                  /** agency code (by=unit), procedure code, sector code or channel */
                  code: z.string(),
                  label: z.string(),
                  counts: C.Counts,
                  indicators: C.Indicators,
                  points: z.number(),
                }),
              ),
            }),
          },
        },
      },
      async (req) => {
        const r = await statsRequest(db, req.principal, req.query, 'stats:read');
        const items = await statsRead(db, (tx) =>
          breakdown(tx, r.period, r.slice, req.query.by, r.agencies, r.now, req.lang),
        );
        return { by: req.query.by, period: periodView(r), items };
      },
    );
  });
}
