// Demo content for the city portal and Phường Thủ Dầu Một's: news, legal documents, 20 projects in
// five languages in the former Bình Dương communes, industrial parks. Sample data, real-looking.
import type { LegalStatus, LegalType, ProjectTexts } from './tables.ts';

export interface DemoArticle {
  site: 'city' | 'ward';
  section: string;
  daysAgo: number;
  tags: string[];
  vi: { title: string; summary: string; body: string[] };
  en?: { title: string; summary: string; body: string[] };
}

export const DEMO_ARTICLES: DemoArticle[] = [
  {
    site: 'city',
    section: 'tin-tuc',
    daysAgo: 1,
    tags: ['chuyển đổi số', 'dịch vụ công'],
    vi: {
      title: 'Thành phố đẩy mạnh giải quyết thủ tục hành chính trực tuyến toàn trình',
      summary: 'Tỷ lệ hồ sơ nộp trực tuyến tại 36 phường, xã khu vực Bình Dương cũ đạt trên 85% trong tháng.',
      body: [
        'Ủy ban nhân dân Thành phố chỉ đạo các sở, ngành và Ủy ban nhân dân các phường, xã tiếp tục rà soát, tái cấu trúc quy trình, bảo đảm người dân, doanh nghiệp thực hiện thủ tục đất đai, hộ tịch, kinh doanh hoàn toàn trực tuyến.',
        'Trung tâm Phục vụ hành chính công Thành phố duy trì đường dây hỗ trợ và bố trí cán bộ hướng dẫn tại Bộ phận Một cửa các phường, xã.',
      ],
    },
    en: {
      title: 'City steps up fully online administrative procedures',
      summary:
        'More than 85% of dossiers in the 36 former Bình Dương wards and communes were submitted online this month.',
      body: [
        "The City People's Committee asked departments and the wards and communes to keep redesigning procedures so that residents and businesses can complete land, civil-status and business procedures fully online.",
        'The City Public Administration Service Centre keeps its help line open and has staff guiding applicants at every one-stop desk.',
      ],
    },
  },
  {
    site: 'city',
    section: 'tin-tuc',
    daysAgo: 3,
    tags: ['đầu tư', 'FDI'],
    vi: {
      title: 'Hội nghị xúc tiến đầu tư trực tuyến với doanh nghiệp Nhật Bản thu hút gần 300 doanh nghiệp',
      summary:
        'Các điểm cầu tại Tokyo, Osaka và Thủ Dầu Một kết nối; 12 doanh nghiệp đăng ký khảo sát thực địa.',
      body: [
        'Hội nghị giới thiệu môi trường đầu tư, quỹ đất tại các khu công nghiệp VSIP II, Bàu Bàng và các dự án kêu gọi đầu tư trong lĩnh vực công nghiệp công nghệ cao, logistics.',
        'Trung tâm Xúc tiến đầu tư ghi nhận 47 câu hỏi gửi trước và phân công cán bộ phụ trách từng nhà đầu tư tiềm năng.',
      ],
    },
    en: {
      title: 'Online investment-promotion conference draws nearly 300 Japanese firms',
      summary: 'Bridge points in Tokyo, Osaka and Thủ Dầu Một; 12 firms asked for site visits.',
      body: [
        'The conference presented the investment climate, land in the VSIP II and Bàu Bàng industrial parks, and projects calling for investment in high-tech industry and logistics.',
        'The Investment Promotion Centre received 47 questions in advance and gave every prospective investor a dedicated manager.',
      ],
    },
  },
  {
    site: 'city',
    section: 'thong-bao',
    daysAgo: 5,
    tags: ['đất đai'],
    vi: {
      title: 'Thông báo lịch tiếp công dân về thủ tục đất đai tháng 12',
      summary: 'Lãnh đạo Sở Nông nghiệp và Môi trường tiếp công dân vào thứ Năm hằng tuần.',
      body: [
        'Công dân có nhu cầu phản ánh, kiến nghị về thủ tục đất đai, cấp giấy chứng nhận quyền sử dụng đất đăng ký trước qua Cổng dịch vụ công hoặc tại Bộ phận Một cửa.',
      ],
    },
    en: {
      title: 'Citizen reception on land procedures in December',
      summary:
        'The leaders of the Department of Agriculture and Environment receive citizens every Thursday.',
      body: ['Residents who wish to raise land-procedure matters can book online or at any one-stop desk.'],
    },
  },
  {
    site: 'city',
    section: 'tin-tuc',
    daysAgo: 8,
    tags: ['hạ tầng'],
    vi: {
      title: 'Khởi công tuyến đường kết nối khu công nghiệp Bàu Bàng với Vành đai 4',
      summary: 'Dự án dài 14 km, tổng mức đầu tư hơn 3.200 tỷ đồng, dự kiến hoàn thành năm 2028.',
      body: [
        'Tuyến đường giúp rút ngắn thời gian vận chuyển hàng hóa từ các khu công nghiệp phía bắc về cảng Cái Mép – Thị Vải.',
      ],
    },
    en: {
      title: 'Work starts on the road linking Bàu Bàng industrial park to Ring Road 4',
      summary: 'A 14 km road costing over 3,200 billion đồng, due in 2028.',
      body: [
        'The road shortens freight journeys from the northern industrial parks to the Cái Mép – Thị Vải port.',
      ],
    },
  },
  {
    site: 'city',
    section: 'tin-tuc',
    daysAgo: 12,
    tags: ['y tế'],
    vi: {
      title: 'Mở rộng tiêm chủng mở rộng tại các trạm y tế phường, xã',
      summary: 'Người dân đặt lịch tiêm qua ứng dụng hoặc tổng đài 1022.',
      body: [
        'Các trạm y tế bố trí thêm buổi tiêm vào sáng thứ Bảy để phục vụ công nhân các khu công nghiệp.',
      ],
    },
  },
  {
    site: 'city',
    section: 'tin-tuc',
    daysAgo: 15,
    tags: ['giáo dục'],
    vi: {
      title: 'Tuyển sinh đầu cấp năm học mới thực hiện hoàn toàn trực tuyến',
      summary: 'Phụ huynh đăng ký tuyển sinh lớp 1, lớp 6 trên Cổng dịch vụ công từ ngày 15/6.',
      body: [
        'Hệ thống tự động kiểm tra thông tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư, phụ huynh không phải nộp bản sao giấy tờ.',
      ],
    },
    en: {
      title: 'School admissions move fully online',
      summary: 'Parents register for grades 1 and 6 on the public-service portal from 15 June.',
      body: [
        'Residence is checked automatically against the national population database: no paper copies are needed.',
      ],
    },
  },
  {
    site: 'ward',
    section: 'tin-tuc',
    daysAgo: 2,
    tags: ['phường Thủ Dầu Một'],
    vi: {
      title: 'Phường Thủ Dầu Một ra mắt tổ công nghệ số cộng đồng tại 15 khu phố',
      summary: 'Tổ công nghệ số hướng dẫn người dân cài đặt định danh điện tử, nộp hồ sơ trực tuyến.',
      body: [
        'Mỗi tổ gồm cán bộ khu phố, đoàn viên thanh niên và tình nguyện viên, hoạt động vào tối thứ Ba và sáng Chủ nhật hằng tuần.',
      ],
    },
    en: {
      title: 'Thủ Dầu Một ward launches community digital teams in 15 neighbourhoods',
      summary: 'The teams help residents set up their electronic ID and submit dossiers online.',
      body: [
        'Each team brings together neighbourhood officers, youth-union members and volunteers, on Tuesday evenings and Sunday mornings.',
      ],
    },
  },
  {
    site: 'ward',
    section: 'thong-bao',
    daysAgo: 4,
    tags: ['phường Thủ Dầu Một', 'hộ tịch'],
    vi: {
      title: 'Thông báo thời gian làm việc của Bộ phận Một cửa phường dịp cuối năm',
      summary: 'Bộ phận Một cửa làm việc sáng thứ Bảy đến hết tháng 1 để giải quyết thủ tục hộ tịch.',
      body: [
        'Người dân có thể tra cứu tình trạng hồ sơ trên Cổng thông tin hoặc qua mã QR trên giấy biên nhận.',
      ],
    },
  },
  {
    site: 'ward',
    section: 'tin-tuc',
    daysAgo: 9,
    tags: ['phường Thủ Dầu Một', 'đô thị'],
    vi: {
      title: 'Chỉnh trang vỉa hè, chiếu sáng khu vực chợ Thủ Dầu Một',
      summary: 'Công trình hoàn thành trước Tết, tạo không gian đi bộ ven sông Sài Gòn.',
      body: [
        'Phường lấy ý kiến tiểu thương và người dân về phương án bố trí điểm đỗ xe và lối đi cho người khuyết tật.',
      ],
    },
  }, // What Decree 42/2022, art. 4.1 asks for beyond news: one item in each of the city portal's sections.
  {
    site: 'city',
    section: 'huong-dan',
    daysAgo: 30,
    tags: ['pháp luật'],
    vi: {
      title: 'Hướng dẫn thực hiện Luật Đất đai 2024 về cấp giấy chứng nhận lần đầu',
      summary: 'Những điểm mới về hồ sơ, thời hạn và nghĩa vụ tài chính khi cấp giấy chứng nhận lần đầu.',
      body: [
        'Sở Nông nghiệp và Môi trường hướng dẫn các phường, xã tiếp nhận hồ sơ theo mẫu mới từ ngày 01/8/2024.',
      ],
    },
    en: {
      title: 'Guidance on first land-use right certificates under the Land Law 2024',
      summary: 'What changed in the dossier, time limits and financial obligations.',
      body: [
        'The Department of Agriculture and Environment guides wards and communes on the new forms in use since 1 August 2024.',
      ],
    },
  },
  {
    site: 'city',
    section: 'ke-hoach',
    daysAgo: 40,
    tags: ['kế hoạch'],
    vi: {
      title: 'Kế hoạch chuyển đổi số năm 2026 của Thành phố',
      summary: 'Mục tiêu dịch vụ công trực tuyến toàn trình, số hóa kết quả và hạ tầng dữ liệu.',
      body: ['Kế hoạch cụ thể hóa Nghị quyết 57-NQ/TW và Quyết định 749/QĐ-TTg cho năm 2026.'],
    },
    en: {
      title: "The City's digital-transformation plan for 2026",
      summary: 'Targets for fully online services, digitised results and data infrastructure.',
      body: ['The plan puts Resolution 57-NQ/TW and Decision 749/QĐ-TTg into practice for 2026.'],
    },
  },
  {
    site: 'city',
    section: 'cong-khai',
    daysAgo: 50,
    tags: ['công khai'],
    vi: {
      title: 'Danh mục thông tin phải công khai của Ủy ban nhân dân Thành phố',
      summary: 'Danh mục theo Luật Tiếp cận thông tin, cập nhật hằng năm.',
      body: [
        'Danh mục gồm văn bản quy phạm pháp luật, quy hoạch, ngân sách, đầu tư công, đấu thầu và thủ tục hành chính.',
      ],
    },
    en: {
      title: "List of information disclosed by the City People's Committee",
      summary: 'Under the Law on Access to Information, updated yearly.',
      body: [
        'It covers legal documents, plans, the budget, public investment, procurement and administrative procedures.',
      ],
    },
  },
  {
    site: 'city',
    section: 'ngan-sach',
    daysAgo: 60,
    tags: ['ngân sách'],
    vi: {
      title: 'Công khai dự toán ngân sách Thành phố năm 2026',
      summary:
        'Dự toán thu, chi ngân sách địa phương năm 2026 đã được Hội đồng nhân dân Thành phố thông qua.',
      body: ['Biểu mẫu công khai theo Thông tư 343/2016/TT-BTC kèm theo.'],
    },
    en: {
      title: 'City budget estimates for 2026',
      summary: "The 2026 revenue and expenditure estimates adopted by the City People's Council.",
      body: ['The disclosure tables follow Circular 343/2016/TT-BTC.'],
    },
  },
  {
    site: 'city',
    section: 'so-lieu-thong-ke',
    daysAgo: 20,
    tags: ['thống kê'],
    vi: {
      title: 'Tình hình kinh tế – xã hội 11 tháng năm 2026',
      summary: 'Chỉ số sản xuất công nghiệp, xuất khẩu, vốn FDI và thu ngân sách 11 tháng.',
      body: ['Số liệu chi tiết về dịch vụ công được cập nhật trực tiếp trên trang Thống kê của Thành phố.'],
    },
    en: {
      title: 'Socio-economic situation, first 11 months of 2026',
      summary: 'Industrial production, exports, FDI and budget revenue over 11 months.',
      body: ["Public-service figures are updated live on the City's Statistics page."],
    },
  },
  {
    site: 'city',
    section: 'lien-he',
    daysAgo: 10,
    tags: ['liên hệ'],
    vi: {
      title: 'Thông tin liên hệ và người phát ngôn',
      summary: 'Địa chỉ, điện thoại, thư điện tử của Ủy ban nhân dân Thành phố và người phát ngôn.',
      body: [
        'Ủy ban nhân dân Thành phố, 86 Lê Thánh Tôn, phường Sài Gòn; điện thoại 028 3829 6052; thư điện tử ubnd@cqs.demo.',
        'Người phát ngôn: Chánh Văn phòng Ủy ban nhân dân Thành phố; điện thoại 028 3829 1234; thư điện tử phatngon@cqs.demo.',
      ],
    },
    en: {
      title: 'Contacts and spokesperson',
      summary: "Address, phone and e-mail of the City People's Committee and its spokesperson.",
      body: [
        "City People's Committee, 86 Le Thanh Ton, Sai Gon Ward; phone +84 28 3829 6052; e-mail ubnd@cqs.demo.",
        "Spokesperson: Chief of the City People's Committee Office; phone +84 28 3829 1234; e-mail phatngon@cqs.demo.",
      ],
    },
  },
];

