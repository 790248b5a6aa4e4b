// Legal documents (Decree 42, art. 4.1), the organisation chart and the procedure catalogue.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { listAgencies } from '../../identity/index.ts';
import { procedureInForce, searchProcedures } from '../../services/index.ts';
import { portalPaths } from '../paths.ts';
import { legalDocument, legalList } from '../queries.ts';
import { LEGAL_STATUSES, LEGAL_TYPES, type LegalStatus, type LegalType } from '../tables.ts';
import type { Answer } from './articles.ts';
import { html } from './html.ts';
import { alternatesOf, formatDate, type PageContext } from './layout.ts';

const option = (value: string, label: string, selected: string | number | undefined) =>
  html`<option value="${value}"${String(selected ?? '') === value ? html` selected` : ''}>${label}</option>`;

export async function legalPage(
  db: DbOrTx,
  ctx: PageContext,
  q: { q?: string; type?: LegalType; status?: LegalStatus; year?: number; page?: number },
): Promise<Answer> {
  const { lang, t } = ctx;
  const page = Math.max(1, q.page ?? 1);
  const { rows, total } = await legalList(db, { ...q, limit: 30, offset: (page - 1) * 30 });
  const years = Array.from({ length: 8 }, (_, i) => new Date().getFullYear() - i);
  const main = html`<h1>${t('legal.title')}</h1>
<form class="filters" method="get" action="${portalPaths.legal(lang)}">
<label>${t('legal.search')}<input name="q" type="search" value="${q.q ?? ''}" maxlength="200"></label>
<label>${t('legal.type')}<select name="type">${option('', t('filter.all'), q.type)}${LEGAL_TYPES.map((ty) => option(ty, t(`legal.type.${ty}`), q.type))}</select></label>
<label>${t('legal.status')}<select name="status">${option('', t('filter.all'), q.status)}${LEGAL_STATUSES.map((s) => option(s, t(`legal.status.${s}`), q.status))}</select></label>
<label>${t('legal.year')}<select name="year">${option('', t('filter.all'), q.year)}${years.map((y) => option(String(y), String(y), q.year))}</select></label>
<button type="submit">${t('filter.apply')}</button>
</form>
<p role="status">${t('legal.count', { count: total })}</p>
<table><caption class="meta">${t('legal.caption')}</caption>
<thead><tr><th scope="col">${t('legal.number')}</th><th scope="col">${t('legal.doc_title')}</th><th scope="col">${t('legal.issued')}</th><th scope="col">${t('legal.status')}</th></tr></thead>
<tbody>${rows.map((d) => html`<tr><td><a href="${portalPaths.legalDoc(lang, d.id)}">${d.numberSymbol}</a></td><td>${t(`legal.type.${d.docType}`)} — ${d.title}</td><td>${formatDate(lang, d.issuedOn)}</td><td>${t(`legal.status.${d.status}`)}</td></tr>`)}</tbody>
</table>`;
  return {
    kind: 'page',
    page: {
      title: t('legal.title'),
      path: portalPaths.legal(lang),
      alternates: alternatesOf(portalPaths.legal),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('legal.title'), path: portalPaths.legal(lang) },
      ],
    },
  };
}

export async function legalDocPage(db: DbOrTx, ctx: PageContext, id: string): Promise<Answer> {
  const { lang, t } = ctx;
  if (!/^[0-9a-f-]{36}$/.test(id)) return { kind: 'not_found' };
  const d = await legalDocument(db, id);
  if (!d) return { kind: 'not_found' };
  const path = portalPaths.legalDoc(lang, d.id);
  const main = html`<h1>${t(`legal.type.${d.docType}`)} ${d.numberSymbol}</h1>
<p><strong>${d.title}</strong></p>
<dl>
<dt>${t('legal.number')}</dt><dd>${d.numberSymbol}</dd>
<dt>${t('legal.issuing_body')}</dt><dd>${d.issuingBody}</dd>
<dt>${t('legal.field')}</dt><dd>${d.field}</dd>
<dt>${t('legal.issued')}</dt><dd>${formatDate(lang, d.issuedOn)}</dd>
<dt>${t('legal.effective')}</dt><dd>${d.effectiveOn ? formatDate(lang, d.effectiveOn) : '—'}</dd>
<dt>${t('legal.status')}</dt><dd>${t(`legal.status.${d.status}`)}${d.replacedBy ? html` (${t('legal.replaced_by')} ${d.replacedBy})` : ''}</dd>
</dl>
<h2>${t('legal.summary')}</h2><p>${d.summary}</p>
${d.fileId ? html`<p><a href="/api/files/${d.fileId}" download="${d.fileName ?? ''}">${t('legal.download')}: ${d.fileName ?? ''}</a></p>` : ''}`;
  return {
    kind: 'page',
    page: {
      title: `${d.numberSymbol} — ${d.title}`,
      description: d.summary,
      path,
      alternates: alternatesOf((l) => portalPaths.legalDoc(l, d.id)),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('legal.title'), path: portalPaths.legal(lang) },
        { name: d.numberSymbol, path },
      ],
      structured: [
        {
          '@context': 'https://schema.org',
          '@type': 'Legislation',
          name: d.title,
          legislationIdentifier: d.numberSymbol,
          legislationDate: d.issuedOn,
          legislationPassedBy: { '@type': 'GovernmentOrganization', name: d.issuingBody },
        },
      ],
    },
  };
}

