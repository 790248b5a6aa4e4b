// Chứng thực bản sao từ bản chính giấy tờ, văn bản (2.000815), commune level, same day, counter only.
// Sources: provincial portal entry "Ký hiệu thủ tục: 2.000815.000.00.00.H38" (UBND cấp xã; same day or
// the next working day after 15:00; up to 2 more working days for many or complex documents);
// National Public Service Portal entry for the commune procedure (fee 2.000 đ/page, from the third page
// 1.000 đ/page, at most 200.000 đ per copy — Thông tư 226/2016/TT-BTC); Nghị định 23/2015/NĐ-CP.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { PERSONAL_ID_PATTERN } from './shared.ts';

export const certifiedCopy = {
  code: '2.000815',
  name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam; cơ quan, tổ chức có thẩm quyền của nước ngoài; cơ quan, tổ chức có thẩm quyền của Việt Nam liên kết với cơ quan, tổ chức có thẩm quyền của nước ngoài cấp hoặc chứng nhận',
  nameEn: 'Certification of copies from originals',
  sector: { code: 'chung_thuc', name: 'Chứng thực', nameEn: 'Certification' },
  steps: [
    'Người yêu cầu chứng thực xuất trình bản chính giấy tờ, văn bản và bản sao cần chứng thực tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã (bản chính do cơ quan nước ngoài cấp phải được hợp pháp hóa lãnh sự, trừ trường hợp được miễn).',
    'Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao; nếu nội dung bản sao đúng với bản chính và bản chính không thuộc các trường hợp không được dùng làm cơ sở chứng thực thì ghi lời chứng, ký, ghi rõ họ tên, đóng dấu và ghi vào sổ chứng thực. Trường hợp người yêu cầu chỉ xuất trình bản chính thì cơ quan chụp từ bản chính để chứng thực.',
    'Người yêu cầu nộp phí và nhận bản sao đã được chứng thực ngay trong ngày.',
  ],
  methods: ['counter'],
  methodsText:
    'Trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã (phải xuất trình bản chính để đối chiếu).',
  components: [
    {
      key: 'ban_chinh',
      name: 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao',
      nameEn: 'The original document',
      originals: 1,
      copies: 0,
      required: true,
    },
    {
      key: 'ban_sao',
      name: 'Bản sao cần chứng thực (có đầy đủ các trang đã ghi thông tin của bản chính); trường hợp chỉ xuất trình bản chính thì cơ quan chụp từ bản chính',
      nameEn: 'The copy to certify (or the office copies the original)',
      originals: 0,
      copies: 1,
      required: false,
    },
  ],
  timeLimit: { default: { value: 1, unit: 'same_day' } },
  timeLimitText:
    'Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ. Trường hợp cùng lúc yêu cầu chứng thực nhiều loại bản chính, bản chính có nhiều trang, yêu cầu số lượng nhiều bản sao hoặc nội dung phức tạp khó đối chiếu thì kéo dài thêm không quá 02 ngày làm việc hoặc theo thỏa thuận bằng văn bản với người yêu cầu.',
  applicantTypes: ['citizen', 'organisation'],
  implementingAgencyText:
    'Ủy ban nhân dân cấp xã (Chủ tịch hoặc Phó Chủ tịch ký chứng thực); ngoài ra tổ chức hành nghề công chứng, cơ quan đại diện ở nước ngoài.',
  competent: { kind: 'receiving_commune' },
  result: { type: 'paper', name: 'Bản sao được chứng thực từ bản chính' },
  fees: [
    {
      code: 'phi_chung_thuc',
      name: 'Phí chứng thực bản sao từ bản chính',
      kind: 'fee',
      amount: 2_000,
      note: '2.000 đồng/trang đối với trang thứ nhất và thứ hai; từ trang thứ ba trở lên 1.000 đồng/trang; tối đa 200.000 đồng/bản. Trang tính theo bản chính.',
      rule: {
        kind: 'tiered',
        field: 'pages',
        tiers: [{ upTo: 2, amount: 2_000 }, { amount: 1_000 }],
        max: 200_000,
        times: 'copies',
      },
      collect: 'at_submission',
    },
  ],
  legalBasis: [
    'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
    // (confirm) the 2025 amending decree for civil status, nationality and certification
    'Nghị định số 07/2025/NĐ-CP sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
    'Thông tư số 01/2020/TT-BTP ngày 03/3/2020 quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP',
    'Thông tư số 226/2016/TT-BTC ngày 11/11/2016 quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
  ],
  serviceLevel: 'partial',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Phiếu yêu cầu chứng thực bản sao từ bản chính',
      type: 'object',
      required: [
        'requesterFullName',
        'requesterIdNumber',
        'documentName',
        'documentOrigin',
        'pages',
        'copies',
      ],
      properties: {
        requesterFullName: { type: 'string', title: 'Họ và tên người yêu cầu chứng thực', maxLength: 100 },
        requesterIdNumber: {
          type: 'string',
          title: 'Số định danh cá nhân của người yêu cầu',
          pattern: PERSONAL_ID_PATTERN,
        },
        documentName: {
          type: 'string',
          title: 'Tên giấy tờ, văn bản cần chứng thực',
          maxLength: 200,
          description: 'Ví dụ: Bằng tốt nghiệp trung học phổ thông; Giấy khai sinh…',
        },
        documentOrigin: {
          type: 'string',
          title: 'Cơ quan cấp bản chính',
          enum: ['viet_nam', 'nuoc_ngoai', 'lien_ket'],
          enumNames: [
            'Cơ quan, tổ chức có thẩm quyền của Việt Nam',
            'Cơ quan, tổ chức có thẩm quyền của nước ngoài (đã hợp pháp hóa lãnh sự hoặc được miễn)',
            'Cơ quan Việt Nam liên kết với cơ quan nước ngoài',
          ],
        },
        pages: { type: 'integer', title: 'Số trang của bản chính', minimum: 1, maximum: 500 },
        copies: { type: 'integer', title: 'Số bản sao cần chứng thực', minimum: 1, maximum: 50, default: 1 },
      },
    },
    ui: {
      'ui:order': [
        'requesterFullName',
        'requesterIdNumber',
        'documentName',
        'documentOrigin',
        'pages',
        'copies',
      ],
      pages: [
        ['requesterFullName', 'requesterIdNumber'],
        ['documentName', 'documentOrigin'],
        ['pages', 'copies'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: ['Người yêu cầu chứng thực', 'Giấy tờ cần chứng thực', 'Số trang và số bản sao'],
      pageTitlesEn: ['The requester', 'The document', 'Pages and copies'],
    },
  },
  workflow: {
    start: 'appraise',
    steps: [
      {
        key: 'appraise',
        name: 'Công chức tư pháp đối chiếu bản sao với bản chính, ghi lời chứng, vào sổ chứng thực',
        nameEn: 'Officer compares the copy with the original, writes the attestation and registers it',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 2, unit: 'hours' },
      },
      {
        key: 'approve',
        name: 'Chủ tịch (Phó Chủ tịch) Ủy ban nhân dân cấp xã ký chứng thực',
        nameEn: 'Commune chair signs the certification',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 2, unit: 'hours' },
      },
      {
        key: 'issue',
        name: 'Đóng dấu, chuyển bản sao đã chứng thực về Bộ phận Một cửa',
        nameEn: 'Stamp and return the certified copies to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 1, unit: 'hours' },
        final: true,
      },
    ],
    actions: [
      {
        key: 'submit',
        name: 'Trình ký chứng thực',
        nameEn: 'Submit for signature',
        from: 'appraise',
        to: 'approve',
      },
      { key: 'sign', name: 'Ký chứng thực', nameEn: 'Sign', from: 'approve', to: 'issue' },
      {
        key: 'return_appraise',
        name: 'Trả lại đối chiếu lại',
        nameEn: 'Return for re-checking',
        from: 'approve',
        to: 'appraise',
        requires: { comment: true },
      },
      {
        key: 'release',
        name: 'Trả bản sao đã chứng thực về Bộ phận Một cửa',
        nameEn: 'Release the certified copies to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
