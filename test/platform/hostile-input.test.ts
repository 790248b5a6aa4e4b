// Input PostgreSQL or the parsers cannot take — NUL bytes, lone surrogates, JSON nested thousands of
// levels deep, a forged keyset cursor — is refused at the platform's edge with the catalogue's localized
// 400 naming the problem, on every route, and changes nothing (issue 10, finding 10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentFrom, DEMO, expectError, fieldNames, freshIp, signIn } from '../helpers/agents.ts';
import { expectNoChange } from '../helpers/db-state.ts';
import { fileUpload, minimalPdf } from '../helpers/multipart.ts';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let admin: Agent;
let editor: Agent;
let rootId: string;
let bearer: Record<string, string>;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, DEMO.admin);
  editor = await signIn(t, 'bientap.ubnd@cqs.demo');
  const agencies = (await admin.get('/api/admin/agencies')).json().items as {
    id: string;
    parentId: string | null;
  }[];
  rootId = agencies.find((a) => a.parentId === null)!.id;
  const client = await admin.post('/api/admin/api-clients', {
    name: 'Ứng dụng thử đầu vào xấu',
    agencyId: rootId,
    scopes: ['dossiers:read'],
    rateLimitPerMinute: 1000,
  });
  expect(client.statusCode, client.body).toBe(200);
  const { id, clientSecret } = client.json() as { id: string; clientSecret: string };
  const tok = await t.platform.app.inject({
    method: 'POST',
    url: '/api/oauth/token',
    remoteAddress: freshIp(),
    payload: { grant_type: 'client_credentials', client_id: id, client_secret: clientSecret },
  });
  expect(tok.statusCode, tok.body).toBe(200);
  bearer = { authorization: `Bearer ${tok.json().access_token as string}` };
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };
/** JSON text of `depth` nested arrays around a string. */
const nested = (depth: number, open = '[', close = ']') => `${open.repeat(depth)}"x"${close.repeat(depth)}`;
const deepParagraphs = (depth: number) =>
  `${'{"type":"paragraph","content":['.repeat(depth)}{"type":"text","text":"x"}${']}'.repeat(depth)}`;

interface Case {
  name: string;
  as: 'anonymous' | 'admin' | 'editor';
  send(a: Agent): ReturnType<Agent['request']>;
  fields: string[];
  /** what the first field's message says, in Vietnamese (the default language) */
  message: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a NUL byte in a query string (procedure search)',
    as: 'anonymous',
    send: (a) => a.get('/api/procedures?q=khai%00sinh'),
    fields: ['query.q'],
    message: /ký tự NUL/,
  },
  {
    name: 'a NUL byte in a query string (users, administrator)',
    as: 'admin',
    send: (a) => a.get('/api/admin/users?q=nguyen%00'),
    fields: ['query.q'],
    message: /ký tự NUL/,
  },
  {
    name: 'a NUL byte in a path parameter',
    as: 'anonymous',
    send: (a) => a.get('/api/procedures/1.00%0012'),
    fields: ['params.code'],
    message: /ký tự NUL/,
  },
  {
    name: 'a NUL escape in a JSON string (login)',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', `{"identifier":"admin\\u0000@cqs.demo","password":"x"}`, json),
    fields: ['body.identifier'],
    message: /ký tự NUL/,
  },
  {
    name: 'a NUL escape in a JSON string (create agency)',
    as: 'admin',
    send: (a) =>
      a.post(
        '/api/admin/agencies',
        JSON.stringify({
          code: '000.00.78.H29',
          name: 'Sở\u0000Thử',
          kind: 'department',
          parentId: rootId,
          unitCode: '79',
        }),
        json,
      ),
    fields: ['body.name'],
    message: /ký tự NUL/,
  },
  {
    name: 'a lone surrogate in a JSON string (register)',
    as: 'anonymous',
    send: (a) =>
      a.post(
        '/api/auth/register',
        `{"fullName":"Người \\ud800 Dân","email":"nd.surrogate@example.vn","password":"${DEMO_PASSWORD}"}`,
        json,
      ),
    fields: ['body.fullName'],
    message: /Unicode/,
  },
  {
    name: 'a lone low surrogate in a JSON key (create agency)',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', `{"name":"Sở","\\udc00":1}`, json),
    fields: ['body.\uFFFD'],
    message: /Unicode/,
  },
  {
    name: 'JSON arrays nested 10,000 deep (login)',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', `{"identifier":${nested(10_000)},"password":"x"}`, json),
    fields: ['body'],
    message: /lồng nhau quá 64 tầng/,
  },
  {
    name: 'a portal article nested 5,000 paragraphs deep (editor)',
    as: 'editor',
    send: (a) =>
      a.post(
        '/api/portal/items',
        `{"sectionId":"${rootId}","title":"Tin thử","body":{"type":"doc","content":[${deepParagraphs(5_000)}]}}`,
        json,
      ),
    fields: ['body'],
    message: /lồng nhau quá 64 tầng/,
  },
];

