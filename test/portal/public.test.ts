// The public portal as plain HTTP readers see it: pages in five languages, caching, feeds, sitemap,
// search without diacritics, the enquiry form, and stored XSS that never becomes markup.
import { sql } from 'drizzle-orm';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let editor: Agent;
let reviewer: Agent;
let citySection: string;
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

beforeAll(async () => {
  t = await startTestPlatform();
  editor = await t.login('bientap.ubnd@cqs.demo');
  reviewer = await t.login('duyet.ubnd@cqs.demo');
  const [row] = await queryRows<{ id: string }>(
    t.platform.deps.db,
    sql`select s.id from ptl_sections s join ptl_sites si on si.id = s.site_id where s.code = 'tin-tuc' and si.slug = ''`,
  );
  citySection = row!.id;
}, 60_000);
afterAll(() => t.close());

async function publishArticle(
  lang: string,
  title: string,
  body: unknown,
  extra: Record<string, unknown> = {},
) {
  const c = await editor.post('/api/portal/items', {
    sectionId: citySection,
    lang,
    title,
    summary: title,
    body,
    ...extra,
  });
  expect(c.statusCode, c.body).toBe(200);
  const { itemId } = c.json();
  let lock = c.json().edition.lockVersion;
  for (const [who, action] of [
    [editor, 'submit'],
    [reviewer, 'approve'],
    [editor, 'publish'],
  ] as const) {
    const r = await who.post(`/api/portal/items/${itemId}/editions/${lang}/${action}`, { lockVersion: lock });
    expect(r.statusCode, r.body).toBe(200);
    lock = r.json().edition.lockVersion;
  }
  return { itemId, slug: c.json().edition.slug as string };
}

/**
 * Parsed as a browser would: no script but the JSON-LD data blocks, no event-handler attribute, no
 * javascript: address. Text that merely contains "onerror" inside a quoted value is inert.
 */
function expectInert(body: string) {
  const doc = parseDocument(body);
  const elements = DomUtils.findAll(() => true, doc.children);
  for (const el of elements) {
    if (el.name === 'script') expect(el.attribs.type).toBe('application/ld+json');
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on'), `${el.name} ${name}`).toBe(false);
      expect(value.trim().toLowerCase().startsWith('javascript:'), `${el.name} ${name}=${value}`).toBe(false);
    }
    expect(['iframe', 'object', 'embed'].includes(el.name)).toBe(false);
  }
}

