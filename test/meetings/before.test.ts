// Before the meeting (issue 12, item 4) through the HTTP API on a real database: questions and opinions
// sent in advance per content, gathered for the chair, the secretariat and the presenting unit; a written
// opinion round (one answer per elector, also under a concurrent double submission; answers hidden until
// close; the kind's tally rule; reminders to those who have not answered, once a day); and the contents
// without objection adopted together by one vote in the meeting, settled beforehand in the ledger.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindRoundElectors } from '../../src/server/modules/meetings/commands/remind-round-electors.ts';
import {
  createWorkingCalendar,
  isWorkingDay,
  localDayOf,
  startOfLocalDay,
  VN_NOTICE_ENTRIES,
} from '../../src/server/platform/calendar/index.ts';
import { expectError } from '../helpers/agents.ts';
import { messagesTo } from '../helpers/mailbox.ts';
import { type MeetingsBed, meetingsBed, OFFICIALS } from './fixture.ts';

const { secretary, chair, m1, m2, m3, m4, m5, outsider } = OFFICIALS;
type Who = 'secretary' | 'chair' | 'm1' | 'm2' | 'm3' | 'm4' | 'm5' | 'outsider';
let bed: MeetingsBed<Who>;
let meetingId = '';
const item: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };
const DAY = 86_400_000;

