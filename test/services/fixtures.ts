import type { ProcedureDefinition } from '../../src/contracts/services.ts';

/** A department procedure received at the service centre, with a consultation of a second department. */
export const BUILDING_LIKE: ProcedureDefinition = {
  code: '1.999001',
  name: 'Thủ tục thử nghiệm có lấy ý kiến liên thông',
  nameEn: 'Test procedure with a consultation',
  sector: { code: 'XD', name: 'Xây dựng' },
  steps: ['Nộp hồ sơ', 'Thẩm định', 'Lấy ý kiến', 'Phê duyệt', 'Trả kết quả'],
  methods: ['online', 'counter'],
  components: [
    { key: 'don', name: 'Đơn đề nghị', originals: 1, copies: 0, required: true },
    { key: 'ban_ve', name: 'Bản vẽ', originals: 0, copies: 2, required: false },
  ],
  timeLimit: { default: { value: 15, unit: 'working_days' } },
  timeLimitText: '15 ngày làm việc',
  applicantTypes: ['citizen', 'organisation'],
  implementingAgencyText: 'Sở Xây dựng',
  competent: { kind: 'fixed', code: '000.00.21.H29' },
  result: { type: 'electronic', name: 'Giấy phép' },
  fees: [{ code: 'le_phi', name: 'Lệ phí', kind: 'charge', amount: 75_000 }],
  legalBasis: ['Luật Xây dựng 2014'],
  serviceLevel: 'full',
  supplementDays: 30,
  form: {
    schema: {
      type: 'object',
      required: ['address', 'area'],
      properties: {
        address: { type: 'string', title: 'Địa chỉ công trình', maxLength: 300 },
        area: { type: 'number', title: 'Diện tích (m²)', minimum: 1 },
        floors: { type: 'integer', title: 'Số tầng', minimum: 1, maximum: 10 },
      },
    },
  },
  workflow: {
    start: 'appraise',
    steps: [
      {
        key: 'appraise',
        name: 'Thẩm định',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 6, unit: 'working_days' },
      },
      {
        key: 'consult',
        name: 'Lấy ý kiến Sở NN&MT',
        role: 'specialist',
        agency: { code: '000.00.22.H29' },
        allowance: { value: 4, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'approve',
        name: 'Phê duyệt',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 3, unit: 'working_days' },
      },
      {
        key: 'issue',
        name: 'Phát hành kết quả',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 1, unit: 'working_days' },
        final: true,
      },
    ],
    actions: [
      { key: 'to_consult', name: 'Chuyển lấy ý kiến', from: 'appraise', to: 'consult' },
      { key: 'to_approve', name: 'Trình phê duyệt', from: 'appraise', to: 'approve' },
      { key: 'answer', name: 'Trả lời ý kiến', from: 'consult', to: 'appraise', requires: { comment: true } },
      { key: 'approve', name: 'Phê duyệt', from: 'approve', to: 'issue' },
      {
        key: 'return',
        name: 'Trả lại thẩm định',
        from: 'approve',
        to: 'appraise',
        requires: { comment: true },
      },
      { key: 'issue', name: 'Phát hành', from: 'issue', to: 'done', requires: { result: true } },
    ],
  },
};
