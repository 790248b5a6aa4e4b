// A whole meeting through the HTTP API on a real database: invitations with a flagged lead time,
// agenda edits, replies, live quorum, the speakers' queue, named and secret votes under concurrent
// double submissions, conclusions with tasks, the conclusion notice PDF, and the ledger's figures.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../helpers/agents.ts';
import type { Agent, TestPlatform } from '../platform.ts';
import { type MeetingsBed, meetingsBed } from './fixture.ts';

let t: TestPlatform;
let as: Record<string, Agent>;
let ids: Record<string, string>;
const ACCOUNTS = {
  secretary: 'thuky.ubnd@cqs.demo',
  chair: 'lanhdao.ubnd@cqs.demo',
  m1: 'lanhdao.xaydung@cqs.demo',
  m2: 'lanhdao.taichinh@cqs.demo',
  m3: 'lanhdao.yte@cqs.demo',
  m4: 'lanhdao.tuphap@cqs.demo',
  m5: 'lanhdao.giaoduc@cqs.demo',
  outsider: 'lanhdao.congthuong@cqs.demo',
  admin: 'admin@cqs.demo',
} as const;
type Who = keyof typeof ACCOUNTS;

let rows: MeetingsBed<Who>['rows'];
let meetingId = '';
let items: { id: string; title: string; state: string; position: number }[] = [];
const view = async (who: Who = 'secretary') => {
  const res = await as[who]!.get(`/api/meetings/${meetingId}`);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  return res.json();
};

beforeAll(async () => {
  ({ t, as, ids, rows } = await meetingsBed(ACCOUNTS));
  // The demo's overdue tasks would come back on this meeting's agenda (after.test.ts tests that):
  // closed here, so the agenda is exactly the three contents this test writes.
  await t.platform.deps.db.execute(
    sql`update mtg_tasks set state = 'done', done_at = now() where state = 'open'`,
  );
}, 120_000);
afterAll(() => t?.close());

