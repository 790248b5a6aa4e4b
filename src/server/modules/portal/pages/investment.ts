// Projects calling for investment (five languages), one project with its enquiry form, industrial parks.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { communeMapSvg } from '../geo.ts';
import { PORTAL_LANGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { parkList, projectBySlug, projectList, type ProjectFilter } from '../queries.ts';
import { INVESTMENT_FORMS, PROJECT_STATUSES } from '../tables.ts';
import type { Answer } from './articles.ts';
import { html, trusted } from './html.ts';
import { alternatesOf, formatNumber, type PageContext } from './layout.ts';
import { sortVietnamese } from '../../../../contracts/collation.ts';

type ProjectRow = Awaited<ReturnType<typeof projectList>>[number];
const textsOf = (p: ProjectRow, lang: PortalLang) => p.texts[lang] ?? p.texts.en ?? p.texts.vi!;

const option = (value: string, label: string, selected: string | undefined) =>
  html`<option value="${value}"${selected === value ? html` selected` : ''}>${label}</option>`;

export async function projectsPage(db: DbOrTx, ctx: PageContext, f: ProjectFilter): Promise<Answer> {
  const { lang, t } = ctx;
  const all = await projectList(db, {});
  const list = await projectList(db, f);
  const sectors = [...new Set(all.map((p) => p.sector))].sort();
  const communes = sortVietnamese(
    [...new Map(all.map((p) => [p.communeCode, p.communeName])).entries()],
    (c) => c[1],
  );
  const main = html`<h1>${t('inv.title')}</h1>
<p>${t('inv.lead')}</p>
<p><a href="${portalPaths.guide(lang)}">${t('guide.title')}</a> · <a href="${portalPaths.figures(lang)}">${t('fig.title')}</a> · <a href="${portalPaths.parks(lang)}">${t('parks.title')}</a></p>
<form class="filters" method="get" action="${portalPaths.projects(lang)}">
<label>${t('inv.sector')}<select name="sector">${option('', t('filter.all'), f.sector)}${sectors.map((s) => option(s, t(`inv.sector.${s}`), f.sector))}</select></label>
<label>${t('inv.commune')}<select name="commune">${option('', t('filter.all'), f.commune)}${communes.map(([code, name]) => option(code, name, f.commune))}</select></label>
<label>${t('inv.form')}<select name="form">${option('', t('filter.all'), f.form)}${INVESTMENT_FORMS.map((s) => option(s, t(`inv.form.${s}`), f.form))}</select></label>
<label>${t('inv.status')}<select name="status">${option('', t('filter.all'), f.status)}${PROJECT_STATUSES.map((s) => option(s, t(`inv.status.${s}`), f.status))}</select></label>
<button type="submit">${t('filter.apply')}</button>
</form>
<p role="status">${t('inv.count', { count: list.length })}</p>
<figure>${trusted(
    communeMapSvg(
      list.map((p) => ({ lng: p.lng, lat: p.lat, label: textsOf(p, lang).name })),
      t('inv.map'),
    ),
  )}<figcaption class="meta">${t('inv.map_caption')}</figcaption></figure>
<ul class="cards">${list.map((p) => {
    const tx = textsOf(p, lang);
    return html`<li><h2 class="h3"><a href="${portalPaths.project(lang, p.slug)}">${tx.name}</a></h2>
<p class="meta">${p.communeName} · ${t(`inv.sector.${p.sector}`)}</p>
<p>${t('inv.capital')}: ${formatNumber(lang, p.capitalUsd / 1_000_000)} ${t('inv.million_usd')} · ${formatNumber(lang, p.landAreaM2 / 10_000)} ha</p></li>`;
  })}</ul>`;
  return {
    kind: 'page',
    page: {
      title: t('inv.title'),
      path: portalPaths.projects(lang),
      alternates: alternatesOf(portalPaths.projects, PORTAL_LANGS),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('inv.title'), path: portalPaths.projects(lang) },
      ],
    },
  };
}

