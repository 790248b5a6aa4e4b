// API clients: OAuth 2.0 client credentials (RFC 6749 errors, Basic and body authentication, form
// and JSON bodies), bearer errors (RFC 6750), scopes, the agency subtree, the statistics, revocation and
// expiry, the per-client rate limit, and every call in the audit log with the client as actor.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { MIGRATIONS_DIR } from '../../src/server/platform/db/migrate.ts';
import { generateDossiers } from '../../src/server/modules/services/generator/index.ts';
import { rebuildStats } from '../../src/server/modules/stats/index.ts';
import { expectError, freshIp } from '../helpers/agents.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let admin: Agent;
let dept: { id: string; path: string; code: string };

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin@cqs.demo');
  await generateDossiers(t.platform.deps.db, {
    count: 120,
    seed: 9,
    until: new Date('2026-11-01T00:00:00+07:00'),
  });
  // The client's agency: the non-root agency that decided the most dossiers (so some are outside it).
  [dept] = (await queryRows<{ id: string; path: string; code: string }>(
    t.platform.deps.db,
    sql`select c.id, c.path, c.code from svc_dossiers d join id_agencies c on c.id = d.competent_agency_id
        where d.code is not null and c.parent_id is not null
        group by c.id, c.path, c.code order by count(*) desc limit 1`,
  )) as [{ id: string; path: string; code: string }];
  // The generator writes history past the statistics hook, as `cqs seed --dossiers` does.
  await rebuildStats(t.platform.deps.db);
}, 60_000);
afterAll(() => t.close());

async function createClient(scopes: string[], rateLimitPerMinute = 120, agencyId = dept.id) {
  const res = await admin.post('/api/admin/api-clients', {
    name: `Ứng dụng ${scopes.join(',')} ${rateLimitPerMinute}`,
    agencyId,
    scopes,
    rateLimitPerMinute,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; clientSecret: string };
}

/** A token request from an address of its own (the endpoint is rate limited per address). */
const tokenRequest = (opts: { payload?: string | object; headers?: Record<string, string> }) =>
  t.platform.app.inject({ method: 'POST', url: '/api/oauth/token', remoteAddress: freshIp(), ...opts });

const form = (params: Record<string, string> | [string, string][]) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(params).toString(),
});

async function token(clientId: string, clientSecret: string, scope?: string) {
  const params: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  };
  if (scope) params.scope = scope;
  return tokenRequest(form(params));
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** RFC 6749 §5.2: the status, `{ error, error_description }` in US-ASCII, never cached. */
function expectOAuthError(res: LightMyRequestResponse, status: 400 | 401, error: string): string {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: string; error_description: string };
  expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
  expect(body.error).toBe(error);
  expect(body.error_description).toMatch(/^[\x20-\x21\x23-\x5b\x5d-\x7e]{10,}$/);
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers.pragma).toBe('no-cache');
  if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Basic realm="cqs"/);
  else expect(res.headers['www-authenticate']).toBeUndefined();
  return body.error_description;
}

