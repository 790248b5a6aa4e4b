// After the meeting (issue 12, item 7) through the HTTP API on a real database: conclusions become
// tasks the responsible agency reports on; overdue tasks are listed for the secretariat and come back
// on the next meeting's agenda by themselves; the minutes are drafted from the structured record,
// edited (a stale edit refused), signed off by the chair and frozen.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASK_REMINDERS_JOB } from '../../src/server/modules/meetings/index.ts';
import { expectError } from '../helpers/agents.ts';
import { type OfficeClock, officeHoursClock } from '../helpers/office-clock.ts';
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
} as const;
type Who = keyof typeof ACCOUNTS;
let rows: MeetingsBed<Who>['rows'];
// The office clock (the opening of the next working day): the reminders job runs on working days only.
let clock: OfficeClock;

const meetingBody = (title: string) => {
  const starts = Date.now() + 6 * 86_400_000;
  return {
    kindCode: 'pc_regular',
    agencyId: ids.root,
    title,
    mode: 'in_person',
    place: 'Phòng họp số 1',
    startsAt: new Date(starts).toISOString(),
    plannedEndAt: new Date(starts + 2 * 3600_000).toISOString(),
    participants: [
      { userId: ids.chair, role: 'chair' },
      { userId: ids.m1, role: 'member' },
      { userId: ids.m2, role: 'member' },
      { userId: ids.m3, role: 'member' },
      { userId: ids.secretary, role: 'secretary' },
    ],
    items: [
      {
        title: 'Tờ trình kế hoạch chỉnh trang đô thị',
        presentingUnit: 'Sở Xây dựng',
        plannedMinutes: 20,
        expectedOutcome: 'decision',
      },
    ],
  };
};

let meetingId = '';
let taskId = '';
beforeAll(async () => {
  clock = officeHoursClock();
  ({ t, as, ids, rows } = await meetingsBed(ACCOUNTS));

  // A short meeting: three present, one speech, a named vote, a conclusion with a task.
  const created = await as.secretary!.post('/api/meetings', meetingBody('Phiên họp kiểm thử sau họp'));
  expect(created.statusCode, created.body).toBe(200);
  meetingId = created.json().id;
  const url = (p: string) => `/api/meetings/${meetingId}${p}`;
  const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    return r as unknown as { json(): Record<string, string> };
  };
  await ok(as.secretary!.post(url('/invitations')));
  await ok(as.m3!.post(url('/reply'), { reply: 'absent', reason: 'Đi công tác' }));
  for (const who of ['chair', 'm1', 'm2'] as const) await ok(as[who]!.post(url('/check-in'), {}));
  await ok(as.chair!.post(url('/start')));
  const itemId = (await as.chair!.get(url(''))).json().items[0].id as string;
  await ok(as.chair!.post(url(`/items/${itemId}/open`)));
  const speech = await ok(as.m1!.post(url('/speeches'), { kind: 'contribution' }));
  await ok(as.chair!.post(url('/speeches/next'), {}));
  await ok(as.m1!.post(url(`/speeches/${speech.json().id}/end`)));
  const poll = await ok(
    as.chair!.post(url('/polls'), { itemId, question: 'Thông qua kế hoạch chỉnh trang', secret: false }),
  );
  for (const who of ['chair', 'm1', 'm2'] as const)
    await ok(as[who]!.post(url(`/polls/${poll.json().id}/ballot`), { choice: 'agree' }));
  await ok(as.chair!.post(url(`/polls/${poll.json().id}/close`)));
  await ok(as.chair!.post(url(`/items/${itemId}/close`), { outcome: 'approved' }));
  const c = await ok(
    as.chair!.post(url(`/items/${itemId}/conclusion`), {
      outcome: 'approved',
      text: 'Giao Sở Xây dựng hoàn thiện kế hoạch.',
      tasks: [
        { title: 'Hoàn thiện kế hoạch chỉnh trang', responsibleAgencyId: ids.construction, workingDays: 2 },
      ],
    }),
  );
  taskId = (c.json() as unknown as { tasks: { id: string }[] }).tasks[0]!.id;
  await ok(as.chair!.post(url('/end')));
}, 180_000);
afterAll(async () => {
  clock?.restore();
  await t?.close();
});

