// API clients: OAuth 2.0 client credentials, scopes, the agency subtree, revocation and expiry,
// the per-client rate limit, and every call in the audit log with the client as actor.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { generateDossiers } from '../../src/server/modules/services/generator/index.ts';
import { expectError } from '../helpers/agents.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let admin: Agent;
let dept: { id: string; path: string };

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.login('admin@cqs.demo');
  await generateDossiers(t.platform.deps.db, {
    count: 120,
    seed: 9,
    until: new Date('2026-11-01T00:00:00+07:00'),
  });
  // The client's agency: the non-root agency that decided the most dossiers (so some are outside it).
  [dept] = (await queryRows<{ id: string; path: string }>(
    t.platform.deps.db,
    sql`select c.id, c.path from svc_dossiers d join id_agencies c on c.id = d.competent_agency_id
        where d.code is not null and c.parent_id is not null
        group by c.id, c.path order by count(*) desc limit 1`,
  )) as [{ id: string; path: string }];
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

async function token(clientId: string, clientSecret: string, scope?: string) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
  if (scope) form.set('scope', scope);
  return t.platform.app.inject({
    method: 'POST',
    url: '/api/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
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
    const [stored] = await queryRows<{ secret_hash: string }>(
      t.platform.deps.db,
      sql`select secret_hash from int_api_clients where id = ${reader.id}`,
    );
    expect(stored!.secret_hash).not.toContain(reader.clientSecret);
    const res = await token(reader.id, reader.clientSecret);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 900, scope: 'dossiers:read' });
    expect(res.headers['cache-control']).toBe('no-store');
    access = res.json().access_token;
    const basic = await t.platform.app.inject({
      method: 'POST',
      url: '/api/oauth/token',
      headers: {
        authorization: `Basic ${Buffer.from(`${reader.id}:${reader.clientSecret}`).toString('base64')}`,
        'content-type': 'application/json',
      },
      payload: { grant_type: 'client_credentials' },
    });
    expect(basic.statusCode, basic.body).toBe(200);
  });

  it('wrong secrets and scopes not granted are refused', async () => {
    expectError(await token(reader.id, 'not-the-secret'), 401, 'invalid_client');
    expectError(await token('nobody', 'x'), 401, 'invalid_client');
    expectError(
      await token(reader.id, reader.clientSecret, 'dossiers:read stats:read'),
      403,
      'insufficient_scope',
    );
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
    expectError(await call(access, '/api/v1/procedures'), 403, 'forbidden');
    expectError(await admin.get('/api/v1/dossiers'), 403, 'forbidden');
    const catalogue = await createClient(['procedures:read']);
    const tk = (await token(catalogue.id, catalogue.clientSecret)).json().access_token;
    const procs = await call(tk, '/api/v1/procedures');
    expect(procs.statusCode).toBe(200);
    expect(procs.json().items.length).toBeGreaterThan(5);
    expectError(await call(tk, '/api/v1/dossiers'), 403, 'forbidden');
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
    expectError(await token(c.id, c.clientSecret), 401, 'invalid_client');
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
    expect(doc.paths['/api/oauth/token']).toBeDefined();
  });
});
