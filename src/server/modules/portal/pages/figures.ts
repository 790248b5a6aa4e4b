// Investment figures (FDI and domestic, by year, country and sector, charted on the server so the chart
// needs no JavaScript, with the numbers in tables beside it) and the investor's guide to procedures.
import type { DbOrTx } from '../../../platform/db/client.ts';
import { procedureInForce } from '../../services/index.ts';
import { FULL_LANGS, LANG_TAGS, PORTAL_LANGS, type PortalLang } from '../languages.ts';
import { portalPaths } from '../paths.ts';
import { figureTotals } from '../queries.ts';
import type { Answer } from './articles.ts';
import { html, trusted } from './html.ts';
import { alternatesOf, formatNumber, type PageContext } from './layout.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Grouped bars per year (FDI and domestic capital, million USD) as an inline SVG. */
export function figuresChartSvg(
  years: { year: string; fdi: number; domestic: number }[],
  labels: { title: string; fdi: string; domestic: string },
  fmt: (n: number) => string,
): string {
  const W = 640;
  const H = 260;
  const left = 56;
  const bottom = 28;
  const top = 28;
  const max = Math.max(1, ...years.flatMap((y) => [y.fdi, y.domestic]));
  const step = years.length ? (W - left - 8) / years.length : 0;
  const bar = Math.max(4, Math.min(28, step / 2 - 4));
  const yOf = (v: number) => top + (H - top - bottom) * (1 - v / max);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const grid = ticks
    .map(
      (v) =>
        `<line x1="${left}" x2="${W - 4}" y1="${yOf(v).toFixed(1)}" y2="${yOf(v).toFixed(1)}" class="grid"/><text x="${left - 6}" y="${(yOf(v) + 4).toFixed(1)}" text-anchor="end">${esc(fmt(v))}</text>`,
    )
    .join('');
  const bars = years
    .map((y, i) => {
      const x = left + i * step + step / 2;
      const rect = (v: number, dx: number, cls: string, name: string) =>
        `<rect class="${cls}" x="${(x + dx).toFixed(1)}" y="${yOf(v).toFixed(1)}" width="${bar.toFixed(1)}" height="${(H - bottom - yOf(v)).toFixed(1)}"><title>${esc(`${y.year} · ${name}: ${fmt(v)}`)}</title></rect>`;
      return `${rect(y.fdi, -bar - 1, 'fdi', labels.fdi)}${rect(y.domestic, 1, 'dom', labels.domestic)}<text x="${x.toFixed(1)}" y="${H - 8}" text-anchor="middle">${esc(y.year)}</text>`;
    })
    .join('');
  const legend = `<rect class="fdi" x="${left}" y="6" width="12" height="12"/><text x="${left + 16}" y="16">${esc(labels.fdi)}</text><rect class="dom" x="${left + 160}" y="6" width="12" height="12"/><text x="${left + 176}" y="16">${esc(labels.domestic)}</text>`;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${esc(labels.title)}" xmlns="http://www.w3.org/2000/svg">${grid}${bars}${legend}</svg>`;
}

export async function figuresPage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t } = ctx;
  const { byYear, byCountry, bySector } = await figureTotals(db);
  const musd = (kusd: number) => formatNumber(lang, Math.round(kusd / 100) / 10);
  const years = [...new Set(byYear.map((r) => r.key))].map((year) => ({
    year,
    fdi: byYear.find((r) => r.key === year && r.kind === 'fdi')?.capitalKusd ?? 0,
    domestic: byYear.find((r) => r.key === year && r.kind === 'domestic')?.capitalKusd ?? 0,
    fdiProjects: byYear.find((r) => r.key === year && r.kind === 'fdi')?.projects ?? 0,
    domesticProjects: byYear.find((r) => r.key === year && r.kind === 'domestic')?.projects ?? 0,
  }));
  const regions = new Intl.DisplayNames([LANG_TAGS[lang]], { type: 'region' });
  const country = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  const sector = (code: string) => {
    const label = t(`fig.sector.${code}`);
    return label === `fig.sector.${code}` ? code : label;
  };
  const main = html`<h1>${t('fig.title')}</h1>
<p>${t('fig.lead')}</p>
${
  years.length === 0
    ? html`<p>${t('fig.none')}</p>`
    : html`<figure>${trusted(
        figuresChartSvg(
          years.map((y) => ({ year: y.year, fdi: y.fdi / 1000, domestic: y.domestic / 1000 })),
          { title: t('fig.chart'), fdi: t('fig.fdi'), domestic: t('fig.domestic') },
          (n) => formatNumber(lang, Math.round(n)),
        ),
      )}<figcaption class="meta">${t('fig.chart_caption')}</figcaption></figure>
