// Open311 GeoReport v2: our documents against the specification's examples (element names, order,
// nesting, value types, date format), round trips through the API, and errors in the spec's shape.
import { eq, sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { THU_DAU_MOT } from './fixtures.ts';
import * as SPEC from './open311-spec.ts';
import { fbReports } from '../../src/server/modules/feedback/tables.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';

let t: TestPlatform;
let client: Agent;
let apiKey = '';

// Keep element text as text and every repeated element as a list, as a strict client would read them.
const parser = new XMLParser({
  parseTagValue: false,
  ignoreDeclaration: false,
  isArray: (name) => ['service', 'request', 'error', 'attribute', 'value'].includes(name),
});
const xml = (text: string) => parser.parse(text) as Record<string, Record<string, Record<string, unknown>[]>>;
const keysOf = (o: object) => Object.keys(o);

beforeAll(async () => {
  t = await startTestPlatform();
  client = t.client();
  const admin = await t.login('admin@cqs.demo');
  const key = await admin.post('/api/feedback/api-keys', { name: 'Ứng dụng thử', perMinute: 1000 });
  expect(key.statusCode).toBe(200);
  apiKey = key.json().key;
});
afterAll(() => t?.close());

const form = (fields: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)])).toString();
const postForm = (path: string, fields: Record<string, string | number>) =>
  client.post(path, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });

