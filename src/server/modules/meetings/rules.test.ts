import { describe, expect, it } from 'vitest';
import type { KindRules } from '../../../contracts/meetings.ts';
import { DEFAULT_KINDS } from './kinds.ts';
import { isQuorate, quorumShortfall, reaches, tally } from './rules.ts';

const rules = (code: string): KindRules => DEFAULT_KINDS.find((k) => k.code === code)!.rules;

describe('quorum per kind', () => {
  it.each([
    // kind, members, present, quorate
    ['pc_regular', 9, 6, true], // 6/9 = 2/3 exactly: "at least two thirds"
    ['pc_regular', 9, 5, false],
    ['pc_regular', 10, 7, true],
    ['pc_regular', 10, 6, false], // 6/10 < 2/3
    ['pc_thematic', 3, 2, true],
    ['council_session', 50, 34, true],
    ['council_session', 50, 33, false],
    ['working', 12, 1, true], // no quorum
    ['working', 12, 0, true],
  ] as const)('%s: %i members, %i present → %s', (kind, members, present, quorate) => {
    expect(isQuorate(rules(kind), members, present)).toBe(quorate);
  });

  it('says how many more members are needed', () => {
    expect(quorumShortfall(rules('pc_regular'), 9, 4)).toBe(2);
    expect(quorumShortfall(rules('pc_regular'), 9, 6)).toBe(0);
    expect(quorumShortfall(rules('working'), 9, 0)).toBe(0);
  });
});

describe('majority per kind', () => {
  it.each([
    // kind, members, present, agree, disagree, abstain, adopted — "more than half of all members"
    ['pc_regular', 9, 9, 5, 4, 0, true],
    ['pc_regular', 9, 9, 4, 0, 5, false],
    ['pc_regular', 10, 10, 5, 5, 0, false], // exactly half is not more than half
    ['pc_regular', 10, 7, 6, 1, 0, true],
    ['pc_regular', 10, 7, 5, 0, 2, false], // 5 of 10 members, though 5 of 7 present
    ['pc_regular', 9, 5, 5, 0, 0, false], // not quorate: nothing is adopted
    ['council_session', 50, 40, 26, 10, 4, true],
    ['council_session', 50, 40, 25, 10, 5, false],
    ['working', 12, 5, 3, 2, 0, true], // more than half of those present
    ['working', 12, 6, 3, 3, 0, false],
  ] as const)(
    '%s: %i members, %i present, %i/%i/%i → %s',
    (kind, members, present, agree, disagree, abstain, adopted) => {
      const r = tally(rules(kind), { members, present, electorate: present }, { agree, disagree, abstain });
      expect(r.adopted).toBe(adopted);
      expect(r.notVoting).toBe(present - agree - disagree - abstain);
    },
  );

  it('majority of the ballots cast, abstentions included, when a kind says so', () => {
    const cast: KindRules = { ...rules('working'), majority: { num: 1, den: 2, strict: true, of: 'cast' } };
    expect(
      tally(cast, { members: 10, present: 10, electorate: 10 }, { agree: 3, disagree: 1, abstain: 1 })
        .adopted,
    ).toBe(true);
    expect(
      tally(cast, { members: 10, present: 10, electorate: 10 }, { agree: 2, disagree: 1, abstain: 1 })
        .adopted,
    ).toBe(false);
    expect(
      tally(cast, { members: 10, present: 10, electorate: 10 }, { agree: 0, disagree: 0, abstain: 0 })
        .adopted,
    ).toBe(false);
  });

  it('compares in integers: two thirds of 3 000 is reached by 2 000 exactly', () => {
    expect(reaches(2000, 3000, { num: 2, den: 3, strict: false })).toBe(true);
    expect(reaches(1999, 3000, { num: 2, den: 3, strict: false })).toBe(false);
    expect(reaches(1500, 3000, { num: 1, den: 2, strict: true })).toBe(false);
  });
});