export interface DemoLegal {
  type: LegalType;
  number: string;
  body: string;
  title: string;
  summary: string;
  field: string;
  issued: string;
  effective: string | null;
  status: LegalStatus;
  replacedBy?: string;
}

const UB = 'Ủy ban nhân dân Thành phố Hồ Chí Minh';
export const DEMO_LEGAL: DemoLegal[] = [
  {
    type: 'quyet_dinh',
    number: '35/2025/QĐ-UBND',
    body: UB,
    title: 'Quy định về hạn mức giao đất, công nhận quyền sử dụng đất trên địa bàn Thành phố',
    summary:
      'Quy định hạn mức giao đất ở, hạn mức công nhận quyền sử dụng đất ở cho hộ gia đình, cá nhân; áp dụng thủ tục đất đai tại các phường, xã.',
    field: 'Đất đai',
    issued: '2025-08-12',
    effective: '2025-08-25',
    status: 'in_force',
  },
  {
    type: 'quyet_dinh',
    number: '18/2024/QĐ-UBND',
    body: 'Ủy ban nhân dân tỉnh Bình Dương',
    title: 'Ban hành bảng giá đất giai đoạn 2020–2024 (điều chỉnh)',
    summary: 'Điều chỉnh bảng giá các loại đất trên địa bàn tỉnh Bình Dương.',
    field: 'Đất đai',
    issued: '2024-06-20',
    effective: '2024-07-01',
    status: 'replaced',
    replacedBy: '35/2025/QĐ-UBND',
  },
  {
    type: 'ke_hoach',
    number: '412/KH-UBND',
    body: UB,
    title: 'Kế hoạch chuyển đổi số năm 2026',
    summary:
      'Mục tiêu 100% thủ tục đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình; 90% hồ sơ được số hóa kết quả.',
    field: 'Chuyển đổi số',
    issued: '2026-01-15',
    effective: '2026-01-15',
    status: 'in_force',
  },
  {
    type: 'chi_thi',
    number: '05/CT-UBND',
    body: UB,
    title: 'Chỉ thị về tăng cường kỷ luật, kỷ cương trong giải quyết thủ tục hành chính',
    summary: 'Yêu cầu xin lỗi người dân khi trễ hạn, công khai kết quả đánh giá mức độ hài lòng.',
    field: 'Cải cách hành chính',
    issued: '2025-09-03',
    effective: '2025-09-03',
    status: 'in_force',
  },
  {
    type: 'nghi_quyet',
    number: '05-NQ/TU',
    body: 'Tỉnh ủy Bình Dương',
    title: 'Nghị quyết về chuyển đổi số tỉnh Bình Dương đến năm 2025, định hướng đến năm 2030',
    summary:
      'Mục tiêu 80% thủ tục trực tuyến toàn trình đến năm 2025; 100% hồ sơ công việc xử lý trên môi trường mạng.',
    field: 'Chuyển đổi số',
    issued: '2022-05-19',
    effective: '2022-05-19',
    status: 'in_force',
  },
  {
    type: 'quyet_dinh',
    number: '2150/QĐ-UBND',
    body: UB,
    title: 'Công bố danh mục thủ tục hành chính thực hiện toàn trình trên môi trường điện tử',
    summary: 'Danh mục 1.218 thủ tục được cung cấp dịch vụ công trực tuyến toàn trình tại Thành phố.',
    field: 'Kiểm soát thủ tục hành chính',
    issued: '2025-10-01',
    effective: '2025-10-01',
    status: 'in_force',
  },
  {
    type: 'ke_hoach',
    number: '96/KH-UBND',
    body: UB,
    title: 'Kế hoạch xúc tiến đầu tư năm 2026',
    summary:
      'Tổ chức 6 hội nghị xúc tiến đầu tư tại Nhật Bản, Hàn Quốc, Đài Loan (Trung Quốc), châu Âu; trực tuyến và kết hợp.',
    field: 'Đầu tư',
    issued: '2026-01-20',
    effective: '2026-01-20',
    status: 'in_force',
  },
  {
    type: 'thong_bao',
    number: '88/TB-UBND',
    body: UB,
    title: 'Thông báo danh mục dự án kêu gọi đầu tư năm 2026',
    summary:
      'Danh mục 20 dự án kêu gọi đầu tư tại khu vực Bình Dương cũ thuộc các lĩnh vực công nghiệp, logistics, đô thị, y tế, giáo dục.',
    field: 'Đầu tư',
    issued: '2026-02-10',
    effective: null,
    status: 'in_force',
  },
  {
    type: 'bao_cao',
    number: '215/BC-UBND',
    body: UB,
    title: 'Báo cáo tình hình thu hút đầu tư nước ngoài năm 2025',
    summary: 'Lũy kế 4.063 dự án FDI với tổng vốn đăng ký 39,6 tỷ USD tại khu vực Bình Dương cũ.',
    field: 'Đầu tư',
    issued: '2026-01-08',
    effective: null,
    status: 'in_force',
  },
  {
    type: 'quyet_dinh',
    number: '120/QĐ-UBND',
    body: 'Ủy ban nhân dân phường Thủ Dầu Một',
    title: 'Quy chế tổ chức và hoạt động của Bộ phận Một cửa phường Thủ Dầu Một',
    summary:
      'Quy định nhiệm vụ, quy trình tiếp nhận, luân chuyển, trả kết quả hồ sơ tại Bộ phận Một cửa phường.',
    field: 'Cải cách hành chính',
    issued: '2025-07-10',
    effective: '2025-07-10',
    status: 'in_force',
  },
  {
    type: 'cong_van',
    number: '1432/UBND-KT',
    body: UB,
    title: 'Về việc hướng dẫn thủ tục đầu tư đối với dự án có vốn đầu tư nước ngoài',
    summary:
      'Hướng dẫn trình tự chấp thuận chủ trương đầu tư, cấp Giấy chứng nhận đăng ký đầu tư theo Luật Đầu tư 2020.',
    field: 'Đầu tư',
    issued: '2025-11-18',
    effective: null,
    status: 'in_force',
  },
  {
    type: 'quyet_dinh',
    number: '40/2026/QĐ-UBND',
    body: UB,
    title: 'Quy định phí, lệ phí khi thực hiện thủ tục trực tuyến',
    summary: 'Giảm 50% lệ phí đối với hồ sơ nộp trực tuyến đến hết năm 2026.',
    field: 'Tài chính',
    issued: '2026-03-01',
    effective: '2026-03-15',
    status: 'not_yet',
  },
];

