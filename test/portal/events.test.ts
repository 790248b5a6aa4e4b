// Investment-promotion events: the list and an event's page in five languages (schema.org Event), and
// registration from a plain form: a confirmation code, refused when closed, full or already registered.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform();
}, 60_000);
afterAll(() => t.close());

const register = (lang: string, seg: string, slug: string, fields: Record<string, string>) =>
  t.client().request('POST', `/${lang}/${seg}/${slug}/register`, new URLSearchParams(fields).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
  });
const count = async (slug: string) =>
  (
    await queryRows<{ n: number }>(
      t.platform.deps.db,
      sql`select count(*)::int as n from ptl_event_registrations r join ptl_events e on e.id = r.event_id where e.slug = ${slug}`,
    )
  )[0]!.n;

describe('events', () => {
  it('lists the coming and the past events, in five languages, with structured data', async () => {
    const en = await t.client().get('/en/events');
    expect(en.statusCode).toBe(200);
    expect(en.body).toContain('Investment-promotion webinar with Korean firms');
    expect(en.body).toContain('Online investment-promotion conference with Japanese firms');
    const ko = await t.client().get('/ko/events/webinar-han-quoc-2027');
    expect(ko.body).toContain('한국 기업 대상 투자 촉진 웨비나');
    expect(ko.body).toContain('"@type":"Event"');
    expect(ko.body).toContain('OnlineEventAttendanceMode');
    const past = await t.client().get('/vi/su-kien/webinar-nhat-ban-2026');
    expect(past.body).toContain('Đã hết hạn đăng ký.');
    expect(past.body).not.toContain('name="bridgePoint"');
  });

  it('an investor registers with a plain form and gets a confirmation code', async () => {
    const before = await count('webinar-han-quoc-2027');
    const res = await register('en', 'events', 'webinar-han-quoc-2027', {
      name: 'Park Ji-hoon',
      organisation: 'Hanbit Logistics',
      country: 'Korea',
      email: 'park@example.kr',
      bridgePoint: 'Seoul',
      question: '<script>alert(1)</script>Is there land near National Road 13?',
    });
    expect(res.statusCode, res.body).toBe(303);
    const code = /ma=(DK-[A-Z0-9]{6})/.exec(res.headers.location as string)![1]!;
    const page = await t.client().get(res.headers.location as string);
    expect(page.body).toContain(`Your confirmation code: ${code}`);
    expect(await count('webinar-han-quoc-2027')).toBe(before + 1);
    const again = await register('vi', 'su-kien', 'webinar-han-quoc-2027', {
      name: 'Park Ji-hoon',
      organisation: 'Hanbit Logistics',
      country: 'Korea',
      email: 'PARK@example.kr',
      bridgePoint: 'online',
    });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('e-mail này đã đăng ký sự kiện');
    expect(again.body).toContain('value="Hanbit Logistics"');
    expect(await count('webinar-han-quoc-2027')).toBe(before + 1);
  });

  it('refuses a bridge point the event does not have, a past event, and a full one', async () => {
    const bad = await register('en', 'events', 'webinar-han-quoc-2027', {
      name: 'Lee Min',
      organisation: 'Daehan',
      country: 'Korea',
      email: 'lee@example.kr',
      bridgePoint: 'Busan',
    });
    expect(bad.statusCode).toBe(400);
    const closed = await register('en', 'events', 'webinar-nhat-ban-2026', {
      name: 'Late Comer',
      organisation: 'Late K.K.',
      country: 'Japan',
      email: 'late@example.jp',
      bridgePoint: 'online',
    });
    expect(closed.statusCode).toBe(400);
    expect(closed.body).toContain('The event has begun; registration has closed.');
    const n = await count('webinar-han-quoc-2027');
    await queryRows(
      t.platform.deps.db,
      sql`update ptl_events set slots = ${n} where slug = 'webinar-han-quoc-2027'`,
    );
    const full = await register('en', 'events', 'webinar-han-quoc-2027', {
      name: 'Choi Su',
      organisation: 'Choi Co',
      country: 'Korea',
      email: 'choi@example.kr',
      bridgePoint: 'Seoul',
    });
    expect(full.statusCode).toBe(400);
    expect(full.body).toContain('The event is full.');
    expect(await count('webinar-han-quoc-2027')).toBe(n);
  });
});