const body = (startsInDays: number) => ({
  kindCode: 'pc_regular',
  agencyId: ids.root,
  title: 'Phiên họp kiểm thử của Ủy ban nhân dân Thành phố',
  mode: 'hybrid',
  place: 'Phòng họp số 2',
  startsAt: new Date(Date.now() + startsInDays * 86_400_000).toISOString(),
  plannedEndAt: new Date(Date.now() + startsInDays * 86_400_000 + 3 * 3600_000).toISOString(),
  participants: [
    { userId: ids.chair, role: 'chair' },
    ...(['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((m) => ({ userId: ids[m], role: 'member' })),
    { userId: ids.secretary, role: 'secretary' },
  ],
  bridgePoints: [{ name: 'Điểm cầu Phường Thủ Dầu Một', unitCode: '25747' }],
  items: [
    {
      title: 'Tờ trình quy định phân cấp quản lý quy hoạch',
      presentingUnit: 'Sở Xây dựng',
      plannedMinutes: 30,
      expectedOutcome: 'decision',
    },
    {
      title: 'Báo cáo tình hình kinh tế - xã hội',
      presentingUnit: 'Sở Tài chính',
      plannedMinutes: 20,
      expectedOutcome: 'opinion',
    },
    {
      title: 'Tờ trình sẽ rút khỏi chương trình',
      presentingUnit: 'Sở Tư pháp',
      plannedMinutes: 10,
      expectedOutcome: 'decision',
    },
  ],
});

describe('preparing a meeting', () => {
  it('refuses a meeting without exactly one chair, with a localized field error', async () => {
    const bad = body(1);
    bad.participants = bad.participants.filter((p) => p.role !== 'chair');
    const e = expectError(await as.secretary!.post('/api/meetings', bad), 400, 'validation');
    expect(e.fields?.[0]?.message).toBe('Cuộc họp phải có đúng một người chủ trì.');
  });

  it('only the secretariat of the organising agency creates meetings', async () => {
    expectError(await as.m1!.post('/api/meetings', body(1)), 403, 'forbidden');
  });

  it('creates the meeting from its kind; the members see it in their list, an outsider does not', async () => {
    const res = await as.secretary!.post('/api/meetings', body(1));
    expect(res.statusCode, res.body).toBe(200);
    meetingId = res.json().id;
    const list = (await as.m2!.get('/api/meetings')).json().items as { id: string }[];
    expect(list.map((m) => m.id)).toContain(meetingId);
    expect(
      ((await as.outsider!.get('/api/meetings')).json().items as { id: string }[]).map((m) => m.id),
    ).not.toContain(meetingId);
    expectError(await as.outsider!.get(`/api/meetings/${meetingId}`), 404, 'not_found');
    items = (await view()).items;
    expect(items.map((i) => i.position)).toEqual([1, 2, 3]);
  });

  it('edits the agenda: reorder (all items, once each), withdraw', async () => {
    const [a, b, c] = items;
    const e = expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/items/order`, { itemIds: [b!.id, a!.id] }),
      400,
      'validation',
    );
    expect(e.fields?.[0]?.field).toBe('body.itemIds');
    expect(
      (await as.secretary!.post(`/api/meetings/${meetingId}/items/order`, { itemIds: [b!.id, a!.id, c!.id] }))
        .statusCode,
    ).toBe(200);
    expect((await as.secretary!.post(`/api/meetings/${meetingId}/items/${c!.id}/withdraw`)).statusCode).toBe(
      200,
    );
    expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/items/${c!.id}/withdraw`),
      409,
      'invalid_state',
    );
    expectError(await as.m1!.post(`/api/meetings/${meetingId}/items/${a!.id}/withdraw`), 403, 'forbidden');
    items = (await view()).items;
    expect(items.map((i) => [i.title.slice(0, 9), i.state])).toEqual([
      ['Báo cáo t', 'planned'],
      ['Tờ trình ', 'planned'],
      ['Tờ trình ', 'withdrawn'],
    ]);
  });

  it('invites with the lead time in working days: a meeting tomorrow is flagged and recorded', async () => {
    const res = await as.secretary!.post(`/api/meetings/${meetingId}/invitations`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ recipients: 6, tooShort: true });
    expect(res.json().leadWorkingDays).toBeLessThan(3);
    const [m] = await rows<{ lead_too_short: boolean; state: string }>(
      sql`select lead_too_short, state from mtg_meetings where id = ${meetingId}`,
    );
    expect(m).toEqual({ lead_too_short: true, state: 'invited' });
    const [l] = await rows<{ data: { tooShort: boolean } }>(
      sql`select data from mtg_ledger where meeting_id = ${meetingId} and kind = 'meeting.invited'`,
    );
    expect(l!.data.tooShort).toBe(true);
  });

  it('members reply: in person, online, absent with a reason', async () => {
    expect(
      (await as.m1!.post(`/api/meetings/${meetingId}/reply`, { reply: 'attend', mode: 'in_person' }))
        .statusCode,
    ).toBe(200);
    expect(
      (await as.m2!.post(`/api/meetings/${meetingId}/reply`, { reply: 'attend', mode: 'online' })).statusCode,
    ).toBe(200);
    expect(
      (
        await as.m5!.post(`/api/meetings/${meetingId}/reply`, {
          reply: 'absent',
          reason: 'Đi công tác tại Hà Nội',
        })
      ).statusCode,
    ).toBe(200);
    expectError(
      await as.m4!.post(`/api/meetings/${meetingId}/reply`, { reply: 'absent' }),
      400,
      'validation',
    );
    const v = await view('m1');
    expect(v.participants.find((p: { userId: string }) => p.userId === ids.m5).reply).toBe('absent');
    expect(v.participants[0]).not.toHaveProperty('email');
  });
});