export async function projectPage(
  db: DbOrTx,
  ctx: PageContext,
  slug: string,
  form?: { sent?: boolean; errors?: string[]; values?: Record<string, string> },
): Promise<Answer> {
  const { lang, t } = ctx;
  const p = await projectBySlug(db, slug);
  if (!p) return { kind: 'not_found' };
  const tx = textsOf(p, lang);
  const path = portalPaths.project(lang, p.slug);
  const v = form?.values ?? {};
  const main = html`<h1>${tx.name}</h1>
<p>${tx.summary}</p>
<table><tbody>
<tr><th scope="row">${t('inv.code')}</th><td>${p.code}</td></tr>
<tr><th scope="row">${t('inv.sector')}</th><td>${t(`inv.sector.${p.sector}`)}</td></tr>
<tr><th scope="row">${t('inv.commune')}</th><td>${p.communeName}</td></tr>
<tr><th scope="row">${t('inv.land_area')}</th><td>${formatNumber(lang, p.landAreaM2 / 10_000)} ha (${t(`inv.land.${p.landStatus}`)})</td></tr>
<tr><th scope="row">${t('inv.capital')}</th><td>${formatNumber(lang, p.capitalVnd / 1_000_000_000)} ${t('inv.billion_vnd')} (≈ ${formatNumber(lang, p.capitalUsd / 1_000_000)} ${t('inv.million_usd')})</td></tr>
<tr><th scope="row">${t('inv.form')}</th><td>${t(`inv.form.${p.investmentForm}`)}</td></tr>
<tr><th scope="row">${t('inv.status')}</th><td>${t(`inv.status.${p.status}`)}</td></tr>
<tr><th scope="row">${t('inv.objectives')}</th><td>${tx.objectives}</td></tr>
<tr><th scope="row">${t('inv.incentives')}</th><td>${tx.incentives}</td></tr>
<tr><th scope="row">${t('inv.contact')}</th><td>${p.contact.office}, ${p.contact.phone}, <a href="mailto:${p.contact.email}">${p.contact.email}</a></td></tr>
</tbody></table>
<figure>${trusted(communeMapSvg([{ lng: p.lng, lat: p.lat, label: tx.name }], t('inv.map')))}</figure>
<section aria-labelledby="h-enquiry"><h2 id="h-enquiry">${t('enq.title')}</h2>
${form?.sent ? html`<p class="notice" role="status">${t('enq.sent')}</p>` : ''}
${form?.errors?.length ? html`<div class="banner" role="alert"><p>${t('enq.problems')}</p><ul>${form.errors.map((e) => html`<li>${e}</li>`)}</ul></div>` : ''}
<form class="stack" method="post" action="${path}/enquiry">
<label>${t('enq.name')}<input name="name" required maxlength="200" autocomplete="name" value="${v.name ?? ''}"></label>
<label>${t('enq.organisation')}<input name="organisation" required maxlength="200" autocomplete="organization" value="${v.organisation ?? ''}"></label>
<label>${t('enq.country')}<input name="country" required maxlength="100" autocomplete="country-name" value="${v.country ?? ''}"></label>
<label>${t('enq.email')}<input name="email" type="email" maxlength="200" autocomplete="email" value="${v.email ?? ''}"></label>
<label>${t('enq.phone')}<input name="phone" type="tel" maxlength="30" autocomplete="tel" value="${v.phone ?? ''}"></label>
<label>${t('enq.message')}<textarea name="message" required maxlength="4000" rows="5">${v.message ?? ''}</textarea></label>
<button type="submit">${t('enq.send')}</button>
</form></section>`;
  return {
    kind: 'page',
    page: {
      title: tx.name,
      description: tx.summary,
      path,
      alternates: alternatesOf(
        (l) => portalPaths.project(l, p.slug),
        PORTAL_LANGS.filter((l) => p.texts[l]),
      ),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('inv.title'), path: portalPaths.projects(lang) },
        { name: tx.name, path },
      ],
      structured: [
        {
          '@context': 'https://schema.org',
          '@type': 'Place',
          name: tx.name,
          description: tx.summary,
          geo: { '@type': 'GeoCoordinates', latitude: p.lat, longitude: p.lng },
          address: {
            '@type': 'PostalAddress',
            addressLocality: p.communeName,
            addressRegion: 'Thành phố Hồ Chí Minh',
            addressCountry: 'VN',
          },
        },
      ],
    },
  };
}

export async function parksPage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t } = ctx;
  const list = await parkList(db);
  const ha = (v: number) => formatNumber(lang, v / 100);
  const main = html`<h1>${t('parks.title')}</h1>
<table><thead><tr><th scope="col">${t('parks.name')}</th><th scope="col">${t('inv.commune')}</th><th scope="col">${t('parks.area')}</th><th scope="col">${t('parks.occupancy')}</th><th scope="col">${t('parks.available')}</th><th scope="col">${t('parks.price')}</th><th scope="col">${t('inv.contact')}</th></tr></thead>
<tbody>${list.map((k) => html`<tr><td>${k.names[lang] ?? k.names.en ?? k.names.vi}<br><span class="meta">${k.infrastructure[lang] ?? k.infrastructure.en ?? k.infrastructure.vi}</span></td><td>${k.communeName}</td><td>${ha(k.areaHa100)} ha</td><td>${k.occupancyPct}%</td><td>${ha(k.availableHa100)} ha</td><td>${k.priceUsdM2 ? `${k.priceUsdM2} USD/m²` : '—'}</td><td>${k.contact.office}<br>${k.contact.phone}</td></tr>`)}</tbody></table>`;
  return {
    kind: 'page',
    page: {
      title: t('parks.title'),
      path: portalPaths.parks(lang),
      alternates: alternatesOf(portalPaths.parks, PORTAL_LANGS),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('parks.title'), path: portalPaths.parks(lang) },
      ],
    },
  };
}
