// Home, the news list and the article page.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { LANG_TAGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import {
  type ArticleSummary,
  articleBySlug,
  countArticles,
  latestArticles,
  legalList,
  projectList,
} from '../queries.ts';
import { html, trusted } from './html.ts';
import { alternatesOf, formatDate, type Page, type PageContext } from './layout.ts';

export type Answer =
  | { kind: 'page'; page: Page; status?: 200 | 410 }
  | { kind: 'redirect'; to: string; permanent: boolean }
  | { kind: 'not_found' };

const articleCard = (ctx: PageContext, a: ArticleSummary) => html`<li>
<h3><a href="${portalPaths.article(ctx.lang, a.slug)}">${a.title}</a></h3>
<p class="meta"><time datetime="${a.firstPublishedAt.toISOString()}">${formatDate(ctx.lang, a.firstPublishedAt)}</time> · ${a.sectionNames[ctx.lang] ?? a.sectionNames.vi}${a.siteSlug ? html` · ${a.siteNames[ctx.lang] ?? a.siteNames.vi}` : ''}</p>
<p>${a.summary}</p>
</li>`;

export async function homePage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t } = ctx;
  const full = lang === 'vi' || lang === 'en';
  const [news, legal, projects] = await Promise.all([
    latestArticles(db, lang, { limit: 8 }),
    full ? legalList(db, { limit: 5, offset: 0 }) : Promise.resolve({ rows: [], total: 0 }),
    projectList(db, {}),
  ]);
  const main = html`<h1>${t('home.title')}</h1>
<p>${t('home.lead')}</p>
<section aria-labelledby="h-news"><h2 id="h-news">${t('home.latest_news')}</h2>
${news.length ? html`<ul class="cards">${news.map((a) => articleCard(ctx, a))}</ul>` : html`<p>${t('news.empty')}</p>`}
${full ? html`<p><a href="${portalPaths.news(lang)}">${t('home.all_news')}</a></p>` : ''}
</section>
${
  full
    ? html`<section aria-labelledby="h-legal"><h2 id="h-legal">${t('home.latest_legal')}</h2><ul>
${legal.rows.map((d) => html`<li><a href="${portalPaths.legalDoc(lang, d.id)}">${d.numberSymbol}</a> — ${d.title} <span class="meta">(${formatDate(lang, d.issuedOn)})</span></li>`)}
</ul><p><a href="${portalPaths.legal(lang)}">${t('home.all_legal')}</a></p></section>`
    : ''
}
<section aria-labelledby="h-invest"><h2 id="h-invest">${t('home.investment')}</h2>
<p>${t('home.investment_lead', { count: projects.length })}</p>
<ul class="cards">${projects.slice(0, 4).map((p) => {
    const tx = p.texts[lang] ?? p.texts.en ?? p.texts.vi!;
    return html`<li><h3><a href="${portalPaths.project(lang, p.slug)}">${tx.name}</a></h3><p class="meta">${p.communeName}</p></li>`;
  })}</ul>
<p><a href="${portalPaths.projects(lang)}">${t('home.all_projects')}</a></p></section>
${
  full
    ? html`<section aria-labelledby="h-services"><h2 id="h-services">${t('home.services')}</h2><ul>
<li><a href="${portalPaths.procedures(lang)}">${t('nav.procedures')}</a></li>
<li><a href="/tra-cuu">${t('home.tracking')}</a></li>
<li><a href="/thong-ke">${t('home.statistics')}</a></li></ul></section>`
    : ''
}`;
  return {
    kind: 'page',
    page: {
      title: t('home.title'),
      path: portalPaths.home(lang),
      alternates: alternatesOf(portalPaths.home, ['vi', 'en', 'ja', 'ko', 'zh']),
      main,
    },
  };
}

const PAGE_SIZE = 20;

