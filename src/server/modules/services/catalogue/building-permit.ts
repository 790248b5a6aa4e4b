// Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ, commune level since 2025-07-01, 15 days.
// Sources: Luật Xây dựng 2014 (amended 2020) art. 95 (dossier) and art. 102 (15 days for detached
// houses; the agencies asked for an opinion answer within 07 days for detached houses); provincial
// procedure pages (Đơn đề nghị Mẫu số 01 Phụ lục II, land-use papers, design drawings); the charge is
// set by the city People's Council (Thông tư 85/2019/TT-BTC).
// The consultation with the Department of Construction stands for the expert opinion the commune asks
// for where the house touches a matter the commune cannot settle alone (planning, heritage, height).
// Art. 102 lets the licensing body ask "the state management agencies of the related fields" at once:
// `request_opinions` asks the Department of Construction and the Department of Agriculture and
// Environment (land use) in parallel, each with its own 07 days (confirm which departments a given
// commune asks in practice).
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { AGENCY, PERSONAL_ID_PATTERN, PHONE_PATTERN } from './shared.ts';

export const buildingPermit = {
  // (confirm) national code of "Cấp giấy phép xây dựng mới đối với công trình cấp III, cấp IV … và nhà ở riêng lẻ"
  code: '1.009994',
  name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
  nameEn: 'Building permit for a new detached house',
  sector: { code: 'hoat_dong_xay_dung', name: 'Hoạt động xây dựng', nameEn: 'Construction activities' },
  steps: [
    'Chủ đầu tư nộp hồ sơ đề nghị cấp giấy phép xây dựng tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã nơi xây dựng hoặc nộp trực tuyến; bộ phận tiếp nhận kiểm tra, cấp Giấy tiếp nhận hẹn trả kết quả, hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần.',
    'Trong thời hạn 07 ngày kể từ ngày nhận hồ sơ, cơ quan cấp giấy phép thẩm định hồ sơ, kiểm tra thực địa; hồ sơ cần bổ sung, chỉnh sửa thì thông báo một lần bằng văn bản. Trường hợp cần thiết, lấy ý kiến cơ quan quản lý nhà nước về lĩnh vực liên quan; cơ quan được hỏi ý kiến trả lời trong 07 ngày đối với nhà ở riêng lẻ.',
    'Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Chủ tịch Ủy ban nhân dân cấp xã xem xét, cấp giấy phép xây dựng; trường hợp không đủ điều kiện thì trả lời bằng văn bản, nêu rõ lý do.',
    'Chủ đầu tư nhận giấy phép xây dựng kèm bản vẽ thiết kế có đóng dấu của cơ quan cấp giấy phép tại Bộ phận Một cửa hoặc qua bưu chính.',
  ],
  methods: ['counter', 'online', 'post'],
  methodsText:
    'Nộp trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã, qua dịch vụ bưu chính, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia (đính kèm bản chụp, bản vẽ dạng tệp).',
  components: [
    {
      key: 'don_de_nghi',
      name: 'Đơn đề nghị cấp giấy phép xây dựng theo mẫu',
      nameEn: 'Building permit application (prescribed form)',
      originals: 1,
      copies: 0,
      required: true,
      // The e-form is this declaration: filled online, rendered to PDF, never uploaded twice.
      eForm: true,
    },
    {
      key: 'giay_to_dat',
      name: 'Bản sao hoặc tệp tin chứa bản chụp một trong những giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai',
      nameEn: 'Copy of a document proving the land-use right',
      originals: 0,
      copies: 1,
      required: true,
    },
    {
      key: 'ban_ve_thiet_ke',
      name: '02 bộ bản vẽ thiết kế xây dựng: bản vẽ mặt bằng vị trí công trình trên lô đất, mặt bằng các tầng, mặt đứng và mặt cắt chính; mặt bằng móng và mặt cắt móng; sơ đồ đấu nối hệ thống thoát nước, cấp điện, cấp nước',
      nameEn:
        'Two sets of design drawings (site plan, floor plans, elevations, sections, foundations, utility connections)',
      originals: 2,
      copies: 0,
      required: true,
    },
    {
      key: 'cam_ket_an_toan',
      name: 'Bản cam kết bảo đảm an toàn đối với công trình liền kề (trường hợp công trình có công trình liền kề)',
      nameEn: 'Undertaking on the safety of adjacent buildings (where there are adjacent buildings)',
      originals: 1,
      copies: 0,
      required: false,
    },
    {
      key: 'nang_luc_thiet_ke',
      name: 'Bản kê khai điều kiện năng lực của tổ chức, cá nhân thiết kế (trường hợp nhà ở riêng lẻ từ 03 tầng trở lên hoặc có tổng diện tích sàn từ 250 m² trở lên)',
      nameEn: 'Statement of the designer’s qualifications (houses of 3+ storeys or 250+ m² floor area)',
      originals: 1,
      copies: 0,
      required: false,
    },
  ],
  // (confirm) the Law says "15 ngày"; provincial portals publish it as working days
  timeLimit: { default: { value: 15, unit: 'working_days' }, online: { value: 15, unit: 'working_days' } },
  timeLimitText:
    '15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ (kể cả khi nộp trực tuyến); thời gian chủ đầu tư bổ sung, chỉnh sửa hồ sơ theo yêu cầu không tính vào thời hạn.',
  applicantTypes: ['citizen', 'organisation'],
  implementingAgencyText:
    'Ủy ban nhân dân cấp xã nơi xây dựng nhà ở (Phòng Kinh tế, Hạ tầng và Đô thị tham mưu); cơ quan phối hợp: Sở Xây dựng và các cơ quan quản lý nhà nước về lĩnh vực liên quan khi cần lấy ý kiến.',
  competent: { kind: 'receiving_commune' },
  result: {
    type: 'paper',
    name: 'Giấy phép xây dựng kèm bản vẽ thiết kế có đóng dấu của cơ quan cấp giấy phép',
  },
  fees: [
    {
      code: 'le_phi_cap_phep',
      name: 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ',
      kind: 'charge',
      // (confirm) amount set by the HCMC People's Council resolution on charges
      amount: 75_000,
      note: '75.000 đồng/giấy phép theo Nghị quyết của HĐND Thành phố.',
    },
  ],
  legalBasis: [
    'Luật Xây dựng số 50/2014/QH13 ngày 18/6/2014, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14 ngày 17/6/2020',
    // (confirm) the decree on building permits that replaced Nghị định 15/2021/NĐ-CP
    'Nghị định số 175/2024/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
    // (confirm) the decree moving detached-house permits to the commune in the two-level government
    'Nghị định số 140/2025/NĐ-CP quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Xây dựng',
    'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh',
  ],
  serviceLevel: 'partial',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Đơn đề nghị cấp giấy phép xây dựng (nhà ở riêng lẻ)',
      type: 'object',
      required: [
        'ownerFullName',
        'ownerIdNumber',
        'ownerAddress',
        'phone',
        'siteAddress',
        'parcelNumber',
        'mapSheet',
        'lotArea',
        'buildingArea',
        'totalFloorArea',
        'height',
        'floors',
      ],
      properties: {
        ownerFullName: { type: 'string', title: 'Tên chủ đầu tư (chủ hộ)', maxLength: 150 },
        ownerIdNumber: {
          type: 'string',
          title: 'Số định danh cá nhân của chủ đầu tư',
          pattern: PERSONAL_ID_PATTERN,
        },
        ownerAddress: { type: 'string', title: 'Địa chỉ liên hệ', maxLength: 300 },
        phone: { type: 'string', title: 'Số điện thoại', pattern: PHONE_PATTERN },
        siteAddress: {
          type: 'string',
          title: 'Địa điểm xây dựng (số nhà, đường, xã/phường)',
          maxLength: 300,
        },
        parcelNumber: { type: 'string', title: 'Thửa đất số', maxLength: 20 },
        mapSheet: { type: 'string', title: 'Tờ bản đồ số', maxLength: 20 },
        lotArea: { type: 'number', title: 'Diện tích lô đất (m²)', minimum: 1 },
        buildingArea: { type: 'number', title: 'Diện tích xây dựng tầng 1 (tầng trệt) (m²)', minimum: 1 },
        totalFloorArea: { type: 'number', title: 'Tổng diện tích sàn (m²)', minimum: 1 },
        height: { type: 'number', title: 'Chiều cao công trình (m)', minimum: 1, maximum: 200 },
        floors: {
          type: 'integer',
          title: 'Số tầng (kể cả tầng hầm, tầng lửng, tum)',
          minimum: 1,
          maximum: 50,
        },
        hasBasement: { type: 'boolean', title: 'Có tầng hầm', default: false },
        designer: { type: 'string', title: 'Tổ chức, cá nhân thiết kế', maxLength: 200 },
        expectedMonths: {
          type: 'integer',
          title: 'Dự kiến thời gian hoàn thành (tháng)',
          minimum: 1,
          maximum: 60,
        },
      },
    },
    ui: {
      'ui:order': [
        'ownerFullName',
        'ownerIdNumber',
        'ownerAddress',
        'phone',
        'siteAddress',
        'parcelNumber',
        'mapSheet',
        'lotArea',
        'buildingArea',
        'totalFloorArea',
        'height',
        'floors',
        'hasBasement',
        'designer',
        'expectedMonths',
      ],
      pages: [
        ['ownerFullName', 'ownerIdNumber', 'ownerAddress', 'phone'],
        ['siteAddress', 'parcelNumber', 'mapSheet', 'lotArea'],
        ['buildingArea', 'totalFloorArea', 'height', 'floors', 'hasBasement'],
        ['designer', 'expectedMonths'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: ['Chủ đầu tư', 'Địa điểm xây dựng', 'Quy mô công trình', 'Thiết kế và thời gian thi công'],
      pageTitlesEn: ['The owner', 'The site', 'The building', 'Design and construction time'],
    },
  },
  workflow: {
    start: 'assign',
    steps: [
      {
        key: 'assign',
        name: 'Lãnh đạo Phòng Kinh tế, Hạ tầng và Đô thị phân công thụ lý',
        nameEn: 'Division head assigns the case',
        role: 'division_head',
        agency: 'competent',
        allowance: { value: 1, unit: 'half_days' },
      },
      {
        key: 'appraise',
        name: 'Chuyên viên thẩm định hồ sơ, kiểm tra thực địa, dự thảo giấy phép',
        nameEn: 'Specialist appraises the file, inspects the site and drafts the permit',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 5, unit: 'working_days' },
      },
      {
        key: 'consult_construction',
        name: 'Liên thông lấy ý kiến Sở Xây dựng',
        nameEn: 'Opinion of the Department of Construction (inter-agency)',
        role: 'specialist',
        agency: { code: AGENCY.construction },
        allowance: { value: 7, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'consult_land',
        name: 'Liên thông lấy ý kiến Sở Nông nghiệp và Môi trường về sử dụng đất',
        nameEn: 'Opinion of the Department of Agriculture and Environment on land use (inter-agency)',
        role: 'specialist',
        agency: { code: AGENCY.agricultureEnvironment },
        allowance: { value: 7, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'review',
        name: 'Lãnh đạo phòng kiểm tra, trình ký',
        nameEn: 'Division head reviews and submits for signature',
        role: 'division_head',
        agency: 'competent',
        allowance: { value: 1, unit: 'half_days' },
      },
      {
        key: 'approve',
        name: 'Chủ tịch (Phó Chủ tịch) Ủy ban nhân dân cấp xã ký giấy phép xây dựng',
        nameEn: 'Commune chair signs the permit',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 1, unit: 'working_days' },
      },
      {
        key: 'issue',
        name: 'Đóng dấu bản vẽ, phát hành giấy phép, chuyển kết quả về Bộ phận Một cửa',
        nameEn: 'Stamp the drawings, issue the permit and return to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 1, unit: 'working_days' },
        final: true,
      },
    ],
    actions: [
      {
        key: 'assign',
        name: 'Phân công chuyên viên thụ lý',
        nameEn: 'Assign',
        from: 'assign',
        to: 'appraise',
      },
      {
        key: 'request_opinion',
        name: 'Gửi văn bản lấy ý kiến Sở Xây dựng',
        nameEn: 'Ask the Department of Construction for an opinion',
        from: 'appraise',
        to: 'consult_construction',
        requires: { comment: true, attachment: true },
      },
      {
        key: 'answer',
        name: 'Gửi văn bản góp ý',
        nameEn: 'Send the written opinion',
        from: 'consult_construction',
        to: 'appraise',
        requires: { attachment: true },
      },
      {
        key: 'request_opinions',
        name: 'Lấy ý kiến đồng thời Sở Xây dựng và Sở Nông nghiệp và Môi trường',
        nameEn: 'Ask the departments of Construction and of Agriculture and Environment at once',
        from: 'appraise',
        to: 'appraise',
        parallel: ['consult_construction', 'consult_land'],
        requires: { comment: true },
      },
      {
        key: 'answer',
        name: 'Gửi văn bản góp ý',
        nameEn: 'Send the written opinion',
        from: 'consult_land',
        to: 'appraise',
        requires: { attachment: true },
      },
      {
        key: 'submit',
        name: 'Trình dự thảo giấy phép xây dựng',
        nameEn: 'Submit the draft permit',
        from: 'appraise',
        to: 'review',
        requires: { attachment: true },
      },
      {
        key: 'submit',
        name: 'Trình Chủ tịch UBND ký',
        nameEn: 'Submit for signature',
        from: 'review',
        to: 'approve',
      },
      {
        key: 'return_appraise',
        name: 'Trả lại chuyên viên thẩm định lại',
        nameEn: 'Return for re-appraisal',
        from: 'review',
        to: 'appraise',
        requires: { comment: true },
      },
      { key: 'sign', name: 'Ký giấy phép xây dựng', nameEn: 'Sign', from: 'approve', to: 'issue' },
      {
        key: 'return_appraise',
        name: 'Trả lại thẩm định lại',
        nameEn: 'Return for re-appraisal',
        from: 'approve',
        to: 'appraise',
        requires: { comment: true },
      },
      {
        key: 'release',
        name: 'Phát hành giấy phép, trả về Bộ phận Một cửa',
        nameEn: 'Release the permit to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
