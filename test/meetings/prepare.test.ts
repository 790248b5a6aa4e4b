// The secretariat prepares a meeting (issue 12, item 1) through the HTTP API on the demo data: a template
// per kind with the standing participants of the agency's latest meeting, a recurring series (RRULE)
// created at once, refused rules that change nothing, and invitations sent to the first meeting.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../helpers/agents.ts';
import { type MeetingsBed, meetingsBed, OFFICIALS } from './fixture.ts';

const { secretary, chair, m1, m2 } = OFFICIALS;
let bed: MeetingsBed<'secretary' | 'chair' | 'm1' | 'm2'>;
beforeAll(async () => {
  bed = await meetingsBed({ secretary, chair, m1, m2 });
}, 120_000);
afterAll(() => bed?.close());

const VN = 7 * 3_600_000;
const DAY = 86_400_000;
/** The local (UTC+7) parts of an instant. */
const local = (iso: string) => {
  const d = new Date(Date.parse(iso) + VN);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth(),
    day: d.getUTCDate(),
    wd: d.getUTCDay(),
    hm: iso.slice(11, 16),
  };
};
/** 08:00 local, `days` calendar days ahead, moved to the last `weekday` of its month. */
function lastWeekdayAhead(days: number, weekday: number): Date {
  const d = new Date(Date.now() + VN + days * DAY);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(last.getUTCFullYear(), last.getUTCMonth(), last.getUTCDate() - back, 8) - VN);
}

interface Draft {
  agencies: { id: string; name: string }[];
  agencyId: string;
  kinds: { code: string }[];
  kindCode: string;
  template: {
    title: string;
    mode: string;
    startTime: string;
    durationMinutes: number;
    repeat: string | null;
    items: { title: string; presentingUnit: string; plannedMinutes: number; expectedOutcome: string }[];
  };
  from: { id: string; title: string } | null;
  participants: { userId: string; name: string; role: string }[];
}

describe('templates per kind', () => {
  it('gives the secretariat the kind template and the standing participants of its latest meeting', async () => {
    const res = await bed.as.secretary.get('/api/meetings/draft?kindCode=pc_regular');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Draft;
    expect(d.agencyId).toBe(bed.ids.root);
    expect(d.kinds.map((k) => k.code).sort()).toEqual([
      'council_session',
      'pc_regular',
      'pc_thematic',
      'working',
    ]);
    expect(d.template.repeat).toBe('monthly_weekday');
    expect(d.template.items.length).toBeGreaterThanOrEqual(3);
    expect(d.template.items.every((i) => i.presentingUnit && i.plannedMinutes > 0)).toBe(true);
    // The demo's coming regular session of the city is the latest of the kind.
    expect(d.from?.title).toMatch(/^Phiên họp thường kỳ tháng 12/);
    expect(d.participants.filter((p) => p.role === 'chair').map((p) => p.userId)).toEqual([bed.ids.chair]);
    expect(d.participants.map((p) => p.userId)).toContain(bed.ids.m1);
    expect(d.participants.map((p) => p.role)).not.toContain('substitute');
  });

  it('each kind has its own template; an unknown kind is refused by name', async () => {
    const working = (await bed.as.secretary.get('/api/meetings/draft?kindCode=working')).json() as Draft;
    expect(working.template.repeat).toBe('weekly');
    expect(working.template.startTime).toBe('14:00');
    const council = (
      await bed.as.secretary.get('/api/meetings/draft?kindCode=council_session')
    ).json() as Draft;
    expect(council.template.items.map((i) => i.expectedOutcome)).toContain('decision');
    expect(council.template.title).not.toBe(working.template.title);
    const bad = expectError(
      await bed.as.secretary.get('/api/meetings/draft?kindCode=nope'),
      400,
      'validation',
    );
    expect(bad.fields?.map((f) => f.field)).toEqual(['query.kindCode']);
  });

  it('is the secretariat’s: a member who organises nothing is refused', async () => {
    expectError(await bed.as.m1.get('/api/meetings/draft'), 403, 'forbidden');
  });

  it('the stored template is data: an administrator’s change is what the secretariat gets', async () => {
    await bed.t.platform.deps.db.execute(
      sql`update mtg_kinds set template = jsonb_set(template, '{title}', '"Họp giao ban thứ Hai"') where code = 'working'`,
    );
    const d = (await bed.as.secretary.get('/api/meetings/draft?kindCode=working')).json() as Draft;
    expect(d.template.title).toBe('Họp giao ban thứ Hai');
  });
});

