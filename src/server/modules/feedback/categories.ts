// The default category tree of a deployment (administrators change it: it is data in fb_categories).
import { DEFAULT_DEADLINES, type DeadlineRule } from './deadline.ts';
import type { OwnerLevel } from './tables.ts';

export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
  description: string;
  keywords: string[];
  ownerLevel: OwnerLevel;
  departmentCode?: string;
  duplicateRadiusM: number;
  deadlines?: { ordinary: DeadlineRule; urgent: DeadlineRule };
  allowAnonymousToAgency?: boolean;
  followUpDays?: number;
}

const DEPT_CONSTRUCTION = '000.00.21.H29';
const DEPT_ENVIRONMENT = '000.00.22.H29';

/** The list of issue 13: the commune People's Committee handles most; two belong to city departments. */
export const DEFAULT_CATEGORIES: CategorySeed[] = [
  {
    code: 'duong-via-he',
    name: 'Đường sá, vỉa hè',
    nameEn: 'Roads and pavements',
    description: 'Ổ gà, sụt lún, vỉa hè hư hỏng hoặc bị lấn chiếm',
    keywords: ['ổ gà', 'sụt lún', 'vỉa hè'],
    ownerLevel: 'commune',
    duplicateRadiusM: 50,
    followUpDays: 30,
  },
  {
    code: 'chieu-sang',
    name: 'Chiếu sáng công cộng',
    nameEn: 'Street lighting',
    description: 'Đèn đường hỏng, không sáng, sáng ban ngày',
    keywords: ['đèn đường'],
    ownerLevel: 'commune',
    duplicateRadiusM: 30,
    followUpDays: 30,
  },
  {
    code: 'thoat-nuoc-ngap',
    name: 'Thoát nước, ngập úng',
    nameEn: 'Drainage and flooding',
    description: 'Ngập sau mưa, cống nghẹt, nắp cống mất',
    keywords: ['ngập', 'cống'],
    ownerLevel: 'commune',
    duplicateRadiusM: 150,
  },
  {
    code: 'rac-thai',
    name: 'Rác thải',
    nameEn: 'Waste',
    description: 'Rác tồn đọng, đổ trộm phế thải',
    keywords: ['rác', 'xà bần'],
    ownerLevel: 'commune',
    duplicateRadiusM: 50,
  },
  {
    code: 'cay-xanh',
    name: 'Cây xanh',
    nameEn: 'Trees',
    description: 'Cây gãy đổ, nghiêng nguy hiểm, cần cắt tỉa',
    keywords: ['cây'],
    ownerLevel: 'commune',
    duplicateRadiusM: 30,
  },
  {
    code: 'xay-dung-trai-phep',
    name: 'Xây dựng trái phép',
    nameEn: 'Illegal construction',
    description: 'Công trình không phép, sai phép, lấn chiếm đất công',
    keywords: ['xây dựng'],
    ownerLevel: 'commune',
    duplicateRadiusM: 30,
    // The reporter may face the builder: their identity is never shown to the agency.
    allowAnonymousToAgency: true,
  },
  {
    code: 'trat-tu-cong-cong',
    name: 'Trật tự công cộng',
    nameEn: 'Public order',
    description: 'Lấn chiếm lòng đường, buôn bán, gây ồn',
    keywords: ['lấn chiếm', 'ồn'],
    ownerLevel: 'commune',
    duplicateRadiusM: 100,
  },
  {
    code: 'moi-truong-o-nhiem',
    name: 'Môi trường, ô nhiễm',
    nameEn: 'Environment and pollution',
    description: 'Khói, bụi, mùi hôi, nước thải của cơ sở sản xuất',
    keywords: ['ô nhiễm', 'mùi', 'nước thải'],
    ownerLevel: 'department',
    departmentCode: DEPT_ENVIRONMENT,
    duplicateRadiusM: 300,
  },
  {
    code: 'den-tin-hieu',
    name: 'Đèn tín hiệu giao thông',
    nameEn: 'Traffic signals',
    description: 'Đèn tín hiệu hỏng, sai pha, biển báo mất',
    keywords: ['đèn giao thông', 'biển báo'],
    ownerLevel: 'department',
    departmentCode: DEPT_CONSTRUCTION,
    duplicateRadiusM: 50,
    deadlines: {
      ordinary: { value: 3, unit: 'working_days', source: DEFAULT_DEADLINES.ordinary.source },
      urgent: { value: 4, unit: 'working_hours', source: DEFAULT_DEADLINES.urgent.source },
    },
  },
  {
    code: 'thai-do-phuc-vu',
    name: 'Thái độ phục vụ của cơ quan hành chính',
    nameEn: 'Public administration attitude',
    description: 'Cán bộ gây phiền hà, chậm trễ, thái độ không đúng mực',
    keywords: ['cán bộ', 'thái độ'],
    ownerLevel: 'commune',
    duplicateRadiusM: 0,
    allowAnonymousToAgency: false,
  },
  {
    code: 'khac',
    name: 'Khác',
    nameEn: 'Other',
    description: 'Vấn đề khác tại nơi công cộng',
    keywords: [],
    ownerLevel: 'commune',
    duplicateRadiusM: 50,
  },
];
