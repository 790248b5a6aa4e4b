// The portal's public addresses, under a language prefix the web app does not use (/vi, /en, /ja,
// /ko, /zh). Segments are Vietnamese words in Vietnamese and English words elsewhere.
import type { PortalLang } from './languages.ts';

type Segment =
  | 'news'
  | 'legal'
  | 'organisation'
  | 'procedures'
  | 'investment'
  | 'parks'
  | 'figures'
  | 'guide'
  | 'questions'
  | 'rating'
  | 'conformity'
  | 'openData'
  | 'digital'
  | 'events'
  | 'search'
  | 'feed';
const VI: Record<Segment, string> = {
  news: 'tin-tuc',
  legal: 'van-ban',
  organisation: 'to-chuc',
  procedures: 'thu-tuc',
  investment: 'du-an-dau-tu',
  parks: 'khu-cong-nghiep',
  figures: 'so-lieu-dau-tu',
  guide: 'huong-dan-nha-dau-tu',
  questions: 'hoi-dap',
  rating: 'danh-gia',
  conformity: 'kiem-tra-nghi-dinh-42',
  openData: 'du-lieu-mo',
  digital: 'chuyen-doi-so',
  events: 'su-kien',
  search: 'tim-kiem',
  feed: 'feed',
};
const EN: Record<Segment, string> = {
  news: 'news',
  legal: 'legal-documents',
  organisation: 'organisation',
  procedures: 'procedures',
  investment: 'investment-projects',
  parks: 'industrial-parks',
  figures: 'investment-figures',
  guide: 'investor-guide',
  questions: 'questions',
  rating: 'rate-this-portal',
  conformity: 'decree-42-conformity',
  openData: 'open-data',
  digital: 'digital-transformation',
  events: 'events',
  search: 'search',
  feed: 'feed',
};

export const segment = (lang: PortalLang, s: Segment) => (lang === 'vi' ? VI : EN)[s];

export const portalPaths = {
  home: (lang: PortalLang) => `/${lang}`,
  news: (lang: PortalLang) => `/${lang}/${segment(lang, 'news')}`,
  article: (lang: PortalLang, slug: string) =>
    `/${lang}/${segment(lang, 'news')}/${encodeURIComponent(slug)}`,
  legal: (lang: PortalLang) => `/${lang}/${segment(lang, 'legal')}`,
  legalDoc: (lang: PortalLang, id: string) => `/${lang}/${segment(lang, 'legal')}/${id}`,
  organisation: (lang: PortalLang) => `/${lang}/${segment(lang, 'organisation')}`,
  procedures: (lang: PortalLang) => `/${lang}/${segment(lang, 'procedures')}`,
  procedure: (lang: PortalLang, code: string) =>
    `/${lang}/${segment(lang, 'procedures')}/${encodeURIComponent(code)}`,
  projects: (lang: PortalLang) => `/${lang}/${segment(lang, 'investment')}`,
  project: (lang: PortalLang, slug: string) =>
    `/${lang}/${segment(lang, 'investment')}/${encodeURIComponent(slug)}`,
  parks: (lang: PortalLang) => `/${lang}/${segment(lang, 'parks')}`,
  figures: (lang: PortalLang) => `/${lang}/${segment(lang, 'figures')}`,
  guide: (lang: PortalLang) => `/${lang}/${segment(lang, 'guide')}`,
  questions: (lang: PortalLang) => `/${lang}/${segment(lang, 'questions')}`,
  rating: (lang: PortalLang) => `/${lang}/${segment(lang, 'rating')}`,
  conformity: (lang: PortalLang) => `/${lang}/${segment(lang, 'conformity')}`,
  openData: (lang: PortalLang) => `/${lang}/${segment(lang, 'openData')}`,
  digital: (lang: PortalLang) => `/${lang}/${segment(lang, 'digital')}`,
  events: (lang: PortalLang) => `/${lang}/${segment(lang, 'events')}`,
  event: (lang: PortalLang, slug: string) =>
    `/${lang}/${segment(lang, 'events')}/${encodeURIComponent(slug)}`,
  search: (lang: PortalLang) => `/${lang}/${segment(lang, 'search')}`,
  feed: (lang: PortalLang, section?: string) =>
    section ? `/${lang}/feed/${encodeURIComponent(section)}.xml` : `/${lang}/feed.xml`,
  css: '/portal.css',
  sitemap: '/sitemap.xml',
};
