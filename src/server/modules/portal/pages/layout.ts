// The frame of every public page: plain HTML that works without JavaScript, one small stylesheet
// from this server, canonical and hreflang links, the language switch that keeps the page.
import { LANG_NAMES, LANG_TAGS, PORTAL_LANGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { CSS_PATH } from './css.ts';
import { Html, html, jsonLd } from './html.ts';
import type { Translate } from './strings.ts';

export interface PageContext {
  lang: PortalLang;
  t: Translate;
  publicUrl: string;
  /** the reader came from a page with no version in this language */
  missingFrom?: string | undefined;
}

export interface Page {
  title: string;
  description?: string | undefined;
  /** this page's path in this language */
  path: string;
  /** the same page in other languages; a language missing here has no version of it */
  alternates: Partial<Record<PortalLang, string>>;
  main: Html;
  structured?: unknown[];
  breadcrumbs?: { name: string; path: string }[];
}

const NAV: { key: string; path: (l: PortalLang) => string; langs: readonly PortalLang[] }[] = [
  { key: 'nav.home', path: portalPaths.home, langs: PORTAL_LANGS },
  { key: 'nav.news', path: portalPaths.news, langs: ['vi', 'en'] },
  { key: 'nav.legal', path: portalPaths.legal, langs: ['vi', 'en'] },
  { key: 'nav.organisation', path: portalPaths.organisation, langs: ['vi', 'en'] },
  { key: 'nav.procedures', path: portalPaths.procedures, langs: ['vi', 'en'] },
  { key: 'nav.investment', path: portalPaths.projects, langs: PORTAL_LANGS },
  { key: 'nav.parks', path: portalPaths.parks, langs: PORTAL_LANGS },
  { key: 'nav.events', path: portalPaths.events, langs: PORTAL_LANGS },
  { key: 'nav.questions', path: portalPaths.questions, langs: ['vi', 'en'] },
  { key: 'nav.open_data', path: portalPaths.openData, langs: ['vi', 'en'] },
  { key: 'nav.digital', path: portalPaths.digital, langs: ['vi', 'en'] },
];

/** Pages offered in every language the section has: the same path builder in each. */
export function alternatesOf(path: (l: PortalLang) => string, langs: readonly PortalLang[] = ['vi', 'en']) {
  return Object.fromEntries(langs.map((l) => [l, path(l)])) as Partial<Record<PortalLang, string>>;
}

export function renderPage(ctx: PageContext, page: Page): string {
  const { lang, t, publicUrl } = ctx;
  const abs = (p: string) => `${publicUrl}${p}`;
  const crumbs = page.breadcrumbs ?? [];
  const structured = [
    {
      '@context': 'https://schema.org',
      '@type': 'GovernmentOrganization',
      name: t('site.name'),
      url: abs(portalPaths.home(lang)),
    },
    ...(crumbs.length
      ? [
          {
            '@context': 'https://schema.org',
            '@type': 'BreadcrumbList',
            itemListElement: crumbs.map((c, i) => ({
              '@type': 'ListItem',
              position: i + 1,
              name: c.name,
              item: abs(c.path),
            })),
          },
        ]
      : []),
    ...(page.structured ?? []),
  ];
  const switcher = PORTAL_LANGS.filter((l) => l !== lang).map((l) => {
    const target = page.alternates[l];
    return target
      ? html`<li><a href="${target}" hreflang="${LANG_TAGS[l]}" lang="${LANG_TAGS[l]}">${LANG_NAMES[l]}</a></li>`
      : html`<li><a href="${portalPaths.home(l)}?missing=${page.path}" hreflang="${LANG_TAGS[l]}" lang="${LANG_TAGS[l]}">${LANG_NAMES[l]}</a> <small>(${t('lang.not_translated')})</small></li>`;
  });
  const doc = html`<!doctype html>
<html lang="${LANG_TAGS[lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${page.title} · ${t('site.name')}</title>
<meta name="description" content="${page.description ?? t('site.description')}">
<link rel="canonical" href="${abs(page.path)}">
${Object.entries(page.alternates).map(([l, p]) => html`<link rel="alternate" hreflang="${LANG_TAGS[l as PortalLang]}" href="${abs(p!)}">\n`)}
${page.alternates.vi ? html`<link rel="alternate" hreflang="x-default" href="${abs(page.alternates.vi)}">` : ''}
<link rel="alternate" type="application/atom+xml" title="${t('feed.title')}" href="${portalPaths.feed(lang)}">
<link rel="stylesheet" href="${CSS_PATH}">
${structured.map(jsonLd)}
</head>
<body>
<a class="skip" href="#main">${t('a11y.skip')}</a>
<header class="top">
<div class="wrap">
<a class="brand" href="${portalPaths.home(lang)}">${t('site.name')}</a>
<form class="search" role="search" action="${portalPaths.search(lang)}" method="get">
<label for="q-top">${t('search.label')}</label>
<input id="q-top" name="q" type="search" maxlength="200">
<button type="submit">${t('search.submit')}</button>
</form>
</div>
<nav aria-label="${t('nav.label')}"><ul class="wrap">
${NAV.filter((n) => n.langs.includes(lang)).map((n) => html`<li><a href="${n.path(lang)}"${page.path === n.path(lang) ? new Html(' aria-current="page"') : ''}>${t(n.key)}</a></li>`)}
</ul></nav>
</header>
${crumbs.length > 1 ? html`<nav class="wrap crumbs" aria-label="${t('nav.breadcrumbs')}"><ol>${crumbs.map((c, i) => (i === crumbs.length - 1 ? html`<li aria-current="page">${c.name}</li>` : html`<li><a href="${c.path}">${c.name}</a></li>`))}</ol></nav>` : ''}
<main id="main" class="wrap">
${ctx.missingFrom ? html`<p class="notice" role="status">${t('lang.missing_notice')} <a href="${ctx.missingFrom}">${t('lang.back_to_original')}</a></p>` : ''}
${page.main}
</main>
<footer class="wrap foot">
<nav aria-label="${t('lang.legend')}"><h2>${t('lang.legend')}</h2><ul class="langs">${switcher}</ul></nav>
<p>${t('site.footer')}</p>
<p><a href="${portalPaths.rating(lang === 'vi' ? 'vi' : 'en')}?from=${encodeURIComponent(page.path)}">${t('rate.link')}</a></p>
<p><a href="${portalPaths.feed(lang)}">${t('feed.title')}</a> · <a href="${portalPaths.sitemap}">Sitemap</a> · <a href="/">${t('nav.services_app')}</a></p>
</footer>
</body>
</html>`;
  return doc.value;
}

/** Dates as readers in Việt Nam read them (Asia/Ho_Chi_Minh). */
export function formatDate(lang: PortalLang, d: Date | string, withTime = false): string {
  const date = typeof d === 'string' ? new Date(`${d}T00:00:00+07:00`) : d;
  return new Intl.DateTimeFormat(LANG_TAGS[lang], {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}

export const formatNumber = (lang: PortalLang, n: number) => new Intl.NumberFormat(LANG_TAGS[lang]).format(n);
