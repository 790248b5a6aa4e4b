// One search box over articles, legal documents, procedures and investment projects.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { PORTAL_LANGS } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { searchPortal } from '../queries.ts';
import { SEARCH_KINDS, type SearchKind } from '../tables.ts';
import type { Answer } from './articles.ts';
import { html, marked } from './html.ts';
import { alternatesOf, type PageContext } from './layout.ts';

export async function searchPage(
  db: DbOrTx,
  ctx: PageContext,
  q: { q?: string; kind?: SearchKind; agency?: string; year?: number; page?: number },
): Promise<Answer> {
  const { lang, t } = ctx;
  const text = (q.q ?? '').trim();
  const page = Math.max(1, q.page ?? 1);
  const result = await searchPortal(db, lang, text, { ...q, limit: 20, offset: (page - 1) * 20 });
  const base = portalPaths.search(lang);
  const link = (extra: Record<string, string | number | undefined>) => {
    const params = new URLSearchParams();
    const all = { q: text, kind: q.kind, agency: q.agency, year: q.year, ...extra };
    for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== '') params.set(k, String(v));
    return `${base}?${params}`;
  };
  const facet = (name: 'kind' | 'agency' | 'year', label: (v: string) => string) => {
    const values = Object.entries(result.facets[name]);
    if (values.length === 0) return '';
    const current = q[name] !== undefined ? String(q[name]) : undefined;
    return html`<h3>${t(`search.facet.${name}`)}</h3><ul>
${current ? html`<li><a href="${link({ [name]: undefined, page: undefined })}">${t('filter.all')}</a></li>` : ''}
${values.map(([v, n]) => html`<li>${current === v ? html`<strong>${label(v)} (${n})</strong>` : html`<a href="${link({ [name]: v, page: undefined })}">${label(v)}</a> (${n})`}</li>`)}</ul>`;
  };
  const main = html`<h1>${t('search.title')}</h1>
<form method="get" action="${base}" role="search" class="filters">
<label>${t('search.label')}<input name="q" type="search" value="${text}" maxlength="200"></label>
<button type="submit">${t('search.submit')}</button></form>
${text ? html`<p role="status">${t('search.count', { count: result.total, q: text })}</p>` : ''}
${
  result.total
    ? html`<div class="results"><aside aria-label="${t('search.facets')}">
${facet('kind', (v) => t(`search.kind.${v}`))}${facet('agency', (v) => v)}${facet('year', (v) => v)}</aside>
<ol>${result.hits.map((h) => html`<li><h2 class="h3"><a href="${h.path}">${h.title}</a></h2><p class="meta">${t(`search.kind.${h.kind}`)}${h.agencyName ? ` · ${h.agencyName}` : ''}${h.year ? ` · ${h.year}` : ''}</p><p>${marked(h.snippet.text, h.snippet.marks)}</p></li>`)}</ol>
${result.total > page * 20 ? html`<p><a href="${link({ page: page + 1 })}" rel="next">${t('nav.next')}</a></p>` : ''}</div>`
    : text
      ? html`<p>${t('search.none')}</p>`
      : ''
}`;
  return {
    kind: 'page',
    page: {
      title: t('search.title'),
      path: base,
      alternates: alternatesOf(portalPaths.search, PORTAL_LANGS),
      main,
    },
  };
}

export const SEARCH_KIND_VALUES = SEARCH_KINDS;
