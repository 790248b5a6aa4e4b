// The indicator formulas on hand-built histories with known answers.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../platform/calendar/index.ts';
import { classifyDossier, type DossierHistory, monthOf, type ProcedureFacts } from './classify.ts';
import { indicatorsOf, scoreOf, sumCounts, emptyCounts } from './queries.ts';
import { DEFAULT_STATS_SETTINGS } from './settings.ts';

const cal = createWorkingCalendar();
const vn = (s: string) => new Date(`${s.replace(' ', 'T')}:00+07:00`);

const PROCEDURE: ProcedureFacts = {
  timeLimit: { default: { value: 15, unit: 'working_days' } },
  serviceLevel: 'full',
  result: { type: 'electronic', name: 'Giấy phép' },
  fees: [{ code: 'le_phi', name: 'Lệ phí', kind: 'charge', amount: 75_000 }],
  sectorCode: 'XD',
};
const NO_LIMIT: ProcedureFacts = { ...PROCEDURE, timeLimit: { default: { value: 0, unit: 'none' } } };

/** Accepted Mon 2 Mar 2026 08:00, due Fri 20 Mar 17:00 unless a case says otherwise. */
const history = (over: Partial<DossierHistory>): DossierHistory => ({
  id: '00000000-0000-4000-8000-000000000001',
  code: '000.00.21.H29-260302-0001',
  status: 10,
  channel: 'online',
  procedureId: 'p',
  agencyId: 'a',
  agencyPath: '/r/a/',
  submittedAt: vn('2026-03-01 20:00'),
  acceptedAt: vn('2026-03-02 08:00'),
  dueAt: vn('2026-03-20 17:00'),
  finishedAt: vn('2026-03-18 10:00'),
  returnedAt: vn('2026-03-19 09:00'),
  closedAt: vn('2026-03-19 09:00'),
  supplementCount: 0,
  serviceLevel: null,
  result: { type: 'electronic', fileId: 'f' },
  pauses: [],
  componentFiles: 2,
  paidOnline: false,
  synced: false,
  rating: null,
  ...over,
});
const classify = (over: Partial<DossierHistory>, p = PROCEDURE) =>
  classifyDossier(cal, history(over), p, DEFAULT_STATS_SETTINGS);

describe('timeliness of a finished dossier', () => {
  it('finished two days before the due day is early', () => {
    expect(classify({}).timeliness).toBe('early');
  });
  it('result ready on the due date at 16:59 is on time, at 17:01 late', () => {
    expect(classify({ finishedAt: vn('2026-03-20 16:59') }).timeliness).toBe('on_time');
    expect(classify({ finishedAt: vn('2026-03-20 17:01') }).timeliness).toBe('late');
  });
  it('the time of status 9 counts, not the hand-over: ready 16:59, handed over 17:01 or days later is on time', () => {
    const f = classify({ finishedAt: vn('2026-03-20 16:59'), returnedAt: vn('2026-03-20 17:01') });
    expect(f.timeliness).toBe('on_time');
    expect(
      classify({ finishedAt: vn('2026-03-20 16:59'), returnedAt: vn('2026-03-25 09:00') }).timeliness,
    ).toBe('on_time');
  });
  it('without a status-9 time, the hand-over time counts: 17:01 on the due date is late', () => {
    expect(classify({ finishedAt: null, returnedAt: vn('2026-03-20 17:01') }).timeliness).toBe('late');
    expect(classify({ finishedAt: null, returnedAt: vn('2026-03-20 16:59') }).timeliness).toBe('on_time');
  });
  it('one supplement: the recorded due date already moved by the pause, so finishing after the original date is on time', () => {
    // Paused Tue 10 Mar 08:00 – Fri 13 Mar 08:00 (3 working days): due moved from 20 Mar to 25 Mar.
    const f = classify({
      supplementCount: 1,
      dueAt: vn('2026-03-25 17:00'),
      finishedAt: vn('2026-03-24 15:00'),
      pauses: [{ from: vn('2026-03-10 08:00'), to: vn('2026-03-13 08:00'), reason: 'supplement' }],
    });
    expect(f.timeliness).toBe('early');
    expect(f.multiSupplement).toBe(false);
  });
  it('two supplement requests make it late whatever the clock says', () => {
    const f = classify({ supplementCount: 2, finishedAt: vn('2026-03-05 09:00') });
    expect(f.timeliness).toBe('late');
    expect(f.multiSupplement).toBe(true);
  });
});