describe('GET services', () => {
  it("XML: <services><service> with the spec's elements", async () => {
    const res = await client.get('/open311/v2/services.xml?jurisdiction_id=79');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/xml');
    expect(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    const spec = xml(SPEC.SPEC_SERVICES_XML).services!.service!;
    const ours = xml(res.body).services!.service!;
    expect(ours.length).toBeGreaterThanOrEqual(11);
    for (const s of ours) {
      expect(new Set(keysOf(s))).toEqual(new Set(keysOf(spec[0]!)));
      expect(['true', 'false']).toContain(s.metadata);
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    expect(ours.map((s) => s.service_code)).toContain('duong-via-he');
  });

  it('JSON: an array of objects with the same keys and value types as the spec', async () => {
    const res = await client.get('/open311/v2/services.json');
    expect(res.headers['content-type']).toContain('application/json');
    const [spec] = JSON.parse(SPEC.SPEC_SERVICES_JSON) as Record<string, unknown>[];
    const ours = res.json() as Record<string, unknown>[];
    for (const s of ours) {
      expect(keysOf(s)).toEqual(keysOf(spec!));
      for (const k of keysOf(spec!)) expect(typeof s[k]).toBe(typeof spec![k]);
    }
  });

  it('services/{code}: a service_definition with attributes', async () => {
    const x = await client.get('/open311/v2/services/duong-via-he.xml');
    expect(x.statusCode).toBe(200);
    const ours = parser.parse(x.body) as { service_definition: Record<string, unknown> };
    const spec = parser.parse(SPEC.SPEC_DEFINITION_XML) as { service_definition: Record<string, unknown> };
    expect(keysOf(ours.service_definition)).toEqual(keysOf(spec.service_definition));
    expect(ours.service_definition.service_code).toBe('duong-via-he');
    const j = (await client.get('/open311/v2/services/duong-via-he.json')).json();
    expect(j).toEqual({ service_code: 'duong-via-he', attributes: [] });
    expect((await client.get('/open311/v2/services/khong-co.json')).statusCode).toBe(404);
  });
});

describe('POST requests, then GET it back', () => {
  let id = '';
  it("refuses a POST without an api_key, in the spec's error format, and files nothing", async () => {
    const before = (await client.get('/open311/v2/requests.json?service_code=cay-xanh')).json().length;
    const res = await postForm('/open311/v2/requests.xml', {
      service_code: 'cay-xanh',
      lat: THU_DAU_MOT.lat,
      long: THU_DAU_MOT.lng,
      description: 'Cây nghiêng sắp đổ',
    });
    expect(res.statusCode).toBe(403);
    const spec = xml(SPEC.SPEC_ERRORS_XML).errors!.error!;
    const ours = xml(res.body).errors!.error!;
    expect(keysOf(ours[0]!)).toEqual(keysOf(spec[0]!));
    expect(ours[0]!.code).toBe('403');
    const j = await postForm('/open311/v2/requests.json', {
      service_code: 'cay-xanh',
      lat: THU_DAU_MOT.lat,
      long: THU_DAU_MOT.lng,
      description: 'Cây nghiêng sắp đổ',
      api_key: 'wrong',
    });
    expect(j.statusCode).toBe(403);
    const [specJson] = JSON.parse(SPEC.SPEC_ERRORS_JSON) as Record<string, unknown>[];
    expect(keysOf(j.json()[0])).toEqual(keysOf(specJson!));
    expect(typeof j.json()[0].code).toBe('number');
    expect((await client.get('/open311/v2/requests.json?service_code=cay-xanh')).json().length).toBe(before);
  });

  it("files a request with a key: the answer has the spec's fields", async () => {
    const res = await postForm('/open311/v2/requests.json', {
      api_key: apiKey,
      jurisdiction_id: '79',
      service_code: 'cay-xanh',
      lat: THU_DAU_MOT.lat,
      long: THU_DAU_MOT.lng,
      address_string: 'Đường Yersin',
      description: 'Cây nghiêng sắp đổ, gọi 0909123456',
      first_name: 'Lê',
      last_name: 'Văn Khách',
      phone: '0909123456',
      email: 'khach@example.vn',
    });
    expect(res.statusCode).toBe(201);
    const [spec] = JSON.parse(SPEC.SPEC_POST_RESPONSE_JSON) as Record<string, unknown>[];
    expect(keysOf(res.json()[0])).toEqual(keysOf(spec!));
    id = res.json()[0].service_request_id;
    expect(id).toMatch(/^PA-/);
    const x = await postForm('/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: 'cay-xanh',
      lat: THU_DAU_MOT.lat,
      long: THU_DAU_MOT.lng,
      description: 'Cành cây gãy',
    });
    expect(keysOf(xml(x.body).service_requests!.request![0]!)).toEqual(
      keysOf(xml(SPEC.SPEC_POST_RESPONSE_XML).service_requests!.request![0]!),
    );
  });

  it("requests/{id}: the spec's elements in the spec's order, open, with w3c dates, without personal data", async () => {
    const res = await client.get(`/open311/v2/requests/${id}.xml`);
    expect(res.statusCode).toBe(200);
    const spec = xml(SPEC.SPEC_REQUESTS_XML).service_requests!.request![0]!;
    const [ours] = xml(res.body).service_requests!.request!;
    expect(keysOf(ours!)).toEqual(keysOf(spec));
    expect(ours!.status).toBe('open');
    expect(ours!.requested_datetime).toMatch(SPEC.W3C_DATETIME);
    expect(ours!.updated_datetime).toMatch(SPEC.W3C_DATETIME);
    expect(ours!.service_code).toBe('cay-xanh');
    expect(Number(ours!.lat)).toBeCloseTo(THU_DAU_MOT.lat, 6);
    expect(Number(ours!.long)).toBeCloseTo(THU_DAU_MOT.lng, 6);
    expect(res.body).not.toContain('0909123456');
    expect(res.body).not.toContain('Văn Khách');
    expect(res.body).not.toContain('khach@example.vn');

    const [specJson] = JSON.parse(SPEC.SPEC_REQUESTS_JSON) as Record<string, unknown>[];
    const [j] = (await client.get(`/open311/v2/requests/${id}.json`)).json() as Record<string, unknown>[];
    expect(keysOf(j!)).toEqual(keysOf(specJson!));
    expect(typeof j!.lat).toBe('number');
    expect(typeof j!.long).toBe('number');
    expect(j!.status_notes).toBe('Mới tiếp nhận');
  });

  it('after routing: expected_datetime is the deadline, status_notes carries the detail; closed when answered', async () => {
    const operator = await t.login('dieuhanh@cqs.demo');
    const routed = await operator.post(`/api/feedback/manage/${id}/route`, {});
    const [r] = (await client.get(`/open311/v2/requests/${id}.json`)).json();
    // Open311 dates are W3C date-times to the second: the deadline, its milliseconds dropped.
    expect(Date.parse(r.expected_datetime)).toBe(Math.floor(Date.parse(routed.json().dueAt) / 1000) * 1000);
    expect(r.expected_datetime).toMatch(/\+07:00$/);
    expect(r.agency_responsible).toBe('Ủy ban nhân dân Phường Thủ Dầu Một');
    const officer = await t.login('chuyenvien.thudaumot@cqs.demo');
    await officer.post(`/api/feedback/manage/${id}/accept`);
    await officer.post(`/api/feedback/manage/${id}/reply`, { text: 'Đã chặt tỉa cây nghiêng.' });
    await operator.post(`/api/feedback/manage/${id}/publish`, {});
    const [after] = (await client.get(`/open311/v2/requests/${id}.json?extensions=true`)).json();
    expect(after.status).toBe('closed');
    expect(after.status_notes).toBe('Đã có kết quả: Đã chặt tỉa cây nghiêng.');
    expect(after.notes.map((n: { status: string }) => n.status)).toEqual(['open', 'open', 'open', 'closed']);
  });

  it('tokens/{token}: service_request_id and token', async () => {
    const [report] = await t.platform.deps.db
      .select({ token: fbReports.token })
      .from(fbReports)
      .where(eq(fbReports.code, id));
    const token = report!.token;
    const res = await client.get(`/open311/v2/tokens/${token}.xml`);
    const [ours] = xml(res.body).service_requests!.request!;
    expect(keysOf(ours!)).toEqual(keysOf(xml(SPEC.SPEC_TOKEN_XML).service_requests!.request![0]!));
    expect(ours!.service_request_id).toBe(id);
  });
});

describe('GET requests filters', () => {
  it('service_request_id (comma list), service_code, status, start/end dates', async () => {
    const all = (await client.get('/open311/v2/requests.json')).json() as {
      service_request_id: string;
      status: string;
      service_code: string;
      requested_datetime: string;
    }[];
    expect(all.length).toBeGreaterThan(100);
    expect(all.length).toBeLessThanOrEqual(1000);
    const [a, b] = all;
    const byIds = (
      await client.get(
        `/open311/v2/requests.json?service_request_id=${a!.service_request_id},${b!.service_request_id}`,
      )
    ).json();
    expect(byIds.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [a!.service_request_id, b!.service_request_id].sort(),
    );
    const open = (
      await client.get('/open311/v2/requests.json?status=open&service_code=rac-thai')
    ).json() as typeof all;
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((r) => r.status === 'open' && r.service_code === 'rac-thai')).toBe(true);
    const start = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 19) + 'Z';
    const recent = (await client.get(`/open311/v2/requests.json?start_date=${start}`)).json() as typeof all;
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.every((r) => new Date(r.requested_datetime) >= new Date(start))).toBe(true);
    // Extension: paging.
    const page2 = (await client.get('/open311/v2/requests.json?page_size=5&page=2')).json() as typeof all;
    expect(page2.map((r) => r.service_request_id)).toEqual(all.slice(5, 10).map((r) => r.service_request_id));
  });

  it("a bad filter or jurisdiction is an error in the caller's format", async () => {
    const bad = await client.get('/open311/v2/requests.xml?start_date=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(xml(bad.body).errors!.error![0]!.description).toContain('start_date');
    const j = await client.get('/open311/v2/requests.json?jurisdiction_id=01');
    expect(j.statusCode).toBe(404);
    expect(j.json()[0].code).toBe(404);
  });
});