const SECTORS = {
  high_tech: {
    vi: [
      'Khu sản xuất linh kiện điện tử công nghệ cao',
      'Sản xuất linh kiện điện tử, bán dẫn, thiết bị thông minh.',
      'Ưu đãi thuế thu nhập doanh nghiệp 10% trong 15 năm; miễn 4 năm, giảm 50% trong 9 năm tiếp theo.',
    ],
    en: [
      'High-tech electronic components park',
      'Manufacturing of electronic components, semiconductors and smart devices.',
      'Corporate income tax of 10% for 15 years; 4 years exempt and 50% off for the next 9.',
    ],
    ja: [
      'ハイテク電子部品生産団地',
      '電子部品、半導体、スマート機器の製造。',
      '法人税率10%（15年間）、4年間免除、その後9年間50%減額。',
    ],
    ko: [
      '첨단 전자부품 생산단지',
      '전자부품, 반도체, 스마트 기기 제조.',
      '법인세 10%(15년), 4년 면제 후 9년간 50% 감면.',
    ],
    zh: [
      '高科技电子元件生产区',
      '电子元件、半导体及智能设备制造。',
      '企业所得税税率10%（15年），免税4年，其后9年减半。',
    ],
  },
  logistics: {
    vi: [
      'Trung tâm logistics và kho lạnh',
      'Kho bãi, trung tâm phân phối, kho lạnh phục vụ các khu công nghiệp phía bắc.',
      'Hỗ trợ thủ tục hải quan tại chỗ; ưu đãi tiền thuê đất theo quy định.',
    ],
    en: [
      'Logistics centre and cold storage',
      'Warehousing, distribution and cold storage serving the northern industrial parks.',
      'On-site customs clearance; land-rent incentives as regulated.',
    ],
    ja: [
      '物流センター・冷蔵倉庫',
      '北部工業団地向けの倉庫、配送センター、冷蔵倉庫。',
      '現地通関の支援、規定に基づく土地賃料の優遇。',
    ],
    ko: [
      '물류센터 및 냉장창고',
      '북부 산업단지를 위한 창고, 물류센터, 냉장창고.',
      '현장 통관 지원, 규정에 따른 토지 임대료 우대.',
    ],
    zh: [
      '物流中心及冷库',
      '为北部工业园区服务的仓储、配送中心和冷库。',
      '现场通关支持；按规定享受土地租金优惠。',
    ],
  },
  urban: {
    vi: [
      'Khu đô thị thông minh',
      'Khu nhà ở, thương mại, dịch vụ theo mô hình đô thị thông minh.',
      'Nhà đầu tư được lựa chọn thông qua đấu thầu; hỗ trợ đầu tư hạ tầng kết nối.',
    ],
    en: [
      'Smart urban area',
      'Housing, retail and services built as a smart urban area.',
      'Investor chosen by tender; support for connecting infrastructure.',
    ],
    ja: [
      'スマート都市区',
      'スマートシティ型の住宅・商業・サービス区域。',
      '入札による投資家選定、接続インフラへの支援。',
    ],
    ko: [
      '스마트 도시구역',
      '스마트시티 모델의 주거·상업·서비스 구역.',
      '입찰을 통한 투자자 선정, 연결 인프라 지원.',
    ],
    zh: [
      '智慧城市区',
      '按智慧城市模式建设的住宅、商业和服务区。',
      '通过招标选定投资者；支持连接基础设施建设。',
    ],
  },
  healthcare: {
    vi: [
      'Bệnh viện đa khoa quốc tế',
      'Bệnh viện 500 giường phục vụ người dân và chuyên gia nước ngoài.',
      'Ưu đãi xã hội hóa: miễn tiền thuê đất, thuế thu nhập doanh nghiệp 10%.',
    ],
    en: [
      'International general hospital',
      'A 500-bed hospital serving residents and foreign experts.',
      'Socialisation incentives: land rent waived, 10% corporate income tax.',
    ],
    ja: ['国際総合病院', '住民と外国人専門家のための500床の病院。', '社会化優遇：土地賃料免除、法人税10%。'],
    ko: [
      '국제 종합병원',
      '주민과 외국인 전문가를 위한 500병상 병원.',
      '사회화 우대: 토지 임대료 면제, 법인세 10%.',
    ],
    zh: ['国际综合医院', '为居民和外国专家服务的500张床位医院。', '社会化优惠：免土地租金，企业所得税10%。'],
  },
  education: {
    vi: [
      'Trường quốc tế liên cấp',
      'Trường phổ thông liên cấp chương trình quốc tế, 2.000 học sinh.',
      'Miễn tiền thuê đất; hỗ trợ thủ tục cấp phép hoạt động giáo dục.',
    ],
    en: [
      'International K-12 school',
      'A K-12 international-curriculum school for 2,000 pupils.',
      'Land rent waived; help with the education licence.',
    ],
    ja: [
      '国際一貫校',
      '国際カリキュラムの一貫校、生徒数2,000人。',
      '土地賃料免除、教育活動許可手続きの支援。',
    ],
    ko: [
      '국제 통합학교',
      '국제 교육과정 초중고 통합학교, 학생 2,000명.',
      '토지 임대료 면제, 교육 허가 절차 지원.',
    ],
    zh: ['国际一贯制学校', '国际课程一贯制学校，学生2000名。', '免土地租金；协助办理办学许可。'],
  },
  renewable: {
    vi: [
      'Nhà máy xử lý chất thải rắn phát điện',
      'Xử lý 1.000 tấn rác sinh hoạt mỗi ngày, phát điện hòa lưới.',
      'Ưu đãi theo danh mục ngành nghề đặc biệt ưu đãi đầu tư.',
    ],
    en: [
      'Waste-to-energy plant',
      'Treats 1,000 tonnes of household waste a day and feeds power to the grid.',
      'Incentives for specially encouraged sectors.',
    ],
    ja: ['廃棄物発電所', '1日1,000トンの生活ごみを処理し、系統に送電。', '特別奨励分野の優遇措置。'],
    ko: [
      '폐기물 에너지화 발전소',
      '하루 1,000톤의 생활폐기물을 처리하여 전력망에 공급.',
      '특별 장려 업종 우대.',
    ],
    zh: ['垃圾焚烧发电厂', '日处理生活垃圾1000吨并并网发电。', '享受特别鼓励投资行业优惠。'],
  },
  agritech: {
    vi: [
      'Khu nông nghiệp ứng dụng công nghệ cao',
      'Sản xuất rau, quả, giống cây trồng trong nhà kính, chế biến sâu.',
      'Hỗ trợ theo chính sách khuyến khích doanh nghiệp đầu tư vào nông nghiệp.',
    ],
    en: [
      'High-tech agriculture zone',
      'Greenhouse vegetables, fruit and seedlings, with processing.',
      'Support under the policy encouraging investment in agriculture.',
    ],
    ja: ['ハイテク農業区', '温室での野菜・果物・種苗の生産と加工。', '農業投資奨励政策に基づく支援。'],
    ko: ['첨단 농업구역', '온실 채소·과일·종묘 생산 및 가공.', '농업 투자 장려 정책에 따른 지원.'],
    zh: ['高科技农业区', '温室蔬菜、水果、种苗生产及深加工。', '按鼓励企业投资农业政策给予支持。'],
  },
} as const;
export type DemoSector = keyof typeof SECTORS;