beforeAll(async () => {
  bed = await meetingsBed({ secretary, chair, m1, m2, m3, m4, m5, outsider });
  // The demo's overdue tasks would come back on the agenda: closed, so it is exactly A, B, C.
  await bed.t.platform.deps.db.execute(
    sql`update mtg_tasks set state = 'done', done_at = now() where state = 'open'`,
  );
  const start = Date.now() + 12 * DAY;
  const res = await bed.as.secretary.post('/api/meetings', {
    kindCode: 'pc_regular',
    agencyId: bed.ids.root,
    title: 'Phiên họp thường kỳ (kiểm thử trước cuộc họp)',
    mode: 'in_person',
    startsAt: new Date(start).toISOString(),
    plannedEndAt: new Date(start + 4 * 3_600_000).toISOString(),
    participants: [
      { userId: bed.ids.chair, role: 'chair' },
      ...(['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((m) => ({ userId: bed.ids[m], role: 'member' })),
      { userId: bed.ids.secretary, role: 'secretary' },
    ],
    items: [
      {
        title: 'Tờ trình quy định phân cấp quản lý quy hoạch xây dựng',
        presentingUnit: 'Sở Xây dựng',
        presentingAgencyId: bed.ids.construction,
        plannedMinutes: 30,
        expectedOutcome: 'decision',
      },
      {
        title: 'Tờ trình phân bổ kinh phí chuyển đổi số',
        presentingUnit: 'Sở Tài chính',
        plannedMinutes: 20,
        expectedOutcome: 'decision',
      },
      {
        title: 'Đề án trường học thông minh',
        presentingUnit: 'Sở Giáo dục và Đào tạo',
        plannedMinutes: 25,
        expectedOutcome: 'decision',
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  meetingId = res.json().id;
  const items = (await bed.as.secretary.get(`/api/meetings/${meetingId}`)).json().items as { id: string }[];
  [item.A, item.B, item.C] = items.map((i) => i.id) as [string, string, string];
  expect((await bed.as.secretary.post(`/api/meetings/${meetingId}/invitations`, {})).statusCode).toBe(200);
}, 120_000);
afterAll(() => bed?.close());

describe('questions and opinions in advance', () => {
  type View = {
    items: { itemId: string; questions: { text: string; kind: string; author: string; mine: boolean }[] }[];
  };
  const seen = async (who: Who) => {
    const res = await bed.as[who].get(`/api/meetings/${meetingId}/questions`);
    expect(res.statusCode, res.body).toBe(200);
    return Object.fromEntries(
      (res.json() as View).items.map((i) => [
        Object.entries(item).find(([, id]) => id === i.itemId)![0],
        i.questions.map((q) => q.text).sort(),
      ]),
    );
  };

  it('are sent per content by participants, and refused from the secretariat and outsiders', async () => {
    const ask = (who: Who, on: string, kind: string, text: string) =>
      bed.as[who].post(`/api/meetings/${meetingId}/items/${on}/questions`, { kind, text });
    for (const [who, on, kind, text] of [
      ['m2', item.A, 'question', 'Quy mô dưới 5 héc-ta do cấp phường phê duyệt?'],
      ['m3', item.A, 'opinion', 'Đề nghị bổ sung thời hạn thẩm định.'],
      ['m2', item.B, 'question', 'Nguồn kinh phí năm 2027?'],
    ] as const) {
      const res = await ask(who, on, kind, text);
      expect(res.statusCode, res.body).toBe(200);
    }
    expectError(await ask('secretary', item.A, 'question', 'Thư ký không hỏi'), 403, 'forbidden');
    expectError(await ask('outsider', item.A, 'question', 'Người ngoài'), 404, 'not_found');
    expectError(
      await ask('m4', '00000000-0000-4000-8000-000000000000', 'question', 'Không có'),
      404,
      'not_found',
    );
    const bad = expectError(await ask('m4', item.A, 'remark', 'x'), 400, 'validation');
    expect(bad.fields?.map((f) => f.field).sort()).toEqual(['body.kind', 'body.text']);
    const [{ n }] = (await bed.rows<{ n: number }>(
      sql`select count(*)::int as n from mtg_advance_questions where meeting_id = ${meetingId}`,
    )) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('are gathered for the chair and the secretariat; the presenting unit sees its content’s; others their own', async () => {
    const all = {
      A: ['Quy mô dưới 5 héc-ta do cấp phường phê duyệt?', 'Đề nghị bổ sung thời hạn thẩm định.'],
      B: ['Nguồn kinh phí năm 2027?'],
      C: [],
    };
    expect(await seen('chair')).toEqual(all);
    expect(await seen('secretary')).toEqual(all);
    // m1 leads the Department of Construction, which presents A.
    expect(await seen('m1')).toEqual({ A: all.A, B: [], C: [] });
    expect(await seen('m2')).toEqual({ A: [all.A[0]], B: all.B, C: [] });
    expect(await seen('m4')).toEqual({ A: [], B: [], C: [] });
    expectError(await bed.as.outsider.get(`/api/meetings/${meetingId}/questions`), 404, 'not_found');
  });
});

describe('a written opinion round and the consent block', () => {
  let roundId = '';
  let q: string[] = [];
  type Round = {
    id: string;
    state: string;
    answered: number;
    electorate: number;
    consentItemIds: string[];
    mine: { elector: boolean; answered: boolean };
    questions: {
      id: string;
      myChoice: string | null;
      result: { agree: number; disagree: number; abstain: number; adopted: boolean } | null;
    }[];
  };
  const round = async (who: Who) =>
    ((await bed.as[who].get(`/api/meetings/${meetingId}/rounds`)).json().items as Round[]).find(
      (r) => r.id === roundId,
    )!;
  const answer = (who: Who, choices: string[]) =>
    bed.as[who].post(`/api/meetings/${meetingId}/rounds/${roundId}/answers`, {
      answers: choices.map((choice, i) => ({ questionId: q[i], choice })),
    });
  const cal = createWorkingCalendar({ notices: [...VN_NOTICE_ENTRIES] });
  /** 09:00 of the first working day from today (the reminders run on working days only). */
  const workingMorning = () => {
    let day = localDayOf(cal, Date.now());
    while (!isWorkingDay(cal, day)) day++;
    return new Date(startOfLocalDay(cal, day).getTime() + 9 * 3_600_000);
  };

  it('is opened by the chair on contents, with the kind’s voters as its electorate; a member may not', async () => {
    const body = {
      title: 'Lấy ý kiến thành viên UBND trước phiên họp',
      deadline: new Date(Date.now() + 10 * DAY).toISOString(),
      questions: [
        { itemId: item.A, question: 'Thông qua quy định phân cấp quản lý quy hoạch xây dựng?' },
        { itemId: item.B, question: 'Thông qua phân bổ kinh phí chuyển đổi số?' },
        { itemId: item.C, question: 'Thông qua đề án trường học thông minh?' },
      ],
    };
    expectError(await bed.as.m1.post(`/api/meetings/${meetingId}/rounds`, body), 403, 'forbidden');
    const past = expectError(
      await bed.as.chair.post(`/api/meetings/${meetingId}/rounds`, {
        ...body,
        deadline: '2020-01-01T00:00:00Z',
      }),
      400,
      'validation',
    );
    expect(past.fields?.[0]).toMatchObject({
      field: 'body.deadline',
      message: expect.stringMatching(/sau thời điểm hiện tại/),
    });
    const res = await bed.as.chair.post(`/api/meetings/${meetingId}/rounds`, body);
    expect(res.statusCode, res.body).toBe(200);
    roundId = res.json().id;
    expect(res.json().electorate).toBe(6); // the chair and five members; not the secretary
    q = (await round('m1')).questions.map((x) => x.id);
    expect(q).toHaveLength(3);
  });

  it('reminds those who have not answered once a day, by e-mail', async () => {
    const now = workingMorning();
    expect(await remindRoundElectors(bed.t.platform.deps.db, { publicUrl: 'http://cqs.test' }, now)).toBe(6);
    expect(await remindRoundElectors(bed.t.platform.deps.db, { publicUrl: 'http://cqs.test' }, now)).toBe(0);
    const mail = await messagesTo(bed.t, m5);
    expect(
      mail.filter((m) => /^Nhắc trả lời phiếu lấy ý kiến: Lấy ý kiến thành viên UBND/.test(m.subject)),
    ).toHaveLength(1);
  });

  it('takes one complete answer per elector, also under a concurrent double submission', async () => {
    expectError(await answer('m1', ['agree', 'agree']), 400, 'meeting_round_incomplete');
    expectError(
      await bed.as.m1.post(`/api/meetings/${meetingId}/rounds/${roundId}/answers`, {
        answers: q
          .map((questionId) => ({ questionId, choice: 'agree' }))
          .concat([{ questionId: q[0]!, choice: 'agree' }]),
      }),
      400,
      'meeting_round_incomplete',
    );
    expectError(await answer('secretary', ['agree', 'agree', 'agree']), 403, 'meeting_not_elector');
    expect((await answer('m1', ['agree', 'agree', 'agree'])).statusCode).toBe(200);
    expectError(await answer('m1', ['disagree', 'disagree', 'disagree']), 409, 'meeting_round_answered');
    const twice = await Promise.all([
      answer('m2', ['agree', 'agree', 'agree']),
      answer('m2', ['agree', 'disagree', 'agree']),
    ]);
    expect(twice.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    for (const [who, choices] of [
      ['chair', ['agree', 'agree', 'abstain']],
      ['m3', ['agree', 'disagree', 'agree']],
      ['m4', ['agree', 'agree', 'abstain']],
    ] as const)
      expect((await answer(who, [...choices])).statusCode).toBe(200);
    const [{ n }] = (await bed.rows<{ n: number }>(
      sql`select count(*)::int as n from mtg_round_answers a join mtg_round_questions q on q.id = a.question_id
          where q.round_id = ${roundId}`,
    )) as [{ n: number }];
    expect(n).toBe(15);
  });

  it('hides the answers until it closes: the chair sees who many answered, a member only their own', async () => {
    const forChair = await round('chair');
    expect(forChair).toMatchObject({ state: 'open', answered: 5, electorate: 6 });
    expect(forChair.questions.every((x) => x.result === null)).toBe(true);
    const forM1 = await round('m1');
    expect(forM1.mine).toEqual({ elector: true, answered: true });
    expect(forM1.questions.map((x) => x.myChoice)).toEqual(['agree', 'agree', 'agree']);
    expect((await round('m5')).questions.map((x) => x.myChoice)).toEqual([null, null, null]);
  });

  it('is closed by the chair and tallied with the kind’s rule; the contents without objection form the consent block', async () => {
    expectError(await bed.as.m1.post(`/api/meetings/${meetingId}/rounds/${roundId}/close`), 403, 'forbidden');
    const res = await bed.as.chair.post(`/api/meetings/${meetingId}/rounds/${roundId}/close`);
    expect(res.statusCode, res.body).toBe(200);
    // 6 members; more than half of all members must agree (4); two thirds must answer (5 did).
    // A: 5 agree, no objection → consent. B: 4 agree, 1 disagree → adopted, not in the block.
    // C: 3 agree, 2 abstain → not adopted.
    expect(res.json().consentItemIds).toEqual([item.A]);
    const closed = await round('m5');
    expect(
      closed.questions.map(
        (x) => x.result && [x.result.agree, x.result.disagree, x.result.abstain, x.result.adopted],
      ),
    ).toEqual([
      [5, 0, 0, true],
      [4, 1, 0, true],
      [3, 0, 2, false],
    ]);
    const again = await bed.as.chair.post(`/api/meetings/${meetingId}/rounds/${roundId}/close`);
    expect(again.json()).toMatchObject({ replayed: true, consentItemIds: [item.A] });
    expectError(await answer('m5', ['agree', 'agree', 'agree']), 409, 'meeting_round_closed');
    const ledger = await bed.rows<{ kind: string }>(
      sql`select kind from mtg_ledger where meeting_id = ${meetingId} and kind like 'round.%' order by id`,
    );
    expect(ledger.filter((l) => l.kind === 'round.closed')).toHaveLength(1);
  });

  it('the consent block is adopted in the meeting by one vote and its contents are settled beforehand', async () => {
    expectError(
      await bed.as.chair.post(`/api/meetings/${meetingId}/consent-block`, { roundId }),
      409,
      'meeting_not_in_session',
    );
    for (const who of ['chair', 'm1', 'm2', 'm3', 'm4'] as const)
      expect((await bed.as[who].post(`/api/meetings/${meetingId}/check-in`, {})).statusCode).toBe(200);
    expect((await bed.as.chair.post(`/api/meetings/${meetingId}/start`)).statusCode).toBe(200);
    expectError(
      await bed.as.m1.post(`/api/meetings/${meetingId}/consent-block`, { roundId }),
      403,
      'forbidden',
    );
    const opened = await bed.as.chair.post(`/api/meetings/${meetingId}/consent-block`, { roundId });
    expect(opened.statusCode, opened.body).toBe(200);
    const pollId = opened.json().id as string;
    for (const who of ['chair', 'm1', 'm2', 'm3'] as const)
      expect(
        (await bed.as[who].post(`/api/meetings/${meetingId}/polls/${pollId}/ballot`, { choice: 'agree' }))
          .statusCode,
      ).toBe(200);
    const closed = await bed.as.chair.post(`/api/meetings/${meetingId}/polls/${pollId}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().result.adopted).toBe(true);
    const states = await bed.rows<{
      id: string;
      state: string;
      outcome: string | null;
      settled_beforehand: boolean;
    }>(
      sql`select id, state, outcome, settled_beforehand from mtg_items where meeting_id = ${meetingId} order by position`,
    );
    expect(states.map((s) => [s.state, s.outcome, s.settled_beforehand])).toEqual([
      ['closed', 'approved', true],
      ['planned', null, false],
      ['planned', null, false],
    ]);
    const figures = (await bed.as.secretary.get(`/api/meetings/${meetingId}/figures`)).json();
    expect(figures.itemsSettledBeforehand).toBe(1);
    // Nothing is left in the block: a second consent vote is refused.
    expectError(
      await bed.as.chair.post(`/api/meetings/${meetingId}/consent-block`, { roundId }),
      409,
      'meeting_no_consent_block',
    );
  });
});
