// Invitations and replies (issue 12, item 3) through the HTTP API on a real database: the app, e-mail
// with the meeting's iCalendar object and SMS go through the platform's message outbox and are rendered
// by the real delivery job (its kept MIME copy is read back here); the lead time is counted in working
// days; updates and cancellations reach calendars as iCalendar updates of the same UID; replies; and
// reminders to those who have not replied, sent by the job on the queue under a fake clock.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorkingCalendar,
  localDayOf,
  nextWorkingMoment,
  startOfLocalDay,
  VN_NOTICE_ENTRIES,
} from '../../src/server/platform/calendar/index.ts';
import { queryRows } from '../../src/server/platform/db/client.ts';
import { REMINDERS_JOB } from '../../src/server/modules/meetings/index.ts';
import { invitationLeadDays } from '../../src/server/modules/meetings/working-days.ts';
import { expectError, signIn } from '../helpers/agents.ts';
import { keptMime, messagesTo } from '../helpers/mailbox.ts';
import { type OfficeClock, officeHoursClock } from '../helpers/office-clock.ts';
import { type Agent, startTestPlatform, type TestPlatform } from '../platform.ts';

let t: TestPlatform;
let clock: OfficeClock;
const as: Record<string, Agent> = {};
const ids: Record<string, string> = {};
const ACCOUNTS = {
  secretary: 'thuky.ubnd@cqs.demo',
  chair: 'lanhdao.ubnd@cqs.demo',
  m1: 'lanhdao.xaydung@cqs.demo',
  m2: 'lanhdao.taichinh@cqs.demo',
  m3: 'lanhdao.yte@cqs.demo',
  m4: 'lanhdao.tuphap@cqs.demo',
  m5: 'lanhdao.giaoduc@cqs.demo',
  sub: 'truongphong.tuphap@cqs.demo',
  outsider: 'lanhdao.congthuong@cqs.demo',
} as const;
type Who = keyof typeof ACCOUNTS;
const PHONE = '0912000111';
const cal = createWorkingCalendar({ notices: [...VN_NOTICE_ENTRIES] });
const DAY = 86_400_000;

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(t.platform.deps.db, q);
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n');

/** 08:00 in Vietnam, `days` calendar days from the (fake) today. */
const at8 = (days: number) =>
  startOfLocalDay(cal, localDayOf(cal, Date.now()) + days).getTime() + 8 * 3600_000;

beforeAll(async () => {
  clock = officeHoursClock();
  t = await startTestPlatform();
  const users = await rows<{ id: string; email: string }>(
    sql`select id, email from id_users where email = any(${`{${Object.values(ACCOUNTS).join(',')}}`}::text[])`,
  );
  for (const who of Object.keys(ACCOUNTS) as Who[])
    ids[who] = users.find((u) => u.email === ACCOUNTS[who])!.id;
  // m2 has a mobile phone (SMS); m3 reads in English.
  await t.platform.deps.db.execute(sql`update id_users set phone = ${PHONE} where id = ${ids.m2}`);
  await t.platform.deps.db.execute(sql`update id_users set locale = 'en' where id = ${ids.m3}`);
  for (const who of Object.keys(ACCOUNTS) as Who[]) as[who] = await signIn(t, ACCOUNTS[who]);
  const [root] = await rows<{ id: string }>(sql`select id from id_agencies where parent_id is null`);
  ids.root = root!.id;
}, 120_000);
afterAll(async () => {
  clock?.restore();
  await t?.close();
});

const meetingBody = (startsAt: number, extra: Record<string, unknown> = {}) => ({
  kindCode: 'pc_regular',
  agencyId: ids.root,
  title: 'Phiên họp thường kỳ tháng 12, Ủy ban nhân dân Thành phố',
  mode: 'hybrid',
  place: 'Phòng họp số 2',
  startsAt: new Date(startsAt).toISOString(),
  plannedEndAt: new Date(startsAt + 3.5 * 3600_000).toISOString(),
  participants: [
    { userId: ids.chair, role: 'chair' },
    ...(['m1', 'm2', 'm3', 'm4', 'm5'] as const).map((m) => ({ userId: ids[m], role: 'member' })),
    { userId: ids.secretary, role: 'secretary' },
  ],
  bridgePoints: [{ name: 'Điểm cầu Phường Thủ Dầu Một', unitCode: '25747' }],
  items: [
    {
      title: 'Tờ trình quy định phân cấp quản lý quy hoạch xây dựng',
      presentingUnit: 'Sở Xây dựng',
      plannedMinutes: 30,
      expectedOutcome: 'decision',
    },
  ],
  ...extra,
});