const PLAN: [DemoSector, string, number, number][] = [
  // sector, commune code, hectares, million USD
  ['high_tech', '25822', 120, 350],
  ['high_tech', '25813', 80, 220],
  ['logistics', '25843', 35, 60],
  ['logistics', '25942', 12, 25],
  ['urban', '25760', 210, 900],
  ['urban', '25888', 95, 400],
  ['healthcare', '25747', 6, 80],
  ['healthcare', '25969', 5, 60],
  ['education', '25849', 4, 30],
  ['education', '25978', 3, 25],
  ['renewable', '25780', 15, 120],
  ['renewable', '25864', 10, 90],
  ['agritech', '25777', 150, 45],
  ['agritech', '25858', 200, 50],
  ['high_tech', '25906', 60, 180],
  ['logistics', '25912', 25, 40],
  ['urban', '25750', 40, 150],
  ['healthcare', '25891', 4, 35],
  ['agritech', '25807', 90, 30],
  ['high_tech', '25840', 70, 260],
];

const FORMS = ['own_capital', 'joint_venture', 'ppp'] as const;
const LANDS = ['cleared', 'being_cleared', 'not_cleared'] as const;
const USD_VND = 25_400;

export function demoProjects(
  communes: Map<string, { fullName: string; nameEn: string; centre: [number, number] }>,
) {
  return PLAN.map(([sector, communeCode, ha, musd], i) => {
    const c = communes.get(communeCode)!;
    const n = String(i + 1).padStart(2, '0');
    const texts = Object.fromEntries(
      (['vi', 'en', 'ja', 'ko', 'zh'] as const).map((lang) => {
        const [name, objectives, incentives] = SECTORS[sector][lang];
        const where = lang === 'vi' ? c.fullName : c.nameEn;
        const t: ProjectTexts = {
          name: `${name} ${where}`,
          summary: `${objectives} ${lang === 'vi' ? `Địa điểm: ${c.fullName}, Thành phố Hồ Chí Minh; diện tích ${ha} ha.` : `${where}, Ho Chi Minh City · ${ha} ha.`}`,
          objectives,
          incentives,
        };
        return [lang, t];
      }),
    );
    return {
      code: `DA-BD-${n}`,
      slug: `da-bd-${n}`,
      sector,
      communeCode,
      communeName: c.fullName,
      // Spread pins a little inside the commune so neighbours do not overlap.
      lng: c.centre[0] + ((i % 3) - 1) * 0.004,
      lat: c.centre[1] + ((i % 2) - 0.5) * 0.004,
      landAreaM2: ha * 10_000,
      landStatus: LANDS[i % 3]!,
      capitalUsd: musd * 1_000_000,
      capitalVnd: musd * 1_000_000 * USD_VND,
      investmentForm: FORMS[i % 3]!,
      status: i % 7 === 3 ? ('in_talks' as const) : ('calling' as const),
      texts,
      contact: {
        office: 'Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch',
        phone: '028 3823 6738',
        email: 'xuctien@cqs.demo',
      },
    };
  });
}

