/**
 * A realistic context for every form: what an administrator's edited template is checked
 * against (validateTemplate), what the preview renders, what the tests read back.
 */
import { createWorkingCalendar } from '../../../platform/calendar/index.js';
import { computeDueDate, type TimeLimit } from '../deadline.js';
import type { AgencyRef, DossierRef, FormCode, FormContexts, RegisterEntry } from './types.js';

// A ward's dossier, coded as the demo codes the ward's agencies (committee 000.NN.40, desk 000.NN.41).
const desk: AgencyRef = {
  code: '000.01.41.H29',
  name: 'Bộ phận Một cửa phường Thủ Dầu Một',
  parentName: 'Ủy ban nhân dân phường Thủ Dầu Một',
};

const committee: AgencyRef = { code: '000.01.40.H29', name: 'Ủy ban nhân dân phường Thủ Dầu Một' };

const calendar = createWorkingCalendar();

/** Due dates as the engine computes them, so a preview never shows one the platform would not give. */
const dueFrom = (receivedAt: string, limit: TimeLimit) =>
  computeDueDate(calendar, { receivedAt: new Date(receivedAt), limit }).dueAt!.toISOString();

const RECEIVED = '2026-11-26T07:20:00Z';

const dossier: DossierRef & { dueAt: string } = {
  code: '000.01.40.H29-261126-0001',
  procedureName: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
  competentAgency: 'Ủy ban nhân dân phường Thủ Dầu Một',
  receivedAt: RECEIVED,
  dueAt: dueFrom(RECEIVED, { value: 15, unit: 'working_days' }),
  applicant: {
    name: 'Nguyễn Thị Hồng Nhung',
    address: 'Số 25 đường Yersin, khu phố 3, phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
    phone: '0913 456 789',
    email: 'hongnhung.nguyen@example.vn',
    idNumber: '074190001234',
  },
};

const base = { placeName: 'Thủ Dầu Một', issuedAt: '2026-11-26T07:25:00Z' };

const REGISTER_ROWS: [string, string, string, string, TimeLimit][] = [
  [
    '0001',
    'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
    'Nguyễn Thị Hồng Nhung',
    '0913 456 789',
    { value: 15, unit: 'working_days' },
  ],
  ['0002', 'Đăng ký khai sinh', 'Trần Văn Phúc', '0908 112 233', { value: 1, unit: 'working_days' }],
  [
    '0003',
    'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    'Lê Thị Thu Hà',
    '0977 445 566',
    { value: 1, unit: 'same_day' },
  ],
  ['0004', 'Đăng ký kết hôn', 'Phạm Quốc Bảo', '0935 778 899', { value: 3, unit: 'working_days' }],
  [
    '0005',
    'Cấp bản sao trích lục hộ tịch',
    'Võ Thị Ngọc Ánh',
    '0918 220 331',
    { value: 1, unit: 'working_days' },
  ],
];

const registerEntries: RegisterEntry[] = REGISTER_ROWS.map(
  ([seq, procedureName, applicantName, applicantPhone, limit], i) => {
    const day = String(2 + i * 5).padStart(2, '0');
    const receivedAt = `2026-11-${day}T02:00:00Z`;
    return {
      code: `000.01.40.H29-2611${day}-${seq}`,
      procedureName,
      applicantName,
      applicantPhone,
      applicantAddress: 'Phường Thủ Dầu Một, Thành phố Hồ Chí Minh',
      competentAgency: 'Ủy ban nhân dân phường Thủ Dầu Một',
      receivedAt,
      dueAt: dueFrom(receivedAt, limit),
      transferredAt: `2026-11-${day}T04:00:00Z`,
      ...(i === 1 || i === 2 ? { resultReceivedAt: `2026-11-${day}T08:00:00Z` } : {}),
      ...(i === 1 ? { returnedAt: `2026-11-${day}T09:30:00Z` } : {}),
      ...(i === 3 ? { note: 'Tạm dừng: yêu cầu bổ sung hồ sơ.' } : {}),
      ...(i === 4 ? { note: 'Công dân rút hồ sơ.' } : {}),
    };
  },
);

