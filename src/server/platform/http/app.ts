import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import rateLimit from '@fastify/rate-limit';
import compress from '@fastify/compress';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import { pickLanguage } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import { hasRootPermission, type Principal } from '../access.ts';
import { safeEqual } from '../auth/tokens.ts';
import { handleError } from './errors.ts';
import { inputProblem } from './input-guard.ts';
import { createMetrics } from './metrics.ts';
import { readCookies } from './cookies.ts';
import { apiSecurityHeaders, documentSecurityHeaders } from './security-headers.ts';
import { responseSerializer } from './serializer.ts';
import type { RouteAccess } from './types.ts';
import { zodValidatorCompiler } from './validation.ts';
import { type WebAppOptions, webAppRoutes } from './web-app.ts';
import './types.ts';

export interface Authenticator {
  cookieName: string;
  /** null = no session; 'expired' = a session that timed out; synchronous when the session is cached */
  fromCookie(token: string): Principal | null | 'expired' | Promise<Principal | null | 'expired'>;
  /** API clients and other bearer schemes (issue 4); null when not recognised */
  fromBearer?(token: string): Promise<Principal | null>;
}

export interface HttpOptions {
  log: Logger;
  trustProxy: boolean;
  maxUploadBytes: number;
  /** the web app, when it is served by this server */
  web: WebAppOptions | null;
  auth: Authenticator;
  ready: () => Promise<void>;
  /** more Prometheus text appended to /metrics (e.g. the live event streams) */
  extraMetrics?: () => string;
  /** whether the deployment runs in demo mode (sent to the web app) */
  secureCookies: boolean;
  /** bearer token /metrics asks for; without one, /metrics answers loopback connections only */
  metricsToken?: string | undefined;
}

const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// What a user whose role requires a second factor may still do before setting it up.
const TOTP_SETUP_ROUTES = new Set([
  'POST /api/account/totp/setup',
  'POST /api/account/totp/enable',
  'POST /api/auth/logout',
  'GET /api/account/me',
  'GET /api/events',
]);

