// Decree 42/2022: the conformity report (a portal missing items, old items, the complete demo portal),
// questions and answers from the public with status tracking, and readers' ratings; markup typed by the
// public never becomes markup.
import { sql } from 'drizzle-orm';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkConformity, type ConformityFacts } from '../../src/server/modules/portal/conformity.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let reviewer: Agent;
let editor: Agent;
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

beforeAll(async () => {
  t = await startTestPlatform();
  reviewer = await t.login('duyet.ubnd@cqs.demo');
  editor = await t.login('bientap.ubnd@cqs.demo');
}, 60_000);
afterAll(() => t.close());

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const postForm = (url: string, fields: Record<string, string>) =>
  t.client().request('POST', url, form(fields), { 'content-type': 'application/x-www-form-urlencoded' });

type Item = { code: string; state: string; count: number; missing?: string[] };

describe('the conformity report', () => {
  const now = new Date('2026-12-01T00:00:00Z');
  const recent = new Date('2026-11-20T00:00:00Z');
  const complete: ConformityFacts = {
    legal: { count: 3, latest: recent },
    procedures: 10,
    sections: Object.fromEntries(
      ['news', 'guidance', 'plans', 'disclosure', 'contacts', 'budget', 'statistics'].map((k) => [
        k,
        { vi: 1, en: 1, latest: recent },
      ]),
    ),
    agencies: [{ name: 'Ủy ban nhân dân Thành phố', nameEn: "City People's Committee" }],
    projects: { count: 20, latest: recent },
    questions: { published: 1, latest: recent },
    ratings: { count: 4, latest: recent },
  };

  it('a complete portal passes every item', () => {
    const r = checkConformity(complete, 365, now);
    expect(r.filter((i) => i.state !== 'ok')).toEqual([]);
    expect(r.map((i) => i.code)).toEqual(
      expect.arrayContaining([
        'legal',
        'procedures',
        'plans',
        'disclosure',
        'budget',
        'english_organisation',
      ]),
    );
  });

  it('a portal missing items lists each of them, and the agencies without an English name', () => {
    const r = checkConformity(
      {
        ...complete,
        legal: { count: 0, latest: null },
        sections: { news: { vi: 3, en: 0, latest: recent }, contacts: { vi: 1, en: 0, latest: recent } },
        agencies: [...complete.agencies, { name: 'Phường Phú Lợi', nameEn: null }],
        questions: { published: 0, latest: null },
      },
      365,
      now,
    );
    const bad = Object.fromEntries(r.filter((i) => i.state !== 'ok').map((i) => [i.code, i.state]));
    expect(bad).toEqual({
      legal: 'missing',
      guidance: 'missing',
      plans: 'missing',
      disclosure: 'missing',
      budget: 'missing',
      statistics: 'missing',
      english_organisation: 'missing',
      english_contacts: 'missing',
      questions: 'missing',
    });
    expect(r.find((i) => i.code === 'english_organisation')?.missing).toEqual(['Phường Phú Lợi']);
  });

  it('items older than the age asked for are flagged old', () => {
    const r = checkConformity(complete, 5, now);
    expect(r.find((i) => i.code === 'legal')?.state).toBe('stale');
    expect(r.find((i) => i.code === 'procedures')?.state).toBe('ok');
  });

  it('the demo portal is complete; reviewers read the report, as JSON and as a page', async () => {
    const res = await reviewer.get('/api/portal/conformity');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Item[];
    expect(items.filter((i) => i.state !== 'ok')).toEqual([]);
    const strict = (await reviewer.get('/api/portal/conformity?maxAgeDays=15')).json().items as Item[];
    expect(strict.find((i) => i.code === 'budget')?.state).toBe('stale');
    const page = await reviewer.get('/vi/kiem-tra-nghi-dinh-42?maxAgeDays=15');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Báo cáo ngân sách, tài chính');
    expect(page.body).toContain('<strong>cũ</strong>');
    expect((await t.client().get('/vi/kiem-tra-nghi-dinh-42')).statusCode).toBe(401);
    expect((await editor.get('/api/portal/conformity')).statusCode).toBe(403);
  });
});

