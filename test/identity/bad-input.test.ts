// Bad input gets a clear, localized error naming the field, carries a request id, and changes nothing.
import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/server/platform/errors.ts';
import { type Agent, DEMO_PASSWORD, startTestPlatform, type TestPlatform } from '../platform.ts';
import { agentFrom, DEMO, type ErrorJson, expectError, fieldNames, signIn } from '../helpers/agents.ts';
import { expectNoChange } from '../helpers/db-state.ts';

let t: TestPlatform;
let admin: Agent;
let rootId: string;
let userId: string;
beforeAll(async () => {
  t = await startTestPlatform();
  admin = await signIn(t, DEMO.admin);
  const agencies = (await admin.get('/api/admin/agencies')).json().items as {
    id: string;
    parentId: string | null;
  }[];
  rootId = agencies.find((a) => a.parentId === null)!.id;
  const users = (await admin.get('/api/admin/users?q=chuyenvien')).json().items as { id: string }[];
  userId = users[0]!.id;
});
afterAll(() => t.close());

const json = { 'content-type': 'application/json' };
const validAgency = () => ({
  code: '000.00.77.H29',
  name: 'Sở Thử Nghiệm',
  kind: 'department',
  parentId: rootId,
  unitCode: '79',
});
const MiB = 1024 * 1024;
const LOCALES = join(import.meta.dirname, '../../src/locales');

interface BadCase {
  name: string;
  /** who sends it: nobody signed in, or the demo administrator */
  as: 'anonymous' | 'admin';
  send(a: Agent): ReturnType<Agent['request']>;
  status: number;
  code: string;
  /** the fields the error must name (exactly) */
  fields?: string[];
  /** what the first field's message must say (Vietnamese, the default) */
  message?: RegExp;
}

