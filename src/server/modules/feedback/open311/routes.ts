// Open311 GeoReport v2 at /open311/v2/: services, services/{code}, requests (GET, POST with api_key),
// requests/{id}, tokens/{token}; `.json` or `.xml` as the spec writes them. Errors are the spec's
// `[{"code":…,"description":…}]` (or <errors><error>) in the caller's format, with the HTTP status.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../../platform/module.ts';
import type { AppError } from '../../../platform/errors.ts';
import { errorBody, toAppError } from '../../../platform/http/errors.ts';
import { t } from '../../../platform/i18n/index.ts';
import { submitReport } from '../commands/submit-report.ts';
import { allCategories } from '../reference.ts';
import { fbReports } from '../tables.ts';
import { eq } from 'drizzle-orm';
import { checkApiKey } from './api-keys.ts';
import { CONTENT_TYPES, type Format, renderDefinition, renderList } from './format.ts';
import { findRequests, MAX_RESULTS, toServiceRequests } from './requests.ts';

const PREFIX = '/open311/v2/';
const RESOURCE = /^(services|requests|tokens)(?:\/([^/]+?))?\.(json|xml)$/;

class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

const w3c = z.iso.datetime({ offset: true });
const csv = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;

const GetRequestsQuery = z.object({
  jurisdiction_id: z.string().optional(),
  service_request_id: z.string().max(4000).optional(),
  service_code: z.string().max(2000).optional(),
  start_date: w3c.optional(),
  end_date: w3c.optional(),
  status: z
    .string()
    .regex(/^(open|closed)(,(open|closed))?$/)
    .optional(),
  // Extensions (not in GeoReport v2): paging, changes since a time, the notes history.
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  page_size: z.coerce.number().int().min(1).max(MAX_RESULTS).default(MAX_RESULTS),
  updated_after: w3c.optional(),
  /** extension: the commune (unit codes, comma-separated) the reports were located in */
  commune: z
    .string()
    .regex(/^\d{1,6}(,\d{1,6})*$/)
    .optional(),
  extensions: z.enum(['true', 'false']).optional(),
});

const PostRequestBody = z.object({
  jurisdiction_id: z.string().optional(),
  api_key: z.string().max(200).optional(),
  service_code: z.string().min(1).max(60),
  lat: z.coerce.number().min(-90).max(90).optional(),
  long: z.coerce.number().min(-180).max(180).optional(),
  address_string: z.string().max(500).optional(),
  email: z.string().email().max(200).optional(),
  device_id: z.string().max(200).optional(),
  account_id: z.string().max(200).optional(),
  first_name: z.string().max(100).optional(),
  last_name: z.string().max(100).optional(),
  phone: z.string().max(30).optional(),
  description: z.string().max(4000).optional(),
  media_url: z.string().max(2000).optional(),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => i.path.join('.') || 'request').join(', ');
  throw new Open311Error(400, `Invalid or missing parameter: ${fields}`);
}