function expectInert(body: string) {
  const doc = parseDocument(body);
  const scripts = DomUtils.findAll((e) => e.name === 'script', doc.children);
  expect(scripts.every((s) => s.attribs.type === 'application/ld+json')).toBe(true);
  const handlers = DomUtils.findAll(
    (e) => Object.keys(e.attribs).some((a) => a.startsWith('on')),
    doc.children,
  );
  expect(handlers).toEqual([]);
}

describe('questions and answers', () => {
  it('a question from a plain form gets a code; the asker follows it until it is answered and published', async () => {
    const res = await postForm('/vi/hoi-dap', {
      name: 'Lê Văn Tư',
      email: '',
      phone: '0912 345 678',
      title: XSS,
      question: `Xin hỏi thủ tục đăng ký hộ kinh doanh? ${XSS}`,
    });
    expect(res.statusCode, res.body).toBe(303);
    const location = res.headers.location as string;
    const code = /ma=(HD-[A-Z0-9]{6})/.exec(location)![1]!;
    const followed = await t.client().get(location);
    expect(followed.body).toContain(code);
    expect(followed.body).toContain('đã tiếp nhận, đang chờ trả lời');
    const list = await reviewer.get('/api/portal/questions');
    const q = list.json().items.find((x: { code: string }) => x.code === code);
    expect(q.state).toBe('received');
    expect(
      (await editor.post(`/api/portal/questions/${q.id}/answer`, { lockVersion: 1, answer: 'x' })).statusCode,
    ).toBe(403);
    const early = await reviewer.post(`/api/portal/questions/${q.id}/publish`, {
      lockVersion: q.lockVersion,
    });
    expect(early.statusCode).toBe(409);
    const answered = await reviewer.post(`/api/portal/questions/${q.id}/answer`, {
      lockVersion: q.lockVersion,
      answer: `Ông nộp hồ sơ tại Bộ phận Một cửa. ${XSS}`,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const stale = await reviewer.post(`/api/portal/questions/${q.id}/publish`, {
      lockVersion: q.lockVersion,
    });
    expect(stale.statusCode).toBe(409);
    const published = await reviewer.post(`/api/portal/questions/${q.id}/publish`, {
      lockVersion: answered.json().lockVersion,
    });
    expect(published.json().state).toBe('published');
    const page = await t.client().get(`/vi/hoi-dap?ma=${code}`);
    expect(page.body).toContain('đã trả lời và đăng công khai');
    expect(page.body).toContain('Ông nộp hồ sơ tại Bộ phận Một cửa.');
    expectInert(page.body);
    const [audits] = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from audit_log where target_id = ${q.id}`,
    );
    expect(audits!.n).toBe(3);
  });

  it('without a contact or a question it is refused, localized, keeping what was typed', async () => {
    const before = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ptl_questions`,
    );
    const res = await postForm('/en/questions', {
      name: 'Ann',
      email: '',
      phone: '',
      title: 'Visa',
      question: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('leave an e-mail address or a phone number');
    expect(res.body).toContain('value="Ann"');
    const after = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ptl_questions`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await t.client().get('/en/questions?ma=HD-NOPE00')).body).toContain(
      'There is no question with the code HD-NOPE00',
    );
  });
});

describe('ratings', () => {
  it('a reader rates the portal from any page; a score out of range changes nothing', async () => {
    const home = await t.client().get('/en');
    expect(home.body).toContain('href="/en/rate-this-portal?from=%2Fen"');
    const count = async () =>
      (
        await queryRows<{ n: number }>(t.platform.deps.db, sql`select count(*)::int as n from ptl_ratings`)
      )[0]!.n;
    const before = await count();
    const ok = await postForm('/en/rate-this-portal', { score: '4', path: '/en/investment-projects' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/en/rate-this-portal?thanks=1&from=%2Fen%2Finvestment-projects');
    expect((await t.client().get(ok.headers.location as string)).body).toContain(
      'Thank you for your rating.',
    );
    const bad = await postForm('/vi/danh-gia', { score: '9', path: 'https://evil.example/' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Hãy chọn một mức đánh giá.');
    const off = await postForm('/vi/danh-gia', { score: '5', path: 'https://evil.example/' });
    expect(off.headers.location).toBe('/vi/danh-gia?thanks=1&from=%2Fvi');
    expect(await count()).toBe(before + 2);
  });
});