describe('public pages', () => {
  it.each([
    ['/vi', 'Cổng thông tin điện tử Thành phố'],
    ['/en', 'City Government Portal'],
    ['/ja', '投資'],
    ['/vi/tin-tuc', 'Thành phố đẩy mạnh giải quyết thủ tục hành chính trực tuyến toàn trình'],
    ['/en/news', 'City steps up fully online administrative procedures'],
    ['/vi/van-ban', '35/2025/QĐ-UBND'],
    ['/en/legal-documents?type=ke_hoach', '412/KH-UBND'],
    ['/vi/to-chuc', 'Ủy ban nhân dân Phường Thủ Dầu Một'],
    ['/en/organisation', 'Department of Construction'],
    ['/vi/thu-tuc', 'thủ tục'],
    ['/vi/du-an-dau-tu', 'Khu sản xuất linh kiện điện tử công nghệ cao'],
    ['/ko/investment-projects', '첨단 전자부품 생산단지'],
    ['/zh/investment-projects/da-bd-01', '高科技电子元件生产区'],
    ['/ja/industrial-parks', 'VSIP'],
  ])('%s renders its content as HTML', async (path, text) => {
    const res = await t.client().get(path);
    expect(res.statusCode, path).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain(text);
    expect(res.body).toContain('<link rel="canonical"');
    expect(res.body).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
  });

  it('a procedure page is read through the services module', async () => {
    const list = await t.client().get('/vi/thu-tuc');
    const href = /href="(\/vi\/thu-tuc\/[^"]+)"/.exec(list.body)?.[1];
    expect(href).toBeDefined();
    const page = await t.client().get(href!);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('"@type":"GovernmentService"');
  });

  it('answers with an ETag and 304 when the reader has the page', async () => {
    const first = await t.client().get('/vi/tin-tuc');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect(first.headers['cache-control']).toContain('public');
    const again = await t.client().get('/vi/tin-tuc', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('pages a language has no version of say so in the switch, and the home page explains', async () => {
    const legal = await t.client().get('/vi/van-ban');
    expect(legal.body).toMatch(/href="\/ja\?missing=\/vi\/van-ban"[^>]*>日本語<\/a> <small>/);
    const ja = await t.client().get('/ja?missing=/vi/van-ban');
    expect(ja.body).toContain('日本語版がありません');
    expect(ja.body).toContain('href="/vi/van-ban"');
    // Another site's address is not offered as the way back.
    expect((await t.client().get('/en?missing=//evil.example')).body).not.toContain('evil.example');
  });

  it('unknown pages answer 404 in the portal layout', async () => {
    const res = await t.client().get('/en/news/no-such-article');
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('Page not found');
  });
});

describe('feeds and sitemap', () => {
  it('a new article appears in the Atom feed of its section and in the sitemap with hreflang', async () => {
    const { slug } = await publishArticle('vi', 'Bản tin phục vụ nguồn cấp', { type: 'doc', content: [] });
    const feed = await t.client().get('/vi/feed/tin-tuc.xml');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toContain('<title>Bản tin phục vụ nguồn cấp</title>');
    const map = await t.client().get('/sitemap.xml');
    expect(map.body).toContain(`/vi/tin-tuc/${slug}</loc>`);
    expect(map.body).toContain('hreflang="ja"');
  });
});

describe('search', () => {
  it('finds Vietnamese text typed without diacritics, with facets and highlighted snippets', async () => {
    await publishArticle('vi', 'Hướng dẫn thủ tục đất đai cho hộ gia đình', {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'Người dân nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất.' }],
        },
      ],
    });
    const res = await t.client().get('/vi/tim-kiem?q=thu+tuc+dat+dai');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Hướng dẫn thủ tục đất đai cho hộ gia đình');
    expect(res.body).toContain('<mark>thủ</mark> <mark>tục</mark> <mark>đất</mark> <mark>đai</mark>');
    // Facets: the legal documents on land match too.
    expect(res.body).toMatch(/kind=legal/);
    const legalOnly = await t.client().get('/vi/tim-kiem?q=thu+tuc+dat+dai&kind=legal');
    expect(legalOnly.body).toContain('35/2025/QĐ-UBND');
    expect(legalOnly.body).not.toContain('Hướng dẫn thủ tục đất đai cho hộ gia đình');
  });

  it('finds procedures and investment projects, in their languages', async () => {
    expect((await t.client().get('/vi/tim-kiem?q=khai+sinh')).body).toContain('Thủ tục');
    expect((await t.client().get('/en/search?q=logistics')).body).toContain(
      'Logistics centre and cold storage',
    );
    expect((await t.client().get('/ja/search?q=物流センター')).body).toContain('物流センター・冷蔵倉庫');
  });

  it('operators typed by a reader are only words', async () => {
    const res = await t.client().get(`/vi/tim-kiem?q=${encodeURIComponent("đất & | ! ( ' :*")}`);
    expect(res.statusCode).toBe(200);
  });
});

describe('stored XSS never executes', () => {
  it('in rich text, titles and slugs of articles, on the article, list, search and feed', async () => {
    const { slug } = await publishArticle('vi', `Tiêu đề ${XSS}`, {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: XSS }] },
        {
          type: 'paragraph',
          content: [
            {
              type: 'text',
              text: 'liên kết',
              marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }],
            },
          ],
        },
        { type: 'image', attrs: { src: '/a" onerror="alert(1)', alt: XSS } },
        { type: 'script', content: [{ type: 'text', text: 'alert(1)' }] },
      ],
    });
    for (const path of [`/vi/tin-tuc/${slug}`, '/vi/tin-tuc', '/vi', `/vi/tim-kiem?q=tieu+de+script`]) {
      const res = await t.client().get(path);
      expect(res.statusCode, path).toBe(200);
      expectInert(res.body);
    }
    const article = await t.client().get(`/vi/tin-tuc/${slug}`);
    expect(article.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    // JSON-LD cannot be closed from inside.
    expect(article.body).not.toMatch(/"headline":"[^"]*<\/script>/);
    const feed = await t.client().get('/vi/feed.xml');
    expect(feed.body).not.toContain('<script>');
    expect(feed.body).toContain('&lt;script&gt;');
  });

  it('a slug with markup is refused', async () => {
    const res = await editor.post('/api/portal/items', {
      sectionId: citySection,
      lang: 'vi',
      title: 'Đường dẫn xấu',
      slug: '"><script>alert(1)</script>',
      summary: '',
      body: { type: 'doc', content: [] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].field).toBe('body.slug');
  });
});

