// Editions over HTTP on a real database: the review step, optimistic locking, one state per language,
// unpublishing, and the scheduled publisher's catch-up.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { publishDueEditions } from '../../src/server/modules/portal/index.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let editor: Agent;
let reviewer: Agent;
let wardEditor: Agent;
let citySection: string;
let wardSection: string;

const doc = (...texts: string[]) => ({
  type: 'doc',
  content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
});

beforeAll(async () => {
  t = await startTestPlatform();
  editor = await t.login('bientap.ubnd@cqs.demo');
  reviewer = await t.login('duyet.ubnd@cqs.demo');
  wardEditor = await t.login('bientap.thudaumot@cqs.demo');
  const rows = await queryRows<{ id: string; slug: string }>(
    t.platform.deps.db,
    sql`select s.id, si.slug from ptl_sections s join ptl_sites si on si.id = s.site_id where s.code = 'tin-tuc'`,
  );
  citySection = rows.find((r) => r.slug === '')!.id;
  wardSection = rows.find((r) => r.slug === 'thu-dau-mot')!.id;
}, 60_000);
afterAll(() => t.close());

async function draft(title: string, lang = 'vi') {
  const res = await editor.post('/api/portal/items', {
    sectionId: citySection,
    lang,
    title,
    summary: `Tóm tắt ${title}`,
    body: doc(`Nội dung ${title}`),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { itemId: string; edition: { lockVersion: number; slug: string } };
}

const act = (a: Agent, itemId: string, lang: string, action: string, lockVersion: number, extra = {}) =>
  a.post(`/api/portal/items/${itemId}/editions/${lang}/${action}`, { lockVersion, ...extra });

/** Draft → submitted → approved (by the reviewer) → published; returns the published edition. */
async function publish(itemId: string, lang: string, lockVersion: number) {
  const s = await act(editor, itemId, lang, 'submit', lockVersion);
  expect(s.statusCode, s.body).toBe(200);
  const a = await act(reviewer, itemId, lang, 'approve', s.json().edition.lockVersion);
  expect(a.statusCode, a.body).toBe(200);
  const p = await act(editor, itemId, lang, 'publish', a.json().edition.lockVersion);
  expect(p.statusCode, p.body).toBe(200);
  return p.json().edition as { lockVersion: number; slug: string; state: string };
}

describe('review', () => {
  it('an edition is published only after another person with the reviewer role approves it', async () => {
    const { itemId, edition } = await draft('Hội nghị xúc tiến đầu tư Hàn Quốc');
    expect((await act(editor, itemId, 'vi', 'publish', edition.lockVersion)).statusCode).toBe(409);
    const submitted = await act(editor, itemId, 'vi', 'submit', edition.lockVersion);
    // The editor cannot approve (no reviewer role).
    expect(
      (await act(editor, itemId, 'vi', 'approve', submitted.json().edition.lockVersion)).statusCode,
    ).toBe(403);
    // The ward's editor has no right over the city's section.
    expect(
      (await act(wardEditor, itemId, 'vi', 'approve', submitted.json().edition.lockVersion)).statusCode,
    ).toBe(403);
    const page = await t.client().get(`/vi/tin-tuc/${edition.slug}`);
    expect(page.statusCode).toBe(404);
    const approved = await act(reviewer, itemId, 'vi', 'approve', submitted.json().edition.lockVersion);
    expect(approved.json().edition.state).toBe('approved');
    await act(editor, itemId, 'vi', 'publish', approved.json().edition.lockVersion);
    const live = await t.client().get(`/vi/tin-tuc/${edition.slug}`);
    expect(live.statusCode).toBe(200);
    expect(live.body).toContain('Hội nghị xúc tiến đầu tư Hàn Quốc');
    const audit = await queryRows<{ action: string }>(
      t.platform.deps.db,
      sql`select action from audit_log where target_id = ${itemId} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'portal.item_create',
      'portal.edition_submit',
      'portal.edition_approve',
      'portal.edition_publish',
    ]);
  });

  it('a reviewer who wrote the last change cannot approve it', async () => {
    const { itemId, edition } = await draft('Bài do người duyệt sửa');
    const saved = await reviewer.put(`/api/portal/items/${itemId}/editions/vi`, {
      lockVersion: edition.lockVersion,
      title: 'Bài do người duyệt sửa lại',
      summary: '',
      body: doc('Sửa'),
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await act(reviewer, itemId, 'vi', 'submit', saved.json().edition.lockVersion);
    const res = await act(reviewer, itemId, 'vi', 'approve', submitted.json().edition.lockVersion);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('portal_second_reviewer');
  });
});

describe('optimistic locking', () => {
  it('a stale save gets 409 with both versions and changes nothing', async () => {
    const { itemId, edition } = await draft('Bài hai người cùng sửa');
    const first = await editor.put(`/api/portal/items/${itemId}/editions/vi`, {
      lockVersion: edition.lockVersion,
      title: 'Bản của người thứ nhất',
      summary: '',
      body: doc('Một'),
    });
    expect(first.statusCode).toBe(200);
    const stale = await reviewer.put(`/api/portal/items/${itemId}/editions/vi`, {
      lockVersion: edition.lockVersion,
      title: 'Bản của người thứ hai',
      summary: '',
      body: doc('Hai'),
    });
    expect(stale.statusCode).toBe(409);
    const body = stale.json();
    expect(body.error.code).toBe('portal_edit_conflict');
    expect(body.error.message).toContain('Lý Thị Ngọc Trâm');
    expect(body.current.title).toBe('Bản của người thứ nhất');
    expect(body.yours.title).toBe('Bản của người thứ hai');
    const stored = (await editor.get(`/api/portal/items/${itemId}`)).json();
    expect(stored.editions[0].title).toBe('Bản của người thứ nhất');
  });
});

describe('languages', () => {
  it('publishing or editing one language never touches another', async () => {
    const { itemId, edition } = await draft('Thành phố đón nhà đầu tư Nhật Bản');
    const vi = await publish(itemId, 'vi', edition.lockVersion);
    const en = await editor.put(`/api/portal/items/${itemId}/editions/en`, {
      lockVersion: null,
      title: 'City welcomes Japanese investors',
      summary: 'English summary',
      body: doc('English body'),
    });
    expect(en.statusCode, en.body).toBe(200);
    // The English draft is not public; the Vietnamese page says so in its switch.
    expect((await t.client().get('/en/news/city-welcomes-japanese-investors')).statusCode).toBe(404);
    const viPage = await t.client().get(`/vi/tin-tuc/${vi.slug}`);
    expect(viPage.body).toContain('chưa có bản dịch trang này');
    expect(viPage.body).not.toContain('hreflang="en" href=');
    await publish(itemId, 'en', en.json().edition.lockVersion);
    // A new Vietnamese edition in progress leaves the live Vietnamese and English editions alone.
    await editor.put(`/api/portal/items/${itemId}/editions/vi`, {
      lockVersion: null,
      title: 'Tiêu đề mới chưa duyệt',
      summary: '',
      body: doc('Mới'),
    });
    const again = await t.client().get(`/vi/tin-tuc/${vi.slug}`);
    expect(again.body).toContain('Thành phố đón nhà đầu tư Nhật Bản');
    expect(again.body).not.toContain('Tiêu đề mới chưa duyệt');
    expect(again.body).toContain(
      `hreflang="en" href="${t.platform.deps.config.publicUrl}/en/news/city-welcomes-japanese-investors"`,
    );
    const enPage = await t.client().get('/en/news/city-welcomes-japanese-investors');
    expect(enPage.statusCode).toBe(200);
    expect(enPage.body).toContain(`href="/vi/tin-tuc/${vi.slug}"`);
    const states = (await editor.get(`/api/portal/items/${itemId}`))
      .json()
      .editions.map(
        (e: { lang: string; state: string; number: number }) => `${e.lang}:${e.number}:${e.state}`,
      );
    expect(states.sort()).toEqual(['en:1:published', 'vi:1:published', 'vi:2:draft']);
  });
});

describe('unpublishing', () => {
  it('withdrawn keeps the page with a banner and the reason; redirected answers 301; gone answers 410', async () => {
    const a = await draft('Bài sẽ được rút');
    const pa = await publish(a.itemId, 'vi', a.edition.lockVersion);
    const w = await act(reviewer, a.itemId, 'vi', 'withdraw', pa.lockVersion, {
      reason: 'Thông tin đã được thay thế bằng thông báo mới.',
    });
    expect(w.statusCode, w.body).toBe(200);
    const page = await t.client().get(`/vi/tin-tuc/${pa.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('class="banner"');
    expect(page.body).toContain('Thông tin đã được thay thế bằng thông báo mới.');
    // The editor may not unpublish: that is the reviewer's.
    const b = await draft('Bài sẽ chuyển hướng');
    const pb = await publish(b.itemId, 'vi', b.edition.lockVersion);
    expect(
      (await act(editor, b.itemId, 'vi', 'redirect', pb.lockVersion, { to: `/vi/tin-tuc/${pa.slug}` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await act(reviewer, b.itemId, 'vi', 'redirect', pb.lockVersion, { to: 'https://evil.example' }))
        .statusCode,
    ).toBe(400);
    await act(reviewer, b.itemId, 'vi', 'redirect', pb.lockVersion, { to: `/vi/tin-tuc/${pa.slug}` });
    const moved = await t.client().get(`/vi/tin-tuc/${pb.slug}`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`/vi/tin-tuc/${pa.slug}`);
    const c = await draft('Bài sẽ bị xóa hẳn');
    const pc = await publish(c.itemId, 'vi', c.edition.lockVersion);
    await act(reviewer, c.itemId, 'vi', 'gone', pc.lockVersion, { reason: 'Đăng nhầm.' });
    const gone = await t.client().get(`/vi/tin-tuc/${pc.slug}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).not.toContain('Nội dung Bài sẽ bị xóa hẳn');
    // Gone and redirected articles leave the search; the withdrawn one stays findable with its banner.
    const search = (await t.client().get('/vi/tim-kiem?q=bai+se')).body;
    expect(search).toContain('Bài sẽ được rút');
    expect(search).not.toContain('Bài sẽ bị xóa hẳn');
    expect(search).not.toContain('Bài sẽ chuyển hướng');
  });

  it('a slug already taken in a language is refused with a clear error', async () => {
    const a = await draft('Trùng đường dẫn');
    const res = await editor.post('/api/portal/items', {
      sectionId: citySection,
      lang: 'vi',
      title: 'Bài khác',
      slug: a.edition.slug,
      summary: '',
      body: doc('x'),
    });
    // Only published slugs are reserved; a draft may share until one of them is published.
    expect(res.statusCode).toBe(200);
    await publish(a.itemId, 'vi', a.edition.lockVersion);
    const other = res.json();
    const s = await act(editor, other.itemId, 'vi', 'submit', other.edition.lockVersion);
    const ap = await act(reviewer, other.itemId, 'vi', 'approve', s.json().edition.lockVersion);
    const p = await act(editor, other.itemId, 'vi', 'publish', ap.json().edition.lockVersion);
    expect(p.statusCode).toBe(409);
    expect(p.json().error.code).toBe('portal_slug_taken');
    expect(p.json().error.message).toContain(a.edition.slug);
  });
});

describe('scheduled publishing', () => {
  it('refuses a time in the past', async () => {
    const { itemId, edition } = await draft('Hẹn giờ quá khứ');
    const s = await act(editor, itemId, 'vi', 'submit', edition.lockVersion);
    const a = await act(reviewer, itemId, 'vi', 'approve', s.json().edition.lockVersion);
    const res = await act(editor, itemId, 'vi', 'schedule', a.json().edition.lockVersion, {
      at: '2020-01-01T00:00:00Z',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('portal_schedule_in_past');
  });

  it('publishes overdue editions on the next run after a restart, and alerts when one cannot go out', async () => {
    const { itemId, edition } = await draft('Tin hẹn giờ đăng');
    const s = await act(editor, itemId, 'vi', 'submit', edition.lockVersion);
    const a = await act(reviewer, itemId, 'vi', 'approve', s.json().edition.lockVersion);
    const at = new Date(Date.now() + 3_600_000);
    const sch = await act(editor, itemId, 'vi', 'schedule', a.json().edition.lockVersion, {
      at: at.toISOString(),
    });
    expect(sch.json().edition.state).toBe('scheduled');
    // A second scheduled edition whose slug another article took meanwhile: it cannot go out.
    const blocked = await draft('Tin hẹn giờ bị chặn');
    const bs = await act(editor, blocked.itemId, 'vi', 'submit', blocked.edition.lockVersion);
    const ba = await act(reviewer, blocked.itemId, 'vi', 'approve', bs.json().edition.lockVersion);
    await act(editor, blocked.itemId, 'vi', 'schedule', ba.json().edition.lockVersion, {
      at: at.toISOString(),
    });
    const thief = await editor.post('/api/portal/items', {
      sectionId: citySection,
      lang: 'vi',
      title: 'Kẻ chiếm đường dẫn',
      slug: blocked.edition.slug,
      summary: '',
      body: doc('x'),
    });
    await publish(thief.json().itemId, 'vi', thief.json().edition.lockVersion);

    const db = t.platform.deps.db;
    // Not yet due: nothing happens.
    expect(await publishDueEditions(db, new Date(at.getTime() - 1000))).toEqual({ published: 0, failed: 0 });
    // The server was down past the time (fake clock two hours on): the first run catches up.
    const late = new Date(at.getTime() + 2 * 3_600_000);
    expect(await publishDueEditions(db, late)).toEqual({ published: 1, failed: 1 });
    const page = await t.client().get(`/vi/tin-tuc/${edition.slug}`);
    expect(page.statusCode).toBe(200);
    const [alert] = await queryRows<{ type: string; payload: { reason: string } }>(
      db,
      sql`select type, payload from outbox_events where type = 'portal.schedule_failed' and aggregate_id = ${blocked.itemId}`,
    );
    expect(alert?.payload.reason).toBe('portal_slug_taken');
    // The failed one is shown to editors with its reason and is not retried silently.
    expect(await publishDueEditions(db, late)).toEqual({ published: 0, failed: 0 });
    const list = (await editor.get('/api/portal/editions')).json().items as {
      itemId: string;
      scheduleError: string | null;
    }[];
    expect(list.find((e) => e.itemId === blocked.itemId)?.scheduleError).toBe('portal_slug_taken');
  });
});

describe('agencies', () => {
  it("a ward's editor writes in the ward's sections only", async () => {
    const own = await wardEditor.post('/api/portal/items', {
      sectionId: wardSection,
      lang: 'vi',
      title: 'Tin của phường',
      summary: '',
      body: doc('x'),
    });
    expect(own.statusCode, own.body).toBe(200);
    const city = await wardEditor.post('/api/portal/items', {
      sectionId: citySection,
      lang: 'vi',
      title: 'Tin của thành phố',
      summary: '',
      body: doc('x'),
    });
    expect(city.statusCode).toBe(403);
    const anon = await t.client().post('/api/portal/items', {
      sectionId: citySection,
      lang: 'vi',
      title: 'Ẩn danh',
      summary: '',
      body: doc('x'),
    });
    expect(anon.statusCode).toBe(401);
  });
});
