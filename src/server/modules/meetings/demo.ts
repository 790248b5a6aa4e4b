// Demo meetings loaded on the first demo start: the city People's Committee's coming regular session,
// a thematic meeting of Phường Thủ Dầu Một, and a past session with its full record and tasks.
import { eq } from 'drizzle-orm';
import type { ExpectedOutcome, ItemOutcome, ParticipantRole } from '../../../contracts/meetings.ts';
import type { Tx } from '../../platform/db/client.ts';
import { findUserByIdentifier, getAgencyByCode, listAgencies } from '../identity/index.ts';
import { seedMeetingKinds } from './seed.ts';
import {
  ballots,
  baselines,
  bridgePoints,
  conclusions,
  items,
  ledger,
  meetingKinds,
  meetings,
  participants,
  pollElectors,
  polls,
  tasks,
} from './tables.ts';
import { tally } from './rules.ts';

const DAY = 86_400_000;
const MIN = 60_000;

/** 08:00 Vietnam time on the weekday `days` from today, moved off weekends. */
function morning(days: number, now = Date.now()): Date {
  const d = new Date(Math.floor((now + 7 * 3600_000) / DAY) * DAY + days * DAY);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setTime(d.getTime() + (days < 0 ? -DAY : DAY));
  return new Date(d.getTime() + 1 * 3600_000); // 08:00 +07:00 = 01:00Z
}

type Person = { email: string; role: ParticipantRole };
type DemoItem = { title: string; unit: string; minutes: number; outcome: ExpectedOutcome };

const CITY_PEOPLE: Person[] = [
  { email: 'lanhdao.ubnd@cqs.demo', role: 'chair' },
  ...['xaydung', 'nnmt', 'tuphap', 'taichinh', 'congthuong', 'yte', 'giaoduc'].map((s) => ({
    email: `lanhdao.${s}@cqs.demo`,
    role: 'member' as const,
  })),
  { email: 'truongphong.taichinh@cqs.demo', role: 'invitee' },
  { email: 'thuky.ubnd@cqs.demo', role: 'secretary' },
];

const REGULAR_ITEMS: DemoItem[] = [
  {
    title: 'Báo cáo tình hình kinh tế - xã hội tháng và nhiệm vụ trọng tâm tháng tới',
    unit: 'Sở Tài chính',
    minutes: 40,
    outcome: 'opinion',
  },
  {
    title: 'Tờ trình dự thảo Quyết định ban hành quy định phân cấp quản lý quy hoạch xây dựng',
    unit: 'Sở Xây dựng',
    minutes: 30,
    outcome: 'decision',
  },
  {
    title: 'Tờ trình phương án phòng, chống dịch bệnh mùa mưa trên địa bàn khu vực Bình Dương cũ',
    unit: 'Sở Y tế',
    minutes: 25,
    outcome: 'decision',
  },
  {
    title: 'Báo cáo tiến độ giải ngân vốn đầu tư công',
    unit: 'Sở Tài chính',
    minutes: 20,
    outcome: 'information',
  },
];

const WARD_ITEMS: DemoItem[] = [
  {
    title: 'Phương án chỉnh trang đô thị tuyến đường Bạch Đằng ven sông Sài Gòn',
    unit: 'Phòng Kinh tế, Hạ tầng và Đô thị',
    minutes: 45,
    outcome: 'decision',
  },
  {
    title: 'Kế hoạch chuyển đổi số phường năm 2027',
    unit: 'Văn phòng HĐND và UBND phường',
    minutes: 30,
    outcome: 'decision',
  },
  {
    title: 'Tình hình giải quyết thủ tục hành chính tại Bộ phận Một cửa',
    unit: 'Bộ phận Một cửa phường',
    minutes: 20,
    outcome: 'information',
  },
];

async function people(tx: Tx, list: Person[]) {
  const out = [];
  for (const p of list) {
    const u = await findUserByIdentifier(tx, p.email);
    if (u) out.push({ userId: u.id, name: u.fullName, title: u.title, role: p.role });
  }
  return out;
}