<table><caption>${t('fig.by_year')}</caption>
<thead><tr><th scope="col">${t('fig.year')}</th><th scope="col">${t('fig.fdi_projects')}</th><th scope="col">${t('fig.fdi_capital')}</th><th scope="col">${t('fig.domestic_projects')}</th><th scope="col">${t('fig.domestic_capital')}</th></tr></thead>
<tbody>${years.map((y) => html`<tr><th scope="row">${y.year}</th><td>${formatNumber(lang, y.fdiProjects)}</td><td>${musd(y.fdi)}</td><td>${formatNumber(lang, y.domesticProjects)}</td><td>${musd(y.domestic)}</td></tr>`)}</tbody></table>
<h2>${t('fig.by_country')}</h2>
<table><thead><tr><th scope="col">${t('fig.country')}</th><th scope="col">${t('fig.projects')}</th><th scope="col">${t('fig.capital')}</th></tr></thead>
<tbody>${byCountry.map((c) => html`<tr><th scope="row">${country(c.key)}</th><td>${formatNumber(lang, c.projects)}</td><td>${musd(c.capitalKusd)}</td></tr>`)}</tbody></table>
<h2>${t('fig.by_sector')}</h2>
<table><thead><tr><th scope="col">${t('fig.sector')}</th><th scope="col">${t('fig.kind')}</th><th scope="col">${t('fig.projects')}</th><th scope="col">${t('fig.capital')}</th></tr></thead>
<tbody>${bySector.map((s) => html`<tr><th scope="row">${sector(s.key)}</th><td>${t(`fig.${s.kind}`)}</td><td>${formatNumber(lang, s.projects)}</td><td>${musd(s.capitalKusd)}</td></tr>`)}</tbody></table>`
}`;
  return {
    kind: 'page',
    page: {
      title: t('fig.title'),
      description: t('fig.lead'),
      path: portalPaths.figures(lang),
      alternates: alternatesOf(portalPaths.figures, PORTAL_LANGS),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('inv.title'), path: portalPaths.projects(lang) },
        { name: t('fig.title'), path: portalPaths.figures(lang) },
      ],
    },
  };
}

/**
 * The investor's guide: the steps of the Law on Investment 2020, each linking to the procedures of the
 * catalogue that serve it (those in force; a step whose procedure is not in the catalogue says so and
 * points to the catalogue's search).
 */
export const GUIDE_STEPS: { key: string; procedures: string[]; search: string }[] = [
  { key: 'policy', procedures: [], search: 'chủ trương đầu tư' },
  { key: 'irc', procedures: [], search: 'đăng ký đầu tư' },
  { key: 'enterprise', procedures: ['2.000720'], search: 'đăng ký kinh doanh' },
  { key: 'land', procedures: ['1.012766', '1.009994'], search: 'đất đai' },
  { key: 'operate', procedures: ['2.000591'], search: 'giấy chứng nhận' },
  { key: 'aftercare', procedures: [], search: '' },
];

export async function guidePage(db: DbOrTx, ctx: PageContext): Promise<Answer> {
  const { lang, t } = ctx;
  // Procedure pages exist in Vietnamese and English; other languages link to the English ones.
  const procLang: PortalLang = FULL_LANGS.includes(lang) ? lang : 'en';
  const steps = await Promise.all(
    GUIDE_STEPS.map(async (s) => ({
      ...s,
      found: (await Promise.all(s.procedures.map((code) => procedureInForce(db, code)))).flatMap((f) =>
        f ? [f.definition] : [],
      ),
    })),
  );
  const main = html`<h1>${t('guide.title')}</h1>
<p>${t('guide.lead')}</p>
<ol class="steps">${steps.map(
    (s) => html`<li><h2 class="h3">${t(`guide.${s.key}.title`)}</h2><p>${t(`guide.${s.key}.text`)}</p>
${
  s.found.length
    ? html`<p>${t('guide.procedures')}</p><ul>${s.found.map((d) => html`<li><a href="${portalPaths.procedure(procLang, d.code)}"${procLang === lang ? '' : html` hreflang="${LANG_TAGS[procLang]}"`}>${lang === 'vi' ? d.name : (d.nameEn ?? d.name)}</a> <span class="meta">(${d.code})</span></li>`)}</ul>`
    : s.search
      ? html`<p class="meta">${t('guide.not_in_catalogue')} <a href="${portalPaths.procedures(procLang)}?q=${encodeURIComponent(s.search)}">${t('guide.search_catalogue')}</a></p>`
      : ''
}</li>`,
  )}</ol>
<p><a href="${portalPaths.projects(lang)}">${t('inv.title')}</a> · <a href="${portalPaths.parks(lang)}">${t('parks.title')}</a> · <a href="${portalPaths.figures(lang)}">${t('fig.title')}</a></p>`;
  return {
    kind: 'page',
    page: {
      title: t('guide.title'),
      description: t('guide.lead'),
      path: portalPaths.guide(lang),
      alternates: alternatesOf(portalPaths.guide, PORTAL_LANGS),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('guide.title'), path: portalPaths.guide(lang) },
      ],
    },
  };
}
