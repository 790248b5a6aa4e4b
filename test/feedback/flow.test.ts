// The whole desk over HTTP on the real database: report with a photo and a point, duplicate
// suggestion and "my problem too", routing, handling, review with redaction, rating, reopening,
// escalation, automatic closing by the scheduled work with a fake clock.
import exifr from 'exifr';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeUnrated, escalateDeadlines } from '../../src/server/modules/feedback/index.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { photoWithGps, THU_DAU_MOT, uploadPhoto } from './fixtures.ts';

let t: TestPlatform;
let citizen: Agent;
let operator: Agent;
let officer: Agent;
let leader: Agent;
const PHONE = '0987 654 321';
const NAME = 'Phạm Thị Riêng Tư';
const EMAIL = 'rieng.tu@example.vn';

beforeAll(async () => {
  t = await startTestPlatform();
  citizen = t.client();
  operator = await t.login('dieuhanh@cqs.demo');
  officer = await t.login('chuyenvien.thudaumot@cqs.demo');
  leader = await t.login('lanhdao.thudaumot@cqs.demo');
});
afterAll(() => t?.close());

const db = () => t.platform.deps.db;

describe('bad input changes nothing', () => {
  const count = async () =>
    Number(
      (
        (await db().execute(sql`select count(*)::int as n from fb_reports`)) as unknown as {
          rows: { n: number }[];
        }
      ).rows?.[0]?.n ?? 0,
    );

  it('refuses a point outside the city, an unknown category, HTML posing as a photo', async () => {
    const before = await count();
    const outside = await citizen.post('/api/feedback/reports', {
      categoryCode: 'rac-thai',
      description: 'Rác tồn đọng nhiều ngày',
      lat: 21.0285,
      lng: 105.8542,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toMatchObject({ field: 'body.lat' });
    expect(outside.json().error.fields[0].message).toContain('ngoài địa bàn');
    const unknown = await citizen.post('/api/feedback/reports', {
      categoryCode: 'khong-co',
      description: 'Rác tồn đọng nhiều ngày',
      ...THU_DAU_MOT,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields[0]).toMatchObject({ field: 'body.categoryCode' });
    const html = await uploadPhoto(citizen, Buffer.from('<html><script>alert(1)</script></html>'), 'anh.jpg');
    expect(html.statusCode).toBe(415);
    expect(await count()).toBe(before);
  });
});

describe('a report from submission to closing', () => {
  let code = '';
  let secret = '';
  let photoId = '';

  it('reads the photo location as a suggestion and stores a copy without any metadata', async () => {
    const res = await uploadPhoto(citizen, await photoWithGps());
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.suggestedPoint.lat).toBeCloseTo(THU_DAU_MOT.lat, 3);
    expect(body.suggestedPoint.lng).toBeCloseTo(THU_DAU_MOT.lng, 3);
    photoId = body.id;
    const submitted = await citizen.post('/api/feedback/reports', {
      categoryCode: 'duong-via-he',
      description: `Ổ gà lớn trước nhà, gọi ${PHONE} hoặc bà ${NAME} để chỉ chỗ`,
      ...body.suggestedPoint,
      media: [{ id: body.id, secret: body.secret }],
      contact: { name: NAME, phone: PHONE.replaceAll(' ', ''), email: EMAIL },
    });
    expect(submitted.statusCode).toBe(200);
    ({ code, secret } = submitted.json());
    expect(code).toMatch(/^PA-\d{6}-[0-9A-Z]{6}$/);
    // The stored copy, as the operator downloads it: no GPS, no camera, no author.
    const stored = await operator.get(`/api/feedback/media/${photoId}`);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toBe('image/jpeg');
    expect(await exifr.parse(stored.rawPayload).catch(() => undefined)).toBeUndefined();
    expect(stored.rawPayload.includes(Buffer.from('Nguyen Van Chup'))).toBe(false);
    // Not approved yet: not public.
    expect((await t.client().get(`/api/feedback/media/${photoId}`)).statusCode).toBe(404);
  });

  it('suggests the open report nearby and lets a neighbour join it instead of filing again', async () => {
    const near = await t
      .client()
      .get(
        `/api/feedback/nearby?category=duong-via-he&lat=${THU_DAU_MOT.lat + 0.0002}&lng=${THU_DAU_MOT.lng}`,
      );
    expect(near.statusCode).toBe(200);
    const hit = near.json().items.find((i: { code: string }) => i.code === code);
    expect(hit.distanceM).toBeGreaterThan(15);
    expect(hit.distanceM).toBeLessThan(30);
    // Another category at the same point is not a duplicate.
    const other = await t
      .client()
      .get(`/api/feedback/nearby?category=chieu-sang&lat=${THU_DAU_MOT.lat}&lng=${THU_DAU_MOT.lng}`);
    expect(other.json().items.map((i: { code: string }) => i.code)).not.toContain(code);
    const join = await t
      .client()
      .post(`/api/feedback/reports/${code}/join`, { contact: { phone: '0911222333' } });
    expect(join.statusCode).toBe(200);
    expect((await t.client().get(`/api/feedback/reports/${code}`)).json().followerCount).toBe(2);
  });

  it("routes to the People's Committee of the ward the point is in, keeping the unit version", async () => {
    const queue = await operator.get('/api/feedback/queue');
    expect(queue.json().items.map((i: { code: string }) => i.code)).toContain(code);
    const detail = await operator.get(`/api/feedback/manage/${code}`);
    expect(detail.json()).toMatchObject({
      unitCode: '25747',
      unitValidFrom: '2025-07-01',
      proposal: { rule: 'commune_committee' },
    });
    expect(detail.json().proposal.agencyName).toBe('Ủy ban nhân dân Phường Thủ Dầu Một');
    expect((await citizen.post(`/api/feedback/manage/${code}/route`, {})).statusCode).toBe(401);
    expect((await officer.post(`/api/feedback/manage/${code}/route`, {})).statusCode).toBe(403);
    const routed = await operator.post(`/api/feedback/manage/${code}/route`, {});
    expect(routed.statusCode).toBe(200);
    expect(routed.json().status).toBe('routed');
    expect(routed.json().dueAt).not.toBeNull();
  });

  it('the ward officer accepts and answers with a photo of the fix; the operator publishes it redacted', async () => {
    expect(
      (await officer.get('/api/feedback/inbox')).json().items.map((i: { code: string }) => i.code),
    ).toContain(code);
    const view = await officer.get(`/api/feedback/manage/${code}`);
    expect(view.json().contacts[0]).toMatchObject({ name: NAME });
    // A handler of another agency is told what it would be told of an unknown code (issue 10 finding 13).
    const elsewhere = await t.login('chuyenvien.xaydung@cqs.demo');
    const refused = await elsewhere.post(`/api/feedback/manage/${code}/accept`);
    const unknown = await elsewhere.post('/api/feedback/manage/PA-261207-ZZZZZZ/accept');
    expect([refused.statusCode, refused.json().error.code]).toEqual([404, 'not_found']);
    expect(refused.json().error.message).toBe(unknown.json().error.message);
    expect((await officer.post(`/api/feedback/manage/${code}/accept`)).json().status).toBe('in_progress');
    const fix = (await uploadPhoto(officer, await photoWithGps())).json();
    const reply = await officer.post(`/api/feedback/manage/${code}/reply`, {
      text: `Đã vá ổ gà. Đã báo bà ${NAME}, SĐT ${PHONE}.`,
      media: [{ id: fix.id, secret: fix.secret }],
    });
    expect(reply.statusCode).toBe(200);
    expect(
      (await operator.get('/api/feedback/queue?stage=review'))
        .json()
        .items.map((i: { code: string }) => i.code),
    ).toContain(code);
    const published = await operator.post(`/api/feedback/manage/${code}/publish`, {
      approvedMediaIds: [photoId, fix.id],
    });
    expect(published.json().status).toBe('published');
    const page = (await t.client().get(`/api/feedback/reports/${code}`)).json();
    expect(page.answers[0].text).toBe('Đã vá ổ gà. Đã báo bà [đã ẩn], SĐT [đã ẩn].');
    expect(page.photos).toHaveLength(2);
    expect((await t.client().get(`/api/feedback/media/${photoId}`)).statusCode).toBe(200);
  });

  it('not satisfied reopens once, then goes to the leader; the leader answers', async () => {
    expect(
      (
        await t
          .client()
          .post(`/api/feedback/reports/${code}/rating`, { satisfied: false, secret: 'wrong-secret-123' })
      ).statusCode,
    ).toBe(403);
    const rated = await t
      .client()
      .post(`/api/feedback/reports/${code}/rating`, { satisfied: false, comment: 'Vẫn còn ổ gà', secret });
    expect(rated.json().status).toBe('reopened');
    await officer.post(`/api/feedback/manage/${code}/reply`, { text: 'Đã vá lại bằng bê tông nhựa.' });
    await operator.post(`/api/feedback/manage/${code}/publish`, {});
    expect(
      (await t.client().post(`/api/feedback/reports/${code}/rating`, { satisfied: false, secret })).json()
        .status,
    ).toBe('escalated');
    // Escalated: the leader answers (the officer's agency membership also may, the leader must).
    expect(
      (
        await leader.post(`/api/feedback/manage/${code}/reply`, {
          text: 'Lãnh đạo phường đã kiểm tra, sửa triệt để.',
        })
      ).statusCode,
    ).toBe(200);
    await operator.post(`/api/feedback/manage/${code}/publish`, {});
    const page = (await t.client().get(`/api/feedback/reports/${code}`)).json();
    expect(page.status).toBe('published');
    expect(page.timeline.map((e: { status: string }) => e.status)).toEqual(
      expect.arrayContaining(['submitted', 'routed', 'in_progress', 'published', 'reopened', 'escalated']),
    );
  });

  it('closes by itself 7 days after publication when nobody rates (the scheduled work, a fake clock)', async () => {
    // Demo reports published long ago close too; this one was published just now.
    await closeUnrated(db(), new Date(Date.now() + 6 * 86_400_000));
    expect((await t.client().get(`/api/feedback/reports/${code}`)).json().status).toBe('published');
    expect(await closeUnrated(db(), new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect((await t.client().get(`/api/feedback/reports/${code}`)).json().status).toBe('closed');
  });

  it('keeps contacts, the original text and the photo location out of every public answer and event', async () => {
    const publicTexts = [
      (await t.client().get(`/api/feedback/reports/${code}`)).body,
      (await t.client().get('/api/feedback/reports?limit=200')).body,
      (await t.client().get(`/open311/v2/requests/${code}.json?extensions=true`)).body,
      (await t.client().get(`/open311/v2/requests/${code}.xml?extensions=true`)).body,
      (
        await t
          .client()
          .get(`/api/feedback/nearby?category=duong-via-he&lat=${THU_DAU_MOT.lat}&lng=${THU_DAU_MOT.lng}`)
      ).body,
    ];
    const events = (await db().execute(
      sql`select payload::text as p from outbox_events where type like 'feedback.%'`,
    )) as unknown as { rows: { p: string }[] };
    expect(events.rows.length).toBeGreaterThan(5);
    for (const text of [...publicTexts, ...events.rows.map((r) => r.p)]) {
      for (const secretBit of [PHONE, PHONE.replaceAll(' ', ''), NAME, EMAIL, '0911222333', secret])
        expect(text).not.toContain(secretBit);
    }
    expect(publicTexts[0]).toContain('[đã ẩn]');
  });
});

describe('routing by category and deadlines at the agency', () => {
  it('sends pollution to the Department of Agriculture and Environment, wherever the point is', async () => {
    const r = await citizen.post('/api/feedback/reports', {
      categoryCode: 'moi-truong-o-nhiem',
      description: 'Nhà máy xả khói đen mùi hắc mỗi tối',
      ...THU_DAU_MOT,
    });
    const code = r.json().code;
    const detail = (await operator.get(`/api/feedback/manage/${code}`)).json();
    expect(detail.proposal).toMatchObject({
      rule: 'category_department',
      agencyName: 'Sở Nông nghiệp và Môi trường',
    });
    // The ward officer does not see a department's report.
    await operator.post(`/api/feedback/manage/${code}/route`, {});
    expect((await officer.get(`/api/feedback/manage/${code}`)).statusCode).toBe(404);
  });

  it('warns once when due soon and once when overdue', async () => {
    const r = await citizen.post('/api/feedback/reports', {
      categoryCode: 'chieu-sang',
      description: 'Đèn đường không sáng ba đêm liền',
      ...THU_DAU_MOT,
    });
    const code = r.json().code;
    const routed = await operator.post(`/api/feedback/manage/${code}/route`, {});
    const due = new Date(routed.json().dueAt).getTime();
    const warned = async () =>
      (
        (await db().execute(
          sql`select action from fb_timeline t join fb_reports r on r.id = t.report_id where r.code = ${code} and action like 'deadline_%' order by t.id`,
        )) as unknown as { rows: { action: string }[] }
      ).rows.map((x) => x.action);
    await escalateDeadlines(db(), new Date(due - 3_600_000));
    await escalateDeadlines(db(), new Date(due - 1_800_000));
    expect(await warned()).toEqual(['deadline_due_soon']);
    await escalateDeadlines(db(), new Date(due + 3_600_000));
    await escalateDeadlines(db(), new Date(due + 7_200_000));
    expect(await warned()).toEqual(['deadline_due_soon', 'deadline_overdue']);
    // The warning reaches the agency's subtree and the operators (who work outside it).
    const [warning] = (
      (await db().execute(
        sql`select e.audience from outbox_events e join fb_reports r on r.id::text = e.aggregate_id
            where r.code = ${code} and e.type = 'feedback.overdue'`,
      )) as unknown as { rows: { audience: { agencyPaths?: string[]; userIds?: string[] } }[] }
    ).rows;
    const [op] = (
      (await db().execute(sql`select id from id_users where email = 'dieuhanh@cqs.demo'`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    expect(warning!.audience.agencyPaths).toHaveLength(1);
    expect(warning!.audience.userIds).toContain(op!.id);
  });

  it('merges a duplicate: its followers follow the kept report', async () => {
    const a = (
      await citizen.post('/api/feedback/reports', {
        categoryCode: 'rac-thai',
        description: 'Rác tồn đọng đầu hẻm 12',
        ...THU_DAU_MOT,
        contact: { phone: '0900000001' },
      })
    ).json().code;
    const b = (
      await citizen.post('/api/feedback/reports', {
        categoryCode: 'rac-thai',
        description: 'Rác đầu hẻm 12 bốc mùi',
        ...THU_DAU_MOT,
        contact: { phone: '0900000002' },
      })
    ).json().code;
    const merged = await operator.post(`/api/feedback/manage/${b}/merge`, { intoCode: a });
    expect(merged.json().status).toBe('merged');
    const kept = (await operator.get(`/api/feedback/manage/${a}`)).json();
    expect(kept.contacts.map((c: { phone: string }) => c.phone).sort()).toEqual(['0900000001', '0900000002']);
    expect((await t.client().get(`/api/feedback/reports/${b}`)).json().mergedInto).toBe(a);
  });
});