describe('tasks from conclusions', () => {
  it('the responsible agency reports progress; others may not; bad input changes nothing', async () => {
    const url = `/api/meetings/tasks/${taskId}/progress`;
    expectError(await as.m3!.post(url, { percent: 50, note: 'Đang làm' }), 403, 'forbidden');
    const bad = expectError(await as.m1!.post(url, { percent: 150, note: 'Đang làm' }), 400, 'validation');
    expect(bad.fields?.[0]?.field).toBe('body.percent');
    expect(await rows(sql`select id from mtg_task_reports`)).toEqual([]);
    const res = await as.m1!.post(url, { percent: 40, note: 'Đã lấy ý kiến các phường' });
    expect(res.statusCode, res.body).toBe(200);
    const [r] = await rows<{ percent: number; by_user_id: string }>(
      sql`select percent, by_user_id from mtg_task_reports where task_id = ${taskId}`,
    );
    expect(r).toEqual({ percent: 40, by_user_id: ids.m1 });
  });

  it('an overdue task is listed for the secretariat and comes back on the next meeting of the agency', async () => {
    expect(
      ((await as.secretary!.get('/api/meetings/tasks/overdue')).json().items as { id: string }[]).map(
        (x) => x.id,
      ),
    ).not.toContain(taskId);
    // Its deadline passes.
    await t.platform.deps.db.execute(
      sql`update mtg_tasks set due_at = now() - interval '1 day' where id = ${taskId}`,
    );
    const overdue = (await as.secretary!.get('/api/meetings/tasks/overdue')).json().items as {
      id: string;
      overdue: boolean;
    }[];
    expect(overdue.find((x) => x.id === taskId)).toMatchObject({ overdue: true });
    expectError(await as.m1!.get('/api/meetings/tasks/overdue'), 403, 'forbidden');

    // The reminders job tells the responsible agency's leaders, once a day.
    const runReminders = async () => {
      await t.platform.deps.db.execute(
        sql`insert into job_schedules (name, interval_ms, next_run_at) values (${TASK_REMINDERS_JOB}, 3600000, now())
            on conflict (name) do update set next_run_at = now()`,
      );
      await t.platform.deps.jobs.tick();
    };
    const reminders = () =>
      rows<{ recipient: string; subject: string }>(
        sql`select recipient, subject from messages where template = 'meeting_task_overdue' and meta->>'taskId' = ${taskId}`,
      );
    expect(await reminders()).toEqual([]);
    await runReminders();
    const sent = await reminders();
    expect(sent.map((m) => m.recipient)).toContain(ACCOUNTS.m1);
    expect(sent.map((m) => m.recipient)).not.toContain(ACCOUNTS.m3);
    expect(sent[0]!.subject).toBe('Nhiệm vụ sau họp đã quá hạn: Hoàn thiện kế hoạch chỉnh trang');
    await runReminders();
    expect(await reminders()).toHaveLength(sent.length);

    const next = await as.secretary!.post('/api/meetings', meetingBody('Phiên họp tiếp theo'));
    expect(next.statusCode, next.body).toBe(200);
    const view = (await as.chair!.get(`/api/meetings/${next.json().id}`)).json();
    const last = view.items.at(-1);
    expect(view.items).toHaveLength(2);
    expect(last.title).toMatch(/^Kiểm điểm nhiệm vụ quá hạn từ các cuộc họp trước \(\d+ nhiệm vụ\)$/);
    expect(last.carriedTaskIds).toContain(taskId);
    expect(view.carriedTasks.find((x: { id: string }) => x.id === taskId)).toMatchObject({
      title: 'Hoàn thiện kế hoạch chỉnh trang',
      overdue: true,
    });
    // Closed, it no longer comes back.
    expect(
      (await as.m1!.post(`/api/meetings/tasks/${taskId}/complete`, { evidence: 'Kế hoạch số 5/KH-SXD' }))
        .statusCode,
    ).toBe(200);
    const after = await as.secretary!.post('/api/meetings', meetingBody('Phiên họp sau nữa'));
    const items = (await as.chair!.get(`/api/meetings/${after.json().id}`)).json().items as {
      carriedTaskIds: string[];
    }[];
    expect(items.flatMap((i) => i.carriedTaskIds)).not.toContain(taskId);
  });
});