const call = (bearer: string, url: string) =>
  t.platform.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${bearer}` } });

describe('API clients', () => {
  let reader: { id: string; clientSecret: string };
  let access: string;

  it('the secret is shown once and stored hashed; a token comes from form or Basic credentials', async () => {
    reader = await createClient(['dossiers:read']);
    expect(reader.clientSecret.length).toBeGreaterThan(30);
    const list = await admin.get('/api/admin/api-clients');
    expect(list.body).not.toContain(reader.clientSecret);
    expect(list.json().scopes).toEqual(['dossiers:read', 'procedures:read', 'stats:read', 'feedback:read']);
    const [stored] = await queryRows<{ secret_hash: string }>(
      t.platform.deps.db,
      sql`select secret_hash from int_api_clients where id = ${reader.id}`,
    );
    expect(stored!.secret_hash).not.toContain(reader.clientSecret);
    const res = await token(reader.id, reader.clientSecret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'dossiers:read' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.pragma).toBe('no-cache');
    access = res.json().access_token;
    // client_secret_basic with a form body (the RFC's way), and with JSON.
    const basicForm = await tokenRequest({
      headers: { authorization: basic(reader.id, reader.clientSecret), ...form({}).headers },
      payload: 'grant_type=client_credentials',
    });
    expect(basicForm.statusCode, basicForm.body).toBe(200);
    const basicJson = await tokenRequest({
      headers: { authorization: basic(reader.id, reader.clientSecret), 'content-type': 'application/json' },
      payload: { grant_type: 'client_credentials', client_id: reader.id },
    });
    expect(basicJson.statusCode, basicJson.body).toBe(200);
    // client_secret_post as JSON; an empty parameter counts as omitted, unknown ones are ignored (§3.2).
    const json = await tokenRequest({
      headers: { 'content-type': 'application/json' },
      payload: {
        grant_type: 'client_credentials',
        client_id: reader.id,
        client_secret: reader.clientSecret,
        scope: '',
        audience: 'ignored',
      },
    });
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().scope).toBe('dossiers:read');
  });

  describe('token errors follow RFC 6749 §5.2', () => {
    it('invalid_client: wrong or missing credentials (400), or failed HTTP Basic (401 with a Basic challenge)', async () => {
      expectOAuthError(await token(reader.id, 'not-the-secret'), 400, 'invalid_client');
      expectOAuthError(await token('nobody', 'x'), 400, 'invalid_client');
      expectOAuthError(
        await tokenRequest(form({ grant_type: 'client_credentials', client_id: reader.id })),
        400,
        'invalid_client',
      );
      expectOAuthError(
        await tokenRequest({
          headers: { authorization: basic(reader.id, 'not-the-secret'), ...form({}).headers },
          payload: 'grant_type=client_credentials',
        }),
        401,
        'invalid_client',
      );
      expectOAuthError(
        await tokenRequest({
          headers: { authorization: 'Basic bm8tY29sb24=', ...form({}).headers },
          payload: 'grant_type=client_credentials',
        }),
        401,
        'invalid_client',
      );
      // A bearer token does not authenticate a client here.
      expectOAuthError(
        await tokenRequest({
          headers: { authorization: 'Bearer not-a-token', ...form({}).headers },
          payload: 'grant_type=client_credentials',
        }),
        401,
        'invalid_client',
      );
    });

    it('invalid_request: missing grant type, repeated parameter, two authentication methods, bad body', async () => {
      expectOAuthError(
        await tokenRequest(form({ client_id: reader.id, client_secret: reader.clientSecret })),
        400,
        'invalid_request',
      );
      const repeated = expectOAuthError(
        await tokenRequest(
          form([
            ['grant_type', 'client_credentials'],
            ['client_id', reader.id],
            ['client_id', reader.id],
            ['client_secret', reader.clientSecret],
          ]),
        ),
        400,
        'invalid_request',
      );
      expect(repeated).toContain('client_id');
      expectOAuthError(
        await tokenRequest({
          headers: { authorization: basic(reader.id, reader.clientSecret), ...form({}).headers },
          payload: new URLSearchParams({
            grant_type: 'client_credentials',
            client_secret: reader.clientSecret,
          }).toString(),
        }),
        400,
        'invalid_request',
      );
      expectOAuthError(
        await tokenRequest({ headers: { 'content-type': 'application/json' }, payload: '{"grant_type":' }),
        400,
        'invalid_request',
      );
      expectOAuthError(
        await tokenRequest({ headers: { 'content-type': 'text/xml' }, payload: '<grant/>' }),
        400,
        'invalid_request',
      );
      expectOAuthError(await tokenRequest({}), 400, 'invalid_request');
    });

    it('unsupported_grant_type, invalid_scope; descriptions in Vietnamese without diacritics or in English', async () => {
      expectOAuthError(
        await tokenRequest(
          form({ grant_type: 'password', client_id: reader.id, client_secret: reader.clientSecret }),
        ),
        400,
        'unsupported_grant_type',
      );
      const vi = expectOAuthError(
        await token(reader.id, reader.clientSecret, 'dossiers:read stats:read'),
        400,
        'invalid_scope',
      );
      expect(vi).toBe('Quyen stats:read khong ton tai hoac khong duoc cap cho ung dung nay.');
      const en = await tokenRequest({
        ...form({
          grant_type: 'client_credentials',
          client_id: reader.id,
          client_secret: reader.clientSecret,
          scope: 'dossiers:write',
        }),
        headers: { ...form({}).headers, 'accept-language': 'en' },
      });
      expect(expectOAuthError(en, 400, 'invalid_scope')).toBe(
        'Scope dossiers:write does not exist or is not granted to this client.',
      );
      expectOAuthError(await token(reader.id, reader.clientSecret, 'dossiers:"read'), 400, 'invalid_scope');
    });

    it('unauthorized_client: a client left with no scope the server offers (dossiers:write was withdrawn)', async () => {
      const db = t.platform.deps.db;
      const legacy = await createClient(['dossiers:read']);
      const onlyWrite = await createClient(['procedures:read']);
      // As stored before the scope was withdrawn, with a live token each.
      await db.execute(
        sql`update int_api_clients set scopes = array['dossiers:read', 'dossiers:write'] where id = ${legacy.id}`,
      );
      await db.execute(
        sql`update int_api_clients set scopes = array['dossiers:write'] where id = ${onlyWrite.id}`,
      );
      await db.execute(sql`insert into int_api_tokens (token_hash, client_id, scopes, expires_at)
        values ('legacy-token-hash', ${legacy.id}, array['dossiers:read', 'dossiers:write'], now() + interval '5 minutes')`);
      // Before the migration runs, the withdrawn scope is simply not granted.
      const before = await token(legacy.id, legacy.clientSecret);
      expect(before.statusCode, before.body).toBe(200);
      expect(before.json().scope).toBe('dossiers:read');
      expectOAuthError(await token(onlyWrite.id, onlyWrite.clientSecret), 400, 'unauthorized_client');
      // The migration that withdraws it, as committed.
      const file = readdirSync(MIGRATIONS_DIR).find((f) => f.includes('withdraw_dossiers_write_scope'))!;
      for (const statement of readFileSync(join(MIGRATIONS_DIR, file), 'utf8').split(
        '--> statement-breakpoint',
      ))
        await db.execute(sql.raw(statement));
      const rows = await queryRows<{ id: string; scopes: string[] }>(
        db,
        sql`select id, scopes from int_api_clients where id in (${legacy.id}, ${onlyWrite.id})`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.id, r.scopes]))).toEqual({
        [legacy.id]: ['dossiers:read'],
        [onlyWrite.id]: [],
      });
      const [tok] = await queryRows<{ scopes: string[] }>(
        db,
        sql`select scopes from int_api_tokens where token_hash = 'legacy-token-hash'`,
      );
      expect(tok!.scopes).toEqual(['dossiers:read']);
      // Both still load in the administration and the first still gets tokens.
      const list = await admin.get('/api/admin/api-clients');
      expect(list.statusCode, list.body).toBe(200);
      const items = list.json().items as { id: string; scopes: string[] }[];
      expect(items.find((c) => c.id === onlyWrite.id)!.scopes).toEqual([]);
      expect((await token(legacy.id, legacy.clientSecret)).json().scope).toBe('dossiers:read');
      expectOAuthError(await token(onlyWrite.id, onlyWrite.clientSecret), 400, 'unauthorized_client');
    });
  });

  describe('bearer errors follow RFC 6750 §3', () => {
    it('no token: 401 with the bare challenge; a session user: 403 with it', async () => {
      const res = await t.client().get('/api/v1/dossiers');
      expectError(res, 401, 'unauthenticated');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="cqs"');
      const session = await admin.get('/api/v1/dossiers');
      expectError(session, 403, 'forbidden');
      expect(session.headers['www-authenticate']).toBe('Bearer realm="cqs"');
    });

    it('an unknown token: 401 invalid_token; a missing scope: 403 insufficient_scope naming it', async () => {
      const bad = await call('not-a-token', '/api/v1/dossiers');
      expectError(bad, 401, 'invalid_token');
      expect(bad.headers['www-authenticate']).toMatch(
        /^Bearer realm="cqs", error="invalid_token", error_description="[\x20-\x21\x23-\x5b\x5d-\x7e]+"$/,
      );
      const scope = await call(access, '/api/v1/procedures');
      expectError(scope, 403, 'insufficient_scope');
      expect(scope.headers['www-authenticate']).toBe(
        'Bearer realm="cqs", error="insufficient_scope", scope="procedures:read"',
      );
      // A token opens the client API only, not the routes for people.
      for (const url of ['/api/account/me', '/api/agencies', '/api/dossiers/inbox'])
        expectError(await call(access, url), 403, 'forbidden');
      expectError(await call(access, '/api/stats/overview?period=2026-10'), 403, 'insufficient_scope');
      // The scheme name is case-insensitive.
      const lower = await t.platform.app.inject({
        method: 'GET',
        url: '/api/v1/dossiers?limit=1',
        headers: { authorization: `bearer ${access}` },
      });
      expect(lower.statusCode, lower.body).toBe(200);
    });
  });

  it('lists only dossiers of its agency subtree, with no personal data, page by page', async () => {
    const seen: {
      code: string;
      receivingAgencyCode: string;
      competentAgencyCode: string;
      holderAgencyCode: string;
    }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(access, `/api/v1/dossiers?limit=25${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode, res.body).toBe(200);
      seen.push(...res.json().items);
      cursor = res.json().nextCursor;
    } while (cursor);
    const [truth] = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from svc_dossiers d
          join id_agencies r on r.id = d.receiving_agency_id join id_agencies c on c.id = d.competent_agency_id
          where d.code is not null and (d.holder_agency_path like ${`${dept.path}%`} or r.path like ${`${dept.path}%`} or c.path like ${`${dept.path}%`})`,
    );
    expect(truth!.n).toBeGreaterThan(0);
    expect(seen).toHaveLength(truth!.n);
    expect(new Set(seen.map((d) => d.code)).size).toBe(seen.length);
    const body = JSON.stringify(seen);
    expect(body).not.toMatch(/applicant|fullName|phone|idNumber/);
    const since = await call(
      access,
      `/api/v1/dossiers?changedSince=${encodeURIComponent('2100-01-01T00:00:00Z')}`,
    );
    expect(since.json().items).toEqual([]);
  });

  it('pages one by one through changes a microsecond apart, each once', async () => {
    // PostgreSQL keeps microseconds; a cursor cut to the millisecond handed the last row out again.
    const two = await queryRows<{ id: string; code: string }>(
      t.platform.deps.db,
      sql`select d.id, d.code from svc_dossiers d where d.code is not null and d.competent_agency_id = ${dept.id}
          order by d.code limit 2`,
    );
    expect(two).toHaveLength(2);
    for (const [i, d] of two.entries())
      await t.platform.deps.db.execute(
        sql`update svc_dossiers set updated_at = ${`2099-01-01T00:00:00.12345${i + 6}Z`}::timestamptz where id = ${d.id}`,
      );
    const codes: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await call(
        access,
        `/api/v1/dossiers?limit=1&changedSince=2099-01-01T00:00:00Z${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      codes.push(...res.json().items.map((d: { code: string }) => d.code));
      cursor = res.json().nextCursor;
      if (!cursor) break;
    }
    expect(codes).toEqual(two.map((d) => d.code));
  });

  it('a dossier by code and its timeline inside the subtree; outside it, as if absent', async () => {
    const [inside] = await queryRows<{ code: string }>(
      t.platform.deps.db,
      sql`select d.code from svc_dossiers d where d.code is not null and d.competent_agency_id = ${dept.id} limit 1`,
    );
    const one = await call(access, `/api/v1/dossiers/${inside!.code}`);
    expect(one.statusCode, one.body).toBe(200);
    const timeline = await call(access, `/api/v1/dossiers/${inside!.code}/timeline`);
    expect(timeline.json().items.length).toBeGreaterThan(1);
    expect(timeline.json().items[0]).not.toHaveProperty('actorLabel');
    const [outside] = await queryRows<{ code: string }>(
      t.platform.deps.db,
      sql`select d.code from svc_dossiers d
          join id_agencies r on r.id = d.receiving_agency_id join id_agencies c on c.id = d.competent_agency_id
          where d.code is not null and d.holder_agency_path not like ${`${dept.path}%`}
            and r.path not like ${`${dept.path}%`} and c.path not like ${`${dept.path}%`} limit 1`,
    );
    expectError(await call(access, `/api/v1/dossiers/${outside!.code}`), 404, 'not_found');
    expectError(await call(access, `/api/v1/dossiers/${outside!.code}/timeline`), 404, 'not_found');
  });

  it('a scope it lacks is refused; a signed-in user cannot use the client API', async () => {
    expectError(await call(access, '/api/v1/procedures'), 403, 'insufficient_scope');
    expectError(await admin.get('/api/v1/dossiers'), 403, 'forbidden');
    const catalogue = await createClient(['procedures:read']);
    const tk = (await token(catalogue.id, catalogue.clientSecret)).json().access_token;
    const procs = await call(tk, '/api/v1/procedures');
    expect(procs.statusCode).toBe(200);
    expect(procs.json().items.length).toBeGreaterThan(5);
    expectError(await call(tk, '/api/v1/dossiers'), 403, 'insufficient_scope');
  });

  describe('statistics (stats:read)', () => {
    let stats: string;
    const leaderView = async (query: string) => {
      const res = await admin.get(`/api/stats/overview?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };

    beforeAll(async () => {
      const c = await createClient(['stats:read']);
      stats = (await token(c.id, c.clientSecret)).json().access_token;
    });

    it('the score and counts of its own subtree, as the administrator sees that agency', async () => {
      for (const period of ['2026', '2026-Q3', '2026-10', '2026-03-05..2026-09-20']) {
        const res = await call(stats, `/api/v1/stats/overview?period=${period}`);
        expect(res.statusCode, res.body).toBe(200);
        const body = res.json();
        expect(body.scope).toMatchObject({ agencyCode: dept.code });
        const seen = await leaderView(`period=${period}&agencyId=${dept.id}`);
        expect(body.counts).toEqual(seen.counts);
        expect(body.score).toEqual(seen.score);
        expect(body.period).toEqual(seen.period);
      }
      const year = (await call(stats, '/api/v1/stats/overview?period=2026')).json();
      expect(year.counts.receivedNew).toBeGreaterThan(0);
      expect(year.period).toMatchObject({ unit: 'month', firstDay: '2026-01-01', lastDay: '2026-12-31' });
      const days = (await call(stats, '/api/v1/stats/overview?period=2026-03-05..2026-09-20')).json();
      expect(days.period.unit).toBe('day');
      expect(days.counts.receivedNew + days.counts.carriedOver).toBeGreaterThan(0);
      // The same agency named by its code, and a slice inside it.
      const named = await call(stats, `/api/v1/stats/overview?period=2026&agencyCode=${dept.code}`);
      expect(named.json().counts).toEqual(year.counts);
      const online = await call(stats, '/api/v1/stats/overview?period=2026&channel=online');
      expect(online.json().counts).toEqual(
        (await leaderView(`period=2026&agencyId=${dept.id}&channel=online`)).counts,
      );
      expect(JSON.stringify(year)).not.toMatch(/H29-\d{6}-\d{4}|applicant|phone/);
    });

    it('cannot read outside its subtree: another agency or the whole city is refused', async () => {
      const outside = await queryRows<{ code: string }>(
        t.platform.deps.db,
        sql`select code from id_agencies where path not like ${`${dept.path}%`} order by path`,
      );
      expect(outside.length).toBeGreaterThan(1);
      for (const { code } of outside.slice(0, 3)) {
        const res = await call(stats, `/api/v1/stats/overview?period=2026-10&agencyCode=${code}`);
        expectError(res, 403, 'forbidden');
        expectError(
          await call(stats, `/api/v1/stats/breakdown?period=2026-10&by=unit&agencyCode=${code}`),
          403,
          'forbidden',
        );
      }
      expectError(
        await call(stats, '/api/v1/stats/overview?period=2026-10&agencyCode=000.99.99.H29'),
        400,
        'validation',
      );
      // By unit, it sees its own unit only; the city's figures are larger.
      const units = (await call(stats, '/api/v1/stats/breakdown?period=2026&by=unit')).json();
      expect(units.items).toHaveLength(1);
      const city = await leaderView('period=2026');
      const own = (await call(stats, '/api/v1/stats/overview?period=2026')).json();
      expect(units.items[0].counts).toEqual(own.counts);
      expect(city.counts.receivedNew).toBeGreaterThan(own.counts.receivedNew);
    });

    const procedureCodes = async () =>
      (await queryRows<{ code: string }>(t.platform.deps.db, sql`select code from svc_procedures`)).map(
        (r) => r.code,
      );

    it('by procedure or channel, keyed by their codes', async () => {
      const res = await call(stats, '/api/v1/stats/breakdown?period=2026&by=procedure');
      expect(res.statusCode, res.body).toBe(200);
      const procedures = new Set(await procedureCodes());
      expect(res.json().items.length).toBeGreaterThan(0);
      for (const row of res.json().items) {
        expect(Object.keys(row).sort()).toEqual(['code', 'counts', 'indicators', 'label', 'points']);
        expect(procedures.has(row.code), row.code).toBe(true);
        expect(row.label).toContain(row.code);
      }
      const channels = (await call(stats, '/api/v1/stats/breakdown?period=2026&by=channel')).json();
      for (const row of channels.items) expect(['counter', 'online', 'post']).toContain(row.code);
    });

    it('needs the stats:read scope; a bad period is a 400 naming it', async () => {
      const res = await call(access, '/api/v1/stats/overview?period=2026-10');
      expectError(res, 403, 'insufficient_scope');
      expect(res.headers['www-authenticate']).toContain('scope="stats:read"');
      const bad = expectError(
        await call(stats, '/api/v1/stats/overview?period=2026-02-30..2026-03-02'),
        400,
        'validation',
      );
      expect(bad.fields?.[0]?.field).toBe('query.period');
    });
  });

  it('an expired token and a revoked client are refused', async () => {
    const c = await createClient(['dossiers:read']);
    const tk = (await token(c.id, c.clientSecret)).json().access_token;
    expect((await call(tk, '/api/v1/dossiers?limit=1')).statusCode).toBe(200);
    await t.platform.deps.db.execute(
      sql`update int_api_tokens set expires_at = now() - interval '1 second' where client_id = ${c.id}`,
    );
    expectError(await call(tk, '/api/v1/dossiers?limit=1'), 401, 'invalid_token');
    const fresh = (await token(c.id, c.clientSecret)).json().access_token;
    const revoked = await admin.post(`/api/admin/api-clients/${c.id}/revoke`);
    expect(revoked.json().revokedAt).not.toBeNull();
    expectError(await call(fresh, '/api/v1/dossiers?limit=1'), 401, 'invalid_token');
    expectOAuthError(await token(c.id, c.clientSecret), 400, 'invalid_client');
  });

  it('enforces the per-client rate limit, per client', async () => {
    const slow = await createClient(['dossiers:read'], 3);
    const tk = (await token(slow.id, slow.clientSecret)).json().access_token;
    for (let i = 0; i < 3; i++) expect((await call(tk, '/api/v1/dossiers?limit=1')).statusCode).toBe(200);
    expectError(await call(tk, '/api/v1/dossiers?limit=1'), 429, 'rate_limited');
    // Another client is not affected.
    expect((await call(access, '/api/v1/dossiers?limit=1')).statusCode).toBe(200);
  });

  it('every call is audited with the client as actor', async () => {
    const rows = await queryRows<{ actor_label: string; summary: { route: string; status: number } }>(
      t.platform.deps.db,
      sql`select actor_label, summary from audit_log where action = 'api.call' and target_id = ${reader.id} order by id`,
    );
    expect(rows.length).toBeGreaterThan(4);
    expect(rows.every((r) => r.actor_label.startsWith('api:'))).toBe(true);
    expect(rows.map((r) => r.summary.status)).toContain(404);
    expect(rows.map((r) => r.summary.route)).toContain('/api/v1/dossiers/:code/timeline');
  });

  it('the OpenAPI document lists the client API with the bearer scheme', async () => {
    const doc = (await t.client().get('/api/openapi.json')).json();
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/dossiers'].get.security).toEqual([{ bearer: [] }]);
    const tokenDoc = doc.paths['/api/oauth/token'].post;
    expect(Object.keys(tokenDoc.requestBody.content)).toEqual(
      expect.arrayContaining(['application/x-www-form-urlencoded', 'application/json']),
    );
    expect(tokenDoc.responses['400'].content['application/json'].schema.properties.error.enum).toContain(
      'invalid_scope',
    );
    for (const path of ['/api/v1/stats/overview', '/api/v1/stats/breakdown'])
      expect(doc.paths[path].get.security).toEqual([{ bearer: [] }]);
  });
});