export const DEMO_PARKS = [
  {
    code: 'KCN-VSIP2',
    vi: 'Khu công nghiệp Việt Nam – Singapore II (VSIP II)',
    en: 'Vietnam – Singapore Industrial Park II (VSIP II)',
    commune: '25849',
    area: 34500,
    available: 2100,
    occupancy: 94,
    price: 135,
  },
  {
    code: 'KCN-MP3',
    vi: 'Khu công nghiệp Mỹ Phước 3',
    en: 'My Phuoc 3 Industrial Park',
    commune: '25840',
    area: 97700,
    available: 6800,
    occupancy: 93,
    price: 120,
  },
  {
    code: 'KCN-BB',
    vi: 'Khu công nghiệp Bàu Bàng',
    en: 'Bau Bang Industrial Park',
    commune: '25822',
    area: 100000,
    available: 12500,
    occupancy: 88,
    price: 110,
  },
  {
    code: 'KCN-ST2',
    vi: 'Khu công nghiệp Sóng Thần 2',
    en: 'Song Than 2 Industrial Park',
    commune: '25942',
    area: 27900,
    available: 0,
    occupancy: 100,
    price: null,
  },
  {
    code: 'KCN-DA',
    vi: 'Khu công nghiệp Đồng An',
    en: 'Dong An Industrial Park',
    commune: '25969',
    area: 13800,
    available: 0,
    occupancy: 100,
    price: null,
  },
  {
    code: 'KCN-NTU5',
    vi: 'Khu công nghiệp Nam Tân Uyên mở rộng',
    en: 'Nam Tan Uyen Industrial Park (extension)',
    commune: '25912',
    area: 34600,
    available: 3900,
    occupancy: 89,
    price: 125,
  },
  {
    code: 'KCN-VSIP3',
    vi: 'Khu công nghiệp VSIP III',
    en: 'VSIP III Industrial Park',
    commune: '25906',
    area: 100000,
    available: 41000,
    occupancy: 59,
    price: 140,
  },
];

