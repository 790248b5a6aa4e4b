// The kinds of meeting shipped with a deployment: their rules are data an administrator may change.
import type { KindRules } from '../../../contracts/meetings.ts';

const twoThirds = { num: 2, den: 3, strict: false };
const moreThanHalf = { num: 1, den: 2, strict: false, of: 'members' as const };

export interface KindDefinition {
  code: string;
  name: string;
  nameEn: string;
  rules: KindRules;
}

/**
 * Law on the Organisation of Local Government (2025): a People's Committee meets with at least two
 * thirds of its members and decides by more than half of all members; a People's Council session
 * likewise with its delegates. Working meetings have no quorum and decide by more than half of
 * those present. *(confirm against the province's working rules)*
 */
export const DEFAULT_KINDS: KindDefinition[] = [
  {
    code: 'pc_regular',
    name: 'Phiên họp thường kỳ Ủy ban nhân dân',
    nameEn: "Regular session of the People's Committee",
    rules: {
      quorum: twoThirds,
      majority: { ...moreThanHalf, strict: true },
      voters: ['chair', 'member'],
      substitutesCount: false,
      leadWorkingDays: 3,
      conclusionWorkingDays: 5,
      defaultItemMinutes: 30,
    },
  },
  {
    code: 'pc_thematic',
    name: 'Phiên họp chuyên đề Ủy ban nhân dân',
    nameEn: "Thematic session of the People's Committee",
    rules: {
      quorum: twoThirds,
      majority: { ...moreThanHalf, strict: true },
      voters: ['chair', 'member'],
      substitutesCount: false,
      leadWorkingDays: 3,
      conclusionWorkingDays: 5,
      defaultItemMinutes: 45,
    },
  },
  {
    code: 'council_session',
    name: 'Kỳ họp Hội đồng nhân dân',
    nameEn: "People's Council session",
    rules: {
      quorum: twoThirds,
      majority: { ...moreThanHalf, strict: true },
      voters: ['chair', 'member'],
      substitutesCount: false,
      leadWorkingDays: 3,
      conclusionWorkingDays: 5,
      defaultItemMinutes: 30,
    },
  },
  {
    code: 'working',
    name: 'Cuộc họp làm việc',
    nameEn: 'Working meeting',
    rules: {
      quorum: null,
      majority: { num: 1, den: 2, strict: true, of: 'present' },
      voters: ['chair', 'member', 'substitute'],
      substitutesCount: true,
      leadWorkingDays: 3,
      conclusionWorkingDays: 5,
      defaultItemMinutes: 20,
    },
  },
];
