// The kinds of meeting shipped with a deployment: their rules are data an administrator may change.
import type { KindRules, MeetingTemplate } from '../../../contracts/meetings.ts';

const twoThirds = { num: 2, den: 3, strict: false };
const moreThanHalf = { num: 1, den: 2, strict: false, of: 'members' as const };

export interface KindDefinition {
  code: string;
  name: string;
  nameEn: string;
  rules: KindRules;
  template: MeetingTemplate;
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
    template: {
      title: 'Phiên họp thường kỳ Ủy ban nhân dân',
      mode: 'in_person',
      place: 'Phòng họp số 1, trụ sở Ủy ban nhân dân',
      startTime: '08:00',
      durationMinutes: 240,
      repeat: 'monthly_weekday',
      items: [
        {
          title: 'Báo cáo tình hình kinh tế – xã hội trong tháng và nhiệm vụ tháng tới',
          presentingUnit: 'Sở Tài chính',
          plannedMinutes: 40,
          expectedOutcome: 'opinion',
        },
        {
          title: 'Tình hình giải quyết thủ tục hành chính và dịch vụ công trực tuyến',
          presentingUnit: 'Văn phòng Ủy ban nhân dân',
          plannedMinutes: 20,
          expectedOutcome: 'information',
        },
        {
          title: 'Các tờ trình của cơ quan chuyên môn',
          presentingUnit: 'Các cơ quan chuyên môn',
          plannedMinutes: 90,
          expectedOutcome: 'decision',
        },
      ],
    },
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
    template: {
      title: 'Phiên họp chuyên đề Ủy ban nhân dân',
      mode: 'hybrid',
      place: 'Phòng họp số 1, trụ sở Ủy ban nhân dân',
      startTime: '08:00',
      durationMinutes: 180,
      repeat: null,
      items: [
        {
          title: 'Tờ trình của cơ quan chủ trì chuyên đề',
          presentingUnit: 'Cơ quan chủ trì',
          plannedMinutes: 45,
          expectedOutcome: 'decision',
        },
      ],
    },
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
    template: {
      title: 'Kỳ họp Hội đồng nhân dân',
      mode: 'in_person',
      place: 'Hội trường Hội đồng nhân dân',
      startTime: '08:00',
      durationMinutes: 480,
      repeat: null,
      items: [
        {
          title: 'Khai mạc kỳ họp',
          presentingUnit: 'Thường trực Hội đồng nhân dân',
          plannedMinutes: 15,
          expectedOutcome: 'information',
        },
        {
          title: 'Báo cáo của Ủy ban nhân dân và thẩm tra của các Ban',
          presentingUnit: 'Ủy ban nhân dân',
          plannedMinutes: 90,
          expectedOutcome: 'opinion',
        },
        {
          title: 'Thảo luận và biểu quyết thông qua các nghị quyết',
          presentingUnit: 'Các Ban của Hội đồng nhân dân',
          plannedMinutes: 120,
          expectedOutcome: 'decision',
        },
      ],
    },
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
    template: {
      title: 'Cuộc họp giao ban',
      mode: 'in_person',
      place: 'Phòng họp số 2',
      startTime: '14:00',
      durationMinutes: 90,
      repeat: 'weekly',
      items: [
        {
          title: 'Kết quả công việc trong tuần và việc tuần tới',
          presentingUnit: 'Văn phòng',
          plannedMinutes: 45,
          expectedOutcome: 'opinion',
        },
      ],
    },
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
