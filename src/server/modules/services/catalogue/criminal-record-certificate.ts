// Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam
// (2.000488), Department of Justice, 10 days (15 in the special cases).
// Sources: provincial portal entry "… - 2.000488.000.00.00.H62" (counter, online, post; Tờ khai per
// Thông tư 06/2024/TT-BTP, electronic interactive forms 12/2024/LLTP and 13/2024/LLTP online); Luật Lý
// lịch tư pháp 2009 art. 46–48 ("không quá 10 ngày … không quá 15 ngày" for people who lived in several
// places or abroad, foreigners, or when automatic expungement must be verified); fee 200.000 đ.
//
// The demo city has no police agency. The verification with the police records unit (Công an Thành
// phố) is therefore modelled as a consultation step owned by the Department of Justice itself: its
// judicial-records desk sends the request and records the police answer. Replace the code with the
// police agency's when one is added.
import type { ProcedureDefinition } from '../../../../contracts/services.ts';
import { AGENCY, PERSONAL_ID_PATTERN } from './shared.ts';

export const criminalRecordCertificate = {
  code: '2.000488',
  name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
  nameEn: 'Criminal record certificate for Vietnamese citizens and foreigners residing in Viet Nam',
  sector: { code: 'ly_lich_tu_phap', name: 'Lý lịch tư pháp', nameEn: 'Judicial records' },
  steps: [
    'Người yêu cầu nộp Tờ khai và giấy tờ kèm theo tại Trung tâm Phục vụ hành chính công Thành phố, qua bưu chính, hoặc trực tuyến trên Cổng Dịch vụ công quốc gia / ứng dụng VNeID (công dân Việt Nam nộp tại Sở Tư pháp nơi thường trú, không có nơi thường trú thì nơi tạm trú; người nước ngoài nộp tại Sở Tư pháp nơi cư trú).',
    'Bộ phận tiếp nhận kiểm tra hồ sơ, thu phí, cấp Giấy tiếp nhận và hẹn trả kết quả.',
    'Sở Tư pháp tra cứu thông tin lý lịch tư pháp về án tích trong Cơ sở dữ liệu lý lịch tư pháp; trường hợp chưa đủ căn cứ hoặc cần xác minh điều kiện đương nhiên được xóa án tích thì gửi yêu cầu xác minh đến cơ quan Công an, Tòa án, cơ quan thi hành án có liên quan.',
    'Trên cơ sở kết quả tra cứu, xác minh, Giám đốc (Phó Giám đốc) Sở Tư pháp ký Phiếu lý lịch tư pháp; Phiếu được trả bản điện tử qua Cổng Dịch vụ công quốc gia / VNeID hoặc bản giấy tại nơi nộp, qua bưu chính theo yêu cầu.',
  ],
  methods: ['counter', 'online', 'post'],
  methodsText:
    'Nộp trực tiếp tại Trung tâm Phục vụ hành chính công Thành phố, gửi qua dịch vụ bưu chính, hoặc nộp trực tuyến trên Cổng Dịch vụ công quốc gia, ứng dụng VNeID (không phải đính kèm bản sao giấy tờ tùy thân khi nộp trực tuyến).',
  components: [
    {
      key: 'to_khai',
      name: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu (Mẫu số 03/2024/LLTP; trường hợp ủy quyền yêu cầu cấp Phiếu số 1 dùng Mẫu số 04/2024/LLTP)',
      nameEn: 'Request for a criminal record certificate (prescribed form 03/2024/LLTP or 04/2024/LLTP)',
      originals: 1,
      copies: 0,
      required: true,
      // The e-form is this declaration: filled online, rendered to PDF, never uploaded twice.
      eForm: true,
    },
    {
      key: 'giay_to_tuy_than',
      name: 'Bản sao thẻ Căn cước (Căn cước công dân) hoặc hộ chiếu của người được cấp Phiếu lý lịch tư pháp',
      nameEn: 'Copy of the ID card or passport of the person concerned',
      originals: 0,
      copies: 1,
      required: true,
      note: 'Nộp bản chụp thì xuất trình bản chính để đối chiếu; nộp trực tuyến thì không phải đính kèm.',
    },
    {
      key: 'van_ban_uy_quyen',
      name: 'Văn bản ủy quyền được công chứng, chứng thực (trường hợp ủy quyền yêu cầu cấp Phiếu lý lịch tư pháp số 1)',
      nameEn: 'Notarised power of attorney (certificate no. 1 requested by a representative)',
      originals: 1,
      copies: 0,
      required: false,
    },
    {
      key: 'giay_to_quan_he',
      name: 'Giấy tờ chứng minh quan hệ cha, mẹ, vợ, chồng, con với người được cấp Phiếu (thay cho văn bản ủy quyền)',
      nameEn: 'Proof of family relationship (instead of a power of attorney)',
      originals: 0,
      copies: 1,
      required: false,
    },
    {
      key: 'giay_to_mien_giam_phi',
      name: 'Giấy tờ chứng minh thuộc đối tượng được miễn, giảm phí (nếu có)',
      nameEn: 'Proof of fee exemption or reduction (if any)',
      originals: 0,
      copies: 1,
      required: false,
    },
  ],
  // (confirm) the Law says "10 ngày"; most provincial portals publish it as working days
  timeLimit: { default: { value: 10, unit: 'working_days' } },
  timeLimitText:
    'Không quá 10 ngày kể từ ngày nhận được yêu cầu hợp lệ. Trường hợp người được cấp Phiếu là công dân Việt Nam đã cư trú ở nhiều nơi hoặc có thời gian cư trú ở nước ngoài, người nước ngoài, hoặc phải xác minh về điều kiện đương nhiên được xóa án tích thì không quá 15 ngày.',
  applicantTypes: ['citizen'],
  implementingAgencyText:
    'Sở Tư pháp Thành phố; cơ quan phối hợp: Công an Thành phố (Phòng Hồ sơ nghiệp vụ), Tòa án, cơ quan thi hành án dân sự có liên quan.',
  competent: { kind: 'fixed', code: AGENCY.justice },
  result: {
    type: 'electronic',
    name: 'Phiếu lý lịch tư pháp số 1 hoặc số 2 (bản điện tử có giá trị pháp lý; bản giấy nếu người yêu cầu đề nghị)',
  },
  fees: [
    {
      code: 'phi_cung_cap_thong_tin',
      name: 'Phí cung cấp thông tin lý lịch tư pháp',
      kind: 'fee',
      // (confirm) amounts against Thông tư 16/2025/TT-BTC, which replaced Thông tư 244/2016/TT-BTC
      amount: 200_000,
      note: '200.000 đồng/lần/người.',
      when: { field: 'feeCategory', equals: 'giam', not: true },
      exemptions: [
        {
          when: { field: 'feeCategory', equals: 'mien' },
          percent: 100,
          reason: 'Miễn phí cho trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo.',
        },
      ],
      collect: 'at_submission',
    },
    {
      code: 'phi_giam',
      name: 'Phí cung cấp thông tin lý lịch tư pháp – mức giảm',
      kind: 'fee',
      amount: 100_000,
      note: '100.000 đồng/lần/người đối với sinh viên, người có công với cách mạng, thân nhân liệt sĩ, người thường trú hoặc tạm trú tại xã, thị trấn có điều kiện kinh tế – xã hội đặc biệt khó khăn. Miễn phí cho trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo. (confirm)',
      when: { field: 'feeCategory', equals: 'giam' },
      collect: 'at_submission',
    },
    {
      code: 'phi_phieu_thu_ba',
      name: 'Phí cấp thêm Phiếu lý lịch tư pháp (từ Phiếu thứ 3 trở đi)',
      kind: 'fee',
      amount: 5_000,
      note: '5.000 đồng/Phiếu, trường hợp đề nghị cấp quá 02 Phiếu trong một lần yêu cầu. (confirm)',
      rule: { kind: 'per_unit', field: 'copies', free: 2 },
      collect: 'at_submission',
    },
  ],
  legalBasis: [
    'Luật Lý lịch tư pháp số 28/2009/QH12 ngày 17/6/2009',
    'Nghị định số 111/2010/NĐ-CP ngày 23/11/2010 quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp',
    'Thông tư liên tịch số 04/2012/TTLT-BTP-TANDTC-VKSNDTC-BCA-BQP ngày 10/5/2012 hướng dẫn trình tự, thủ tục tra cứu, xác minh, trao đổi, cung cấp thông tin lý lịch tư pháp',
    'Thông tư số 06/2024/TT-BTP ban hành và hướng dẫn sử dụng biểu mẫu, mẫu sổ lý lịch tư pháp',
    // (confirm) replaced Thông tư 244/2016/TT-BTC
    'Thông tư số 16/2025/TT-BTC quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp',
  ],
  serviceLevel: 'full',
  supplementDays: 30,
  form: {
    schema: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp',
      type: 'object',
      required: [
        'fullName',
        'sex',
        'birthDate',
        'birthPlace',
        'nationality',
        'idNumber',
        'permanentResidence',
        'fatherFullName',
        'motherFullName',
        'certificateType',
        'purpose',
        'copies',
        'deliveryFormat',
      ],
      properties: {
        fullName: { type: 'string', title: 'Họ, chữ đệm và tên', maxLength: 100 },
        sex: { type: 'string', title: 'Giới tính', enum: ['nam', 'nu'], enumNames: ['Nam', 'Nữ'] },
        birthDate: { type: 'string', format: 'date', title: 'Ngày, tháng, năm sinh' },
        birthPlace: { type: 'string', title: 'Nơi sinh', maxLength: 250 },
        nationality: { type: 'string', title: 'Quốc tịch', maxLength: 50, default: 'Việt Nam' },
        idNumber: {
          type: 'string',
          title: 'Số định danh cá nhân / số thẻ Căn cước',
          pattern: PERSONAL_ID_PATTERN,
        },
        permanentResidence: { type: 'string', title: 'Nơi thường trú', maxLength: 250 },
        fatherFullName: { type: 'string', title: 'Họ và tên cha', maxLength: 100 },
        motherFullName: { type: 'string', title: 'Họ và tên mẹ', maxLength: 100 },
        spouseFullName: { type: 'string', title: 'Họ và tên vợ/chồng (nếu có)', maxLength: 100 },
        certificateType: {
          type: 'string',
          title: 'Loại Phiếu yêu cầu cấp',
          enum: ['so_1', 'so_2'],
          enumNames: ['Phiếu lý lịch tư pháp số 1', 'Phiếu lý lịch tư pháp số 2'],
        },
        includeBanInfo: {
          type: 'boolean',
          title:
            'Yêu cầu xác nhận về việc cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã',
          default: false,
        },
        purpose: { type: 'string', title: 'Mục đích sử dụng Phiếu', maxLength: 300 },
        copies: { type: 'integer', title: 'Số lượng Phiếu yêu cầu cấp', minimum: 1, maximum: 10, default: 1 },
        feeCategory: {
          type: 'string',
          title: 'Đối tượng nộp phí',
          enum: ['thong_thuong', 'giam', 'mien'],
          enumNames: [
            'Thông thường',
            'Được giảm 50% (sinh viên, người có công, thân nhân liệt sĩ, cư trú tại xã đặc biệt khó khăn)',
            'Được miễn (trẻ em, người cao tuổi, người khuyết tật, người thuộc hộ nghèo)',
          ],
          default: 'thong_thuong',
        },
        deliveryFormat: {
          type: 'string',
          title: 'Hình thức nhận Phiếu',
          enum: ['dien_tu', 'giay', 'ca_hai'],
          enumNames: [
            'Bản điện tử (VNeID / Cổng Dịch vụ công quốc gia)',
            'Bản giấy',
            'Cả bản điện tử và bản giấy',
          ],
        },
      },
    },
    ui: {
      'ui:order': [
        'certificateType',
        'fullName',
        'sex',
        'birthDate',
        'birthPlace',
        'nationality',
        'idNumber',
        'permanentResidence',
        'fatherFullName',
        'motherFullName',
        'spouseFullName',
        'includeBanInfo',
        'purpose',
        'copies',
        'deliveryFormat',
        'feeCategory',
      ],
      pages: [
        ['certificateType'],
        ['fullName', 'sex', 'birthDate', 'birthPlace'],
        ['nationality', 'idNumber', 'permanentResidence'],
        ['fatherFullName', 'motherFullName', 'spouseFullName'],
        ['includeBanInfo', 'purpose'],
        ['copies', 'deliveryFormat', 'feeCategory'],
      ],
      // what each page is about: the wizard's step names
      pageTitles: [
        'Loại Phiếu lý lịch tư pháp',
        'Thông tin người được cấp Phiếu',
        'Quốc tịch, giấy tờ tùy thân, nơi thường trú',
        'Cha, mẹ, vợ hoặc chồng',
        'Nội dung yêu cầu và mục đích',
        'Số lượng, cách nhận Phiếu và phí',
      ],
      pageTitlesEn: [
        'Type of certificate',
        'The person',
        'Nationality, identity, residence',
        'Parents and spouse',
        'What to certify and why',
        'Copies, delivery and fee',
      ],
      certificateType: { 'ui:widget': 'radio' },
    },
  },
  workflow: {
    start: 'assign',
    steps: [
      {
        key: 'assign',
        name: 'Lãnh đạo Phòng Hành chính tư pháp phân công thụ lý',
        nameEn: 'Division head assigns the case',
        role: 'division_head',
        agency: 'competent',
        allowance: { value: 4, unit: 'hours' },
      },
      {
        key: 'appraise',
        name: 'Chuyên viên tra cứu Cơ sở dữ liệu lý lịch tư pháp, dự thảo Phiếu',
        nameEn: 'Specialist searches the judicial-records database and drafts the certificate',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 2, unit: 'working_days' },
      },
      {
        key: 'consult_police',
        name: 'Liên thông xác minh với Công an Thành phố (Phòng Hồ sơ nghiệp vụ)',
        nameEn: 'Verification with the city police records unit (inter-agency)',
        role: 'specialist',
        // Stand-in for the police: the Department of Justice's own liên thông desk (see the header).
        agency: { code: AGENCY.justice },
        // (confirm) the police answer period under TTLT 04/2012
        allowance: { value: 4, unit: 'working_days' },
        consultation: true,
      },
      {
        key: 'review',
        name: 'Lãnh đạo phòng kiểm tra, trình ký',
        nameEn: 'Division head reviews and submits for signature',
        role: 'division_head',
        agency: 'competent',
        allowance: { value: 4, unit: 'hours' },
      },
      {
        key: 'approve',
        name: 'Lãnh đạo Sở Tư pháp ký Phiếu lý lịch tư pháp',
        nameEn: 'Department leader signs the certificate',
        role: 'agency_leader',
        agency: 'competent',
        allowance: { value: 1, unit: 'working_days' },
      },
      {
        key: 'issue',
        name: 'Phát hành Phiếu (ký số bản điện tử), chuyển kết quả về Bộ phận Một cửa',
        nameEn: 'Issue the certificate (digitally signed) and return to the one-stop desk',
        role: 'specialist',
        agency: 'competent',
        allowance: { value: 4, unit: 'hours' },
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
        key: 'request_verification',
        name: 'Gửi yêu cầu xác minh sang cơ quan Công an',
        nameEn: 'Request verification from the police',
        from: 'appraise',
        to: 'consult_police',
        requires: { comment: true },
      },
      {
        key: 'submit',
        name: 'Trình dự thảo Phiếu lý lịch tư pháp',
        nameEn: 'Submit the draft certificate',
        from: 'appraise',
        to: 'review',
        requires: { attachment: true },
      },
      {
        key: 'answer',
        name: 'Nhận kết quả xác minh, chuyển lại chuyên viên thụ lý',
        nameEn: 'Record the verification answer',
        from: 'consult_police',
        to: 'appraise',
        requires: { attachment: true },
      },
      {
        key: 'submit',
        name: 'Trình lãnh đạo Sở ký',
        nameEn: 'Submit for signature',
        from: 'review',
        to: 'approve',
      },
      {
        key: 'return_appraise',
        name: 'Trả lại chuyên viên thụ lý',
        nameEn: 'Return to the specialist',
        from: 'review',
        to: 'appraise',
        requires: { comment: true },
      },
      { key: 'sign', name: 'Ký Phiếu lý lịch tư pháp', nameEn: 'Sign', from: 'approve', to: 'issue' },
      {
        key: 'return_review',
        name: 'Trả lại phòng chuyên môn xem xét lại',
        nameEn: 'Return to the division',
        from: 'approve',
        to: 'review',
        requires: { comment: true },
      },
      {
        key: 'release',
        name: 'Phát hành Phiếu, trả về Bộ phận Một cửa',
        nameEn: 'Release the certificate to the one-stop desk',
        from: 'issue',
        to: 'done',
        requires: { result: true },
      },
    ],
  },
} satisfies ProcedureDefinition;
