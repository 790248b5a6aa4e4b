// Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận lần đầu (individuals), commune level
// since 2025-07-01, 20 working days. Sources: Luật Đất đai 2024 art. 131–137; Nghị định 101/2024/NĐ-CP
// (registration and first certificate "không quá 20 ngày làm việc"; the time to fulfil the financial
// obligation is not counted, status 6 in this system).
//
// Two consultations (liên thông): the land registration office branch (Chi nhánh Văn phòng đăng ký
// đất đai, under the Department of Agriculture and Environment) checks the cadastral record and the
// measurement; the tax authority determines the land-use levy, registration fee and personal income tax.
// The demo city has no tax office, so the Department of Finance (000.00.24.H29) stands in for the
// grassroots tax office (Thuế cơ sở) on that step. After the tax notice the officer asks the applicant to
// pay (request_payment, status 6) before the leader signs.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { AGENCY, PERSONAL_ID_PATTERN } from './shared.ts';

export const landFirstCertificate = {
  // (confirm) the 2024 national code for this procedure (decision publishing the Land Law 2024 procedures)
  code: '1.012766',
  name: 'Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu đối với cá nhân',
  nameEn:
    'First registration of land and land-attached assets and first land-use right certificate (individuals)',
  sector: { code: 'dat_dai', name: 'Đất đai', nameEn: 'Land' },
  steps: [
    'Người sử dụng đất nộp hồ sơ tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã nơi có đất (hoặc trực tuyến); bộ phận tiếp nhận kiểm tra, cấp Giấy tiếp nhận và hẹn trả kết quả.',
    'Ủy ban nhân dân cấp xã kiểm tra hồ sơ, xác nhận hiện trạng sử dụng đất, nguồn gốc, thời điểm sử dụng đất, sự phù hợp với quy hoạch; niêm yết công khai kết quả kiểm tra tại trụ sở Ủy ban nhân dân cấp xã và khu dân cư nơi có đất theo quy định.',
    'Chi nhánh Văn phòng đăng ký đất đai kiểm tra, trích lục hoặc trích đo bản đồ địa chính, cập nhật hồ sơ địa chính; gửi Phiếu chuyển thông tin đến cơ quan thuế để xác định nghĩa vụ tài chính.',
    'Cơ quan thuế ban hành thông báo nộp tiền sử dụng đất, lệ phí trước bạ và các khoản thu khác; người sử dụng đất thực hiện nghĩa vụ tài chính (thời gian này không tính vào thời hạn giải quyết).',
    'Chủ tịch Ủy ban nhân dân cấp xã ký Giấy chứng nhận; cơ quan đăng ký cập nhật cơ sở dữ liệu đất đai và trao Giấy chứng nhận cho người được cấp tại Bộ phận Một cửa.',
  ],
  methods: ['counter', 'online', 'post'],
  methodsText:
    'Nộp trực tiếp tại Bộ phận Một cửa của Ủy ban nhân dân cấp xã nơi có đất, qua dịch vụ bưu chính, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia.',
  components: [
    {
      key: 'don_dang_ky',
      name: 'Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu',
      nameEn: 'Application for registration of land and land-attached assets (prescribed form)',
      originals: 1,
      copies: 0,
      required: true,
      // The e-form is this declaration: filled online, rendered to PDF, never uploaded twice.
      eForm: true,
    },
    {
      key: 'giay_to_quyen_su_dung_dat',
      name: 'Một trong các giấy tờ về quyền sử dụng đất quy định tại Điều 137 Luật Đất đai (nếu có)',
      nameEn: 'Documents on the land-use right under art. 137 of the Land Law (if any)',
      originals: 0,
      copies: 1,
      required: false,
      note: 'Nộp bản sao kèm bản chính để đối chiếu hoặc bản sao có chứng thực.',
    },
    {
      key: 'giay_to_tai_san',
      name: 'Giấy tờ về quyền sở hữu nhà ở, công trình xây dựng gắn liền với đất (trường hợp đăng ký tài sản gắn liền với đất)',
      nameEn: 'Documents on the ownership of the house or building (when registering the asset)',
      originals: 0,
      copies: 1,
      required: false,
    },
    {
      key: 'trich_do',
      name: 'Mảnh trích đo bản đồ địa chính thửa đất (trường hợp chưa có bản đồ địa chính và người sử dụng đất đã tự đo đạc)',
      nameEn: 'Cadastral measurement extract (where there is no cadastral map)',
      originals: 1,
      copies: 0,
      required: false,
    },
    {
      key: 'chung_tu_nghia_vu_tai_chinh',
      name: 'Chứng từ thực hiện nghĩa vụ tài chính; giấy tờ liên quan đến việc miễn, giảm nghĩa vụ tài chính (nếu có)',
      nameEn: 'Proof of payment of the financial obligation, or of an exemption (if any)',
      originals: 0,
      copies: 1,
      required: false,
    },
    {
      key: 'van_ban_uy_quyen',
      name: 'Văn bản ủy quyền nộp hồ sơ hoặc nhận Giấy chứng nhận (nếu có)',
      nameEn: 'Power of attorney (if any)',
      originals: 1,
      copies: 0,
      required: false,
    },
  ],
  timeLimit: { default: { value: 20, unit: 'working_days' } },
  // (confirm) the +10 working days for mountain, island and disadvantaged communes under Nghị định 101/2024
  timeLimitText:
    'Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ; không tính thời gian thực hiện nghĩa vụ tài chính, thời gian xem xét xử lý trường hợp vi phạm pháp luật đất đai, thời gian trưng cầu giám định. Xã miền núi, hải đảo, vùng có điều kiện kinh tế – xã hội khó khăn được tăng thêm 10 ngày làm việc.',
  applicantTypes: ['citizen'],
  implementingAgencyText:
    'Ủy ban nhân dân cấp xã nơi có đất (thẩm quyền cấp Giấy chứng nhận cho cá nhân); Chi nhánh Văn phòng đăng ký đất đai thuộc Sở Nông nghiệp và Môi trường; cơ quan thuế xác định nghĩa vụ tài chính.',
  competent: { kind: 'receiving_commune' },
  result: {
    type: 'paper',
    name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất; cập nhật vào hồ sơ địa chính, cơ sở dữ liệu đất đai',
  },
  fees: [
    {
      code: 'le_phi_cap_gcn',
      name: 'Lệ phí cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
      kind: 'charge',
      // (confirm) amount set by the HCMC People's Council resolution on charges
      amount: 100_000,
      note: 'Theo Nghị quyết của HĐND Thành phố; chưa gồm tiền sử dụng đất, lệ phí trước bạ do cơ quan thuế thông báo.',
    },
  ],
  legalBasis: [
    'Luật Đất đai số 31/2024/QH15 ngày 18/01/2024',
    'Nghị định số 101/2024/NĐ-CP ngày 29/7/2024 quy định về điều tra cơ bản đất đai; đăng ký, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất và Hệ thống thông tin đất đai',
    'Nghị định số 103/2024/NĐ-CP ngày 30/7/2024 quy định về tiền sử dụng đất, tiền thuê đất',
    // (confirm) the decree on the two-level local government's land powers
    'Nghị định số 151/2025/NĐ-CP quy định về phân định thẩm quyền của chính quyền địa phương 02 cấp, phân quyền, phân cấp trong lĩnh vực đất đai',
    'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh',
  ],
  serviceLevel: 'partial',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Đơn đăng ký đất đai, tài sản gắn liền với đất',
      type: 'object',
      required: [
        'applicantFullName',
        'applicantIdNumber',
        'applicantAddress',
        'parcelNumber',
        'mapSheet',
        'parcelAddress',
        'area',
        'landUse',
        'useSince',
        'landOrigin',
        'requestCertificate',
      ],
      properties: {
        applicantFullName: {
          type: 'string',
          title: 'Người sử dụng đất – Họ, chữ đệm và tên',
          maxLength: 100,
        },
        applicantIdNumber: {
          type: 'string',
          title: 'Người sử dụng đất – Số định danh cá nhân',
          pattern: PERSONAL_ID_PATTERN,
        },
        applicantAddress: { type: 'string', title: 'Địa chỉ liên hệ', maxLength: 300 },
        parcelNumber: { type: 'string', title: 'Thửa đất số', maxLength: 20 },
        mapSheet: { type: 'string', title: 'Tờ bản đồ số', maxLength: 20 },
        parcelAddress: { type: 'string', title: 'Địa chỉ thửa đất', maxLength: 300 },
        area: { type: 'number', title: 'Diện tích đất đề nghị đăng ký (m²)', minimum: 1 },
        landUse: {
          type: 'string',
          title: 'Mục đích sử dụng đất',
          enum: ['ODT', 'ONT', 'CLN', 'HNK', 'LUC'],
          enumNames: [
            'Đất ở tại đô thị',
            'Đất ở tại nông thôn',
            'Đất trồng cây lâu năm',
            'Đất trồng cây hằng năm khác',
            'Đất chuyên trồng lúa',
          ],
        },
        useSince: { type: 'string', format: 'date', title: 'Thời điểm bắt đầu sử dụng đất' },
        landOrigin: {
          type: 'string',
          title: 'Nguồn gốc sử dụng đất',
          maxLength: 500,
          description: 'Ví dụ: nhận chuyển nhượng bằng giấy tay năm 2003; được thừa kế; tự khai hoang…',
        },
        hasHouse: { type: 'boolean', title: 'Đăng ký nhà ở gắn liền với đất', default: false },
        houseFloorArea: { type: 'number', title: 'Diện tích sàn nhà ở (m²)', minimum: 0 },
        requestCertificate: {
          type: 'boolean',
          title: 'Đề nghị cấp Giấy chứng nhận (bỏ chọn nếu chỉ đăng ký đất đai)',
          default: true,
        },
        deferLevy: { type: 'boolean', title: 'Đề nghị ghi nợ tiền sử dụng đất', default: false },
      },
    },
    ui: {
      'ui:order': [
        'applicantFullName',
        'applicantIdNumber',
        'applicantAddress',
        'parcelNumber',
        'mapSheet',
        'parcelAddress',
        'area',
        'landUse',
        'useSince',
        'landOrigin',
        'hasHouse',
        'houseFloorArea',
        'requestCertificate',
        'deferLevy',
      ],
      pages: [
        ['applicantFullName', 'applicantIdNumber', 'applicantAddress'],
        ['parcelNumber', 'mapSheet', 'parcelAddress', 'area'],
        ['landUse', 'useSince', 'landOrigin'],
        ['hasHouse', 'houseFloorArea'],
        ['requestCertificate', 'deferLevy'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: [
        'Người sử dụng đất',
        'Thửa đất',
        'Mục đích, thời điểm và nguồn gốc sử dụng đất',
        'Nhà ở gắn liền với đất',
        'Đề nghị cấp Giấy chứng nhận',
      ],
      pageTitlesEn: [
        'The land user',
        'The parcel',
        'Land use, since when and origin',
        'The house',
        'What you ask for',
      ],
      landOrigin: { 'ui:widget': 'textarea' },
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
        name: 'Kiểm tra hồ sơ, xác nhận hiện trạng, nguồn gốc sử dụng đất, niêm yết công khai',
        nameEn: 'Check the file, confirm current use and origin, public posting',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 4, unit: 'working_days' },
      },
      {
        key: 'consult_land_office',
        name: 'Liên thông Chi nhánh Văn phòng đăng ký đất đai: trích lục, trích đo, cập nhật hồ sơ địa chính',
        nameEn: 'Land registration office: cadastral extract, measurement, cadastral update (inter-agency)',
        role: 'specialist',
        agency: { code: AGENCY.agricultureEnvironment },
        allowance: { value: 5, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'consult_tax',
        name: 'Liên thông cơ quan thuế xác định nghĩa vụ tài chính',
        nameEn: 'Tax authority determines the financial obligation (inter-agency)',
        role: 'specialist',
        // Stand-in for the grassroots tax office: the Department of Finance (see the header).
        agency: { code: AGENCY.finance },
        allowance: { value: 3, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'approve',
        name: 'Chủ tịch (Phó Chủ tịch) Ủy ban nhân dân cấp xã ký Giấy chứng nhận',
        nameEn: 'Commune chair signs the certificate',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 3, unit: 'working_days' },
      },
      {
        key: 'issue',
        name: 'Cập nhật cơ sở dữ liệu đất đai, chuyển Giấy chứng nhận về Bộ phận Một cửa',
        nameEn: 'Update the land database and return the certificate to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 2, unit: 'working_days' },
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
        key: 'send_land_office',
        name: 'Chuyển Chi nhánh Văn phòng đăng ký đất đai',
        nameEn: 'Send to the land registration office',
        from: 'appraise',
        to: 'consult_land_office',
        requires: { attachment: true },
      },
      {
        key: 'send_tax',
        name: 'Gửi Phiếu chuyển thông tin xác định nghĩa vụ tài chính',
        nameEn: 'Send the information transfer slip to the tax authority',
        from: 'consult_land_office',
        to: 'consult_tax',
        requires: { attachment: true },
      },
      {
        key: 'no_obligation',
        name: 'Không phát sinh nghĩa vụ tài chính, chuyển trình ký',
        nameEn: 'No financial obligation: forward for signature',
        from: 'consult_land_office',
        to: 'approve',
        requires: { attachment: true },
      },
      {
        key: 'return_appraise',
        name: 'Trả lại UBND cấp xã kiểm tra, xác nhận lại',
        nameEn: 'Return to the commune for re-examination',
        from: 'consult_land_office',
        to: 'appraise',
        requires: { comment: true },
      },
      {
        key: 'tax_notice',
        name: 'Ban hành thông báo nộp tiền, chuyển lại cơ quan giải quyết',
        nameEn: 'Issue the payment notice and hand back',
        from: 'consult_tax',
        to: 'approve',
        requires: { attachment: true },
      },
      { key: 'sign', name: 'Ký Giấy chứng nhận', nameEn: 'Sign', from: 'approve', to: 'issue' },
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
        name: 'Trao Giấy chứng nhận qua Bộ phận Một cửa',
        nameEn: 'Release the certificate to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
