import { describe, expect, it } from 'vitest';
import { type LedgerRow, meetingFigures, reductionAgainst } from './figures.ts';

const T0 = Date.parse('2026-12-07T01:00:00Z');
const row = (minute: number, kind: string, extra: Partial<LedgerRow> = {}): LedgerRow => ({
  at: new Date(T0 + minute * 60_000),
  kind,
  itemId: null,
  participantId: null,
  data: {},
  ...extra,
});

/**
 * A synthetic session with known answers: starts at 0, ends at 120, a break 50–60 and an
 * overlapping second pause record 55–65 (deducted once: 50–65 = 15 min); item A 5–45 (40 min
 * against 30), item B 65–85 (20 against 30), item C deferred without discussion, item D settled
 * beforehand; two members, one leaving at 90; two speeches; two documents and one classified.
 */
const record: LedgerRow[] = [
  row(0, 'meeting.started'),
  row(0, 'check_in', { participantId: 'm1' }),
  row(0, 'check_in', { participantId: 'm2' }),
  row(5, 'item.opened', { itemId: 'A' }),
  row(10, 'speech.begun', { data: { speechId: 's1' } }),
  row(16, 'speech.ended', { data: { speechId: 's1' } }),
  row(45, 'item.closed', { itemId: 'A' }),
  row(50, 'meeting.paused'),
  row(55, 'meeting.paused'),
  row(60, 'meeting.resumed'),
  row(65, 'meeting.resumed'),
  row(65, 'item.opened', { itemId: 'B' }),
  row(70, 'speech.begun', { data: { speechId: 's2' } }),
  row(73, 'speech.ended', { data: { speechId: 's2' } }),
  row(85, 'item.closed', { itemId: 'B' }),
  row(86, 'item.deferred', { itemId: 'C' }),
  row(90, 'check_out', { participantId: 'm2' }),
  row(120, 'meeting.ended'),
  row(-2880, 'document.published', { data: { pages: 20, recipients: 10, electronicRecipients: 9 } }),
  row(-2880, 'document.published', { data: { pages: 5, recipients: 10, electronicRecipients: 10 } }),
  row(-2880, 'document.published', {
    data: { pages: 8, recipients: 10, electronicRecipients: 0, classified: true },
  }),
  row(-2000, 'paper.exception', { data: { copies: 10, pages: 8 } }),
  row(30, 'document.printed', { data: { copies: 1, pages: 20 } }),
];
const budgets = [
  { id: 'A', plannedMinutes: 30, settledBeforehand: false },
  { id: 'B', plannedMinutes: 30, settledBeforehand: false },
  { id: 'C', plannedMinutes: 15, settledBeforehand: false },
  { id: 'D', plannedMinutes: 10, settledBeforehand: true },
];

describe('meeting figures from the ledger', () => {
  const f = meetingFigures(record, budgets);

  it('net duration deducts overlapping pauses once', () => {
    expect(f.pauseSeconds).toBe(15 * 60);
    expect(f.netSeconds).toBe((120 - 15) * 60);
  });

  it('time per content against its budget', () => {
    expect(f.items).toEqual([
      { id: 'A', seconds: 40 * 60, overrunSeconds: 10 * 60 },
      { id: 'B', seconds: 20 * 60, overrunSeconds: -10 * 60 },
    ]);
    expect(f.itemsDiscussed).toBe(2);
    expect(f.itemsWithinBudget).toBe(1);
    expect(f.itemsSettledBeforehand).toBe(1);
  });

  it('member time within the net meeting, speeches', () => {
    // m1: 0–120 minus 15 = 105; m2: 0–90 minus 15 = 75.
    expect(f.memberSeconds).toBe((105 + 75) * 60);
    expect(f.speeches).toBe(2);
    expect(f.speakingSeconds).toBe(9 * 60);
  });

  it('paper: electronic share over non-classified documents, paper pages a lower bound', () => {
    expect(f.electronicPageDeliveries).toBe(20 * 9 + 5 * 10);
    expect(f.allPageDeliveries).toBe(20 * 10 + 5 * 10);
    expect(f.paperPages).toBe(80 + 20);
    expect(f.pagesAvoided).toBe(230 - 100);
  });

  it('a meeting not yet started has no duration', () => {
    expect(meetingFigures([row(0, 'meeting.created')], []).netSeconds).toBe(0);
  });
});

describe('reduction against a baseline', () => {
  it('a known 30 % reduction, with an interval around it', () => {
    const r = reductionAgainst([140, 126, 154], [200, 180, 220])!;
    expect(r.reduction).toBeCloseTo(0.3, 10);
    expect(r.low!).toBeLessThan(0.3);
    expect(r.high!).toBeGreaterThan(0.3);
    expect(r.high! - r.low!).toBeLessThan(0.3);
  });
  it('no interval from a single meeting; nothing without a baseline', () => {
    expect(reductionAgainst([100], [200])).toEqual({ reduction: 0.5, low: null, high: null });
    expect(reductionAgainst([100], [])).toBeNull();
  });
});