/**
 * FDI and domestic-investment series for the former Bình Dương area, 2019–2025, by country and sector:
 * sample figures shaped like the province's reports (Taiwan, Japan and Korea among the first investors
 * by capital; manufacturing first), in thousands of US dollars.
 */
export function demoFigures() {
  const countries: [string, number][] = [
    ['TW', 9],
    ['JP', 8],
    ['KR', 7],
    ['SG', 6],
    ['CN', 6],
    ['HK', 4],
    ['US', 2],
    ['DE', 1],
    ['TH', 1],
  ];
  const sectors: [string, number][] = [
    ['manufacturing', 70],
    ['real_estate', 12],
    ['logistics', 10],
    ['trade', 8],
  ];
  const out: {
    kind: 'fdi' | 'domestic';
    year: number;
    country: string;
    sector: string;
    projects: number;
    capitalKusd: number;
  }[] = [];
  for (let year = 2019; year <= 2025; year++) {
    // 2020–2021 dipped (Covid) and came back with the online conferences.
    const wave = [1, 0.78, 0.86, 1.08, 1.15, 1.22, 1.3][year - 2019]!;
    for (const [country, weight] of countries)
      for (const [sector, share] of sectors) {
        const capital = Math.round(weight * share * 2_400 * wave + ((year * 7 + weight * 13) % 900));
        out.push({
          kind: 'fdi',
          year,
          country,
          sector,
          projects: Math.max(1, Math.round((weight * share * wave) / 18)),
          capitalKusd: capital,
        });
      }
    for (const [sector, share] of sectors)
      out.push({
        kind: 'domestic',
        year,
        country: '',
        sector,
        projects: Math.round(share * 9 * wave),
        capitalKusd: Math.round(share * 19_000 * wave),
      });
  }
  return out;
}

