// The digital-transformation page (issue 15, item 9): the city's targets (Resolution 05-NQ/TU for the
// former Bình Dương units, the national programme) and their progress — computed live where CQS holds
// the data (procedures fully online, dossiers submitted online, on time, digitised), entered for the rest,
// each with its source and date.
import type { Db } from '../../../platform/db/client.ts';
import { searchProcedures } from '../../services/index.ts';
import { overview, parsePeriod, statsRead } from '../../stats/index.ts';
import { portalPaths } from '../paths.ts';
import type { Answer } from './articles.ts';
import { html } from './html.ts';
import { alternatesOf, formatDate, formatNumber, type PageContext } from './layout.ts';

export interface Target {
  key: string;
  /** the target share, 0–1 */
  target: number;
  by: number;
  source: string;
  /** entered progress (null: computed live) */
  entered?: { value: number; asOf: string; source: string };
}

/** The targets *(confirm the list and the entered figures with the city's digital-transformation office)*. */
export const TARGETS: Target[] = [
  {
    key: 'procedures_full_online',
    target: 0.8,
    by: 2025,
    source: 'Nghị quyết 05-NQ/TU; Quyết định 749/QĐ-TTg',
  },
  { key: 'dossiers_online', target: 0.5, by: 2025, source: 'Quyết định 749/QĐ-TTg' },
  { key: 'on_time', target: 0.95, by: 2025, source: 'Nghị quyết 05-NQ/TU' },
  { key: 'digitised', target: 1, by: 2023, source: 'Nghị quyết 05-NQ/TU' },
  {
    key: 'work_records_online',
    target: 1,
    by: 2025,
    source: 'Nghị quyết 05-NQ/TU',
    entered: {
      value: 0.92,
      asOf: '2026-10-31',
      source: 'Báo cáo chuyển đổi số của Văn phòng UBND Thành phố',
    },
  },
  {
    key: 'digital_inspections',
    target: 0.5,
    by: 2025,
    source: 'Nghị quyết 05-NQ/TU',
    entered: { value: 0.41, asOf: '2026-10-31', source: 'Báo cáo của Thanh tra Thành phố' },
  },
  {
    key: 'digital_economy_gdp',
    target: 0.3,
    by: 2030,
    source: 'Nghị quyết 57-NQ/TW',
    entered: { value: 0.175, asOf: '2026-06-30', source: 'Cục Thống kê Thành phố (ước tính)' },
  },
];

/** What CQS computes itself, this year so far. */
export async function liveProgress(db: Db, now = new Date()): Promise<Record<string, number | null>> {
  const procs = await searchProcedures(db, undefined, 5_000);
  const year = String(now.getFullYear());
  const o = await statsRead(db, (tx) => overview(tx, parsePeriod(year), { agencyIds: null }, now));
  return {
    procedures_full_online: procs.length
      ? procs.filter((p) => p.serviceLevel === 'full').length / procs.length
      : null,
    dossiers_online: o.indicators.online,
    on_time: o.indicators.progress,
    digitised: o.indicators.digitised,
  };
}

export async function digitalPage(db: Db, ctx: PageContext, now = new Date()): Promise<Answer> {
  const { lang, t } = ctx;
  const live = await liveProgress(db, now);
  const pct = (v: number) => `${formatNumber(lang, Math.round(v * 1000) / 10)}%`;
  const rows = TARGETS.map((g) => {
    const value = g.entered ? g.entered.value : (live[g.key] ?? null);
    return { ...g, value, met: value !== null && value >= g.target };
  });
  const main = html`<h1>${t('dx.title')}</h1>
<p>${t('dx.lead')}</p>
<table><thead><tr><th scope="col">${t('dx.target')}</th><th scope="col">${t('dx.goal')}</th><th scope="col">${t('dx.progress')}</th><th scope="col">${t('dx.source')}</th></tr></thead>
<tbody>${rows.map(
    (
      r,
    ) => html`<tr><th scope="row">${t(`dx.${r.key}`)}</th><td>${pct(r.target)} ${t('dx.by', { year: r.by })}<br><span class="meta">${r.source}</span></td>
<td>${r.value === null ? t('dx.no_data') : html`<strong>${pct(r.value)}</strong>`} ${r.value !== null ? html`<span class="meta">(${r.met ? t('dx.met') : t('dx.not_met')})</span>` : ''}
<br><progress max="1" value="${r.value ?? 0}" aria-label="${t(`dx.${r.key}`)}">${r.value === null ? '' : pct(r.value)}</progress></td>
<td>${r.entered ? html`${t('dx.entered')}: ${r.entered.source}, ${formatDate(lang, r.entered.asOf)}` : html`${t('dx.live')}, ${formatDate(lang, now, true)}`}</td></tr>`,
  )}</tbody></table>`;
  return {
    kind: 'page',
    page: {
      title: t('dx.title'),
      description: t('dx.lead'),
      path: portalPaths.digital(lang),
      alternates: alternatesOf(portalPaths.digital),
      main,
      breadcrumbs: [
        { name: t('nav.home'), path: portalPaths.home(lang) },
        { name: t('dx.title'), path: portalPaths.digital(lang) },
      ],
    },
  };
}
