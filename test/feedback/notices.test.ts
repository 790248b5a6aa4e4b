// The reporter and the followers are told, by e-mail and SMS through the platform's outbox, when the
// report is submitted (their own tracking link), routed, answered, published, rejected or merged, and
// asked "is it still fixed?" after the category's follow-up days (the scheduled work, a fake clock).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askFollowUps } from '../../src/server/modules/feedback/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';
import { THU_DAU_MOT } from './fixtures.ts';

let t: TestPlatform;
let operator: Agent;
let officer: Agent;

beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.login('dieuhanh@cqs.demo');
  officer = await t.login('chuyenvien.thudaumot@cqs.demo');
});
afterAll(() => t?.close());

const db = () => t.platform.deps.db;

interface Sent {
  channel: string;
  recipient: string;
  subject: string | null;
  body: string;
  shown: string;
  notice: string;
}

/** Messages to a recipient, oldest first, after the events so far have been dispatched. */
async function sentTo(recipient: string): Promise<Sent[]> {
  await t.platform.deps.bus.kick();
  return queryRows<Sent>(
    db(),
    sql`select channel, recipient, subject, body, coalesce(body_redacted, body) as shown,
               meta->>'notice' as notice
        from messages where recipient = ${recipient} order by id`,
  );
}

async function submit(description: string, contact: Record<string, string>, category = 'duong-via-he') {
  const res = await t.client().post('/api/feedback/reports', {
    categoryCode: category,
    description,
    ...THU_DAU_MOT,
    contact,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { code: string; secret: string };
}

describe('notices to the reporter and followers', () => {
  const EMAIL = 'nguoi.bao@example.vn';
  const PHONE = '0977000111';
  const JOINER = '0977000222';
  let code = '';
  let secret = '';

  it('sends the tracking code and the private link by e-mail and SMS on submission, masked for others', async () => {
    ({ code, secret } = await submit('Ổ gà sâu giữa đường, xe máy dễ ngã', { email: EMAIL, phone: PHONE }));
    const mail = await sentTo(EMAIL);
    expect(mail.map((m) => [m.channel, m.notice])).toEqual([['email', 'submitted']]);
    expect(mail[0]!.subject).toContain(code);
    expect(mail[0]!.body).toContain(`/phan-anh/${code}?k=${secret}`);
    // Whoever reads the outbox (an administrator) does not see the link's secret.
    expect(mail[0]!.shown).not.toContain(secret);
    const sms = await sentTo(PHONE);
    expect(sms.map((m) => m.channel)).toEqual(['sms']);
    expect(sms[0]!.body).toContain(code);
    // No contact, no message: an anonymous report without contact sends nothing.
    const before = (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from messages`))[0]!.n;
    await submit('Ổ gà thứ hai cạnh cột điện số 7', {});
    await t.platform.deps.bus.kick();
    const after = (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from messages`))[0]!.n;
    expect(after).toBe(before);
  });

  it('a neighbour who joins gets their own link; both hear of routing with the agency and the deadline', async () => {
    const joined = await t
      .client()
      .post(`/api/feedback/reports/${code}/join`, { contact: { phone: JOINER } });
    expect(joined.statusCode).toBe(200);
    const own = await sentTo(JOINER);
    expect(own.map((m) => m.notice)).toEqual(['joined']);
    expect(own[0]!.body).toContain(`?k=${joined.json().secret}`);
    expect(own[0]!.body).not.toContain(secret);
    const routed = await operator.post(`/api/feedback/manage/${code}/route`, {});
    expect(routed.statusCode).toBe(200);
    for (const to of [EMAIL, PHONE, JOINER]) {
      const last = (await sentTo(to)).at(-1)!;
      expect(last.notice).toBe('routed');
      expect(last.body).toMatch(/\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
    }
    expect((await sentTo(EMAIL)).at(-1)!.body).toContain('Ủy ban nhân dân Phường Thủ Dầu Một');
    // Once per event: dispatching again sends nothing more.
    const count = (await sentTo(EMAIL)).length;
    await t.platform.deps.bus.kick();
    expect(await sentTo(EMAIL)).toHaveLength(count);
  });

  it('tells them the agency answered, then that the answer is published; no private link goes out again', async () => {
    await officer.post(`/api/feedback/manage/${code}/accept`);
    await officer.post(`/api/feedback/manage/${code}/reply`, { text: 'Đã vá ổ gà bằng bê tông nhựa.' });
    expect((await sentTo(EMAIL)).at(-1)!.notice).toBe('answered');
    await operator.post(`/api/feedback/manage/${code}/publish`, {});
    const mail = await sentTo(EMAIL);
    expect(mail.map((m) => m.notice)).toEqual(['submitted', 'routed', 'answered', 'published']);
    for (const m of mail.slice(1)) expect(m.body).not.toContain(secret);
    expect((await sentTo(JOINER)).map((m) => m.notice)).toEqual([
      'joined',
      'routed',
      'answered',
      'published',
    ]);
  });

  it('asks "is it still fixed?" once, 30 days after closing, for a category that asks (fake clock)', async () => {
    const rated = await t.client().post(`/api/feedback/reports/${code}/rating`, { satisfied: true, secret });
    expect(rated.json().status).toBe('closed');
    const day = 86_400_000;
    await askFollowUps(db(), new Date(Date.now() + 29 * day));
    expect((await sentTo(EMAIL)).map((m) => m.notice)).not.toContain('follow_up');
    expect(await askFollowUps(db(), new Date(Date.now() + 31 * day))).toBeGreaterThanOrEqual(1);
    await askFollowUps(db(), new Date(Date.now() + 32 * day));
    expect((await sentTo(EMAIL)).filter((m) => m.notice === 'follow_up')).toHaveLength(1);
    expect((await sentTo(JOINER)).filter((m) => m.notice === 'follow_up')).toHaveLength(1);
    expect((await t.client().get(`/api/feedback/reports/${code}`)).json().followUpAsked).toBe(true);
  });

  it('"still fixed" is recorded once; "not fixed" from the other follower sends it back to triage', async () => {
    const wrong = await t.client().post(`/api/feedback/reports/${code}/follow-up`, {
      fixed: true,
      secret: 'not-the-secret-1234',
    });
    expect(wrong.statusCode).toBe(403);
    const fixed = await t.client().post(`/api/feedback/reports/${code}/follow-up`, { fixed: true, secret });
    expect(fixed.json().status).toBe('closed');
    const again = await t.client().post(`/api/feedback/reports/${code}/follow-up`, { fixed: false, secret });
    expect(again.statusCode).toBe(409);
    expect((await t.client().get(`/api/feedback/reports/${code}`)).json().status).toBe('closed');
    const joinerSecret = (
      await queryRows<{ k: string }>(
        db(),
        sql`select substring(body from 'k=([A-Za-z0-9_-]+)') as k from messages
            where recipient = ${JOINER} and meta->>'notice' = 'joined'`,
      )
    )[0]!.k;
    const broken = await t
      .client()
      .post(`/api/feedback/reports/${code}/follow-up`, { fixed: false, secret: joinerSecret });
    expect(broken.json().status).toBe('returned');
    const queue = (await operator.get('/api/feedback/queue'))
      .json()
      .items.map((i: { code: string }) => i.code);
    expect(queue).toContain(code);
  });

  it('a rejection names the reason; a merge tells the duplicate’s followers under both codes', async () => {
    const REJ = 'bi.tu.choi@example.vn';
    const rejected = await submit('Hàng xóm mở nhạc to trong nhà riêng', { email: REJ }, 'khac');
    await operator.post(`/api/feedback/manage/${rejected.code}/reject`, {
      reason: 'not_public',
      note: 'Việc riêng giữa các hộ, liên hệ tổ dân phố',
    });
    const rej = (await sentTo(REJ)).at(-1)!;
    expect(rej.notice).toBe('rejected');
    expect(rej.body).toContain('Không phải vấn đề công cộng');
    expect(rej.body).toContain('liên hệ tổ dân phố');

    const KEPT = '0966000001';
    const DUP = '0966000002';
    const kept = await submit('Rác tồn đọng đầu hẻm 40 nhiều ngày', { phone: KEPT }, 'rac-thai');
    const dup = await submit('Rác đầu hẻm 40 bốc mùi', { phone: DUP }, 'rac-thai');
    await operator.post(`/api/feedback/manage/${dup.code}/merge`, { intoCode: kept.code });
    const told = (await sentTo(DUP)).at(-1)!;
    expect(told.notice).toBe('merged');
    expect(told.body).toContain(dup.code);
    expect(told.body).toContain(kept.code);
    // The kept report's own reporter is not told of someone else's merge.
    expect((await sentTo(KEPT)).map((m) => m.notice)).toEqual(['submitted']);
    // Both hear when the kept report is routed.
    await operator.post(`/api/feedback/manage/${kept.code}/route`, {});
    expect((await sentTo(KEPT)).at(-1)!.notice).toBe('routed');
    expect((await sentTo(DUP)).at(-1)!.notice).toBe('routed');
  });
});