/** Investor enquiries at several stages of the pipeline, so the lead report has something to show. */
export const DEMO_ENQUIRIES = [
  {
    project: 'da-bd-01',
    name: 'Tanaka Hiroshi',
    org: 'Kansai Precision Co., Ltd.',
    country: 'Japan',
    lang: 'ja',
    stage: 'site_visit',
    days: 20,
  },
  {
    project: 'da-bd-02',
    name: 'Kim Min-jun',
    org: 'Hanbit Electronics',
    country: 'Korea',
    lang: 'ko',
    stage: 'qualified',
    days: 12,
  },
  {
    project: 'da-bd-03',
    name: 'Lin Wei',
    org: 'Formosa Cold Chain',
    country: 'Taiwan',
    lang: 'zh',
    stage: 'dossier',
    days: 40,
  },
  {
    project: 'da-bd-05',
    name: 'Daniel Tan',
    org: 'Lion City Estates',
    country: 'Singapore',
    lang: 'en',
    stage: 'enquiry',
    days: 2,
  },
  {
    project: 'da-bd-11',
    name: 'Anna Schmidt',
    org: 'Rhein Solar GmbH',
    country: 'Germany',
    lang: 'en',
    stage: 'irc',
    days: 90,
  },
  {
    project: 'da-bd-15',
    name: 'Sato Yuki',
    org: 'Nagoya Components',
    country: 'Japan',
    lang: 'ja',
    stage: 'enquiry',
    days: 8,
  },
] as const;
