// Đăng ký thành lập hộ kinh doanh, commune level (since 2025-07-01 the commune's economic division is
// the household-business registration office), 03 working days.
// Sources: provincial procedure pages ("cấp Giấy chứng nhận đăng ký hộ kinh doanh trong thời hạn 03
// ngày làm việc"; components: Giấy đề nghị, giấy tờ pháp lý của cá nhân, biên bản họp thành viên hộ
// gia đình, văn bản ủy quyền). The charge is set by the city People's Council (Thông tư 85/2019/TT-BTC).
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { PERSONAL_ID_PATTERN, PHONE_PATTERN } from './shared.ts';

export const householdBusinessRegistration = {
  // (confirm) national code: published as 2.000720 in several provinces; some list 2.000575
  code: '2.000720',
  name: 'Đăng ký thành lập hộ kinh doanh',
  nameEn: 'Household business registration',
  sector: {
    code: 'thanh_lap_hoat_dong_ho_kinh_doanh',
    name: 'Thành lập và hoạt động của hộ kinh doanh',
    nameEn: 'Establishment and operation of household businesses',
  },
  steps: [
    'Cá nhân hoặc người đại diện các thành viên hộ gia đình nộp hồ sơ đăng ký hộ kinh doanh tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã nơi đặt trụ sở hộ kinh doanh, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia.',
    'Cơ quan đăng ký kinh doanh cấp xã tiếp nhận hồ sơ, trao Giấy biên nhận; kiểm tra tính hợp lệ của hồ sơ, tên hộ kinh doanh và ngành, nghề kinh doanh.',
    'Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, cơ quan đăng ký kinh doanh cấp xã cấp Giấy chứng nhận đăng ký hộ kinh doanh; trường hợp hồ sơ chưa hợp lệ thì thông báo bằng văn bản một lần nội dung cần sửa đổi, bổ sung.',
    'Thông tin đăng ký hộ kinh doanh được chuyển sang cơ quan thuế để cấp mã số thuế; chủ hộ kinh doanh nhận kết quả tại Bộ phận Một cửa, qua bưu chính hoặc trên Cổng Dịch vụ công quốc gia.',
  ],
  methods: ['counter', 'online', 'post'],
  methodsText:
    'Nộp trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã, gửi qua dịch vụ bưu chính, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia.',
  components: [
    {
      key: 'giay_de_nghi',
      name: 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)',
      nameEn: 'Household business registration application (prescribed form)',
      originals: 1,
      copies: 0,
      required: true,
      // The e-form is this declaration: filled online, rendered to PDF, never uploaded twice.
      eForm: true,
    },
    {
      key: 'giay_to_phap_ly_ca_nhan',
      name: 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ kinh doanh và các thành viên hộ gia đình đăng ký hộ kinh doanh (trường hợp không khai thác được từ Cơ sở dữ liệu quốc gia về dân cư)',
      nameEn:
        "Copies of the owner's and members' identity papers (when not readable from the population database)",
      originals: 0,
      copies: 1,
      required: false,
    },
    {
      key: 'bien_ban_hop',
      name: 'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký hộ kinh doanh)',
      nameEn: 'Minutes of the household members meeting (household registration only)',
      originals: 0,
      copies: 1,
      required: false,
    },
    {
      key: 'van_ban_uy_quyen',
      name: 'Bản sao văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh',
      nameEn: 'Members’ authorisation of the household business owner (household registration only)',
      originals: 0,
      copies: 1,
      required: false,
    },
  ],
  timeLimit: { default: { value: 3, unit: 'working_days' } },
  timeLimitText: '03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.',
  applicantTypes: ['citizen'],
  implementingAgencyText:
    'Cơ quan đăng ký kinh doanh cấp xã (Phòng Kinh tế hoặc Phòng Kinh tế, Hạ tầng và Đô thị thuộc Ủy ban nhân dân cấp xã) nơi đặt trụ sở hộ kinh doanh.',
  competent: { kind: 'receiving_commune' },
  result: { type: 'paper', name: 'Giấy chứng nhận đăng ký hộ kinh doanh' },
  fees: [
    {
      code: 'le_phi_dang_ky_hkd',
      name: 'Lệ phí đăng ký hộ kinh doanh',
      kind: 'charge',
      // (confirm) amount set by the HCMC People's Council resolution on charges
      amount: 100_000,
      note: '100.000 đồng/lần đăng ký theo Nghị quyết của HĐND Thành phố (kiểm tra lại mức thu và trường hợp miễn khi nộp trực tuyến).',
    },
  ],
  legalBasis: [
    'Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020',
    // (confirm) the 2025 business-registration decree that carries the household-business chapter
    'Nghị định số 168/2025/NĐ-CP về đăng ký doanh nghiệp (bao gồm đăng ký hộ kinh doanh)',
    // (confirm) the Ministry of Finance circular with the 2025 registration forms
    'Thông tư số 68/2025/TT-BTC ban hành biểu mẫu sử dụng trong đăng ký doanh nghiệp, đăng ký hộ kinh doanh',
    'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh',
  ],
  serviceLevel: 'full',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Giấy đề nghị đăng ký hộ kinh doanh',
      type: 'object',
      required: [
        'registrantType',
        'businessName',
        'businessAddress',
        'phone',
        'businessLines',
        'capital',
        'ownerFullName',
        'ownerBirthDate',
        'ownerIdNumber',
        'ownerResidence',
      ],
      properties: {
        registrantType: {
          type: 'string',
          title: 'Hộ kinh doanh do ai đăng ký',
          enum: ['ca_nhan', 'thanh_vien_ho_gia_dinh'],
          enumNames: ['Một cá nhân', 'Các thành viên hộ gia đình'],
        },
        businessName: {
          type: 'string',
          title: 'Tên hộ kinh doanh (gồm cụm từ "Hộ kinh doanh" và tên riêng)',
          minLength: 3,
          maxLength: 200,
          pattern: '^Hộ kinh doanh .+',
        },
        businessAddress: {
          type: 'string',
          title: 'Địa chỉ trụ sở hộ kinh doanh (số nhà, đường, xã/phường)',
          maxLength: 300,
        },
        phone: { type: 'string', title: 'Điện thoại', pattern: PHONE_PATTERN },
        email: { type: 'string', title: 'Thư điện tử', format: 'email', maxLength: 120 },
        businessLines: {
          type: 'string',
          title: 'Ngành, nghề kinh doanh',
          maxLength: 1000,
          description: 'Ghi tên ngành theo Hệ thống ngành kinh tế Việt Nam.',
        },
        capital: { type: 'integer', title: 'Vốn kinh doanh (đồng)', minimum: 0 },
        employees: { type: 'integer', title: 'Số lượng lao động (dự kiến)', minimum: 0, maximum: 1000 },
        ownerFullName: { type: 'string', title: 'Chủ hộ kinh doanh – Họ, chữ đệm và tên', maxLength: 100 },
        ownerBirthDate: { type: 'string', format: 'date', title: 'Chủ hộ kinh doanh – Ngày sinh' },
        ownerIdNumber: {
          type: 'string',
          title: 'Chủ hộ kinh doanh – Số định danh cá nhân',
          pattern: PERSONAL_ID_PATTERN,
        },
        ownerResidence: { type: 'string', title: 'Chủ hộ kinh doanh – Địa chỉ liên lạc', maxLength: 300 },
      },
    },
    ui: {
      'ui:order': [
        'registrantType',
        'businessName',
        'businessAddress',
        'phone',
        'email',
        'businessLines',
        'capital',
        'employees',
        'ownerFullName',
        'ownerBirthDate',
        'ownerIdNumber',
        'ownerResidence',
      ],
      pages: [
        ['registrantType', 'businessName'],
        ['businessAddress', 'phone', 'email'],
        ['businessLines', 'capital', 'employees'],
        ['ownerFullName', 'ownerBirthDate', 'ownerIdNumber', 'ownerResidence'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: [
        'Người đăng ký và tên hộ kinh doanh',
        'Địa điểm kinh doanh và liên hệ',
        'Ngành nghề, vốn và lao động',
        'Chủ hộ kinh doanh',
      ],
      pageTitlesEn: [
        'Registrant and business name',
        'Address and contact',
        'Business lines, capital and workers',
        'The owner',
      ],
      businessLines: { 'ui:widget': 'textarea' },
    },
  },
  workflow: {
    start: 'appraise',
    steps: [
      {
        key: 'appraise',
        name: 'Chuyên viên Phòng Kinh tế kiểm tra hồ sơ, tên và ngành, nghề kinh doanh',
        nameEn: 'Economic division officer checks the file, name and business lines',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 3, unit: 'half_days' },
      },
      {
        key: 'approve',
        name: 'Trưởng phòng Kinh tế ký Giấy chứng nhận đăng ký hộ kinh doanh',
        nameEn: 'Head of the economic division signs the certificate',
        role: 'division_head',
        agency: 'competent',
        allowance: { value: 1, unit: 'half_days' },
      },
      {
        key: 'issue',
        name: 'Cập nhật Hệ thống thông tin quốc gia về đăng ký hộ kinh doanh, chuyển kết quả về Bộ phận Một cửa',
        nameEn: 'Update the national registration system and return the result to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 1, unit: 'half_days' },
        final: true,
      },
    ],
    actions: [
      {
        key: 'submit',
        name: 'Trình ký Giấy chứng nhận',
        nameEn: 'Submit for signature',
        from: 'appraise',
        to: 'approve',
        requires: { attachment: true },
      },
      { key: 'sign', name: 'Ký Giấy chứng nhận', nameEn: 'Sign', from: 'approve', to: 'issue' },
      {
        key: 'return_appraise',
        name: 'Trả lại chuyên viên kiểm tra lại',
        nameEn: 'Return for re-examination',
        from: 'approve',
        to: 'appraise',
        requires: { comment: true },
      },
      {
        key: 'release',
        name: 'Phát hành Giấy chứng nhận, trả về Bộ phận Một cửa',
        nameEn: 'Release the certificate to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