export async function open311Routes(root: FastifyInstance, deps: Deps) {
  const { db, config } = deps;
  const jurisdiction = config.provinceCode;
  const baseUrl = config.publicUrl.replace(/\/$/, '');

  await root.register(async (app) => {
    // Open311 clients POST form-encoded bodies.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string' },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    const checkJurisdiction = (id: string | undefined) => {
      if (id !== undefined && id !== jurisdiction)
        throw new Open311Error(404, `jurisdiction_id not found: ${id} (this server serves ${jurisdiction})`);
    };

    const statusLabel = (lang: 'vi' | 'en') => (s: string) => t(lang, `feedback:status.${s}`);

    async function handle(
      req: FastifyRequest,
      reply: FastifyReply,
      format: Format,
      resource: string,
      id?: string,
    ) {
      const query = (req.query ?? {}) as Record<string, string | undefined>;
      const send = (body: string, status = 200) =>
        reply.code(status).header('content-type', CONTENT_TYPES[format]).send(body);
      if (req.method === 'GET' && resource === 'services' && !id) {
        checkJurisdiction(query.jurisdiction_id);
        const cats = (await allCategories(db)).filter((c) => c.active);
        return send(
          renderList(
            'services',
            cats.map((c) => ({
              service_code: c.code,
              service_name: req.lang === 'en' ? c.nameEn : c.name,
              description: c.description,
              metadata: false,
              type: 'realtime',
              keywords: c.keywords.join(', '),
              group: c.parentCode ?? (c.ownerLevel === 'department' ? 'thanh-pho' : 'xa-phuong'),
            })),
            format,
          ),
        );
      }
      if (req.method === 'GET' && resource === 'services' && id) {
        checkJurisdiction(query.jurisdiction_id);
        const c = (await allCategories(db)).find((x) => x.code === id && x.active);
        if (!c) throw new Open311Error(404, `service_code not found: ${id}`);
        return send(renderDefinition({ service_code: c.code, attributes: [] }, format));
      }
      if (req.method === 'GET' && resource === 'requests') {
        const q = parse(GetRequestsQuery, query);
        checkJurisdiction(q.jurisdiction_id);
        const notes = q.extensions === 'true';
        const rows = await findRequests(db, {
          ids: id ? [id] : csv(q.service_request_id),
          serviceCodes: csv(q.service_code),
          start: q.start_date ? new Date(q.start_date) : undefined,
          end: q.end_date ? new Date(q.end_date) : undefined,
          statuses: csv(q.status) as ('open' | 'closed')[] | undefined,
          updatedAfter: q.updated_after ? new Date(q.updated_after) : undefined,
          unitCodes: csv(q.commune),
          page: id ? 1 : q.page,
          pageSize: id ? 1 : q.page_size,
          notes,
        });
        if (id && rows.length === 0) throw new Open311Error(404, `service_request_id not found: ${id}`);
        const items = await toServiceRequests(db, rows, {
          baseUrl,
          notes,
          lang: req.lang,
          statusLabel: statusLabel(req.lang),
        });
        return send(renderList('requests', items, format));
      }
      if (req.method === 'GET' && resource === 'tokens' && id) {
        checkJurisdiction(query.jurisdiction_id);
        const [r] = await db
          .select({ code: fbReports.code, token: fbReports.token })
          .from(fbReports)
          .where(eq(fbReports.token, id));
        if (!r) throw new Open311Error(404, `token not found: ${id}`);
        return send(renderList('requests', [{ service_request_id: r.code, token: r.token }], format));
      }
      if (req.method === 'POST' && resource === 'requests' && !id) {
        const body = { ...query, ...((req.body ?? {}) as Record<string, string>) };
        const key = await checkApiKey(db, body.api_key);
        if (!key.ok) {
          if (key.reason === 'rate_limited')
            throw new Open311Error(429, 'Too many requests for this api_key; try again in a minute.');
          throw new Open311Error(403, `Invalid api_key received -- can't proceed with create_request.`);
        }
        const b = parse(PostRequestBody, body);
        checkJurisdiction(b.jurisdiction_id);
        if (b.lat === undefined || b.long === undefined)
          throw new Open311Error(
            400,
            'lat and long are required: this server locates requests by their point.',
          );
        if (!b.description?.trim()) throw new Open311Error(400, 'description is required.');
        const name = [b.first_name, b.last_name].filter(Boolean).join(' ') || undefined;
        const created = await submitReport(db, req.ctx(), config.provinceCode, {
          categoryCode: b.service_code,
          description: b.description,
          lat: b.lat,
          lng: b.long,
          address: b.address_string,
          contact: { name, phone: b.phone, email: b.email },
          channel: 'open311',
          apiKeyId: key.key.id,
          publicUrl: config.publicUrl,
          fields: { category: 'service_code', point: 'lat' },
        });
        return send(
          renderList(
            'requests',
            [
              {
                service_request_id: created.code,
                service_notice: null,
                account_id: b.account_id ?? null,
              },
            ],
            format,
          ),
          201,
        );
      }
      throw new Open311Error(404, `No such resource: ${req.method} ${req.url.split('?')[0]}`);
    }

    app.route({
      method: ['GET', 'POST'],
      url: `${PREFIX}*`,
      config: { access: 'public' },
      handler: async (req, reply) => {
        const path = (req.params as { '*': string })['*'];
        const m = RESOURCE.exec(path);
        const format: Format = m?.[3] === 'json' ? 'json' : /\.json(\?|$)/.test(path) ? 'json' : 'xml';
        try {
          if (!m) throw new Open311Error(404, `No such resource: ${PREFIX}${path} (use .json or .xml)`);
          return await handle(req, reply, format, m[1]!, m[2] ? decodeURIComponent(m[2]) : undefined);
        } catch (err) {
          const e = err instanceof Open311Error ? err : fromAppError(toAppError(err), req);
          if (e.status >= 500) req.log.error({ err }, 'open311 failure');
          return reply
            .code(e.status)
            .header('content-type', CONTENT_TYPES[format])
            .send(renderList('errors', [{ code: e.status, description: e.description }], format));
        }
      },
    });
  });
}

function fromAppError(err: AppError, req: FastifyRequest): Open311Error {
  const body = errorBody(err, req).error;
  const detail = body.fields?.map((f) => `${f.field}: ${f.message}`).join('; ');
  return new Open311Error(err.status, detail ? `${body.message} ${detail}` : body.message);
}