describe('investor enquiries', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (lang: string, seg: string, fields: Record<string, string>) =>
    t.client().request('POST', `/${lang}/${seg}/da-bd-03/enquiry`, form(fields), {
      'content-type': 'application/x-www-form-urlencoded',
    });

  it('a plain form post (no JavaScript) creates an enquiry with a manager-to-be and a deadline', async () => {
    const res = await post('en', 'investment-projects', {
      name: 'Tanaka Hiroshi',
      organisation: 'Tanaka Logistics K.K.',
      country: 'Japan',
      email: 'tanaka@example.jp',
      phone: '',
      message: 'We would like to visit the site in March.',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe('/en/investment-projects/da-bd-03?sent=1');
    const done = await t.client().get(res.headers.location as string);
    expect(done.body).toContain('We have your enquiry');
    const [row] = await queryRows<{ stage: string; respond_by: Date; created_at: Date }>(
      t.platform.deps.db,
      sql`select stage, respond_by, created_at from ptl_enquiries where email = 'tanaka@example.jp'`,
    );
    expect(row?.stage).toBe('enquiry');
    expect(new Date(row!.respond_by).getTime() - new Date(row!.created_at).getTime()).toBeGreaterThan(
      4 * 86_400_000,
    );
  });

  it('without any contact it is refused, localized, keeping what was typed, and nothing is stored', async () => {
    const before = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ptl_enquiries`,
    );
    const res = await post('vi', 'du-an-dau-tu', {
      name: 'Nguyễn Văn Đầu Tư',
      organisation: 'Công ty ABC',
      country: 'Việt Nam',
      email: '',
      phone: '',
      message: 'Xin thông tin giá thuê đất.',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('hãy để lại e-mail hoặc số điện thoại');
    expect(res.body).toContain('value="Công ty ABC"');
    const after = await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ptl_enquiries`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('XSS in enquiry fields is inert on the form and in the pipeline API, and the manager moves it on', async () => {
    const res = await post('vi', 'du-an-dau-tu', {
      name: XSS,
      organisation: XSS,
      country: 'Hàn Quốc',
      email: '',
      phone: '+82 2 1234 5678',
      message: XSS,
    });
    expect(res.statusCode).toBe(303);
    const bad = await post('vi', 'du-an-dau-tu', {
      name: XSS,
      organisation: '',
      country: '',
      email: 'x',
      phone: '',
      message: XSS,
    });
    expect(bad.statusCode).toBe(400);
    expectInert(bad.body);
    const manager = await t.login('xuctien.ubnd@cqs.demo');
    const list = await manager.get('/api/portal/enquiries');
    expect(list.headers['content-type']).toContain('application/json');
    const lead = list.json().items.find((e: { country: string }) => e.country === 'Hàn Quốc');
    expect(lead.name).toBe(XSS);
    const moved = await manager.post(`/api/portal/enquiries/${lead.id}/move`, {
      lockVersion: lead.lockVersion,
      to: 'qualified',
      note: 'Đã gọi điện.',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const skip = await manager.post(`/api/portal/enquiries/${lead.id}/move`, {
      lockVersion: moved.json().lockVersion,
      to: 'irc',
      note: 'Nhảy cóc',
    });
    expect(skip.statusCode).toBe(409);
    expect((await editor.get('/api/portal/enquiries')).statusCode).toBe(403);
  });
});
