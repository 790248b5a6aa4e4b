// Quorum and majority, computed from the kind's rules (data) with integer arithmetic only.
import type {
  BallotChoice,
  Fraction,
  KindRules,
  ParticipantRole,
  PollResult,
} from '../../../contracts/meetings.ts';

/** `count` reaches `num/den` of `base`: count·den ≥ num·base (or > when strict). No division, no float. */
export function reaches(count: number, base: number, f: Fraction): boolean {
  return f.strict ? count * f.den > f.num * base : count * f.den >= f.num * base;
}

/** The body's members are its chair and members; invitees and the secretary are not. */
export const isMemberRole = (role: ParticipantRole) => role === 'chair' || role === 'member';

/** Who is present for the quorum: members checked in, and substitutes when the kind counts them. */
export function countsForQuorum(rules: KindRules, role: ParticipantRole): boolean {
  return isMemberRole(role) || (role === 'substitute' && rules.substitutesCount);
}

export function isQuorate(rules: KindRules, members: number, present: number): boolean {
  return rules.quorum === null || reaches(present, members, rules.quorum);
}

/** How many present members are still needed for the quorum (0 when quorate). */
export function quorumShortfall(rules: KindRules, members: number, present: number): number {
  if (!rules.quorum) return 0;
  let needed = present;
  while (!reaches(needed, members, rules.quorum) && needed <= members) needed++;
  return Math.max(0, needed - present);
}

export interface Counts {
  agree: number;
  disagree: number;
  abstain: number;
}

export function countChoices(choices: readonly BallotChoice[]): Counts {
  const c: Counts = { agree: 0, disagree: 0, abstain: 0 };
  for (const x of choices) c[x]++;
  return c;
}

/**
 * The result of a poll: quorate when enough members were present when it opened; adopted when
 * quorate and the agree votes reach the majority of the rule's base (members, present or ballots cast).
 */
export function tally(
  rules: KindRules,
  at: { members: number; present: number; electorate: number },
  counts: Counts,
): PollResult {
  const cast = counts.agree + counts.disagree + counts.abstain;
  const base =
    rules.majority.of === 'members' ? at.members : rules.majority.of === 'present' ? at.present : cast;
  const quorate = isQuorate(rules, at.members, at.present);
  return {
    ...counts,
    notVoting: at.electorate - cast,
    electorate: at.electorate,
    members: at.members,
    present: at.present,
    quorate,
    adopted: quorate && base > 0 && reaches(counts.agree, base, rules.majority),
  };
}