describe('hostile input is a localized 400 that changes nothing', () => {
  it.each(CASES)('$name', async (c) => {
    const agent = c.as === 'admin' ? admin : c.as === 'editor' ? editor : agentFrom(t);
    const res = await expectNoChange(t.platform.deps.db, () => c.send(agent));
    const error = expectError(res, 400, 'validation');
    expect(fieldNames(error)).toEqual(c.fields);
    expect(error.fields![0]!.message).toMatch(c.message);
  });

  it('a NUL in a form body is the OAuth invalid_request naming the parameter (token endpoint)', async () => {
    const res = await expectNoChange(t.platform.deps.db, () =>
      t.platform.app.inject({
        method: 'POST',
        url: '/api/oauth/token',
        remoteAddress: freshIp(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'grant_type=client_credentials&client_id=abc%00&client_secret=x',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'invalid_request' });
    expect(res.json().error_description).toContain('client_id');
  });

  it('says it in English when asked', async () => {
    const res = await agentFrom(t).get('/api/procedures?q=%00', { 'accept-language': 'en' });
    const error = expectError(res, 400, 'validation');
    expect(error.fields).toEqual([
      { field: 'query.q', message: 'Search text contains a NUL character (code 0), which is not allowed.' },
    ]);
  });

  it('still takes deep-enough JSON and well-formed astral characters', async () => {
    const res = await agentFrom(t).post(
      '/api/auth/login',
      { identifier: 'người.dùng.😀@example.vn', password: 'x' },
      json,
    );
    expect(res.statusCode).toBe(401);
  });
});

describe('text the server cuts short', () => {
  it('a file name cut at 100 characters keeps whole characters (no half emoji reaches the database)', async () => {
    const { body, contentType } = fileUpload(`${'x'.repeat(99)}😀😀.pdf`, minimalPdf('ten dai'));
    const res = await admin.post('/api/files', body, { 'content-type': contentType });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().name).toBe(`${'x'.repeat(99)}😀.pdf`);
  });
});

describe('a keyset cursor of /api/v1 that was not ours', () => {
  const forged = (text: string) => Buffer.from(text).toString('base64url');
  it.each([
    ['not base64 at all', '%%%'],
    ['a uuid of dashes', forged(`2026-11-01T00:00:00.000000Z|${'-'.repeat(36)}`)],
    [
      'a time to the millisecond only',
      forged('2026-11-01T00:00:00.000Z|0d7e8b7a-1c1e-4d1e-9a51-0a0b0c0d0e0f'),
    ],
    ['a day that does not exist', forged('2026-02-31T00:00:00.000000Z|0d7e8b7a-1c1e-4d1e-9a51-0a0b0c0d0e0f')],
    [
      'a date PostgreSQL cannot hold',
      forged('+275760-09-13T00:00:00.000000Z|0d7e8b7a-1c1e-4d1e-9a51-0a0b0c0d0e0f'),
    ],
    ['a date of one digit', forged('1|0d7e8b7a-1c1e-4d1e-9a51-0a0b0c0d0e0f')],
    ['a NUL inside', forged('2026-11-01T00:00:00.000000Z|\u00000d7e8b7a-1c1e-4d1e-9a51-0a0b0c0d0e')],
  ])('%s', async (_, cursor) => {
    const res = await t.platform.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?cursor=${encodeURIComponent(cursor)}`,
      headers: bearer,
      remoteAddress: freshIp(),
    });
    const error = expectError(res, 400, 'validation');
    expect(fieldNames(error)).toEqual(['query.cursor']);
  });

  it('a cursor it handed out still pages on', async () => {
    const first = await t.platform.app.inject({
      method: 'GET',
      url: '/api/v1/dossiers?limit=1',
      headers: bearer,
      remoteAddress: freshIp(),
    });
    expect(first.statusCode, first.body).toBe(200);
    const next = first.json().nextCursor as string | null;
    if (!next) return;
    const second = await t.platform.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers?limit=1&cursor=${next}`,
      headers: bearer,
      remoteAddress: freshIp(),
    });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items[0].code).not.toBe(first.json().items[0].code);
  });
});