describe('minutes', () => {
  let version = 0;
  it('are drafted from the record: attendance, speakers with times, votes, conclusions, tasks', async () => {
    expectError(await as.m1!.post(`/api/meetings/${meetingId}/minutes`, {}), 403, 'forbidden');
    const res = await as.secretary!.post(`/api/meetings/${meetingId}/minutes`, {});
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json().body as string;
    version = res.json().version;
    expect(body).toContain('BIÊN BẢN CUỘC HỌP');
    expect(body).toContain('Thành phần dự họp (3 người):');
    expect(body).toMatch(/Vắng mặt \(1 người\):\n {2}- .+: Đi công tác/);
    expect(body).toContain('1. Tờ trình kế hoạch chỉnh trang đô thị (Sở Xây dựng)');
    expect(body).toMatch(/Ý kiến phát biểu:\n {2}- .+ \(phát biểu\): \d\d:\d\d–\d\d:\d\d, \d+ phút/);
    expect(body).toContain(
      'Biểu quyết công khai «Thông qua kế hoạch chỉnh trang»: đồng ý 3, không đồng ý 0, không biểu quyết 0, không tham gia 0 trên 3 người có quyền biểu quyết; thông qua.',
    );
    expect(body).toContain('Kết luận: Thống nhất thông qua. Giao Sở Xây dựng hoàn thiện kế hoạch.');
    expect(body).toMatch(/Giao Sở Xây dựng: Hoàn thiện kế hoạch chỉnh trang; hạn \d\d\/\d\d\/\d{4}\./);
    expectError(await as.secretary!.post(`/api/meetings/${meetingId}/minutes`, {}), 409, 'invalid_state');
    expect((await as.m2!.get(`/api/meetings/${meetingId}/minutes`)).json().state).toBe('draft');
  });

  it('are edited by the secretariat; a stale version is refused and changes nothing', async () => {
    const edited = `${(await as.secretary!.get(`/api/meetings/${meetingId}/minutes`)).json().body}\nThư ký: đã bổ sung ý kiến bằng văn bản.`;
    const res = await as.secretary!.put(`/api/meetings/${meetingId}/minutes`, { body: edited, version });
    expect(res.statusCode, res.body).toBe(200);
    const stale = expectError(
      await as.secretary!.put(`/api/meetings/${meetingId}/minutes`, {
        body: 'Bản cũ đè lên bản mới',
        version,
      }),
      409,
      'meeting_minutes_conflict',
    );
    expect(stale.message).toContain(String(version + 1));
    version = res.json().version;
    expect((await as.chair!.get(`/api/meetings/${meetingId}/minutes`)).json().body).toBe(edited);
  });

  it('are signed off by the chair and frozen', async () => {
    expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/minutes/sign`, { version }),
      403,
      'forbidden',
    );
    const signed = await as.chair!.post(`/api/meetings/${meetingId}/minutes/sign`, { version });
    expect(signed.statusCode, signed.body).toBe(200);
    const before = (await as.chair!.get(`/api/meetings/${meetingId}/minutes`)).json();
    expect(before.state).toBe('signed');
    expectError(
      await as.secretary!.put(`/api/meetings/${meetingId}/minutes`, { body: 'Sửa sau khi ký', version }),
      409,
      'meeting_minutes_signed',
    );
    expectError(
      await as.secretary!.post(`/api/meetings/${meetingId}/minutes`, { redraft: true }),
      409,
      'meeting_minutes_signed',
    );
    expectError(
      await as.chair!.post(`/api/meetings/${meetingId}/minutes/sign`, { version }),
      409,
      'meeting_minutes_signed',
    );
    expect((await as.chair!.get(`/api/meetings/${meetingId}/minutes`)).json()).toEqual(before);
    const kinds = await rows<{ kind: string }>(
      sql`select kind from mtg_ledger where meeting_id = ${meetingId} and kind like 'minutes.%' order by id`,
    );
    expect(kinds.map((k) => k.kind)).toEqual(['minutes.drafted', 'minutes.signed']);
    const [audited] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where target_id = ${meetingId} and action like 'meeting.minutes_%'`,
    );
    expect(audited!.n).toBe(3);
  });
});