describe('in session', () => {
  it('check-in shows the live quorum (6 members: 4 present is two thirds)', async () => {
    expect((await as.chair!.post(`/api/meetings/${meetingId}/check-in`, {})).json()).toMatchObject({
      present: 1,
      quorate: false,
    });
    await as.m1!.post(`/api/meetings/${meetingId}/check-in`, {});
    await as.m2!.post(`/api/meetings/${meetingId}/check-in`, { mode: 'online' });
    const clerk = await as.secretary!.post(`/api/meetings/${meetingId}/check-in`, {
      participantId: (await view()).participants.find((p: { userId: string }) => p.userId === ids.m3).id,
    });
    expect(clerk.json()).toMatchObject({ members: 6, present: 4, remote: 1, quorate: true, shortfall: 0 });
    expectError(
      await as.m1!.post(`/api/meetings/${meetingId}/check-in`, {
        participantId: (await view()).participants.find((p: { userId: string }) => p.userId === ids.m4).id,
      }),
      403,
      'forbidden',
    );
  });

  it('the chair opens the meeting and a content; the queue takes one request per person', async () => {
    expectError(await as.m1!.post(`/api/meetings/${meetingId}/start`), 403, 'forbidden');
    // To an outsider the meeting does not exist, as for an unknown id (issue 10 finding 13).
    expectError(await as.outsider!.post(`/api/meetings/${meetingId}/start`), 404, 'not_found');
    expectError(
      await as.outsider!.post(`/api/meetings/${meetingId}/speeches`, { kind: 'question' }),
      404,
      'not_found',
    );
    expect((await as.chair!.post(`/api/meetings/${meetingId}/start`)).statusCode).toBe(200);
    expectError(
      await as.m1!.post(`/api/meetings/${meetingId}/speeches`, { kind: 'question' }),
      409,
      'meeting_item_not_open',
    );
    expect((await as.chair!.post(`/api/meetings/${meetingId}/items/${items[1]!.id}/open`)).statusCode).toBe(
      200,
    );
    const s1 = await as.m1!.post(`/api/meetings/${meetingId}/speeches`, { kind: 'contribution' });
    expect(s1.statusCode, s1.body).toBe(200);
    expectError(
      await as.m1!.post(`/api/meetings/${meetingId}/speeches`, { kind: 'contribution' }),
      409,
      'meeting_already_queued',
    );
    expect(
      (await as.m2!.post(`/api/meetings/${meetingId}/speeches`, { kind: 'point_of_order' })).statusCode,
    ).toBe(200);
    // A point of order goes first.
    const first = await as.chair!.post(`/api/meetings/${meetingId}/speeches/next`, {});
    const v = await view('chair');
    const speaking = v.speeches.find((s: { state: string }) => s.state === 'speaking');
    expect(speaking.id).toBe(first.json().speechId);
    expect(speaking.kind).toBe('point_of_order');
    const second = await as.chair!.post(`/api/meetings/${meetingId}/speeches/next`, {});
    expect(second.json().speechId).toBe(s1.json().id);
    expect((await as.m1!.post(`/api/meetings/${meetingId}/speeches/${s1.json().id}/end`)).statusCode).toBe(
      200,
    );
  });

  let named = '';
  it('a named vote: the electorate is snapshotted, one ballot per voter under concurrent double submissions', async () => {
    const open = await as.chair!.post(`/api/meetings/${meetingId}/polls`, {
      itemId: items[1]!.id,
      question: 'Thông qua Tờ trình quy định phân cấp',
      secret: false,
    });
    expect(open.statusCode, open.body).toBe(200);
    named = open.json().id;
    expect(open.json().electorate).toBe(4);
    // m4 checks in after the vote opened: present, but not in this vote's electorate.
    await as.m4!.post(`/api/meetings/${meetingId}/check-in`, {});
    const url = `/api/meetings/${meetingId}/polls/${named}/ballot`;
    const results = await Promise.all(
      (['chair', 'm1', 'm2', 'm3'] as const).flatMap((w) => [
        as[w]!.post(url, { choice: w === 'm3' ? 'disagree' : 'agree' }),
        as[w]!.post(url, { choice: 'abstain' }),
      ]),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'meeting_already_voted');
    expectError(await as.m4!.post(url, { choice: 'agree' }), 403, 'meeting_not_elector');
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from mtg_ballots where poll_id = ${named}`,
    );
    expect(n!.n).toBe(4);
  });

  it('closing twice at once gives one result, and a late ballot changes nothing', async () => {
    const url = `/api/meetings/${meetingId}/polls/${named}/close`;
    const [a, b] = await Promise.all([as.chair!.post(url), as.secretary!.post(url)]);
    expect(a.statusCode, a.body).toBe(200);
    expect(b.statusCode, b.body).toBe(200);
    expect(a.json().result).toEqual(b.json().result);
    expect([a.json().replayed, b.json().replayed].sort()).toEqual([false, true]);
    const r = a.json().result;
    expect(r.agree + r.disagree + r.abstain).toBe(4);
    expect(r).toMatchObject({ electorate: 4, members: 6, present: 4, quorate: true, notVoting: 0 });
    // 6 members: more than half is 4 agree, so 3 or 4 agree decides it; every voter sent either choice first.
    expect(r.adopted).toBe(r.agree * 2 > 6);
    const [closes] = await rows<{ n: number }>(
      sql`select count(*)::int as n from mtg_ledger where kind = 'poll.closed' and data->>'pollId' = ${named}`,
    );
    expect(closes!.n).toBe(1);
    expectError(
      await as.m1!.post(`/api/meetings/${meetingId}/polls/${named}/ballot`, { choice: 'agree' }),
      409,
      'meeting_vote_closed',
    );
    const v = await view('m2');
    const poll = v.polls.find((p: { id: string }) => p.id === named);
    expect(poll.ballots).toHaveLength(4);
  });

  it('a secret vote: after the tally nothing in the database links a voter to a choice', async () => {
    const open = await as.chair!.post(`/api/meetings/${meetingId}/polls`, {
      question: 'Bỏ phiếu kín: nhân sự',
      secret: true,
    });
    const pollId = open.json().id as string;
    expect(open.json().electorate).toBe(5);
    const url = `/api/meetings/${meetingId}/polls/${pollId}/ballot`;
    const choices = { chair: 'agree', m1: 'agree', m2: 'disagree', m3: 'abstain', m4: 'agree' } as const;
    const res = await Promise.all(
      Object.entries(choices).map(([w, c]) => as[w as Who]!.post(url, { choice: c })),
    );
    expect(res.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expectError(await as.m2!.post(url, { choice: 'agree' }), 409, 'meeting_already_voted');
    const closed = await as.chair!.post(`/api/meetings/${meetingId}/polls/${pollId}/close`);
    expect(closed.json().result).toMatchObject({ agree: 3, disagree: 1, abstain: 1, notVoting: 0 });
    expect((await rows<{ n: number }>(sql`select count(*)::int as n from mtg_secret_ballots`))[0]!.n).toBe(0);
    // Every row of every table that names this vote: none names a voter together with a choice value.
    const people = await rows<{ id: string; user_id: string }>(
      sql`select id, user_id from mtg_participants where meeting_id = ${meetingId}`,
    );
    const voterIds = people.flatMap((p) => [p.id, p.user_id]);
    const tables = await rows<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
    );
    let mentioning = 0;
    for (const { name } of tables) {
      const found = await rows<{ r: string }>(
        sql.raw(`select t::text as r from "${name}" t where t::text like '%${pollId}%'`),
      );
      for (const { r } of found) {
        mentioning++;
        const namesVoter = voterIds.some((id) => r.includes(id));
        // Row text doubles quotes; counts keyed by choice ("agree": 3) are not a choice.
        const values = r.replace(/""/g, '"').replace(/"(agree|disagree|abstain)"\s*:/g, '');
        const namesChoice = /\b(agree|disagree|abstain)\b/.test(values);
        expect(namesVoter && namesChoice, `${name}: ${r.slice(0, 300)}`).toBe(false);
      }
    }
    expect(mentioning).toBeGreaterThan(5);
  });

  it('a speech request after the content is closed is refused; the conclusion sets tasks on working days', async () => {
    const close = await as.chair!.post(`/api/meetings/${meetingId}/items/${items[1]!.id}/close`, {
      outcome: 'approved',
    });
    expect(close.statusCode, close.body).toBe(200);
    expectError(await as.m3!.post(`/api/meetings/${meetingId}/speeches`, {}), 409, 'meeting_item_not_open');
    const c = await as.chair!.post(`/api/meetings/${meetingId}/items/${items[1]!.id}/conclusion`, {
      outcome: 'approved_with_changes',
      text: 'Thống nhất ban hành; Sở Xây dựng tiếp thu ý kiến về thẩm quyền cấp phường.',
      tasks: [
        {
          title: 'Hoàn chỉnh dự thảo, trình ký ban hành',
          responsibleAgencyId: ids.construction,
          workingDays: 5,
        },
      ],
    });
    expect(c.statusCode, c.body).toBe(200);
    const due = new Date(c.json().tasks[0].dueAt);
    // The close of office hours (17:00 in Vietnam) on a working day at least a week away.
    expect(due.getUTCHours()).toBe(10);
    expect(due.getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const tasks = (await as.m1!.get('/api/meetings/tasks')).json().items as {
      title: string;
      state: string;
    }[];
    expect(tasks.map((x) => x.title)).toContain('Hoàn chỉnh dự thảo, trình ký ban hành');
    expect(
      ((await as.m3!.get('/api/meetings/tasks')).json().items as { title: string }[]).map((x) => x.title),
    ).not.toContain('Hoàn chỉnh dự thảo, trình ký ban hành');
  });

  it('the chair ends the meeting; the notice is issued once and reads back as Decree 30 text', async () => {
    expect((await as.chair!.post(`/api/meetings/${meetingId}/end`)).statusCode).toBe(200);
    expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/items`, body(1).items[0]),
      409,
      'meeting_closed',
    );
    const n = await as.chair!.post(`/api/meetings/${meetingId}/notice`, { number: '27/TB-UBND' });
    expect(n.json()).toMatchObject({ noticeNumber: '27/TB-UBND', lagWorkingDays: 0, compliant: true });
    expectError(await as.chair!.post(`/api/meetings/${meetingId}/notice`, {}), 409, 'invalid_state');
    const pdf = await as.m2!.get(`/api/meetings/${meetingId}/notice.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'mtg-'));
    writeFileSync(join(dir, 'n.pdf'), pdf.rawPayload);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'n.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/\s+/g, ' ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Số: 27/TB-UBND');
    expect(text).toContain('THÔNG BÁO');
    expect(text).toContain('Tờ trình quy định phân cấp quản lý quy hoạch');
    expect(text).toContain('Sở Xây dựng: Hoàn chỉnh dự thảo, trình ký ban hành');
    expect(text).toContain('Thống nhất thông qua, có chỉnh sửa');
    expect(text).toContain('Dự họp: 5 đại biểu');
  });

  it('the agency closes its task with evidence, on time', async () => {
    const task = (
      (await as.m1!.get('/api/meetings/tasks')).json().items as { id: string; title: string }[]
    ).find((x) => x.title === 'Hoàn chỉnh dự thảo, trình ký ban hành');
    expectError(
      await as.m3!.post(`/api/meetings/tasks/${task!.id}/complete`, { evidence: 'Quyết định số 12' }),
      403,
      'forbidden',
    );
    const done = await as.m1!.post(`/api/meetings/tasks/${task!.id}/complete`, {
      evidence: 'Quyết định số 12/2026/QĐ-UBND',
    });
    expect(done.json()).toEqual({ onTime: true });
  });

  it('the figures come from the ledger, for the secretariat only; the ledger is append-only', async () => {
    expectError(await as.m1!.get(`/api/meetings/${meetingId}/figures`), 403, 'forbidden');
    const f = (await as.secretary!.get(`/api/meetings/${meetingId}/figures`)).json();
    expect(f.itemsDiscussed).toBe(1);
    expect(f.speeches).toBe(2);
    expect(f.netSeconds).toBeGreaterThanOrEqual(0);
    await expect(
      t.platform.deps.db.execute(sql`update mtg_ledger set kind = 'x' where meeting_id = ${meetingId}`),
    ).rejects.toThrow();
    await expect(
      t.platform.deps.db.execute(sql`delete from mtg_ledger where meeting_id = ${meetingId}`),
    ).rejects.toThrow();
    const kinds = await rows<{ kind: string }>(
      sql`select distinct kind from mtg_ledger where meeting_id = ${meetingId}`,
    );
    const expected = [
      'meeting.created',
      'meeting.invited',
      'reply',
      'check_in',
      'meeting.started',
      'item.opened',
      'speech.requested',
      'speech.begun',
      'speech.ended',
      'poll.opened',
      'ballot.cast',
      'poll.closed',
      'item.closed',
      'conclusion.recorded',
      'task.created',
      'meeting.ended',
      'notice.issued',
      'task.done',
      'item.withdrawn',
      'item.reordered',
      'check_out',
    ];
    expect(expected.filter((k) => !kinds.some((x) => x.kind === k))).toEqual([]);
  });

  it('every write was audited and evented as a meeting event for its participants', async () => {
    const [a] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where target_id = ${meetingId} and action like 'meeting.%'`,
    );
    expect(a!.n).toBeGreaterThan(20);
    const events = await rows<{ type: string; audience: { userIds?: string[] } }>(
      sql`select type, audience from outbox_events where aggregate_type = 'meeting' and aggregate_id = ${meetingId} and type = 'meeting.poll_closed'`,
    );
    expect(events.length).toBe(2);
    expect(events[0]!.audience.userIds).toEqual(expect.arrayContaining([ids.chair, ids.m1, ids.m5]));
    expect(events[0]!.audience.userIds).not.toContain(ids.outsider);
  });
});