async function insertMeeting(
  tx: Tx,
  m: typeof meetings.$inferInsert,
  who: Awaited<ReturnType<typeof people>>,
  agenda: DemoItem[],
) {
  const [meeting] = await tx.insert(meetings).values(m).returning();
  const rows = await tx
    .insert(participants)
    .values(who.map((p) => ({ ...p, meetingId: meeting!.id })))
    .returning();
  const itemRows = await tx
    .insert(items)
    .values(
      agenda.map((it, i) => ({
        meetingId: meeting!.id,
        position: i + 1,
        title: it.title,
        presentingUnit: it.unit,
        plannedMinutes: it.minutes,
        expectedOutcome: it.outcome,
      })),
    )
    .returning();
  return { meeting: meeting!, participants: rows, items: itemRows };
}

export async function seedDemoMeetings(tx: Tx): Promise<void> {
  await seedMeetingKinds(tx);
  const kinds = new Map((await tx.select().from(meetingKinds)).map((k) => [k.code, k]));
  const [existing] = await tx.select({ id: meetings.id }).from(meetings).limit(1);
  if (existing) return;
  const city = (await listAgencies(tx)).find((a) => a.agency.parentId === null)?.agency;
  const ward = (await listAgencies(tx)).find(
    (a) => a.agency.unitCode === '25747' && a.agency.kind === 'peoples_committee',
  )?.agency;
  if (!city || !ward) return;
  const secretary = await findUserByIdentifier(tx, 'thuky.ubnd@cqs.demo');
  const cityPeople = await people(tx, CITY_PEOPLE);

  // 1. The coming regular session, invitations sent six working days ahead.
  const regularStart = morning(8);
  const regular = await insertMeeting(
    tx,
    {
      kindId: kinds.get('pc_regular')!.id,
      agencyId: city.id,
      agencyPath: city.path,
      title: 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân Thành phố',
      mode: 'hybrid',
      place: 'Phòng họp số 1, Trung tâm Hành chính khu vực Bình Dương',
      startsAt: regularStart,
      plannedEndAt: new Date(regularStart.getTime() + 4 * 3600_000),
      state: 'invited',
      invitedAt: new Date(),
      leadWorkingDays: 5,
      createdBy: secretary?.id ?? null,
    },
    cityPeople,
    REGULAR_ITEMS,
  );
  await tx.insert(bridgePoints).values([
    { meetingId: regular.meeting.id, name: 'Điểm cầu Phường Thủ Dầu Một', unitCode: '25747' },
    { meetingId: regular.meeting.id, name: 'Điểm cầu Phường Dĩ An', unitCode: null },
  ]);
  await tx.insert(ledger).values([
    { meetingId: regular.meeting.id, kind: 'meeting.created', data: { kind: 'pc_regular', demo: true } },
    {
      meetingId: regular.meeting.id,
      kind: 'meeting.invited',
      data: { leadWorkingDays: 5, tooShort: false, demo: true },
    },
  ]);

  // 2. The ward's thematic meeting, called at two days' notice: the short lead time is flagged.
  const wardPeople = await people(tx, [
    { email: 'lanhdao.thudaumot@cqs.demo', role: 'chair' },
    { email: 'truongphong.thudaumot@cqs.demo', role: 'member' },
    { email: 'chuyenvien.thudaumot@cqs.demo', role: 'member' },
    { email: 'motcua.thudaumot@cqs.demo', role: 'invitee' },
    { email: 'thuky.thudaumot@cqs.demo', role: 'secretary' },
  ]);
  const wardStart = morning(2);
  const thematic = await insertMeeting(
    tx,
    {
      kindId: kinds.get('pc_thematic')!.id,
      agencyId: ward.id,
      agencyPath: ward.path,
      title: 'Họp chuyên đề về chỉnh trang đô thị và chuyển đổi số Phường Thủ Dầu Một',
      mode: 'in_person',
      place: 'Hội trường UBND Phường Thủ Dầu Một',
      startsAt: wardStart,
      plannedEndAt: new Date(wardStart.getTime() + 3 * 3600_000),
      state: 'invited',
      invitedAt: new Date(),
      leadWorkingDays: 1,
      leadTooShort: true,
    },
    wardPeople,
    WARD_ITEMS,
  );
  await tx.insert(ledger).values([
    { meetingId: thematic.meeting.id, kind: 'meeting.created', data: { kind: 'pc_thematic', demo: true } },
    {
      meetingId: thematic.meeting.id,
      kind: 'meeting.invited',
      data: { leadWorkingDays: 1, tooShort: true, demo: true },
    },
  ]);

  // 0. The baseline: the city's regular sessions of 2018–2019, before the paperless system, as the
  // Office's register recorded them (illustrative figures), so the report compares on first start.
  const register: [string, string, string, number, number, number][] = [
    ['2018-10-26', '07:30', '12:10', 9, 21, 3150],
    ['2018-11-30', '07:30', '11:55', 8, 20, 2880],
    ['2018-12-28', '07:30', '12:40', 11, 22, 3960],
    ['2019-01-25', '07:30', '11:40', 7, 19, 2310],
    ['2019-02-22', '07:30', '12:05', 9, 21, 3240],
    ['2019-03-29', '07:30', '12:20', 10, 22, 3520],
  ];
  const importId = '00000000-0000-4000-8000-00000000b001';
  await tx.insert(baselines).values(
    register.map(([date, from, to, n, people, pages], i) => ({
      kindId: kinds.get('pc_regular')!.id,
      agencyId: city.id,
      agencyPath: city.path,
      startedAt: new Date(`${date}T${from}:00+07:00`),
      endedAt: new Date(`${date}T${to}:00+07:00`),
      items: n,
      attendees: people,
      pagesPrinted: pages,
      source: 'Sổ theo dõi phiên họp UBND Thành phố 2018–2019 (số liệu minh họa)',
      line: i + 2,
      importId,
      importedBy: secretary?.id ?? null,
    })),
  );

  // 3. Last month's regular session, with its record, a named vote, conclusions and tasks.
  const start = morning(-24);
  const past = await insertMeeting(
    tx,
    {
      kindId: kinds.get('pc_regular')!.id,
      agencyId: city.id,
      agencyPath: city.path,
      title: 'Phiên họp thường kỳ tháng 11 năm 2026 của Ủy ban nhân dân Thành phố',
      mode: 'in_person',
      place: 'Phòng họp số 1, Trung tâm Hành chính khu vực Bình Dương',
      startsAt: start,
      plannedEndAt: new Date(start.getTime() + 4 * 3600_000),
      state: 'ended',
      invitedAt: new Date(start.getTime() - 7 * DAY),
      leadWorkingDays: 4,
      startedAt: new Date(start.getTime() + 5 * MIN),
      endedAt: new Date(start.getTime() + 155 * MIN),
      noticeNumber: '412/TB-UBND',
      noticeIssuedAt: new Date(start.getTime() + 3 * DAY),
    },
    cityPeople,
    REGULAR_ITEMS.slice(0, 3),
  );
  const id = past.meeting.id;
  const at = (minutes: number) => new Date(start.getTime() + minutes * MIN);
  const attending = past.participants.filter((p) => p.role !== 'invitee').slice(0, 7);
  await tx
    .update(participants)
    .set({ reply: 'attend', attendMode: 'in_person', checkedInAt: at(0), checkedOutAt: at(155) })
    .where(eq(participants.meetingId, id));
  const rec: (typeof ledger.$inferInsert)[] = [
    {
      meetingId: id,
      at: new Date(start.getTime() - 8 * DAY),
      kind: 'meeting.created',
      data: { kind: 'pc_regular' },
    },
    {
      meetingId: id,
      at: new Date(start.getTime() - 7 * DAY),
      kind: 'meeting.invited',
      data: { leadWorkingDays: 4, tooShort: false },
    },
    ...past.items.map((it) => ({
      meetingId: id,
      at: new Date(start.getTime() - 6 * DAY),
      kind: 'document.published',
      itemId: it.id,
      data: { pages: 12 + it.position * 7, recipients: 9, electronicRecipients: 9, classified: false },
    })),
    {
      meetingId: id,
      at: new Date(start.getTime() - 6 * DAY),
      kind: 'paper.exception',
      data: { reason: 'classified', copies: 9, pages: 6 },
    },
    ...attending.map((p) => ({
      meetingId: id,
      at: at(0),
      kind: 'check_in',
      participantId: p.id,
      data: { mode: 'in_person' },
    })),
    { meetingId: id, at: at(5), kind: 'meeting.started', data: {} },
  ];
  // Discussed for 45, 28 and 33 minutes against 40, 30 and 25; a 15-minute break after the first.
  const spans = [
    [10, 55],
    [70, 98],
    [100, 133],
  ] as const;
  const outcomes: ItemOutcome[] = ['approved', 'approved_with_changes', 'approved'];
  for (const [i, it] of past.items.entries()) {
    const [a, b] = spans[i]!;
    rec.push({
      meetingId: id,
      at: at(a),
      kind: 'item.opened',
      itemId: it.id,
      data: { plannedMinutes: it.plannedMinutes },
    });
    const speaker = attending[(i + 1) % attending.length]!;
    rec.push(
      {
        meetingId: id,
        at: at(a + 12),
        kind: 'speech.requested',
        itemId: it.id,
        participantId: speaker.id,
        data: { speechId: `${it.id}-1` },
      },
      {
        meetingId: id,
        at: at(a + 14),
        kind: 'speech.begun',
        itemId: it.id,
        participantId: speaker.id,
        data: { speechId: `${it.id}-1` },
      },
      {
        meetingId: id,
        at: at(a + 19),
        kind: 'speech.ended',
        itemId: it.id,
        participantId: speaker.id,
        data: { speechId: `${it.id}-1` },
      },
      {
        meetingId: id,
        at: at(b),
        kind: 'item.closed',
        itemId: it.id,
        data: { outcome: outcomes[i], usedSeconds: (b - a) * 60 },
      },
    );
    if (i === 0)
      rec.push(
        { meetingId: id, at: at(55), kind: 'meeting.paused' },
        { meetingId: id, at: at(70), kind: 'meeting.resumed' },
      );
    await tx
      .update(items)
      .set({
        state: 'closed',
        openedAt: at(a),
        closedAt: at(b),
        usedSeconds: (b - a) * 60,
        outcome: outcomes[i]!,
      })
      .where(eq(items.id, it.id));
  }
  // A named vote on the second content: 6 agree, 1 abstain of 8 members.
  const members = past.participants.filter((p) => p.role === 'chair' || p.role === 'member');
  const voters = attending.filter((p) => p.role === 'chair' || p.role === 'member');
  const rules = kinds.get('pc_regular')!.rules;
  const choices = voters.map((_, i) => (i === voters.length - 1 ? ('abstain' as const) : ('agree' as const)));
  const result = tally(
    rules,
    { members: members.length, present: voters.length, electorate: voters.length },
    {
      agree: choices.filter((c) => c === 'agree').length,
      disagree: 0,
      abstain: choices.filter((c) => c === 'abstain').length,
    },
  );
  const [poll] = await tx
    .insert(polls)
    .values({
      meetingId: id,
      itemId: past.items[1]!.id,
      question: 'Thông qua dự thảo Quyết định ban hành quy định phân cấp quản lý quy hoạch xây dựng',
      secret: false,
      rules,
      state: 'closed',
      openedAt: at(92),
      closedAt: at(95),
      members: members.length,
      present: voters.length,
      electorate: voters.length,
      result,
    })
    .returning();
  await tx
    .insert(pollElectors)
    .values(voters.map((p) => ({ pollId: poll!.id, participantId: p.id, userId: p.userId!, voted: true })));
  await tx
    .insert(ballots)
    .values(
      voters.map((p, i) => ({ pollId: poll!.id, participantId: p.id, choice: choices[i]!, castAt: at(93) })),
    );
  rec.push(
    {
      meetingId: id,
      at: at(92),
      kind: 'poll.opened',
      itemId: past.items[1]!.id,
      data: { pollId: poll!.id, secret: false },
    },
    {
      meetingId: id,
      at: at(95),
      kind: 'poll.closed',
      itemId: past.items[1]!.id,
      data: { pollId: poll!.id, ...result },
    },
    ...attending.map((p) => ({ meetingId: id, at: at(155), kind: 'check_out', participantId: p.id })),
    { meetingId: id, at: at(155), kind: 'meeting.ended' },
  );
  // Conclusions and tasks: some done, some overdue.
  const finance = await getAgencyByCode(tx, '000.00.24.H29');
  const construction = await getAgencyByCode(tx, '000.00.21.H29');
  const health = await getAgencyByCode(tx, '000.00.26.H29');
  const texts = [
    'Giao Sở Tài chính tổng hợp ý kiến thành viên, hoàn chỉnh báo cáo trình Thành ủy.',
    'Thống nhất ban hành; Sở Xây dựng tiếp thu ý kiến về thẩm quyền cấp phường.',
    'Thống nhất phương án; Sở Y tế chủ trì triển khai trước mùa mưa.',
  ];
  const taskPlan = [
    {
      agency: finance,
      title: 'Hoàn chỉnh báo cáo kinh tế - xã hội tháng 11 trình Thành ủy',
      dueDays: -17,
      done: true,
    },
    {
      agency: construction,
      title: 'Trình ký Quyết định phân cấp quản lý quy hoạch xây dựng',
      dueDays: -5,
      done: false,
    },
    {
      agency: health,
      title: 'Triển khai phương án phòng, chống dịch bệnh mùa mưa tại các phường',
      dueDays: 10,
      done: false,
    },
  ];
  for (const [i, it] of past.items.entries()) {
    const [c] = await tx
      .insert(conclusions)
      .values({
        meetingId: id,
        itemId: it.id,
        outcome: outcomes[i]!,
        text: texts[i]!,
        decidedAt: at(spans[i]![1]),
      })
      .returning();
    const plan = taskPlan[i]!;
    if (!plan.agency) continue;
    const dueAt = new Date(morning(plan.dueDays).getTime() + 9 * 3600_000); // 17:00 local
    const [t] = await tx
      .insert(tasks)
      .values({
        meetingId: id,
        conclusionId: c!.id,
        title: plan.title,
        responsibleAgencyId: plan.agency.id,
        responsibleAgencyPath: plan.agency.path,
        responsibleName: plan.agency.name,
        workingDays: 10,
        dueAt,
        state: plan.done ? 'done' : 'open',
        doneAt: plan.done ? new Date(dueAt.getTime() - 2 * DAY) : null,
        evidence: plan.done ? 'Báo cáo số 1187/BC-STC đã gửi Thành ủy.' : null,
        createdAt: at(spans[i]![1]),
      })
      .returning();
    rec.push(
      {
        meetingId: id,
        at: at(spans[i]![1]),
        kind: 'conclusion.recorded',
        itemId: it.id,
        data: { outcome: outcomes[i] },
      },
      { meetingId: id, at: at(spans[i]![1]), kind: 'task.created', itemId: it.id, data: { taskId: t!.id } },
    );
  }
  rec.push({
    meetingId: id,
    at: new Date(start.getTime() + 3 * DAY),
    kind: 'notice.issued',
    data: { noticeNumber: '412/TB-UBND' },
  });
  await tx.insert(ledger).values(rec);
}