describe('extension: commune', () => {
  it('lists only the reports located in the commune; a malformed code is a 400 naming it', async () => {
    const res = await client.get('/open311/v2/requests.json?commune=25747&status=open&page_size=50');
    expect(res.statusCode).toBe(200);
    const codes = (res.json() as { service_request_id: string; status: string }[]).map(
      (r) => r.service_request_id,
    );
    expect(codes.length).toBeGreaterThan(0);
    const rows = await t.platform.deps.db
      .select({ code: fbReports.code, unit: fbReports.unitCode })
      .from(fbReports);
    const unitOf = new Map(rows.map((r) => [r.code, r.unit]));
    expect(codes.every((c) => unitOf.get(c) === '25747')).toBe(true);
    const elsewhere = [...unitOf.values()].find((u) => u !== '25747')!;
    const other = (
      await client.get(`/open311/v2/requests.json?commune=${elsewhere}&page_size=50`)
    ).json() as {
      service_request_id: string;
    }[];
    expect(other.some((r) => codes.includes(r.service_request_id))).toBe(false);
    const bad = await client.get('/open311/v2/requests.xml?commune=thu-dau-mot');
    expect(bad.statusCode).toBe(400);
    expect(xml(bad.body).errors!.error![0]!.description).toContain('commune');
  });
});

describe('API keys: list and revoke', () => {
  it('lists keys without the key or its hash, with when it was last used', async () => {
    const admin = await t.login('admin@cqs.demo');
    const list = await admin.get('/api/feedback/api-keys');
    expect(list.statusCode, list.body).toBe(200);
    const mine = (list.json().items as Record<string, unknown>[]).find((k) => k.name === 'Ứng dụng thử')!;
    expect(mine).toMatchObject({
      active: true,
      revokedAt: null,
      prefix: apiKey.slice(0, 9),
      perMinute: 1000,
    });
    expect(mine.lastUsedAt).toEqual(expect.any(String));
    expect(list.body).not.toContain(apiKey);
    expect(keysOf(mine)).not.toContain('keyHash');
    // An operator (no feedback.manage) cannot list them.
    expect((await (await t.login('dieuhanh@cqs.demo')).get('/api/feedback/api-keys')).statusCode).toBe(403);
  });

  it('a revoked key stops working at once; revoking is audited once', async () => {
    const admin = await t.login('admin@cqs.demo');
    const made = await admin.post('/api/feedback/api-keys', { name: 'Ứng dụng thu hồi', perMinute: 10 });
    const { id, key } = made.json() as { id: string; key: string };
    const file = () =>
      postForm('/open311/v2/requests.json', {
        api_key: key,
        service_code: 'cay-xanh',
        lat: THU_DAU_MOT.lat,
        long: THU_DAU_MOT.lng,
        description: 'Cây chắn lối đi',
      });
    expect((await file()).statusCode).toBe(201);
    const revoked = await admin.post(`/api/feedback/api-keys/${id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ id, active: false, revokedAt: expect.any(String) });
    const refused = await file();
    expect(refused.statusCode).toBe(403);
    expect(refused.json()[0].code).toBe(403);
    // Again: nothing changes, no second audit row.
    expect((await admin.post(`/api/feedback/api-keys/${id}/revoke`)).json().revokedAt).toBe(
      revoked.json().revokedAt,
    );
    const [audits] = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where action = 'feedback.api_key_revoke' and target_id = ${id}`,
    );
    expect(audits!.n).toBe(1);
    expect(
      (await admin.post('/api/feedback/api-keys/00000000-0000-4000-8000-000000000000/revoke')).statusCode,
    ).toBe(404);
  });
});