export async function newsPage(
  db: DbOrTx,
  ctx: PageContext,
  q: { page?: number; section?: string },
): Promise<Answer> {
  const { lang, t } = ctx;
  const page = Math.max(1, q.page ?? 1);
  const [list, total] = await Promise.all([
    latestArticles(db, lang, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, sectionCode: q.section }),
    countArticles(db, lang, q.section),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const base = portalPaths.news(lang);
  const link = (p: number) =>
    `${base}?page=${p}${q.section ? `&section=${encodeURIComponent(q.section)}` : ''}`;
  const main = html`<h1>${t('news.title')}</h1>
${list.length ? html`<ul class="cards">${list.map((a) => articleCard(ctx, a))}</ul>` : html`<p>${t('news.empty')}</p>`}
<nav class="pager" aria-label="${t('nav.pages')}">
${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">${t('nav.previous')}</a>` : ''}
<span>${t('nav.page_of', { page, pages })}</span>
${page < pages ? html`<a href="${link(page + 1)}" rel="next">${t('nav.next')}</a>` : ''}
</nav>
<p><a href="${portalPaths.feed(lang, q.section)}">${t('feed.subscribe')}</a></p>`;
  return {
    kind: 'page',
    page: {
      title: t('news.title'),
      path: page > 1 ? link(page) : base,
      alternates: alternatesOf(portalPaths.news),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('news.title'), path: base },
      ],
    },
  };
}

export async function articlePage(db: DbOrTx, ctx: PageContext, slug: string): Promise<Answer> {
  const { lang, t, publicUrl } = ctx;
  const found = await articleBySlug(db, lang, slug);
  if (!found?.edition) return { kind: 'not_found' };
  const e = found.edition;
  // An old slug: the article lives at its current address.
  if (e.slug !== slug && e.state !== 'gone')
    return { kind: 'redirect', to: portalPaths.article(lang, e.slug), permanent: true };
  if (e.state === 'redirected' && e.redirectTo)
    return { kind: 'redirect', to: e.redirectTo, permanent: true };
  const alternates = Object.fromEntries(
    found.translations.map((tr) => [tr.lang, portalPaths.article(tr.lang, tr.slug)]),
  );
  const path = portalPaths.article(lang, e.slug);
  const crumbs = [
    { name: t('nav.home'), path: portalPaths.home(lang) },
    { name: t('news.title'), path: portalPaths.news(lang) },
    { name: e.title, path },
  ];
  if (e.state === 'gone') {
    return {
      kind: 'page',
      status: 410,
      page: {
        title: t('article.gone_title'),
        path,
        alternates: {},
        main: html`<h1>${t('article.gone_title')}</h1><p>${t('article.gone_text')}</p>${e.unpublishReason ? html`<p>${e.unpublishReason}</p>` : ''}<p><a href="${portalPaths.news(lang)}">${t('home.all_news')}</a></p>`,
      },
    };
  }
  const published = e.firstPublishedAt ?? e.publishedAt!;
  const main = html`<article>
${e.state === 'withdrawn' ? html`<div class="banner" role="note"><strong>${t('article.withdrawn', { date: formatDate(lang, e.unpublishedAt!) })}</strong>${e.unpublishReason ? html` ${e.unpublishReason}` : ''}</div>` : ''}
<h1>${e.title}</h1>
<p class="meta">${found.sectionNames[lang] ?? found.sectionNames.vi} · <time datetime="${published.toISOString()}">${formatDate(lang, published, true)}</time>${e.publishedAt && e.publishedAt.getTime() !== published.getTime() ? html` · ${t('article.updated', { date: formatDate(lang, e.publishedAt, true) })}` : ''}</p>
${e.summary ? html`<p><strong>${e.summary}</strong></p>` : ''}
${e.major && e.changeNote ? html`<p class="change"><strong>${t('article.change_note')}:</strong> ${e.changeNote}</p>` : ''}
<div class="body">${trusted(e.bodyHtml)}</div>
${found.item.tags.length ? html`<p class="meta">${t('article.tags')}: ${found.item.tags.join(', ')}</p>` : ''}
</article>`;
  return {
    kind: 'page',
    page: {
      title: e.title,
      description: e.summary || undefined,
      path,
      alternates,
      main,
      breadcrumbs: crumbs,
      structured: [
        {
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: e.title,
          description: e.summary,
          inLanguage: LANG_TAGS[lang],
          datePublished: published.toISOString(),
          dateModified: (e.publishedAt ?? published).toISOString(),
          mainEntityOfPage: `${publicUrl}${path}`,
          publisher: { '@type': 'GovernmentOrganization', name: t('site.name') },
        },
      ],
    },
  };
}

export type { PortalLang };