async function create(body: Record<string, unknown>): Promise<string> {
  const res = await as.secretary!.post('/api/meetings', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id as string;
}

/** The calendar part of the newest kept e-mail of `template` to `who`, decoded from its MIME copy. */
async function calendarSentTo(who: Who, template: string) {
  const [row] = await rows<{ id: number }>(
    sql`select id from messages where recipient = ${ACCOUNTS[who]} and template = ${template} order by id desc limit 1`,
  );
  expect(row, `a ${template} e-mail to ${who}`).toBeTruthy();
  await messagesTo(t, ACCOUNTS[who]); // runs the delivery job
  const { raw, parts } = keptMime(t, row!.id);
  const alternative = parts.find((p) => p.contentType.startsWith('text/calendar'));
  const attachment = parts.find((p) => p.contentType.startsWith('application/ics'));
  expect(alternative, raw.slice(0, 2000)).toBeTruthy();
  expect(attachment?.text.trimEnd()).toBe(alternative!.text.trimEnd());
  return {
    raw,
    contentType: alternative!.contentType,
    disposition: attachment!.disposition,
    ics: alternative!.text,
  };
}

let regular = '';
let uid = '';
describe('invitations', () => {
  it('invites by the app, e-mail with an .ics (METHOD:REQUEST) and SMS, with a lead time of enough working days', async () => {
    const starts = at8(10);
    regular = await create(meetingBody(starts));
    const res = await as.secretary!.post(`/api/meetings/${regular}/invitations`);
    expect(res.statusCode, res.body).toBe(200);
    const expectedLead = invitationLeadDays(cal, new Date(), new Date(starts));
    expect(expectedLead).toBeGreaterThanOrEqual(3);
    expect(res.json()).toMatchObject({
      recipients: 6,
      app: 6,
      email: 6,
      sms: 1,
      leadWorkingDays: expectedLead,
      minimumWorkingDays: 3,
      tooShort: false,
      urgent: false,
    });
    const channels = await rows<{ channel: string; n: number }>(
      sql`select channel, count(*)::int as n from mtg_invitations where meeting_id = ${regular} and kind = 'invite' group by channel order by channel`,
    );
    expect(channels).toEqual([
      { channel: 'app', n: 6 },
      { channel: 'email', n: 6 },
      { channel: 'sms', n: 1 },
    ]);
    // The secretary's own clerk gets no invitation.
    expect(await messagesTo(t, ACCOUNTS.secretary)).toEqual([]);

    const mail = (await messagesTo(t, ACCOUNTS.m1)).find((m) => m.subject.includes('Giấy mời họp'))!;
    expect(mail.subject).toBe('Giấy mời họp: Phiên họp thường kỳ tháng 12, Ủy ban nhân dân Thành phố');
    expect(mail.body).toContain('1. Tờ trình quy định phân cấp quản lý quy hoạch xây dựng');
    expect(mail.body).toContain(`/lam-viec/hop/${regular}`);
    expect(mail.body).toContain('08:00');
    const english = (await messagesTo(t, ACCOUNTS.m3)).at(-1)!;
    expect(english.subject).toBe(
      'Meeting invitation: Phiên họp thường kỳ tháng 12, Ủy ban nhân dân Thành phố',
    );

    const c = await calendarSentTo('m1', 'meeting_invite');
    expect(c.contentType).toMatch(/^text\/calendar; charset=utf-8; method=REQUEST/i);
    expect(c.disposition).toMatch(/attachment; filename=giay-moi-hop\.ics/);
    const lines = unfold(c.ics);
    uid = lines.find((l) => l.startsWith('UID:'))!.slice(4);
    expect(uid).toBe(`meeting-${regular}@localhost`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        'SEQUENCE:0',
        'STATUS:CONFIRMED',
        `DTSTART:${new Date(starts).toISOString().replace(/[-:]/g, '').replace('.000', '')}`,
        'LOCATION:Phòng họp số 2',
        'SUMMARY:Phiên họp thường kỳ tháng 12\\, Ủy ban nhân dân Thành phố',
      ]),
    );
    expect(lines.find((l) => l.startsWith('ATTENDEE'))).toContain(`mailto:${ACCOUNTS.m1}`);

    const [sms] = (await messagesTo(t, PHONE)).filter((m) => m.channel === 'sms');
    expect(sms!.body).toContain('Phiên họp thường kỳ tháng 12');
    expect(sms!.body).toContain(`/lam-viec/hop/${regular}`);
  });

  it('sending again invites nobody twice', async () => {
    const res = await as.secretary!.post(`/api/meetings/${regular}/invitations`);
    expect(res.json()).toMatchObject({ recipients: 0, email: 0 });
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from messages where template = 'meeting_invite' and meta->>'meetingId' = ${regular}`,
    );
    expect(n!.n).toBe(7);
  });

  it('an urgent meeting tomorrow: fewer than 3 working days is flagged to the secretariat and recorded', async () => {
    const id = await create(
      meetingBody(at8(1) + 6 * 3600_000, { urgent: true, title: 'Họp khẩn về mưa lũ' }),
    );
    const res = await as.secretary!.post(`/api/meetings/${id}/invitations`);
    expect(res.json()).toMatchObject({ tooShort: true, urgent: true });
    expect(res.json().leadWorkingDays).toBeLessThan(3);
    const [m] = await rows<{ lead_too_short: boolean; urgent: boolean }>(
      sql`select lead_too_short, urgent from mtg_meetings where id = ${id}`,
    );
    expect(m).toEqual({ lead_too_short: true, urgent: true });
    const [ledger] = await rows<{ data: { tooShort: boolean; urgent: boolean; leadWorkingDays: number } }>(
      sql`select data from mtg_ledger where meeting_id = ${id} and kind = 'meeting.invited'`,
    );
    expect(ledger!.data).toMatchObject({ tooShort: true, urgent: true });
    const [flag] = await rows<{ audience: { permission?: string; userIds?: string[] } }>(
      sql`select audience from outbox_events where aggregate_id = ${id} and type = 'meeting.lead_too_short'`,
    );
    expect(flag!.audience.permission).toBe('meetings.manage');
    expect(flag!.audience.userIds ?? []).toEqual([]);
    const mail = (await messagesTo(t, ACCOUNTS.m4)).at(-1)!;
    expect(mail.subject).toBe('[HỌP KHẨN] Giấy mời họp: Họp khẩn về mưa lũ');
    const c = await calendarSentTo('m4', 'meeting_invite');
    expect(unfold(c.ics)).toContain('PRIORITY:1');

    // Cancelled: the same UID, SEQUENCE 1, METHOD:CANCEL; then it is closed to every change.
    expectError(await as.m1!.post(`/api/meetings/${id}/cancel`, { reason: 'Không' }), 403, 'forbidden');
    expectError(await as.outsider!.post(`/api/meetings/${id}/cancel`, { reason: 'Không' }), 404, 'not_found');
    const e = expectError(await as.secretary!.post(`/api/meetings/${id}/cancel`, {}), 400, 'validation');
    expect(e.fields?.[0]?.field).toBe('body.reason');
    const cancel = await as.secretary!.post(`/api/meetings/${id}/cancel`, {
      reason: 'Lãnh đạo đi kiểm tra hiện trường mưa lũ',
    });
    expect(cancel.json()).toMatchObject({ state: 'cancelled', sequence: 1, email: 6 });
    const cancelled = await calendarSentTo('m4', 'meeting_cancel');
    expect(cancelled.contentType).toMatch(/method=CANCEL/i);
    expect(cancelled.disposition).toMatch(/filename=huy-cuoc-hop\.ics/);
    expect(unfold(cancelled.ics)).toEqual(
      expect.arrayContaining([
        'METHOD:CANCEL',
        `UID:meeting-${id}@localhost`,
        'SEQUENCE:1',
        'STATUS:CANCELLED',
      ]),
    );
    expect((await messagesTo(t, ACCOUNTS.m4)).at(-1)!.body).toContain(
      'Lãnh đạo đi kiểm tra hiện trường mưa lũ',
    );
    expectError(
      await as.secretary!.post(`/api/meetings/${id}/cancel`, { reason: 'Lần hai' }),
      409,
      'meeting_closed',
    );
    expectError(
      await as.m1!.post(`/api/meetings/${id}/reply`, { reply: 'attend', mode: 'in_person' }),
      409,
      'meeting_closed',
    );
  });
});

describe('replies', () => {
  it('attend at a bridge point, absent with a reason, or a named substitute who is invited at once', async () => {
    const v = (await as.m1!.get(`/api/meetings/${regular}`)).json();
    const bridge = v.bridgePoints[0].id as string;
    const before = await rows<{ reply: string }>(
      sql`select reply from mtg_participants where meeting_id = ${regular} and user_id = ${ids.m1}`,
    );
    const bad = expectError(
      await as.m1!.post(`/api/meetings/${regular}/reply`, { reply: 'attend', mode: 'bridge' }),
      400,
      'validation',
    );
    expect(bad.fields?.[0]?.field).toBe('body.bridgePointId');
    expect(
      await rows(
        sql`select reply from mtg_participants where meeting_id = ${regular} and user_id = ${ids.m1}`,
      ),
    ).toEqual(before);
    expect(
      (
        await as.m1!.post(`/api/meetings/${regular}/reply`, {
          reply: 'attend',
          mode: 'bridge',
          bridgePointId: bridge,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await as.m3!.post(`/api/meetings/${regular}/reply`, { reply: 'absent', reason: 'Đi công tác Hà Nội' }))
        .statusCode,
    ).toBe(200);
    const sub = await as.m4!.post(`/api/meetings/${regular}/reply`, {
      reply: 'substitute',
      substituteUserId: ids.sub,
      reason: 'Bận tiếp công dân',
    });
    expect(sub.statusCode, sub.body).toBe(200);
    const people = await rows<{ user_id: string; role: string; reply: string; attend_mode: string | null }>(
      sql`select user_id, role, reply, attend_mode from mtg_participants where meeting_id = ${regular}`,
    );
    const of = (who: Who) => people.find((p) => p.user_id === ids[who]);
    expect(of('m1')).toMatchObject({ reply: 'attend', attend_mode: 'bridge' });
    expect(of('m3')).toMatchObject({ reply: 'absent' });
    expect(of('m4')).toMatchObject({ reply: 'substitute' });
    expect(of('sub')).toMatchObject({ role: 'substitute', reply: 'attend' });
    const c = await calendarSentTo('sub', 'meeting_invite');
    expect(unfold(c.ics)).toContain(`UID:${uid}`);
  });
});

describe('a substitute released', () => {
  it('naming a second substitute is refused; answering again releases the first, whose entry is cancelled', async () => {
    const e = expectError(
      await as.m4!.post(`/api/meetings/${regular}/reply`, {
        reply: 'substitute',
        substituteUserId: ids.outsider,
        reason: 'Đổi người',
      }),
      400,
      'validation',
    );
    expect(e.fields?.[0]?.field).toBe('body.substituteUserId');
    expect(
      (await as.m4!.post(`/api/meetings/${regular}/reply`, { reply: 'attend', mode: 'online' })).statusCode,
    ).toBe(200);
    const [sub] = await rows<{ reply: string }>(
      sql`select reply from mtg_participants where meeting_id = ${regular} and user_id = ${ids.sub}`,
    );
    expect(sub!.reply).toBe('absent');
    const c = await calendarSentTo('sub', 'meeting_cancel');
    expect(unfold(c.ics)).toEqual(expect.arrayContaining(['METHOD:CANCEL', `UID:${uid}`]));
    // m4 is back; the released substitute gets no later update (below: 6 e-mails, not 7).
  });
});

describe('updates', () => {
  it('bad input changes nothing; a new time and place go out as SEQUENCE 1 of the same UID', async () => {
    const e = expectError(
      await as.secretary!.post(`/api/meetings/${regular}/update`, {
        startsAt: new Date(at8(11)).toISOString(),
        plannedEndAt: new Date(at8(11) - 3600_000).toISOString(),
      }),
      400,
      'validation',
    );
    expect(e.fields?.[0]).toMatchObject({
      field: 'body.plannedEndAt',
      message: 'Giờ kết thúc dự kiến phải sau giờ bắt đầu.',
    });
    expectError(
      await as.secretary!.post(`/api/meetings/${regular}/update`, { place: 'Phòng họp số 2' }),
      400,
      'validation',
    );
    expectError(
      await as.m2!.post(`/api/meetings/${regular}/update`, { place: 'Hội trường' }),
      403,
      'forbidden',
    );
    const [unchanged] = await rows<{ ical_sequence: number; place: string }>(
      sql`select ical_sequence, place from mtg_meetings where id = ${regular}`,
    );
    expect(unchanged).toEqual({ ical_sequence: 0, place: 'Phòng họp số 2' });

    const starts = at8(11) + 6 * 3600_000; // 14:00 a day later
    const res = await as.secretary!.post(`/api/meetings/${regular}/update`, {
      startsAt: new Date(starts).toISOString(),
      plannedEndAt: new Date(starts + 3 * 3600_000).toISOString(),
      place: 'Hội trường A, Trung tâm Hành chính',
      reason: 'Trùng lịch tiếp khách quốc tế',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      changed: ['startsAt', 'plannedEndAt', 'place'],
      sequence: 1,
      email: 6,
      sms: 1,
      tooShort: false,
    });
    const c = await calendarSentTo('m2', 'meeting_update');
    expect(c.contentType).toMatch(/method=REQUEST/i);
    expect(unfold(c.ics)).toEqual(
      expect.arrayContaining([
        'METHOD:REQUEST',
        `UID:${uid}`,
        'SEQUENCE:1',
        `DTSTART:${new Date(starts).toISOString().replace(/[-:]/g, '').replace('.000', '')}`,
        'LOCATION:Hội trường A\\, Trung tâm Hành chính',
      ]),
    );
    const sms = (await messagesTo(t, PHONE)).at(-1)!;
    expect(sms.body).toContain('Hội trường A');
    const [ledger] = await rows<{ data: { changed: string[]; reason: string } }>(
      sql`select data from mtg_ledger where meeting_id = ${regular} and kind = 'meeting.updated'`,
    );
    expect(ledger!.data).toMatchObject({ reason: 'Trùng lịch tiếp khách quốc tế' });
    const [audited] = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where target_id = ${regular} and action = 'meeting.update'`,
    );
    expect(audited!.n).toBe(1);
  });
});