/** The organisation chart, drawn from the agencies CQS already has (identity's public read). */
export async function organisationPage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t } = ctx;
  const rows = (await listAgencies(db, undefined, true)).map((r) => r.agency);
  const children = new Map<string | null, typeof rows>();
  for (const a of rows) children.set(a.parentId, [...(children.get(a.parentId) ?? []), a]);
  const name = (a: (typeof rows)[number]) => (lang === 'en' ? (a.nameEn ?? a.name) : a.name);
  type Row = (typeof rows)[number];
  const order = (list: Row[]) =>
    [...list].sort((x, y) =>
      x.kind === y.kind ? x.code.localeCompare(y.code) : x.kind.localeCompare(y.kind),
    );
  // Depth stops at the commune's People's Committee: its desks are listed, not drawn.
  const branch = (a: Row, depth: number): ReturnType<typeof html> => {
    const below = order(children.get(a.id) ?? []);
    return html`<li><strong>${name(a)}</strong> <span class="meta">(${t(`org.kind.${a.kind}`)})</span>${below.length && depth < 2 ? html`<ul>${below.map((b) => branch(b, depth + 1))}</ul>` : ''}</li>`;
  };
  const roots = children.get(null) ?? [];
  const main = html`<h1>${t('org.title')}</h1>
<p>${t('org.lead')}</p>
<div class="tree"><ul>${roots.map((r) => branch(r, 0))}</ul></div>`;
  return {
    kind: 'page',
    page: {
      title: t('org.title'),
      path: portalPaths.organisation(lang),
      alternates: alternatesOf(portalPaths.organisation),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('org.title'), path: portalPaths.organisation(lang) },
      ],
    },
  };
}

export async function proceduresPage(db: DbOrTx, ctx: PageContext, q: { q?: string }): Promise<Answer> {
  const { lang, t } = ctx;
  const list = await searchProcedures(db, q.q, 200);
  const main = html`<h1>${t('proc.title')}</h1>
<form class="filters" method="get" action="${portalPaths.procedures(lang)}">
<label>${t('proc.search')}<input name="q" type="search" value="${q.q ?? ''}" maxlength="200"></label>
<button type="submit">${t('filter.apply')}</button></form>
<p role="status">${t('proc.count', { count: list.length })}</p>
<ul>${list.map((p) => html`<li><a href="${portalPaths.procedure(lang, p.code)}">${p.name}</a> <span class="meta">— ${p.sectorName} · ${p.timeLimitText}</span></li>`)}</ul>`;
  return {
    kind: 'page',
    page: {
      title: t('proc.title'),
      path: portalPaths.procedures(lang),
      alternates: alternatesOf(portalPaths.procedures),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('proc.title'), path: portalPaths.procedures(lang) },
      ],
    },
  };
}

export async function procedurePage(db: DbOrTx, ctx: PageContext, code: string): Promise<Answer> {
  const { lang, t } = ctx;
  const found = await procedureInForce(db, code);
  if (!found) return { kind: 'not_found' };
  const d = found.definition;
  const path = portalPaths.procedure(lang, code);
  const main = html`<h1>${d.name}</h1>
<p class="meta">${t('proc.code')}: ${d.code} · ${d.sector.name} · ${t(`proc.level.${d.serviceLevel}`)}</p>
<dl>
<dt>${t('proc.time_limit')}</dt><dd>${d.timeLimitText}</dd>
<dt>${t('proc.offered_by')}</dt><dd>${t('proc.offered_count', { count: found.offeredBy.length })}</dd>
</dl>
<p><a href="/thu-tuc/${encodeURIComponent(d.code)}">${t('proc.full_and_submit')}</a></p>`;
  return {
    kind: 'page',
    page: {
      title: d.name,
      path,
      alternates: alternatesOf((l) => portalPaths.procedure(l, code)),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('proc.title'), path: portalPaths.procedures(lang) },
        { name: d.name, path },
      ],
      structured: [
        {
          '@context': 'https://schema.org',
          '@type': 'GovernmentService',
          name: d.name,
          identifier: d.code,
          serviceType: d.sector.name,
          provider: { '@type': 'GovernmentOrganization', name: t('site.name') },
        },
      ],
    },
  };
}