const CASES: BadCase[] = [
  {
    name: 'malformed JSON (login)',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', '{"identifier": "admin@cqs.demo", "password": ', json),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'malformed JSON (create agency)',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', "{code: '000.00.77.H29'}", json),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'an empty body declared as JSON',
    as: 'admin',
    send: (a) => a.patch(`/api/admin/users/${userId}`, '', json),
    status: 400,
    code: 'malformed_json',
  },
  {
    name: 'a number for the password',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', { identifier: DEMO.admin, password: 20262026 }),
    status: 400,
    code: 'validation',
    fields: ['body.password'],
    message: /^Trường mật khẩu sai kiểu dữ liệu \(cần string\)\.$/,
  },
  {
    name: 'a missing password',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', { identifier: DEMO.admin }),
    status: 400,
    code: 'validation',
    fields: ['body.password'],
    message: /^Trường mật khẩu là bắt buộc\.$/,
  },
  {
    name: 'a string where a boolean is expected',
    as: 'admin',
    send: (a) => a.patch(`/api/admin/users/${userId}`, { disabled: 'yes' }),
    status: 400,
    code: 'validation',
    fields: ['body.disabled'],
  },
  {
    name: 'a membership with a malformed agency id',
    as: 'admin',
    send: (a) =>
      a.post('/api/admin/users', {
        fullName: 'Cán Bộ Mới',
        email: 'can.bo.moi@example.vn',
        password: DEMO_PASSWORD,
        memberships: [{ agencyId: 'not-a-uuid', roleCode: 'specialist' }],
      }),
    status: 400,
    code: 'validation',
    fields: ['body.memberships.0.agencyId'],
  },
  {
    name: 'an unknown field in a login',
    as: 'anonymous',
    send: (a) =>
      a.post('/api/auth/login', { identifier: DEMO.admin, password: DEMO_PASSWORD, isAdmin: true }),
    status: 400,
    code: 'validation',
    fields: ['body.isAdmin'],
    message: /^Trường “isAdmin” không được hỗ trợ\.$/,
  },
  {
    name: 'an unknown field in a user edit (no mass assignment)',
    as: 'admin',
    send: (a) =>
      a.patch(`/api/admin/users/${userId}`, { fullName: 'Tên Mới', kind: 'citizen', passwordHash: 'x' }),
    status: 400,
    code: 'validation',
    fields: ['body.kind', 'body.passwordHash'],
  },
  {
    name: 'an unknown field in a registration',
    as: 'anonymous',
    send: (a) =>
      a.post('/api/auth/register', {
        fullName: 'Người Dân',
        email: 'nd@example.vn',
        password: DEMO_PASSWORD,
        kind: 'official',
      }),
    status: 400,
    code: 'validation',
    fields: ['body.kind'],
  },
  {
    name: 'an unknown query parameter',
    as: 'anonymous',
    send: (a) => a.get('/api/units?parent=79&where=1'),
    status: 400,
    code: 'validation',
    fields: ['query.where'],
  },
  {
    name: 'a query limit out of range',
    as: 'admin',
    send: (a) => a.get('/api/admin/users?limit=0'),
    status: 400,
    code: 'validation',
    fields: ['query.limit'],
  },
  {
    name: 'a path id that is not a UUID',
    as: 'admin',
    send: (a) => a.patch('/api/admin/users/1%27%20or%201=1', { fullName: 'Tên Mới' }),
    status: 400,
    code: 'validation',
    fields: ['params.id'],
  },
  {
    name: 'a JSON body over 1 MiB (login)',
    as: 'anonymous',
    send: (a) => a.post('/api/auth/login', { identifier: DEMO.admin, password: 'x'.repeat(MiB) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'a JSON body over 1 MiB (create agency)',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', { ...validAgency(), name: 'S'.repeat(MiB + 1) }),
    status: 413,
    code: 'payload_too_large',
  },
  {
    name: 'text/plain on a JSON route (login)',
    as: 'anonymous',
    send: (a) =>
      a.post('/api/auth/login', `identifier=${DEMO.admin}&password=${DEMO_PASSWORD}`, {
        'content-type': 'text/plain',
      }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'text/plain on a JSON route (create agency)',
    as: 'admin',
    send: (a) =>
      a.post('/api/admin/agencies', JSON.stringify(validAgency()), { 'content-type': 'text/plain' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'XML on a JSON route',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', '<agency/>', { 'content-type': 'application/xml' }),
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'an agency code that does not follow XXX.XX.XX.HNN',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', { ...validAgency(), code: 'SXD-BINHDUONG' }),
    status: 400,
    code: 'validation',
    fields: ['body.code'],
    message: /^Mã định danh có dạng XXX\.XX\.XX\.HNN, ví dụ 000\.00\.00\.H29\.$/,
  },
  {
    name: 'an agency code in lower case',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', { ...validAgency(), code: '000.00.77.h29' }),
    status: 400,
    code: 'validation',
    fields: ['body.code'],
  },
  {
    name: 'an agency kind outside the list',
    as: 'admin',
    send: (a) => a.post('/api/admin/agencies', { ...validAgency(), kind: 'ministry' }),
    status: 400,
    code: 'validation',
    fields: ['body.kind'],
    message: /^Trường loại chỉ nhận một trong các giá trị: peoples_committee, department/,
  },
  {
    name: 'an unknown route',
    as: 'anonymous',
    send: (a) => a.get('/api/khong-co'),
    status: 404,
    code: 'route_not_found',
  },
];

describe('refused input changes nothing and says why', () => {
  it.each(CASES)('$name → $status $code', async (c) => {
    const agent = c.as === 'admin' ? admin : agentFrom(t);
    const res = await expectNoChange(t.platform.deps.db, () => c.send(agent));
    const error = expectError(res, c.status, c.code);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    if (c.fields) {
      expect(fieldNames(error)).toEqual(c.fields);
      for (const f of error.fields!) expect(f.message).not.toMatch(/^(errors:|field\.|password\.)/);
      // Messages name fields in words, never by their schema path (issue 11, item 14).
      for (const f of c.fields) expect(error.message).not.toContain(f);
      for (const f of error.fields!) expect(f.message).not.toMatch(/\b(body|query|params|headers)\.\w/);
    } else {
      expect(error.fields).toBeUndefined();
    }
    if (c.message) expect(error.fields![0]!.message).toMatch(c.message);
    // A body over the limit is told the limit (issue 11, item 14).
    if (c.code === 'payload_too_large') expect(error.message).toMatch(/tối đa 1 MB\.$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('the admin session still works after all that', async () => {
    expect((await admin.get('/api/admin/agencies')).statusCode).toBe(200);
  });
});

describe('language of error messages', () => {
  // A missing field: its message does not depend on anything but the language.
  const missingPassword = (a: Agent, headers?: Record<string, string>) =>
    a.post('/api/auth/login', { identifier: DEMO.admin }, headers);
  const badCode = (a: Agent, headers?: Record<string, string>) =>
    a.post('/api/admin/agencies', { ...validAgency(), code: 'SXD' }, headers);

  const english = (e: ErrorJson) => {
    expect(e.message).toBe('Some of the data sent is not valid: Password.');
    expect(e.fields![0]!.message).toBe('Password is required.');
  };

  it('is Vietnamese by default', async () => {
    const e = expectError(await missingPassword(agentFrom(t)), 400, 'validation');
    expect(e.message).toBe('Dữ liệu gửi lên chưa hợp lệ: mật khẩu.');
    expect(e.fields![0]!.message).toBe('Trường mật khẩu là bắt buộc.');
  });

  it.each([
    ['en', 'Accept-Language: en'],
    ['en-GB,en;q=0.9,vi;q=0.5', 'Accept-Language with q-values'],
  ])('is English with %s (%s)', async (value) => {
    english(
      expectError(await missingPassword(agentFrom(t), { 'accept-language': value }), 400, 'validation'),
    );
  });

  it('is Vietnamese for a language it does not have', async () => {
    const e = expectError(
      await missingPassword(agentFrom(t), { 'accept-language': 'fr-FR' }),
      400,
      'validation',
    );
    expect(e.message).toMatch(/^Dữ liệu gửi lên/);
  });

  it('is English with the cqs_lang=en cookie, which wins over Accept-Language', async () => {
    const a = agentFrom(t);
    a.cookies.set('cqs_lang', 'en');
    english(expectError(await missingPassword(a, { 'accept-language': 'vi' }), 400, 'validation'));
  });

  it('localizes the agency-code message: Vietnamese for the administrator, English with the cookie', async () => {
    const vi = await expectNoChange(t.platform.deps.db, () => badCode(admin));
    expect(expectError(vi, 400, 'validation').fields).toEqual([
      { field: 'body.code', message: 'Mã định danh có dạng XXX.XX.XX.HNN, ví dụ 000.00.00.H29.' },
    ]);
    admin.cookies.set('cqs_lang', 'en');
    try {
      const en = await expectNoChange(t.platform.deps.db, () => badCode(admin));
      expect(expectError(en, 400, 'validation').fields).toEqual([
        { field: 'body.code', message: 'The identifier code looks like XXX.XX.XX.HNN, e.g. 000.00.00.H29.' },
      ]);
      expect(en.json().error.message).toBe('Some of the data sent is not valid: Code.');
    } finally {
      admin.cookies.delete('cqs_lang');
    }
  });

  it("follows the request's language, not the account's last saved one", async () => {
    await t.platform.deps.db.execute(sql`update id_users set locale = 'en' where email = ${DEMO.admin}`);
    try {
      const a = await signIn(t, DEMO.admin);
      const vi = expectError(await badCode(a, { 'accept-language': 'vi' }), 400, 'validation');
      expect(vi.fields![0]!.message).toMatch(/^Mã định danh có dạng/);
      // A client that names no language gets the account's.
      const en = expectError(await badCode(a), 400, 'validation');
      expect(en.fields![0]!.message).toMatch(/^The identifier code looks like/);
    } finally {
      await t.platform.deps.db.execute(sql`update id_users set locale = 'vi' where email = ${DEMO.admin}`);
    }
  });

  it('every catalogue code and field key has a message in both languages', () => {
    const vi = JSON.parse(readFileSync(join(LOCALES, 'vi/errors.json'), 'utf8')) as Record<string, string>;
    const en = JSON.parse(readFileSync(join(LOCALES, 'en/errors.json'), 'utf8')) as Record<string, string>;
    for (const code of Object.keys(ERRORS)) {
      expect(vi[code], `vi ${code}`).toBeTruthy();
      expect(en[code], `en ${code}`).toBeTruthy();
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });
});
