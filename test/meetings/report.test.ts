// The report of the two targets (issue 12, item 8) through the HTTP API on the demo data: a baseline of
// past meetings imported from CSV with its provenance (bad files refused line by line, nothing written;
// a second import of the same file adds nothing), the report per kind and period measured from each
// meeting's own ledger against it, and the per-meeting CSV export.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../helpers/agents.ts';
import { type MeetingsBed, meetingsBed, OFFICIALS } from './fixture.ts';

const { secretary, m1 } = OFFICIALS;
let bed: MeetingsBed<'secretary' | 'm1'>;
beforeAll(async () => {
  bed = await meetingsBed({ secretary, m1 });
}, 120_000);
afterAll(() => bed?.close());

const SOURCE = 'Sổ theo dõi phiên họp 2017 (kiểm thử)';
const CSV = [
  'date;kind;start;end;items;attendees;pages_printed',
  '27/01/2017;pc_regular;07:30;11:30;8;20;2800',
  '24/02/2017;pc_regular;07:30;12:00;9;21;3000',
  '2017-03-31;pc_regular;07:30;11:10;7;19;2500',
  '28/04/2017;pc_regular;08:00;12:10;9;22;3100',
].join('\r\n');
const baselineCount = async () =>
  (await bed.rows<{ n: number }>(sql`select count(*)::int as n from mtg_baselines`))[0]!.n;

interface KindReport {
  kind: string;
  meetings: number;
  meanNetMinutes: number | null;
  baselineMeetings: number;
  baselineMeanMinutes: number | null;
  baselineSources: string[];
  reductionPercent: number | null;
  itemsWithinBudgetPercent: number | null;
  electronicSharePercent: number | null;
}

describe('the baseline of past meetings', () => {
  it('is imported by the secretariat from CSV, with its provenance; a second import adds nothing', async () => {
    const before = await baselineCount();
    const res = await bed.as.secretary.post('/api/meetings/baseline', {
      agencyId: bed.ids.root,
      source: SOURCE,
      csv: CSV,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, imported: 4, skipped: 0 });
    expect(await baselineCount()).toBe(before + 4);
    const rows = await bed.rows<{ line: number; minutes: number; source: string; imported_by: string }>(
      sql`select line, (extract(epoch from ended_at - started_at) / 60)::int as minutes, source, imported_by::text
          from mtg_baselines where source = ${SOURCE} order by line`,
    );
    expect(rows.map((r) => [r.line, r.minutes])).toEqual([
      [2, 240],
      [3, 270],
      [4, 220],
      [5, 250],
    ]);
    expect(new Set(rows.map((r) => r.imported_by))).toEqual(new Set([bed.ids.secretary]));
    const again = await bed.as.secretary.post('/api/meetings/baseline', {
      agencyId: bed.ids.root,
      source: SOURCE,
      csv: CSV,
    });
    expect(again.json()).toMatchObject({ rows: 4, imported: 0, skipped: 4 });
    expect(await baselineCount()).toBe(before + 4);
  });

  it('refuses a bad file naming each line and column, and writes nothing', async () => {
    const before = await baselineCount();
    const header = expectError(
      await bed.as.secretary.post('/api/meetings/baseline', {
        agencyId: bed.ids.root,
        source: SOURCE,
        csv: 'date,kind,start,end,items\n01/01/2016,pc_regular,07:30,11:00,5',
      }),
      400,
      'validation',
    );
    expect(header.fields?.[0]?.message).toMatch(/thiếu cột: attendees, pages_printed/);
    const cells = expectError(
      await bed.as.secretary.post('/api/meetings/baseline', {
        agencyId: bed.ids.root,
        source: SOURCE,
        csv: [
          'date,kind,start,end,items,attendees,pages_printed',
          '31/02/2016,pc_regular,07:30,11:00,5,20,100',
          '01/03/2016,họp,07:30,11:00,5,20,100',
          '05/04/2016,pc_regular,11:00,07:30,5,20,100',
          '06/05/2016,pc_regular,07:30,11:00,5,20,100',
        ].join('\n'),
      }),
      400,
      'validation',
    );
    expect(cells.fields?.map((f) => f.message)).toEqual([
      'Dòng 2, cột date: giá trị «31/02/2016» không hợp lệ.',
      'Dòng 3, cột kind: giá trị «họp» không hợp lệ.',
      'Dòng 4, cột end: giá trị «07:30» không hợp lệ.',
    ]);
    expect(await baselineCount()).toBe(before);
  });

  it('is the secretariat’s: a member is refused the import and the report', async () => {
    expectError(
      await bed.as.m1.post('/api/meetings/baseline', { agencyId: bed.ids.root, source: SOURCE, csv: CSV }),
      403,
      'forbidden',
    );
    expectError(await bed.as.m1.get('/api/meetings/report'), 403, 'forbidden');
  });
});

describe('the report', () => {
  it('measures the held meetings from their own ledger against the baseline, per kind', async () => {
    const res = await bed.as.secretary.get('/api/meetings/report?kindCode=pc_regular');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as {
      kinds: KindReport[];
      meetings: { id: string; title: string; netMinutes: number }[];
    };
    expect(report.kinds.map((k) => k.kind)).toEqual(['pc_regular']);
    const [k] = report.kinds as [KindReport];
    // The demo's last month's session is the one regular session held.
    expect(report.meetings.map((m) => m.title)).toEqual([
      expect.stringMatching(/^Phiên họp thường kỳ tháng 11/),
    ]);
    const held = report.meetings[0]!;
    const figures = (await bed.as.secretary.get(`/api/meetings/${held.id}/figures`)).json() as {
      netSeconds: number;
    };
    expect(held.netMinutes).toBe(Math.round(figures.netSeconds / 6) / 10);
    expect(k.meetings).toBe(1);
    expect(k.meanNetMinutes).toBe(held.netMinutes);
    const [base] = await bed.rows<{ n: number; mean: number }>(
      sql`select count(*)::int as n, avg(extract(epoch from ended_at - started_at) / 60)::float8 as mean
          from mtg_baselines b join mtg_kinds k on k.id = b.kind_id where k.code = 'pc_regular'`,
    );
    expect(k.baselineMeetings).toBe(base!.n);
    expect(k.baselineSources).toContain(SOURCE);
    expect(k.reductionPercent).toBeCloseTo(100 * (1 - held.netMinutes / base!.mean), 0);
    expect(k.reductionPercent!).toBeGreaterThan(0);
    expect(k.itemsWithinBudgetPercent).not.toBeNull();
  });

  it('per period: a period with no meeting held has no figures, the baseline stays', async () => {
    const day = new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const report = (await bed.as.secretary.get(`/api/meetings/report?from=${day}&to=${day}`)).json() as {
      kinds: KindReport[];
      meetings: unknown[];
    };
    expect(report.meetings).toEqual([]);
    const regular = report.kinds.find((k) => k.kind === 'pc_regular')!;
    expect(regular).toMatchObject({ meetings: 0, meanNetMinutes: null, reductionPercent: null });
    expect(regular.baselineMeetings).toBeGreaterThan(0);
    expectError(await bed.as.secretary.get('/api/meetings/report?kindCode=nope'), 400, 'validation');
    expectError(await bed.as.secretary.get('/api/meetings/report?from=31-12-2026'), 400, 'validation');
  });

  it('exports the per-meeting rows as CSV', async () => {
    const res = await bed.as.secretary.get('/api/meetings/report.csv?kindCode=pc_regular');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^date,kind,title,netMinutes,/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},pc_regular,Phiên họp thường kỳ tháng 11/);
  });
});