describe('a recurring regular session', () => {
  const count = async () =>
    (await bed.rows<{ n: number }>(sql`select count(*)::int as n from mtg_meetings`))[0]!.n;

  it('creates every meeting of the series at once, on the rule’s days, each audited and in the ledger', async () => {
    const draft = (await bed.as.secretary.get('/api/meetings/draft?kindCode=pc_regular')).json() as Draft;
    const first = lastWeekdayAhead(20, 5); // the last Friday of a coming month, 08:00
    const res = await bed.as.secretary.post('/api/meetings', {
      kindCode: 'pc_regular',
      agencyId: draft.agencyId,
      title: 'Phiên họp thường kỳ (chuỗi kiểm thử)',
      mode: draft.template.mode,
      place: 'Phòng họp số 1',
      startsAt: first.toISOString(),
      plannedEndAt: new Date(first.getTime() + draft.template.durationMinutes * 60_000).toISOString(),
      participants: draft.participants
        .filter((p) => p.role !== 'invitee')
        .map((p) => ({ userId: p.userId, role: p.role })),
      items: draft.template.items,
      repeat: { every: 'monthly_weekday', count: 3 },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { id, series } = res.json() as { id: string; series: string[] };
    expect(series).toHaveLength(3);
    expect(series[0]).toBe(id);
    const rows = await bed.rows<{
      id: string;
      starts_at: string;
      planned_end_at: string;
      series_id: string;
      rrule: string;
    }>(
      sql`select id, starts_at::text, planned_end_at::text, series_id, rrule from mtg_meetings
          where id = any(${`{${series.join(',')}}`}::uuid[]) order by starts_at`,
    );
    expect(rows.map((r) => r.id)).toEqual(series);
    expect(new Set(rows.map((r) => r.series_id))).toEqual(new Set([id]));
    expect(rows[0]!.rrule).toBe('FREQ=MONTHLY;COUNT=3;BYDAY=-1FR');
    const starts = (await Promise.all(series.map((s) => bed.as.secretary.get(`/api/meetings/${s}`))))
      .map((r) => r.json().meeting as { startsAt: string; plannedEndAt: string; seriesId: string })
      .map((m) => {
        expect(m.seriesId).toBe(id);
        expect(Date.parse(m.plannedEndAt) - Date.parse(m.startsAt)).toBe(
          draft.template.durationMinutes * 60_000,
        );
        return local(m.startsAt);
      });
    for (const [i, s] of starts.entries()) {
      expect(s.wd).toBe(5); // a Friday
      expect(s.day + 7).toBeGreaterThan(new Date(Date.UTC(s.y, s.m + 1, 0)).getUTCDate()); // the last one
      expect(s.hm).toBe('01:00'); // 08:00 in Vietnam
      if (i) expect(s.y * 12 + s.m - (starts[i - 1]!.y * 12 + starts[i - 1]!.m)).toBe(1);
    }
    const perMeeting = await bed.rows<{ meeting_id: string; items: number; people: number }>(
      sql`select m.id as meeting_id,
            (select count(*)::int from mtg_items i where i.meeting_id = m.id) as items,
            (select count(*)::int from mtg_participants p where p.meeting_id = m.id) as people
          from mtg_meetings m where m.series_id = ${id}`,
    );
    const standing = draft.participants.filter((p) => p.role !== 'invitee').length;
    for (const m of perMeeting) {
      expect(m.people).toBe(standing);
      expect(m.items).toBeGreaterThanOrEqual(draft.template.items.length);
    }
    // The demo's overdue tasks come back on the first meeting only.
    const carried = perMeeting.map((m) => m.items - draft.template.items.length);
    expect(carried.filter((n) => n > 0)).toHaveLength(1);
    const audits = await bed.rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where action = 'meeting.create'
          and target_id = any(${`{${series.join(',')}}`}::text[])`,
    );
    expect(audits[0]!.n).toBe(3);
    const ledger = await bed.rows<{ occurrence: number }>(
      sql`select (data->>'occurrence')::int as occurrence from mtg_ledger
          where kind = 'meeting.created' and data->>'seriesId' = ${id} order by 1`,
    );
    expect(ledger.map((l) => l.occurrence)).toEqual([1, 2, 3]);

    // Invitations go to the first meeting of the series.
    const sent = await bed.as.secretary.post(`/api/meetings/${id}/invitations`, {});
    expect(sent.statusCode, sent.body).toBe(200);
    expect((await bed.as.m1.get(`/api/meetings/${id}`)).json().meeting.state).toBe('invited');
    expect((await bed.as.m1.get(`/api/meetings/${series[1]}`)).json().meeting.state).toBe('draft');
  });

  it.each([
    ['an RRULE outside the subset', { rrule: 'FREQ=DAILY;COUNT=3' }, 'body.rrule', /lặp lại không hợp lệ/],
    [
      'a first day that is not the rule’s',
      { rrule: 'FREQ=MONTHLY;COUNT=3;BYDAY=1MO' },
      'body.rrule',
      /không đúng quy tắc/,
    ],
    ['more than 24 meetings', { repeat: { every: 'weekly', count: 30 } }, 'body.repeat.count', /./],
    [
      'both a choice and an RRULE',
      { repeat: { every: 'weekly', count: 3 }, rrule: 'FREQ=WEEKLY;COUNT=3' },
      'body.rrule',
      /lặp lại không hợp lệ/,
    ],
  ])('refuses %s by name and creates nothing', async (_, extra, field, message) => {
    const before = await count();
    const first = lastWeekdayAhead(20, 5);
    const res = await bed.as.secretary.post('/api/meetings', {
      kindCode: 'working',
      agencyId: bed.ids.root,
      title: 'Họp giao ban (không hợp lệ)',
      mode: 'in_person',
      startsAt: first.toISOString(),
      plannedEndAt: new Date(first.getTime() + 3_600_000).toISOString(),
      participants: [{ userId: bed.ids.chair, role: 'chair' }],
      ...extra,
    });
    const e = expectError(res, 400, 'validation');
    expect(e.fields?.map((f) => f.field)).toEqual([field]);
    expect(e.fields?.[0]?.message).toMatch(message);
    expect(await count()).toBe(before);
  });
});
