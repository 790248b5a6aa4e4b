import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, withQuery } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { Button } from '../../ui/Button.tsx';
import { formatDate, formatDateTime, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import type { CommuneData, CommuneDossiers, IndicatorTile, LeaderData, LeagueRow } from './types.ts';

const valueText = (v: number | null, unit: string, t: (k: string) => string) =>
  v === null ? t('ops.no_data') : `${formatNumber(v, Number.isInteger(v) ? 0 : 1)} ${unit}`;

function League({ rows, caption, commune }: { rows: LeagueRow[]; caption: string; commune: boolean }) {
  const { t } = useTranslation();
  return (
    <Table
      caption={caption}
      stacked
      rows={rows}
      rowKey={(r) => r.agencyId}
      rowClassName={(r) => (r.ranked ? undefined : 'muted')}
      columns={[
        {
          key: 'rank',
          header: t('ops.leader.rank'),
          align: 'end',
          cell: (r) => (r.rank === null ? t('ops.leader.not_ranked') : r.rank),
        },
        {
          key: 'name',
          header: t('ops.leader.unit'),
          rowHeader: true,
          cell: (r) => (commune ? <Link to={paths.operationsCommune(r.unitCode)}>{r.name}</Link> : r.name),
        },
        {
          key: 'points',
          header: t('ops.leader.points'),
          align: 'end',
          cell: (r) => formatNumber(r.points, 2),
        },
        { key: 'volume', header: t('ops.leader.volume'), align: 'end', cell: (r) => formatNumber(r.volume) },
      ]}
    />
  );
}

/** The rows worth a leader's glance: the top and the bottom of the ranked units, then the unranked count. */
function ends(rows: LeagueRow[]): LeagueRow[] {
  const ranked = rows.filter((r) => r.ranked);
  return ranked.length > 10 ? [...ranked.slice(0, 5), ...ranked.slice(-5)] : ranked;
}

/**
 * The leader's view: exceptions first (overdue work by commune, indicators behind target, serious
 * alerts), the fair league tables, the weekly briefing as a PDF; every commune opens its own view.
 * Laid out in one column on a phone.
 */
export function LeaderPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const q = useQuery({
    queryKey: ['operations', 'leader'],
    queryFn: () => api.get<LeaderData>('/api/operations/leader'),
  });
  const name = (x: { name: string; nameEn: string }) => (en ? x.nameEn : x.name);
  return (
    <div className="ops-leader">
      <PageHeader
        title={t('ops.leader.title')}
        lead={t('ops.leader.lead')}
        actions={
          <a
            className="btn btn-secondary"
            href={`/api/operations/leader/briefing.pdf?lang=${en ? 'en' : 'vi'}`}
            download
          >
            {t('ops.leader.briefing')}
          </a>
        }
      />
      <QueryState query={q}>
        {(data) => {
          const { overdue, behindTarget, criticalAlerts } = data.exceptions;
          const nothing =
            overdue.every((o) => !o.value) && behindTarget.length === 0 && criticalAlerts.length === 0;
          return (
            <>
              <Section title={t('ops.leader.exceptions')}>
                {nothing ? <p>{t('ops.leader.nothing')}</p> : null}
                <div className="ops-leader-grid">
                  {overdue.map((o) => (
                    <div key={o.code} className={`ops-exception${o.stale ? ' ops-stale' : ''}`}>
                      <h3>{name(o)}</h3>
                      <p className="ops-tile-value" data-testid={`ops-overdue-${o.code}`}>
                        {o.stale ? t('ops.stale_value') : valueText(o.value, o.unit, t)}
                      </p>
                      <p className="ops-tile-asof">{t('ops.as_of', { time: formatDateTime(o.asOf) })}</p>
                      {o.communes.length ? (
                        <>
                          <p>{t('ops.leader.most_in')}</p>
                          <ol className="ops-commune-list">
                            {o.communes.map((c) => (
                              <li key={c.communeCode}>
                                <Link to={paths.operationsCommune(c.communeCode)}>{c.name}</Link>:{' '}
                                {c.stale ? t('ops.stale_value') : valueText(c.value, o.unit, t)}
                              </li>
                            ))}
                          </ol>
                        </>
                      ) : null}
                    </div>
                  ))}
                </div>
                {behindTarget.length ? (
                  <>
                    <h3>{t('ops.leader.behind')}</h3>
                    <ul className="ops-behind-list">
                      {behindTarget.map((i) => (
                        <li key={i.code}>
                          <strong>{name(i)}</strong>: {valueText(i.value, i.unit, t)} —{' '}
                          {t(i.direction === 'higher' ? 'ops.leader.target_min' : 'ops.leader.target_max', {
                            target: valueText(i.target, i.unit, t),
                          })}
                          {i.stale ? ` · ${t('ops.stale')}` : ''}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
                {criticalAlerts.length ? (
                  <>
                    <h3>{t('ops.leader.alerts')}</h3>
                    <ul className="ops-ticker-list">
                      {criticalAlerts.map((a) => (
                        <li key={a.id} className={`ops-alert ops-sev-${a.severity}`}>
                          <strong>{t(`ops.severity.${a.severity}`)}</strong> {en ? a.ruleNameEn : a.ruleName}{' '}
                          — {a.sourceLabel} · {formatDateTime(a.raisedAt)}
                        </li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </Section>
              {data.leagues ? (
                <Section title={t('ops.leader.leagues', { period: data.leagues.period })}>
                  <p className="small">{t('ops.leader.league_rule', { min: data.leagues.minVolume })}</p>
                  <div className="ops-leader-grid">
                    <League
                      rows={ends(data.leagues.communes)}
                      caption={t('ops.leader.league_communes')}
                      commune
                    />
                    <League
                      rows={ends(data.leagues.departments)}
                      caption={t('ops.leader.league_departments')}
                      commune={false}
                    />
                  </div>
                </Section>
              ) : null}
              <Section title={t('ops.indicators')}>
                <IndicatorTable rows={data.indicators} caption={t('ops.leader.city_indicators')} />
                <p>
                  <Link to={paths.operationsAreaSets}>{t('ops.leader.area_sets')}</Link> ·{' '}
                  <Link to={paths.operationsNetwork}>{t('ops.leader.network')}</Link>
                </p>
              </Section>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function IndicatorTable({
  rows,
  caption,
}: {
  rows: (IndicatorTile & { cityValue?: number | null })[];
  caption: string;
}) {
  const { t, i18n } = useTranslation();
  const withCity = rows.some((r) => 'cityValue' in r);
  return (
    <Table
      caption={caption}
      captionHidden
      stacked
      rows={rows}
      rowKey={(r) => r.code}
      rowClassName={(r) => (r.stale ? 'ops-stale' : undefined)}
      columns={[
        {
          key: 'name',
          header: t('ops.leader.indicator'),
          rowHeader: true,
          cell: (r) => (i18n.language === 'en' ? r.nameEn : r.name),
        },
        {
          key: 'value',
          header: t('ops.leader.value'),
          align: 'end',
          cell: (r) => valueText(r.value, r.unit, t),
        },
        ...(withCity
          ? [
              {
                key: 'city',
                header: t('ops.leader.city_value'),
                align: 'end' as const,
                cell: (r: IndicatorTile & { cityValue?: number | null }) =>
                  valueText(r.cityValue ?? null, r.unit, t),
              },
            ]
          : []),
        {
          key: 'target',
          header: t('ops.leader.target'),
          align: 'end',
          cell: (r) =>
            r.target === null
              ? '—'
              : `${r.direction === 'higher' ? '≥' : '≤'} ${valueText(r.target, r.unit, t)}`,
        },
        {
          key: 'state',
          header: t('ops.state'),
          cell: (r) =>
            r.stale
              ? t('ops.stale_value')
              : r.behindTarget
                ? t('ops.leader.state_behind')
                : t('ops.leader.state_ok'),
        },
        { key: 'asof', header: t('ops.last_time'), cell: (r) => formatDateTime(r.asOf) },
      ]}
    />
  );
}

const PAGE = 50;

/** One commune: its indicators beside the city's, its alerts and stations, and the overdue dossiers. */
export function LeaderCommunePage() {
  const { t, i18n } = useTranslation();
  const { code = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const showDossiers = params.get('so-lieu') === 'qua-han';
  const [offset, setOffset] = useState(0);
  const q = useQuery({
    queryKey: ['operations', 'commune', code],
    queryFn: () => api.get<CommuneData>(`/api/operations/leader/communes/${code}`),
  });
  const leader = useQuery({
    queryKey: ['operations', 'leader'],
    queryFn: () => api.get<LeaderData>('/api/operations/leader'),
  });
  const dossiers = useQuery({
    queryKey: ['operations', 'commune', code, 'dossiers', offset],
    queryFn: () =>
      api.get<CommuneDossiers>(
        withQuery(`/api/operations/leader/communes/${code}/dossiers`, {
          figure: 'overdue',
          limit: PAGE,
          offset,
        }),
      ),
    enabled: showDossiers && leader.data?.mayDrill === true,
    placeholderData: keepPreviousData,
  });
  return (
    <QueryState query={q}>
      {(c) => {
        const overdue = c.indicators.find((i) => i.code === 'svc.overdue');
        return (
          <div className="ops-leader">
            <PageHeader
              title={i18n.language === 'en' && c.nameEn ? c.nameEn : c.name}
              lead={t('ops.leader.commune_lead')}
            />
            <p>
              <Link to={paths.operationsLeader}>{t('ops.leader.back')}</Link>
            </p>
            <Section title={t('ops.indicators')}>
              <IndicatorTable
                rows={c.indicators}
                caption={t('ops.leader.commune_indicators', { name: c.name })}
              />
              {overdue && leader.data?.mayDrill ? (
                <p>
                  <Link to={`?${new URLSearchParams({ 'so-lieu': 'qua-han' })}`} onClick={() => setOffset(0)}>
                    {t('ops.leader.open_overdue', { count: overdue.value ?? 0 })}
                  </Link>
                </p>
              ) : null}
            </Section>
            {showDossiers && leader.data?.mayDrill ? (
              <Section title={t('ops.leader.overdue_dossiers')}>
                <QueryState query={dossiers}>
                  {(d) =>
                    d.total === 0 ? (
                      <p>{t('ops.leader.no_dossiers')}</p>
                    ) : (
                      <>
                        <Table
                          caption={t('ops.leader.overdue_caption', { name: c.name, total: d.total })}
                          stacked
                          rows={d.items}
                          rowKey={(r) => r.dossierId}
                          columns={[
                            {
                              key: 'code',
                              header: t('ops.leader.dossier'),
                              rowHeader: true,
                              cell: (r) => (
                                <Link to={paths.officialDossier(r.dossierId)}>
                                  {r.code ?? r.dossierId.slice(0, 8)}
                                </Link>
                              ),
                            },
                            {
                              key: 'procedure',
                              header: t('ops.leader.procedure'),
                              cell: (r) => r.procedureName,
                            },
                            { key: 'agency', header: t('ops.leader.agency'), cell: (r) => r.agencyName },
                            {
                              key: 'received',
                              header: t('ops.leader.received'),
                              cell: (r) => formatDate(r.receivedAt),
                            },
                            { key: 'due', header: t('ops.leader.due'), cell: (r) => formatDate(r.dueAt) },
                          ]}
                        />
                        <Pager offset={offset} limit={PAGE} total={d.total} onChange={setOffset} />
                      </>
                    )
                  }
                </QueryState>
                <p>
                  <Button variant="secondary" onClick={() => setParams({})}>
                    {t('ops.leader.close_dossiers')}
                  </Button>
                </p>
              </Section>
            ) : null}
            <Section title={t('ops.leader.commune_alerts')}>
              {c.alerts.length === 0 ? (
                <p>{t('ops.queue_empty')}</p>
              ) : (
                <ul className="ops-ticker-list">
                  {c.alerts.map((a) => (
                    <li key={a.id} className={`ops-alert ops-sev-${a.severity}`}>
                      <strong>{t(`ops.severity.${a.severity}`)}</strong>{' '}
                      {i18n.language === 'en' ? a.ruleNameEn : a.ruleName} — {a.sourceLabel} ·{' '}
                      {t(`ops.alert_status.${a.status}`)}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            {c.stations.length ? (
              <Section title={t('ops.stations')}>
                <ul className="ops-behind-list">
                  {c.stations.map((s) => (
                    <li key={s.id} className={s.stale ? 'ops-stale' : undefined}>
                      <strong>{s.name}</strong>: {t(`ops.sensor_status.${s.status}`)} ·{' '}
                      {formatDateTime(s.lastTime)}
                      {s.stale ? ` · ${t('ops.stale')}` : ''}
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}
          </div>
        );
      }}
    </QueryState>
  );
}