describe('reminders', () => {
  const runReminders = async () => {
    await t.platform.deps.db.execute(
      sql`insert into job_schedules (name, interval_ms, next_run_at) values (${REMINDERS_JOB}, 900000, now())
          on conflict (name) do update set next_run_at = now()`,
    );
    await t.platform.deps.jobs.tick();
  };
  const reminders = () =>
    rows<{ recipient: string }>(
      sql`select recipient from messages where template = 'meeting_reminder' and meta->>'meetingId' = ${regular} order by recipient`,
    );

  it('the job reminds those who have not replied, once per working day after the invitation day', async () => {
    await runReminders();
    expect(await reminders()).toEqual([]); // invited today
    // The next working day, 09:00.
    const next = nextWorkingMoment(cal, startOfLocalDay(cal, localDayOf(cal, Date.now()) + 1));
    clock.advance(next.getTime() + 3600_000 - Date.now());
    expect(next.getTime() - Date.now()).toBeLessThan(DAY);
    await runReminders();
    // Not replied: the chair, m2 (e-mail and SMS) and m5; m1, m3, m4 and the substitute have.
    expect((await reminders()).map((r) => r.recipient)).toEqual(
      [ACCOUNTS.chair, ACCOUNTS.m2, ACCOUNTS.m5, PHONE].sort(),
    );
    const mail = (await messagesTo(t, ACCOUNTS.m5)).at(-1)!;
    expect(mail.subject).toBe(
      'Nhắc trả lời giấy mời: Phiên họp thường kỳ tháng 12, Ủy ban nhân dân Thành phố',
    );
    const [calendar] = await rows<{ calendar: unknown }>(
      sql`select calendar from messages where template = 'meeting_reminder' and recipient = ${ACCOUNTS.m5}`,
    );
    expect(calendar!.calendar).toBeNull();
    // Again the same day: nobody twice.
    await runReminders();
    expect(await reminders()).toHaveLength(4);
    const [ledger] = await rows<{ n: number }>(
      sql`select count(*)::int as n from mtg_ledger where meeting_id = ${regular} and kind = 'invitation.reminded'`,
    );
    expect(ledger!.n).toBe(1);
    const [audited] = await rows<{ actor_label: string | null }>(
      sql`select * from audit_log where target_id = ${regular} and action = 'meeting.remind'`,
    );
    expect(audited).toBeTruthy();
  });
});
