// The portal's first-start data: the city portal's site and sections everywhere; in the demo also
// Phường Thủ Dầu Một's portal, published news in Vietnamese and English, the legal-documents
// register, 20 projects calling for investment in five languages and the industrial parks. Bulk
// inserts, so the demo's first start stays fast.
import { eq } from 'drizzle-orm';
import { audit } from '../../platform/audit/index.ts';
import { systemContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/client.ts';
import { listAgencies } from '../identity/index.ts';
import { bodyText, paragraphs, renderBody } from './body.ts';
import {
  DEMO_ARTICLES,
  DEMO_ENQUIRIES,
  DEMO_LEGAL,
  DEMO_PARKS,
  demoFigures,
  demoProjects,
} from './demo-content.ts';
import { PIPELINE_PATHS } from './pipeline.ts';
import { slugify } from './editions.ts';
import { formerBinhDuong } from './geo.ts';
import { indexProcedures } from './procedure-index.ts';
import { indexDocs, type SearchDocInput } from './indexing.ts';
import { PORTAL_LANGS, type PortalLang } from './languages.ts';
import { portalPaths } from './paths.ts';
import {
  editions,
  enquiries,
  enquiryNotes,
  eventRegistrations,
  events,
  investmentFigures,
  items,
  legalDocuments,
  parks,
  projects,
  questions,
  ratings,
  sections,
  sites,
  slugs,
} from './tables.ts';

type Agency = { id: string; path: string };

/** The city portal's sections for what Decree 42/2022, art. 4.1 requires beyond news. */
export const D42_SECTIONS = [
  {
    code: 'huong-dan',
    kind: 'guidance' as const,
    names: { vi: 'Hướng dẫn pháp luật', en: 'Legal guidance' },
  },
  {
    code: 'ke-hoach',
    kind: 'plans' as const,
    names: { vi: 'Chiến lược, quy hoạch, kế hoạch', en: 'Strategies, plans and programmes' },
  },
  {
    code: 'cong-khai',
    kind: 'disclosure' as const,
    names: { vi: 'Danh mục thông tin công khai', en: 'Information disclosed' },
  },
  { code: 'ngan-sach', kind: 'budget' as const, names: { vi: 'Công khai ngân sách', en: 'Budget reports' } },
  {
    code: 'so-lieu-thong-ke',
    kind: 'statistics' as const,
    names: { vi: 'Số liệu thống kê', en: 'Statistics' },
  },
  {
    code: 'lien-he',
    kind: 'contacts' as const,
    names: { vi: 'Thông tin liên hệ, người phát ngôn', en: 'Contacts and spokespersons' },
  },
];

async function ensureSite(tx: Tx, agency: Agency, slug: string, names: Record<string, string>) {
  const [existing] = await tx.select().from(sites).where(eq(sites.agencyId, agency.id));
  if (existing) return { site: existing, created: false };
  const [site] = await tx
    .insert(sites)
    .values({ agencyId: agency.id, agencyPath: agency.path, slug, names })
    .returning();
  const defs = [
    { code: 'tin-tuc', kind: 'news' as const, names: { vi: 'Tin tức', en: 'News' } },
    { code: 'thong-bao', kind: 'announcements' as const, names: { vi: 'Thông báo', en: 'Announcements' } },
    ...(slug === ''
      ? [
          ...D42_SECTIONS,
          {
            code: 'xuc-tien-dau-tu',
            kind: 'investment_news' as const,
            names: {
              vi: 'Xúc tiến đầu tư',
              en: 'Investment promotion',
              ja: '投資促進',
              ko: '투자 촉진',
              zh: '投资促进',
            },
          },
        ]
      : []),
  ];
  await tx.insert(sections).values(
    defs.map((d, i) => ({
      siteId: site!.id,
      agencyId: agency.id,
      agencyPath: agency.path,
      code: d.code,
      kind: d.kind,
      names: d.names,
      position: i,
    })),
  );
  return { site: site!, created: true };
}

export async function seedPortal(tx: Tx, opts: { demo: boolean }, now = new Date()) {
  const all = (await listAgencies(tx)).map((r) => r.agency);
  const root = all.find((a) => a.parentId === null);
  if (!root) return;
  const city = await ensureSite(tx, root, '', {
    vi: 'Cổng thông tin điện tử Thành phố',
    en: 'City Government Portal',
  });
  await indexProcedures(tx);
  if (!opts.demo || !city.created) return;
  const wardAgency = all.find((a) => a.unitCode === '25747' && a.kind === 'peoples_committee');
  const ward = wardAgency
    ? (await ensureSite(tx, wardAgency, 'thu-dau-mot', { vi: 'Phường Thủ Dầu Một', en: 'Thu Dau Mot Ward' }))
        .site
    : undefined;
  const sectionRows = await tx.select().from(sections);
  const sectionOf = (siteId: string, code: string) =>
    sectionRows.find((s) => s.siteId === siteId && s.code === code)!;
  const docs: SearchDocInput[] = [];

  // News: published editions straight away (the demo has no history to review).
  for (const a of DEMO_ARTICLES) {
    const site = a.site === 'city' ? city.site : ward;
    if (!site) continue;
    const section = sectionOf(site.id, a.section);
    const [item] = await tx
      .insert(items)
      .values({ sectionId: section.id, kind: 'article', tags: a.tags })
      .returning();
    const at = new Date(now.getTime() - a.daysAgo * 86_400_000);
    const langs = [['vi', a.vi], ...(a.en ? [['en', a.en]] : [])] as [PortalLang, NonNullable<typeof a.en>][];
    for (const [lang, c] of langs) {
      const body = paragraphs(...c.body);
      const slug = slugify(c.title);
      await tx.insert(editions).values({
        itemId: item!.id,
        lang,
        number: 1,
        state: 'published',
        title: c.title,
        summary: c.summary,
        body,
        bodyHtml: renderBody(body),
        slug,
        publishedAt: at,
        firstPublishedAt: at,
        approvedAt: at,
        submittedAt: at,
        updatedAt: at,
      });
      await tx.insert(slugs).values({ lang, slug, itemId: item!.id });
      docs.push({
        kind: 'article',
        refId: item!.id,
        lang,
        title: c.title,
        body: `${c.summary} ${bodyText(body)}`,
        path: portalPaths.article(lang, slug),
        agencyName: site.names[lang] ?? site.names.vi,
        at,
      });
    }
  }

  const legal = await tx
    .insert(legalDocuments)
    .values(
      DEMO_LEGAL.map((d) => ({
        agencyId: root.id,
        agencyPath: root.path,
        docType: d.type,
        numberSymbol: d.number,
        issuingBody: d.body,
        title: d.title,
        summary: d.summary,
        field: d.field,
        issuedOn: d.issued,
        effectiveOn: d.effective,
        status: d.status,
        replacedBy: d.replacedBy ?? null,
      })),
    )
    .returning();
  for (const d of legal)
    for (const lang of ['vi', 'en'] as const)
      docs.push({
        kind: 'legal',
        refId: d.id,
        lang,
        title: `${d.numberSymbol} ${d.title}`,
        body: `${d.summary} ${d.field} ${d.issuingBody}`,
        path: portalPaths.legalDoc(lang, d.id),
        agencyName: d.issuingBody,
        at: new Date(`${d.issuedOn}T00:00:00+07:00`),
      });

  const communes = new Map(formerBinhDuong().map((c) => [c.code, c]));
  const projectRows = await tx
    .insert(projects)
    .values(demoProjects(communes).map((p) => ({ ...p, agencyId: root.id, agencyPath: root.path })))
    .returning();
  for (const p of projectRows)
    for (const lang of PORTAL_LANGS) {
      const t = p.texts[lang];
      if (t)
        docs.push({
          kind: 'project',
          refId: p.id,
          lang,
          title: t.name,
          body: `${t.summary} ${t.incentives}`,
          path: portalPaths.project(lang, p.slug),
          agencyName: null,
          at: p.createdAt,
        });
    }

  await tx.insert(parks).values(
    DEMO_PARKS.map((k) => ({
      code: k.code,
      names: { vi: k.vi, en: k.en, ja: k.en, ko: k.en, zh: k.en },
      communeCode: k.commune,
      communeName: communes.get(k.commune)?.fullName ?? '',
      areaHa100: k.area,
      availableHa100: k.available,
      occupancyPct: k.occupancy,
      priceUsdM2: k.price,
      infrastructure: {
        vi: 'Điện 2 nguồn 110 kV, nước sạch 20.000 m³/ngày, xử lý nước thải tập trung, kết nối Quốc lộ 13.',
        en: 'Dual 110 kV power, 20,000 m³/day of clean water, central wastewater treatment, on National Road 13.',
      },
      contact: {
        office: `Ban quản lý ${k.vi}`,
        phone: '0274 3822 xxx'.replace('xxx', String(100 + (k.area % 900))),
        email: 'kcn@cqs.demo',
      },
    })),
  );
  const figures = demoFigures();
  await tx.insert(investmentFigures).values(figures.map((f) => ({ ...f, importedAt: now })));
  for (const d of DEMO_ENQUIRIES) {
    const project = projectRows.find((p) => p.slug === d.project);
    if (!project) continue;
    const at = new Date(now.getTime() - d.days * 86_400_000);
    const [e] = await tx
      .insert(enquiries)
      .values({
        projectId: project.id,
        name: d.name,
        organisation: d.org,
        country: d.country,
        email: `${d.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com`,
        message: 'We would like to know the land status, the schedule and the incentives for this project.',
        lang: d.lang,
        stage: d.stage,
        respondBy: new Date(at.getTime() + 5 * 86_400_000),
        respondedAt: d.stage === 'enquiry' ? null : new Date(at.getTime() + 2 * 86_400_000),
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    const path = PIPELINE_PATHS[d.stage];
    if (path.length > 1)
      await tx.insert(enquiryNotes).values(
        path.slice(1).map((to, i) => ({
          enquiryId: e!.id,
          at: new Date(at.getTime() + (i + 2) * 86_400_000),
          fromStage: path[i]!,
          toStage: to,
          text: `${path[i]} → ${to}`,
        })),
      );
  }
  // Questions from the public (one answered and published, one waiting) and readers' ratings.
  await tx.insert(questions).values([
    {
      code: 'HD-DEMO01',
      lang: 'vi',
      name: 'Trần Thị Hạnh',
      email: 'hanh.tran@example.com',
      title: 'Nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất ở đâu?',
      question:
        'Tôi ở phường Phú Lợi, muốn cấp giấy chứng nhận lần đầu thì nộp hồ sơ tại đâu và mất bao lâu?',
      agencyId: root.id,
      agencyPath: root.path,
      state: 'published' as const,
      answer:
        'Bà nộp hồ sơ trực tuyến trên Cổng dịch vụ công hoặc tại Bộ phận Một cửa phường Phú Lợi; thời hạn giải quyết theo danh mục thủ tục của Thành phố.',
      answeredAt: new Date(now.getTime() - 6 * 86_400_000),
      publishedAt: new Date(now.getTime() - 5 * 86_400_000),
      createdAt: new Date(now.getTime() - 9 * 86_400_000),
    },
    {
      code: 'HD-DEMO02',
      lang: 'en',
      name: 'John Miller',
      email: 'john.miller@example.com',
      title: 'Work permits for foreign engineers',
      question: 'How long does a work permit for a foreign engineer take in the former Binh Duong area?',
      agencyId: root.id,
      agencyPath: root.path,
      createdAt: new Date(now.getTime() - 1 * 86_400_000),
    },
  ]);
  await tx.insert(ratings).values(
    [5, 4, 5, 3, 4, 5].map((score, i) => ({
      lang: i % 2 ? ('en' as const) : ('vi' as const),
      score,
      path: i % 2 ? '/en' : '/vi',
      createdAt: new Date(now.getTime() - (i + 1) * 86_400_000),
    })),
  );
  // A past webinar with Japanese firms (registrations, attendance) and an upcoming one open for registration.
  const day = 86_400_000;
  const [past] = await tx
    .insert(events)
    .values([
      {
        slug: 'webinar-nhat-ban-2026',
        format: 'hybrid' as const,
        startsAt: new Date(now.getTime() - 30 * day),
        endsAt: new Date(now.getTime() - 30 * day + 3 * 3_600_000),
        bridgePoints: ['Thủ Dầu Một', 'Tokyo', 'Osaka'],
        slots: 300,
        agencyId: root.id,
        agencyPath: root.path,
        texts: {
          vi: {
            title: 'Hội nghị xúc tiến đầu tư trực tuyến với doanh nghiệp Nhật Bản',
            summary:
              'Giới thiệu môi trường đầu tư và quỹ đất công nghiệp khu vực Bình Dương cũ; điểm cầu Tokyo, Osaka.',
            agenda: [
              'Khai mạc',
              'Môi trường đầu tư và quỹ đất',
              'Trả lời câu hỏi gửi trước',
              'Kết nối doanh nghiệp',
            ],
          },
          en: {
            title: 'Online investment-promotion conference with Japanese firms',
            summary:
              'The investment climate and industrial land in the former Bình Dương area; bridge points in Tokyo and Osaka.',
            agenda: [
              'Opening',
              'Investment climate and land',
              'Answers to questions sent in advance',
              'Business matching',
            ],
          },
          ja: {
            title: '日本企業向けオンライン投資促進会議',
            summary: '旧ビンズオン地域の投資環境と工業用地のご紹介。東京・大阪会場と接続。',
            agenda: ['開会', '投資環境と用地', '事前質問への回答', 'ビジネスマッチング'],
          },
        },
      },
      {
        slug: 'webinar-han-quoc-2027',
        format: 'online' as const,
        startsAt: new Date(now.getTime() + 21 * day),
        endsAt: new Date(now.getTime() + 21 * day + 2 * 3_600_000),
        bridgePoints: ['Seoul'],
        slots: 200,
        agencyId: root.id,
        agencyPath: root.path,
        texts: {
          vi: {
            title: 'Webinar xúc tiến đầu tư với doanh nghiệp Hàn Quốc',
            summary:
              'Dự án kêu gọi đầu tư công nghệ cao, logistics và khu công nghiệp còn đất; điểm cầu Seoul.',
            agenda: ['Khai mạc', 'Dự án kêu gọi đầu tư', 'Hỏi đáp', 'Đăng ký khảo sát thực địa'],
          },
          en: {
            title: 'Investment-promotion webinar with Korean firms',
            summary:
              'High-tech and logistics projects and industrial parks with land available; bridge point in Seoul.',
            agenda: [
              'Opening',
              'Projects calling for investment',
              'Questions and answers',
              'Site-visit sign-up',
            ],
          },
          ko: {
            title: '한국 기업 대상 투자 촉진 웨비나',
            summary: '첨단·물류 투자 프로젝트와 부지가 남은 산업단지 소개. 서울 연결.',
            agenda: ['개회', '투자 유치 프로젝트', '질의응답', '현장 방문 신청'],
          },
        },
      },
    ])
    .returning();
  await tx.insert(eventRegistrations).values(
    [
      ['Tanaka Hiroshi', 'Kansai Precision Co., Ltd.', 'Tokyo', true],
      ['Sato Yuki', 'Nagoya Components', 'Osaka', true],
      ['Yamamoto Ken', 'Kyushu Foods', 'online', false],
    ].map(([name, org, point, attended], i) => ({
      eventId: past!.id,
      code: `DK-DEMO0${i + 1}`,
      name: name as string,
      organisation: org as string,
      country: 'Japan',
      email: `${(name as string).toLowerCase().replace(/[^a-z]+/g, '.')}@example.jp`,
      bridgePoint: point as string,
      question: i === 0 ? 'What is the land rent in VSIP II?' : null,
      lang: 'ja' as const,
      attended: attended as boolean,
      createdAt: new Date(now.getTime() - (35 + i) * day),
    })),
  );
  await indexDocs(tx, docs);
  await audit(tx, systemContext('seed'), {
    action: 'seed.portal',
    targetType: 'deployment',
    summary: {
      articles: DEMO_ARTICLES.length,
      legal: legal.length,
      projects: projectRows.length,
      parks: DEMO_PARKS.length,
      figures: figures.length,
      enquiries: DEMO_ENQUIRIES.length,
    },
  });
}