describe('a dossier without a due date', () => {
  it('is compared with the procedure limit recomputed from its pauses', () => {
    // 15 working days from Mon 2 Mar 08:00 plus the 3 paused working days.
    const pauses = [
      { from: vn('2026-03-10 08:00'), to: vn('2026-03-13 08:00'), reason: 'supplement' as const },
    ];
    const f = classify({ dueAt: null, pauses, finishedAt: vn('2026-03-24 16:00') });
    expect(f.dueAt!.getTime()).toBeGreaterThan(vn('2026-03-24 16:00').getTime());
    expect(f.timeliness).not.toBe('late');
    const unpaused = classify({ dueAt: null, pauses: [], finishedAt: vn('2026-03-24 16:00') });
    expect(unpaused.timeliness).toBe('late');
  });
  it('with a procedure without a limit, is compared with the legal maximum (30 working days)', () => {
    // 30 working days from Mon 2 Mar 2026: Fri 10 Apr is day 30 (no holiday in between but 30 Apr is later).
    const f = classify({ dueAt: null, finishedAt: vn('2026-04-09 10:00') }, NO_LIMIT);
    expect(f.dueAt).not.toBeNull();
    expect(monthOf(f.dueAt!)).toBe(202604);
    expect(f.timeliness).toBe('early');
    expect(classify({ dueAt: null, finishedAt: vn('2026-04-20 10:00') }, NO_LIMIT).timeliness).toBe('late');
  });
});

describe('withdrawals, stops, refusals', () => {
  it('withdrawn after acceptance is received and ended, late only when past the due date', () => {
    const before = classify({ status: 7, finishedAt: null, closedAt: vn('2026-03-10 09:00') });
    expect([before.grp, before.timeliness]).toEqual(['withdrawn', 'early']);
    const after = classify({ status: 7, finishedAt: null, closedAt: vn('2026-03-23 09:00') });
    expect([after.grp, after.timeliness]).toEqual(['withdrawn', 'late']);
  });
  it('withdrawn before acceptance is cancelled: never received, no timeliness', () => {
    const f = classify({
      status: 7,
      acceptedAt: null,
      dueAt: null,
      finishedAt: null,
      closedAt: vn('2026-03-02 09:00'),
    });
    expect([f.grp, f.timeliness, f.onlineEligible, f.feeBearing]).toEqual(['cancelled', '', false, false]);
    expect(f.recvMonth).toBe(202603);
  });
  it('a stopped dossier ends; status 3 after a supplement expired is refused, not received', () => {
    expect(classify({ status: 8, finishedAt: null, closedAt: vn('2026-03-12 10:00') }).grp).toBe('stopped');
    const refused = classify({ status: 3, finishedAt: null, closedAt: vn('2026-04-20 10:00') });
    expect([refused.grp, refused.endMonth]).toEqual(['refused', 202604]);
  });
  it('a paused dossier has no due date (its clock is stopped) and is open', () => {
    const f = classify({
      status: 5,
      dueAt: null,
      finishedAt: null,
      returnedAt: null,
      closedAt: null,
      pauses: [{ from: vn('2026-03-10 08:00'), to: null, reason: 'supplement' }],
    });
    expect([f.grp, f.dueAt, f.endMonth, f.dueMonth]).toEqual(['paused', null, 999912, 0]);
  });
});

