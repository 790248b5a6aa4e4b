// Members, presence and quorum of a meeting at this moment, from its participant rows.
import type { KindRules } from '../../../contracts/meetings.ts';
import type { ParticipantRow } from './load.ts';
import { countsForQuorum, isMemberRole, isQuorate, quorumShortfall } from './rules.ts';

export const isPresent = (p: ParticipantRow) => p.checkedInAt !== null && p.checkedOutAt === null;

export function attendance(rules: KindRules, rows: readonly ParticipantRow[]) {
  const members = rows.filter((p) => isMemberRole(p.role)).length;
  const present = rows.filter((p) => isPresent(p) && countsForQuorum(rules, p.role)).length;
  return {
    members,
    present,
    remote: rows.filter((p) => isPresent(p) && p.attendMode !== 'in_person').length,
    quorate: isQuorate(rules, members, present),
    shortfall: quorumShortfall(rules, members, present),
  };
}
