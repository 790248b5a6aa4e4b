// The weekly briefing snapshot (báo cáo giao ban tuần): the leader's view on paper, as a PDF through the
// platform's administrative-document renderer — exceptions first, then every city indicator with its
// target and "as of", the league tables' top and bottom, and the week's alerts by category.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../platform/db/client.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  type Block,
  formatDate,
  formatDateTime,
  formatNumber,
  renderDocument,
} from '../../platform/pdf/index.ts';
import type { leaderView } from './leader.ts';

type LeaderView = Awaited<ReturnType<typeof leaderView>>;
type Lang = 'vi' | 'en';

const DAY = 86_400_000;

/** The alerts raised in [from, to), by category and severity. */
export async function alertsRaisedBetween(db: DbOrTx, from: Date, to: Date) {
  return queryRows<{ category: string; severity: string; n: number; open: number }>(
    db,
    sql`select category, severity, count(*)::int as n, count(*) filter (where resolved_at is null)::int as open
          from ops_alerts where raised_at >= ${from.toISOString()}::timestamptz and raised_at < ${to.toISOString()}::timestamptz
         group by category, severity order by category, severity`,
  );
}

export interface Briefing {
  view: LeaderView;
  cityName: string;
  from: Date;
  to: Date;
  alerts: Awaited<ReturnType<typeof alertsRaisedBetween>>;
}

/** The week ending now (seven days back). */
export const briefingWeek = (now: Date) => ({ from: new Date(now.getTime() - 7 * DAY), to: now });

const num = (v: number | null, unit: string) => (v === null ? '—' : `${formatNumber(v) ?? v} ${unit}`);

export function briefingBlocks(b: Briefing, lang: Lang): Block[] {
  const k = (key: string, p: Record<string, unknown> = {}) => t(lang, `operations:briefing.${key}`, p);
  const name = (x: { name: string; nameEn: string }) => (lang === 'en' ? x.nameEn : x.name);
  const v = b.view;
  const body: Block[] = [];
  const heading = (text: string) => body.push({ type: 'paragraph', bold: true, text });

  heading(k('exceptions'));
  const lines: string[] = [];
  for (const o of v.exceptions.overdue) {
    const where = o.communes.map((c) => `${c.name} (${formatNumber(c.value) ?? c.value})`).join(', ');
    lines.push(
      `${name(o)}: ${o.stale ? k('stale') : num(o.value, o.unit)}${where ? ` — ${k('most_in', { list: where })}` : ''}`,
    );
  }
  for (const i of v.exceptions.behindTarget)
    lines.push(k('behind', { name: name(i), value: num(i.value, i.unit), target: num(i.target, i.unit) }));
  for (const a of v.exceptions.criticalAlerts)
    lines.push(
      k('alert', {
        severity: t(lang, `operations:severity.${a.severity}`),
        rule: lang === 'en' ? a.ruleNameEn : a.ruleName,
        source: a.sourceLabel,
        since: formatDateTime(a.raisedAt) ?? '',
      }),
    );
  body.push(
    lines.length ? { type: 'list', style: 'dash', items: lines } : { type: 'paragraph', text: k('none') },
  );

  heading(k('indicators'));
  body.push({
    type: 'table',
    size: 10,
    columns: [
      { header: k('col_indicator'), width: 4 },
      { header: k('col_value'), width: 2, align: 'right' },
      { header: k('col_target'), width: 2, align: 'right' },
      { header: k('col_as_of'), width: 2 },
      { header: k('col_state'), width: 2 },
    ],
    rows: v.indicators.map((i) => [
      name(i),
      num(i.value, i.unit),
      i.target === null ? '—' : `${i.direction === 'higher' ? '≥' : '≤'} ${num(i.target, i.unit)}`,
      i.asOf ? (formatDateTime(i.asOf) ?? '') : '—',
      i.stale ? k('stale') : i.behindTarget ? k('state_behind') : k('state_ok'),
    ]),
  });

  if (v.leagues) {
    for (const [label, items] of [
      [k('league_communes', { min: v.leagues.minVolume }), v.leagues.communes],
      [k('league_departments', { min: v.leagues.minVolume }), v.leagues.departments],
    ] as const) {
      heading(label);
      const ranked = items.filter((x) => x.ranked);
      const shown = ranked.length > 10 ? [...ranked.slice(0, 5), ...ranked.slice(-5)] : ranked;
      body.push(
        shown.length
          ? {
              type: 'table',
              size: 10,
              columns: [
                { header: k('col_rank'), width: 1, align: 'right' },
                { header: k('col_unit'), width: 5 },
                { header: k('col_points'), width: 2, align: 'right' },
                { header: k('col_volume'), width: 2, align: 'right' },
              ],
              rows: shown.map((x) => [
                String(x.rank),
                x.name,
                formatNumber(x.points) ?? String(x.points),
                formatNumber(x.volume) ?? String(x.volume),
              ]),
            }
          : { type: 'paragraph', text: k('none_ranked') },
      );
    }
  }

  heading(k('alerts_week'));
  body.push(
    b.alerts.length
      ? {
          type: 'table',
          size: 10,
          columns: [
            { header: k('col_category'), width: 3 },
            { header: k('col_severity'), width: 2 },
            { header: k('col_raised'), width: 2, align: 'right' },
            { header: k('col_open'), width: 2, align: 'right' },
          ],
          rows: b.alerts.map((a) => [
            t(lang, `operations:category.${a.category}`),
            t(lang, `operations:severity.${a.severity}`),
            String(a.n),
            String(a.open),
          ]),
        }
      : { type: 'paragraph', text: k('no_alerts') },
  );
  return body;
}

export function renderBriefing(b: Briefing, lang: Lang): Promise<Buffer> {
  const k = (key: string, p: Record<string, unknown> = {}) => t(lang, `operations:briefing.${key}`, p);
  return renderDocument({
    meta: {
      title: k('title'),
      subject: k('subtitle', { from: formatDate(b.from), to: formatDate(b.to) }),
      creationDate: b.to.toISOString(),
    },
    header: {
      parentAuthority: b.cityName,
      authority: k('authority'),
      date: b.to.toISOString(),
      motto: true,
    },
    title: k('title'),
    subtitle: k('subtitle', { from: formatDate(b.from), to: formatDate(b.to) }),
    body: briefingBlocks(b, lang),
    fontSize: 12,
  });
}
