import { describe, expect, it } from 'vitest';
import {
  afterUnsatisfied,
  canTransition,
  OPEN_STATUSES,
  open311Status,
  REPORT_STATUSES,
  type ReportAction,
  type ReportStatus,
  TRANSITIONS,
} from './lifecycle.ts';

// Every (status, action) cell, written out: a change to the table must change this list.
const ALLOWED: Record<ReportAction, ReportStatus[]> = {
  reject: ['submitted', 'returned'],
  merge: ['submitted', 'returned'],
  route: ['submitted', 'returned'],
  accept: ['routed'],
  return: ['routed', 'in_progress'],
  transfer: ['routed', 'in_progress'],
  reply: ['in_progress', 'reopened', 'escalated'],
  send_back: ['answered'],
  publish: ['answered'],
  rate_satisfied: ['published'],
  rate_unsatisfied: ['published'],
  auto_close: ['published'],
  still_broken: ['closed'],
};

describe('report status machine', () => {
  for (const action of Object.keys(TRANSITIONS) as ReportAction[])
    for (const status of REPORT_STATUSES)
      it(`${status} × ${action}: ${ALLOWED[action].includes(status) ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(status, action)).toBe(ALLOWED[action].includes(status));
      });

  it('rejected and merged reports accept no action; a closed one only the follow-up answer', () => {
    for (const s of ['rejected', 'merged'] as const)
      for (const a of Object.keys(TRANSITIONS) as ReportAction[]) expect(canTransition(s, a)).toBe(false);
    const fromClosed = (Object.keys(TRANSITIONS) as ReportAction[]).filter((a) => canTransition('closed', a));
    expect(fromClosed).toEqual(['still_broken']);
  });

  it.each([
    [0, 'reopened'],
    [1, 'escalated'],
    [2, 'closed'],
  ] as const)('not satisfied after %i reopenings → %s', (n, to) => {
    expect(afterUnsatisfied(n)).toBe(to);
  });

  it('maps to Open311 open/closed: an answered report waiting for review is still open', () => {
    expect(REPORT_STATUSES.filter((s) => open311Status(s) === 'open')).toEqual([...OPEN_STATUSES]);
    expect(open311Status('answered')).toBe('open');
    expect(open311Status('published')).toBe('closed');
    expect(open311Status('reopened')).toBe('open');
  });
});
