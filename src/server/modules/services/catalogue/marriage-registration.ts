// Đăng ký kết hôn (1.000894), commune level, same day (up to 5 working days when the conditions
// must be verified). Sources: commune procedure pages published by HCMC wards ("ngay khi nhận đủ hồ
// sơ … trường hợp cần xác minh … không quá 05 ngày làm việc"); Luật Hộ tịch 2014 art. 17–18;
// Nghị định 123/2015/NĐ-CP art. 10. Luật Hộ tịch art. 11(1)(b) exempts the registration of a marriage
// between Vietnamese citizens residing in Viet Nam from the charge, so no province-set charge applies;
// only the optional extract copy is paid.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { PERSONAL_ID_PATTERN } from './shared.ts';

export const marriageRegistration = {
  code: '1.000894',
  name: 'Thủ tục đăng ký kết hôn',
  nameEn: 'Marriage registration',
  sector: { code: 'ho_tich', name: 'Hộ tịch', nameEn: 'Civil status' },
  steps: [
    'Hai bên nam, nữ nộp hồ sơ tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã hoặc nộp trực tuyến; người tiếp nhận kiểm tra ngay toàn bộ hồ sơ, đối chiếu thông tin trong Tờ khai và khai thác thông tin về cư trú, tình trạng hôn nhân từ Cơ sở dữ liệu quốc gia về dân cư, Cơ sở dữ liệu hộ tịch điện tử.',
    'Hồ sơ đầy đủ, hợp lệ thì cấp Giấy tiếp nhận, ghi rõ giờ, ngày trả kết quả; chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần bằng văn bản.',
    'Ngay sau khi nhận đủ hồ sơ, nếu thấy đủ điều kiện kết hôn theo quy định của Luật Hôn nhân và gia đình, công chức làm công tác hộ tịch ghi việc kết hôn vào Sổ hộ tịch, báo cáo Chủ tịch Ủy ban nhân dân cấp xã ký Giấy chứng nhận kết hôn. Trường hợp cần xác minh điều kiện kết hôn thì thời hạn không quá 05 ngày làm việc.',
    'Hai bên nam, nữ cùng có mặt, ký vào Giấy chứng nhận kết hôn và Sổ hộ tịch; Chủ tịch Ủy ban nhân dân cấp xã tổ chức trao Giấy chứng nhận kết hôn, mỗi bên 01 bản chính.',
  ],
  methods: ['counter', 'online'],
  methodsText:
    'Nộp trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia; khi nhận Giấy chứng nhận kết hôn hai bên nam, nữ phải cùng có mặt.',
  components: [
    {
      key: 'to_khai',
      name: 'Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể khai chung một Tờ khai)',
      nameEn: 'Marriage registration declaration (prescribed form)',
      originals: 1,
      copies: 0,
      required: true,
      // The e-form is this declaration: filled online, rendered to PDF, never uploaded twice.
      eForm: true,
    },
    {
      key: 'xac_nhan_tinh_trang_hon_nhan',
      name: 'Giấy xác nhận tình trạng hôn nhân (trường hợp không khai thác được thông tin về tình trạng hôn nhân từ Cơ sở dữ liệu hộ tịch điện tử, Cơ sở dữ liệu quốc gia về dân cư)',
      nameEn: 'Marital-status certificate (when it cannot be read from the civil-status database)',
      originals: 1,
      copies: 0,
      required: false,
    },
    {
      key: 'giay_to_tuy_than',
      name: 'Hộ chiếu, thẻ Căn cước hoặc giấy tờ khác có dán ảnh và thông tin cá nhân của hai bên nam, nữ (xuất trình)',
      nameEn: "Both parties' identity documents (shown)",
      originals: 1,
      copies: 0,
      required: true,
      note: 'Xuất trình của cả hai bên; không phải xuất trình khi đã xác thực qua tài khoản định danh điện tử.',
    },
    {
      key: 'trich_luc_ly_hon',
      name: 'Trích lục ghi chú ly hôn hoặc bản án, quyết định ly hôn đã có hiệu lực (trường hợp đã từng kết hôn và ly hôn, nếu chưa được ghi vào Sổ hộ tịch)',
      nameEn: 'Divorce record or final divorce judgment (previously married only)',
      originals: 0,
      copies: 1,
      required: false,
    },
  ],
  timeLimit: { default: { value: 1, unit: 'same_day' } },
  timeLimitText:
    'Ngay sau khi nhận đủ hồ sơ hợp lệ; nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo. Trường hợp cần xác minh điều kiện kết hôn của hai bên thì thời hạn giải quyết không quá 05 ngày làm việc (gia hạn bằng văn bản thông báo cho người yêu cầu).',
  applicantTypes: ['citizen'],
  implementingAgencyText:
    'Ủy ban nhân dân cấp xã nơi cư trú của bên nam hoặc bên nữ; công chức làm công tác hộ tịch tham mưu, Chủ tịch Ủy ban nhân dân cấp xã ký và trao Giấy chứng nhận kết hôn.',
  competent: { kind: 'receiving_commune' },
  result: { type: 'paper', name: 'Giấy chứng nhận kết hôn (02 bản chính, mỗi bên giữ 01 bản)' },
  fees: [
    {
      code: 'le_phi_dang_ky',
      name: 'Lệ phí đăng ký kết hôn',
      kind: 'charge',
      amount: 0,
      note: 'Miễn lệ phí đăng ký kết hôn của công dân Việt Nam cư trú ở trong nước (điểm b khoản 1 Điều 11 Luật Hộ tịch).',
    },
    {
      code: 'phi_ban_sao_trich_luc',
      name: 'Phí cấp bản sao trích lục kết hôn (nếu có yêu cầu)',
      kind: 'fee',
      amount: 8_000,
      note: '8.000 đồng/bản sao trích lục (Thông tư 281/2016/TT-BTC).',
      // Charged per copy asked for in the e-form: no copy, no fee.
      rule: { kind: 'per_unit', field: 'copiesRequested' },
    },
  ],
  legalBasis: [
    'Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014',
    'Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014',
    'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
    // (confirm) the 2025 amending decree for civil status, nationality and certification
    'Nghị định số 07/2025/NĐ-CP sửa đổi, bổ sung một số điều của các Nghị định trong lĩnh vực hộ tịch, quốc tịch, chứng thực',
    // (confirm) the decree on the two-level local government's civil-status powers
    'Nghị định số 120/2025/NĐ-CP quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Tư pháp',
    'Thông tư số 04/2020/TT-BTP ngày 28/5/2020 quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP',
    'Thông tư số 281/2016/TT-BTC ngày 14/11/2016 quy định mức thu phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch',
  ],
  serviceLevel: 'partial',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Tờ khai đăng ký kết hôn',
      type: 'object',
      required: [
        'femaleFullName',
        'femaleBirthDate',
        'femaleIdNumber',
        'femaleResidence',
        'maleFullName',
        'maleBirthDate',
        'maleIdNumber',
        'maleResidence',
        'firstMarriage',
      ],
      properties: {
        femaleFullName: { type: 'string', title: 'Bên nữ – Họ, chữ đệm, tên', maxLength: 100 },
        femaleBirthDate: { type: 'string', format: 'date', title: 'Bên nữ – Ngày, tháng, năm sinh' },
        femaleIdNumber: {
          type: 'string',
          title: 'Bên nữ – Số định danh cá nhân',
          pattern: PERSONAL_ID_PATTERN,
        },
        femaleEthnicity: { type: 'string', title: 'Bên nữ – Dân tộc', maxLength: 50, default: 'Kinh' },
        femaleResidence: { type: 'string', title: 'Bên nữ – Nơi cư trú', maxLength: 250 },
        maleFullName: { type: 'string', title: 'Bên nam – Họ, chữ đệm, tên', maxLength: 100 },
        maleBirthDate: { type: 'string', format: 'date', title: 'Bên nam – Ngày, tháng, năm sinh' },
        maleIdNumber: {
          type: 'string',
          title: 'Bên nam – Số định danh cá nhân',
          pattern: PERSONAL_ID_PATTERN,
        },
        maleEthnicity: { type: 'string', title: 'Bên nam – Dân tộc', maxLength: 50, default: 'Kinh' },
        maleResidence: { type: 'string', title: 'Bên nam – Nơi cư trú', maxLength: 250 },
        firstMarriage: {
          type: 'string',
          title: 'Đây là lần kết hôn thứ mấy của các bên',
          enum: ['ca_hai_lan_dau', 'ben_nu_tai_hon', 'ben_nam_tai_hon', 'ca_hai_tai_hon'],
          enumNames: [
            'Lần đầu của cả hai bên',
            'Bên nữ đã từng kết hôn',
            'Bên nam đã từng kết hôn',
            'Cả hai bên đã từng kết hôn',
          ],
        },
        copiesRequested: {
          type: 'integer',
          title: 'Số bản sao trích lục kết hôn đề nghị cấp',
          minimum: 0,
          maximum: 10,
          default: 0,
        },
      },
    },
    ui: {
      'ui:order': [
        'femaleFullName',
        'femaleBirthDate',
        'femaleIdNumber',
        'femaleEthnicity',
        'femaleResidence',
        'maleFullName',
        'maleBirthDate',
        'maleIdNumber',
        'maleEthnicity',
        'maleResidence',
        'firstMarriage',
        'copiesRequested',
      ],
      pages: [
        ['femaleFullName', 'femaleBirthDate', 'femaleIdNumber'],
        ['femaleEthnicity', 'femaleResidence'],
        ['maleFullName', 'maleBirthDate', 'maleIdNumber'],
        ['maleEthnicity', 'maleResidence'],
        ['firstMarriage', 'copiesRequested'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: [
        'Bên nữ',
        'Bên nữ – dân tộc và nơi cư trú',
        'Bên nam',
        'Bên nam – dân tộc và nơi cư trú',
        'Lần kết hôn và số bản sao',
      ],
      pageTitlesEn: [
        'The bride',
        'The bride – ethnicity and residence',
        'The groom',
        'The groom – ethnicity and residence',
        'Marriage and copies',
      ],
    },
  },
  workflow: {
    start: 'appraise',
    steps: [
      {
        key: 'appraise',
        name: 'Công chức hộ tịch kiểm tra điều kiện kết hôn, ghi Sổ hộ tịch',
        nameEn: 'Civil-status officer checks the conditions and records the marriage',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 4, unit: 'hours' },
      },
      {
        key: 'approve',
        name: 'Chủ tịch (Phó Chủ tịch) Ủy ban nhân dân cấp xã ký Giấy chứng nhận kết hôn',
        nameEn: 'Commune chair signs the marriage certificate',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 2, unit: 'hours' },
      },
      {
        key: 'issue',
        name: 'Chuẩn bị trao Giấy chứng nhận kết hôn, chuyển về Bộ phận Một cửa',
        nameEn: 'Prepare the certificate for the ceremony and return to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 2, unit: 'hours' },
        final: true,
      },
    ],
    actions: [
      {
        key: 'submit',
        name: 'Trình ký Giấy chứng nhận kết hôn',
        nameEn: 'Submit for signature',
        from: 'appraise',
        to: 'approve',
      },
      { key: 'sign', name: 'Ký Giấy chứng nhận kết hôn', nameEn: 'Sign', from: 'approve', to: 'issue' },
      {
        key: 'return_appraise',
        name: 'Trả lại công chức hộ tịch xác minh, kiểm tra lại',
        nameEn: 'Return for verification',
        from: 'approve',
        to: 'appraise',
        requires: { comment: true },
      },
      {
        key: 'release',
        name: 'Chuyển Giấy chứng nhận kết hôn về Bộ phận Một cửa để trao',
        nameEn: 'Release the certificate to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