export const SAMPLE_CONTEXTS: { readonly [F in FormCode]: FormContexts[F] } = {
  '01': {
    ...base,
    agency: desk,
    documentNumber: '125/GTN',
    officer: { name: 'Trần Minh Khoa' },
    dossier,
    components: [
      { name: 'Đơn đề nghị cấp giấy phép xây dựng', form: 'Bản chính', copies: 1 },
      { name: 'Giấy chứng nhận quyền sử dụng đất', form: 'Bản sao chứng thực', copies: 1 },
      { name: 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)', form: 'Bản chính', copies: 2 },
    ],
    setCount: 1,
    processingTime: '15 ngày làm việc',
    resultPlace: 'Bộ phận Một cửa phường Thủ Dầu Một',
    ledger: { book: '03/2026', sequence: '125' },
    fee: 75_000,
    trackingUrl: 'https://dichvucong.cqs.example/tra-cuu?ma=000.01.40.H29-261126-0001',
  },
  '02': {
    ...base,
    agency: desk,
    documentNumber: '87/PYCBS',
    officer: { name: 'Trần Minh Khoa' },
    dossier,
    items: [
      {
        name: 'Bản vẽ mặt bằng móng công trình',
        reason: 'Hồ sơ chưa có bản vẽ mặt bằng móng theo quy định.',
      },
      {
        name: 'Giấy chứng nhận quyền sử dụng đất (bản sao chứng thực)',
        reason: 'Bản sao đã nộp không có chứng thực, không đọc rõ số thửa.',
      },
    ],
    supplementDeadline: '2026-12-10T10:00:00Z',
    requestedBy: { name: 'Đỗ Thanh Tâm', title: 'Chuyên viên', agency: 'Phòng Kinh tế, Hạ tầng và Đô thị' },
    contact: { name: 'Trần Minh Khoa', phone: '0274 3823 101' },
  },
  '03': {
    ...base,
    agency: desk,
    documentNumber: '12/PTC',
    officer: { name: 'Trần Minh Khoa' },
    dossier,
    reasons: [
      'Công trình thuộc khu vực đã có quyết định thu hồi đất để thực hiện dự án theo quy hoạch.',
      'Thủ tục này không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường Thủ Dầu Một.',
    ],
    contact: { name: 'Trần Minh Khoa', phone: '0274 3823 101' },
  },
  '04': {
    ...base,
    issuedAt: '2026-12-15T03:00:00Z',
    agency: committee,
    documentNumber: '315/VBXL',
    officer: { name: 'Lê Văn Hùng', title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
    dossier,
    reason:
      'Cần xác minh hiện trạng công trình và lấy ý kiến cơ quan quản lý chuyên ngành về chỉ giới xây dựng.',
    newDueAt: dueFrom(RECEIVED, { value: 20, unit: 'working_days' }),
    oneStopDesk: 'Bộ phận Một cửa phường Thủ Dầu Một',
  },
  '05': {
    ...base,
    issuedAt: '2026-12-02T03:00:00Z',
    agency: committee,
    documentNumber: '321/TB',
    officer: { name: 'Lê Văn Hùng', title: 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH' },
    dossier,
    requestedAt: '2026-12-01T02:00:00Z',
    reason: 'Người nộp hồ sơ đề nghị dừng giải quyết để điều chỉnh thiết kế công trình.',
    returnPlace: 'Bộ phận Một cửa phường Thủ Dầu Một',
    oneStopDesk: 'Bộ phận Một cửa phường Thủ Dầu Một',
  },
  '06': {
    ...base,
    agency: desk,
    dossier,
    processingAgency: 'Phòng Kinh tế, Hạ tầng và Đô thị, Ủy ban nhân dân phường Thủ Dầu Một',
    coordinatingAgencies: ['Đội Quản lý trật tự đô thị phường Thủ Dầu Một'],
    steps: [
      {
        step: 'Chuyển hồ sơ',
        giver: { unit: 'Bộ phận Một cửa', person: 'Trần Minh Khoa' },
        receiver: { unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', person: 'Đỗ Thanh Tâm' },
        at: '2026-11-26T08:00:00Z',
        result: 'on_time',
      },
      {
        step: 'Thẩm định hồ sơ',
        giver: { unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', person: 'Đỗ Thanh Tâm' },
        receiver: { unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', person: 'Huỳnh Gia Bảo' },
        at: '2026-12-03T02:15:00Z',
        result: 'early',
      },
      {
        step: 'Trình ký',
        giver: { unit: 'Phòng Kinh tế, Hạ tầng và Đô thị', person: 'Huỳnh Gia Bảo' },
        receiver: { unit: 'Lãnh đạo Ủy ban nhân dân phường', person: 'Lê Văn Hùng' },
        at: '2026-12-14T01:30:00Z',
        result: 'late',
        note: 'Chờ ý kiến cơ quan chuyên ngành',
      },
    ],
  },
  '07': {
    ...base,
    issuedAt: '2026-12-01T01:00:00Z',
    agency: desk,
    period: { from: '2026-11-01', to: '2026-11-30' },
    book: '03/2026',
    entries: registerEntries,
  },
};