describe('online, electronic result, payment, months', () => {
  it('an online dossier of a full-service procedure counts as fully online only with its electronic result', () => {
    expect(classify({}).onlineFull).toBe(true);
    const noFile = classify({ result: { type: 'electronic' } });
    expect([noFile.onlineEligible, noFile.onlineFull, noFile.eResultDue, noFile.eResult]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(classify({ channel: 'counter' }).onlineFull).toBe(false);
    expect(classify({ status: 4, finishedAt: null, returnedAt: null, closedAt: null }).onlineFull).toBe(true);
  });
  it('eligibility follows the service level of the receiving unit, not the procedure-wide one (issue 11 item 15)', () => {
    expect(classify({ serviceLevel: 'partial' }).onlineEligible).toBe(false);
    expect(classify({ serviceLevel: 'full' }, { ...PROCEDURE, serviceLevel: 'partial' }).onlineEligible).toBe(
      true,
    );
    expect(classify({ serviceLevel: null }, { ...PROCEDURE, serviceLevel: 'partial' }).onlineEligible).toBe(
      false,
    );
  });
  it('paid online counts among fee-bearing dossiers', () => {
    expect([classify({ paidOnline: true }).feeBearing, classify({ paidOnline: true }).paidOnline]).toEqual([
      true,
      true,
    ]);
    const free = classify({ paidOnline: true }, { ...PROCEDURE, fees: [] });
    expect([free.feeBearing, free.paidOnline]).toEqual([false, false]);
  });
  it('months are local: 23:30 on 31 March (UTC+7) belongs to March', () => {
    expect(monthOf(vn('2026-03-31 23:30'))).toBe(202603);
    expect(monthOf(vn('2026-04-01 00:30'))).toBe(202604);
  });
  it('processing time is from acceptance to the result being ready', () => {
    expect(classify({}).processingMinutes).toBe((16 * 24 + 2) * 60);
  });
});

describe('indicators and points', () => {
  it('progress, late and satisfaction rates and points from counts', () => {
    const c = {
      ...emptyCounts(),
      receivedNew: 8,
      carriedOver: 2,
      early: 3,
      onTime: 2,
      late: 1,
      endedOk: 1,
      endedLate: 0,
      within: 2,
      over: 1,
      onlineEligible: 8,
      onlineFull: 6,
      eResultDue: 6,
      eResult: 3,
      digitised: 4,
      feeBearing: 4,
      paidOnline: 1,
    };
    const ind = indicatorsOf(c);
    expect(ind.received).toBe(10);
    expect(ind.progress).toBeCloseTo(0.8); // (3 + 2 + 1 + 2) / 10
    expect(ind.lateRate).toBeCloseTo(0.2);
    expect(ind.satisfactionRate).toBeCloseTo(0.8);
    const s = scoreOf(ind, DEFAULT_STATS_SETTINGS);
    const pts = Object.fromEntries(s.components.map((x) => [x.key, x.points]));
    expect(pts).toMatchObject({
      progress: 16,
      online: 9,
      payment_share: 1.5,
      e_result: 3,
      digitised: 2,
      satisfaction_rate: 5.33,
      sync: null,
      feedback: null,
    });
    expect(s.total).toBeCloseTo(36.83);
    expect(s.measuredMax).toBe(54);
    expect(sumCounts([c, c]).receivedNew).toBe(16);
  });
});

describe('settings from the configuration', () => {
  it('a part given replaces the default; a bad value is listed by name', async () => {
    const { parseStatsSettings } = await import('./settings.ts');
    const s = parseStatsSettings(
      '{"minVolumeForRanking": 10, "components": {"sync": {"points": 6, "measured": true}}}',
    );
    expect(s.minVolumeForRanking).toBe(10);
    expect(s.components.sync.measured).toBe(true);
    expect(s.components.progress.points).toBe(20);
    expect(() => parseStatsSettings('{"minVolumeForRanking": 0}')).toThrow(
      /STATS_SETTINGS.minVolumeForRanking/,
    );
    expect(() => parseStatsSettings('{')).toThrow(/not valid JSON/);
  });
});