export async function createHttp(opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: opts.log,
    trustProxy: opts.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: () => randomUUID(),
    // No child logger per request (a measurable cost): error logs carry the request id themselves.
    childLoggerFactory: (logger) => logger,
    // Per-request lines are left out: metrics count requests, errors are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(responseSerializer);
  app.setErrorHandler(handleError);
  // The API speaks JSON (and multipart for uploads): plain text bodies get a 415, not a parse attempt.
  app.removeContentTypeParser('text/plain');

  app.decorate('uploadLimit', opts.maxUploadBytes);
  app.decorateRequest('principal', null);
  app.decorateRequest('lang', 'vi');
  app.decorateRequest('cookies', null as unknown as Record<string, string | undefined>);
  app.decorateRequest('ctx', function (this: FastifyRequest) {
    return { actor: this.principal, requestId: this.id, ip: this.ip, lang: this.lang };
  });

  // Security headers, computed once (helmet's plugin re-parses its directives on every request).
  const documentHeaders = documentSecurityHeaders();
  const apiHeaders = apiSecurityHeaders();
  // Multipart bodies are parsed only by the upload routes (`uploadRoutes`, ./uploads.ts).
  // Answers worth compressing (JSON, HTML, CSV, SVG…) go out brotli or gzip at a quick setting; files
  // already compressed at build are sent as they are, and the event stream is never buffered.
  await app.register(compress, {
    global: true,
    // Request bodies are never sent compressed to this API: no decompression hook on every route.
    globalDecompression: false,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes:
      /^(application\/(json|problem\+json|javascript|xml)|text\/(html|css|csv|plain|javascript|xml)|image\/svg\+xml)\b/,
  });
  await app.register(rateLimit, { global: false, errorResponseBuilder: () => new AppError('rate_limited') });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CQS API',
        description:
          'Chính quyền số: API của nền tảng. Errors: { error: { code, message, requestId, fields? } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: opts.auth.cookieName },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
          // API clients (issue 4): a token from POST /api/oauth/token (client credentials).
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const metrics = createMetrics();
  app.addHook('onResponse', (req, reply, done) => {
    metrics.observe(
      req.method,
      req.routeOptions.url ?? 'unknown',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });

  // Who is calling, in which language, and may they call this route at all. One synchronous hook for
  // headers, cookies, identity and access: a request whose session is cached costs no promise (each
  // hook and each await is a measurable share of a small answer).
  app.addHook('onRequest', (req, reply, done) => {
    const url = req.routeOptions.url;
    // The web app's files and pages, unmatched URLs and the API docs are public; every /api route must say.
    const isApi = url?.startsWith('/api/') === true && !url.startsWith('/api/docs');
    // Unmatched /api/ addresses answer JSON too, so they get the API's headers.
    reply.headers(isApi || (url === undefined && req.url.startsWith('/api/')) ? apiHeaders : documentHeaders);
    req.cookies = readCookies(req.headers.cookie);
    const access: RouteAccess = req.routeOptions.config.access ?? (isApi ? 'authenticated' : 'public');
    const header = req.headers.authorization;
    // The scheme name is case-insensitive (RFC 9110 §11.1).
    // /metrics checks its own bearer token (METRICS_TOKEN), which is no API client's.
    const bearer =
      header && opts.auth.fromBearer && url !== '/metrics' && /^bearer /i.test(header)
        ? header.slice(7).trim()
        : null;
    let found: Identity | Promise<Identity> = null;
    try {
      if (bearer !== null) found = opts.auth.fromBearer!(bearer);
      else {
        const token = req.cookies[opts.auth.cookieName];
        if (token) found = opts.auth.fromCookie(token);
      }
    } catch (err) {
      return done(err as Error);
    }
    if (found instanceof Promise) {
      found.then(
        (identity) => done(admit(req, access, identity, bearer !== null)),
        (err: Error) => done(err),
      );
    } else done(admit(req, access, found, bearer !== null));
  });
  // Text the database cannot store and JSON too deep to walk are refused before any route sees them.
  app.addHook('preValidation', (req, _reply, done) => {
    const problem =
      inputProblem('query', req.query) ??
      inputProblem('params', req.params) ??
      inputProblem('body', req.body);
    done(problem ? new AppError('validation', {}, [problem]) : undefined);
  });
  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    try {
      await opts.ready();
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });
  // Metrics tell request rates, routes and errors: for the monitoring system, not the public. With a
  // token, its bearer; without one, a scraper on this host (the socket's address: a proxy's
  // X-Forwarded-For does not count).
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
    const sent = req.headers.authorization?.replace(/^Bearer\s+/i, '') ?? '';
    const allowed = opts.metricsToken
      ? safeEqual(sent, opts.metricsToken)
      : isLoopback(req.socket.remoteAddress ?? '');
    if (!allowed) {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthenticated');
    }
    reply.header('content-type', metrics.contentType);
    return (await metrics.render()) + (opts.extraMetrics?.() ?? '');
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  if (opts.web && existsSync(join(opts.web.root, 'index.html'))) {
    await webAppRoutes(app as unknown as FastifyInstance, opts.web);
  } else {
    app.setNotFoundHandler((req, reply) => handleError(new AppError('route_not_found'), req, reply));
  }
  return app as unknown as FastifyInstance;
}

type Identity = Principal | null | 'expired';

/** Sets who is calling and in which language; the error that refuses the request, if any. */
function admit(
  req: FastifyRequest,
  access: RouteAccess,
  identity: Identity,
  viaBearer: boolean,
): AppError | undefined {
  if (viaBearer && !identity) return new AppError('invalid_token');
  const expired = identity === 'expired';
  const principal = identity === 'expired' ? null : identity;
  req.principal = principal;
  // Cookie-authenticated writes must echo the session's CSRF token.
  if (!viaBearer && principal?.csrfToken && !SAFE_METHODS.has(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (typeof sent !== 'string' || !safeEqual(sent, principal.csrfToken))
      return new AppError('csrf_invalid');
  }
  req.lang = pickLanguage(req.headers['accept-language'], req.cookies.cqs_lang, principal?.locale);
  if (access === 'public') return undefined;
  if (!principal) return new AppError(expired ? 'session_expired' : 'unauthenticated');
  if (principal.mustSetUpTotp && !TOTP_SETUP_ROUTES.has(`${req.method} ${req.routeOptions.url}`))
    return new AppError('totp_setup_required');
  // A bearer token opens only routes that name what it grants (its scopes): routes open to any
  // signed-in person, or to any official, are for people.
  if (viaBearer && (access === 'authenticated' || 'kind' in access)) return new AppError('forbidden');
  if (access === 'authenticated') return undefined;
  if ('kind' in access && principal.kind !== access.kind) return new AppError('forbidden');
  if ('permission' in access && !principal.memberships.some((m) => m.permissions.includes(access.permission)))
    // A bearer token lacks the scope (RFC 6750 §3.1); a person lacks the permission.
    return viaBearer
      ? new AppError('insufficient_scope', { scope: access.permission })
      : new AppError('forbidden');
  if ('permission' in access && access.city && !hasRootPermission(principal, access.permission))
    return new AppError('forbidden');
  return undefined;
}
