import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { periodWords } from '../../../contracts/stats.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { api, withQuery } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { SelectField } from '../../ui/Field.tsx';
import { formatDateTime, formatNumber, todayInVietnam } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pager } from '../../ui/Pager.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import { BarChart } from './BarChart.tsx';
import { CommuneMap } from './CommuneMap.tsx';
import { PeriodForm } from './PeriodForm.tsx';
import { NotMeasured } from './NotMeasured.tsx';
import { RankingTable } from './RankingTable.tsx';
import {
  type BreakdownData,
  COST_FIGURE,
  type DrillData,
  type FigureKey,
  type OverviewData,
  percent,
  type RankingData,
  STATUS_FIGURES,
  statsKeys,
} from './types.ts';

const PAGE = 50;

/**
 * Statistics for leaders and agencies: the 766 score and its components (each with the dossiers that
 * cost points), counts by status (each drilling to its dossiers), units, the fair ranking, the commune
 * map and the exports. The URL holds the period, the unit and the figure, so every view can be linked.
 */
export function StatsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = params.get('ky') ?? todayInVietnam().slice(0, 7);
  // "tháng 12/2026", "quý IV/2026": the period as people say it
  const periodText = periodWords(period, currentLanguage());
  const agencyId = params.get('don-vi') ?? undefined;
  const figure = (params.get('so-lieu') as FigureKey | null) ?? undefined;
  const offset = Number(params.get('tu') ?? 0) || 0;
  const level = params.get('xep-hang') === 'commune' ? 'commune' : 'department';
  const [exportBy, setExportBy] = useState<'unit' | 'sector' | 'procedure' | 'status' | 'channel'>('unit');
  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    setParams(next);
  };
  const slice = { period, agencyId };
  const overview = useQuery({
    queryKey: statsKeys.of('overview', slice),
    queryFn: () => api.get<OverviewData>('/api/stats/overview', slice),
    placeholderData: keepPreviousData,
  });
  const units = useQuery({
    queryKey: statsKeys.of('breakdown', { ...slice, by: 'unit' }),
    queryFn: () => api.get<BreakdownData>('/api/stats/breakdown', { ...slice, by: 'unit' }),
    placeholderData: keepPreviousData,
  });
  const ranking = useQuery({
    queryKey: statsKeys.of('ranking', { period, level }),
    queryFn: () => api.get<RankingData>('/api/stats/ranking', { period, level }),
    placeholderData: keepPreviousData,
  });
  const communes = useQuery({
    queryKey: statsKeys.of('ranking', { period, level: 'commune' }),
    queryFn: () => api.get<RankingData>('/api/stats/ranking', { period, level: 'commune' }),
    placeholderData: keepPreviousData,
  });
  const drill = useQuery({
    queryKey: statsKeys.of('dossiers', { ...slice, figure, offset }),
    queryFn: () => api.get<DrillData>('/api/stats/dossiers', { ...slice, figure, limit: PAGE, offset }),
    enabled: !!figure,
    placeholderData: keepPreviousData,
  });
  const drillRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (figure) drillRef.current?.focus();
  }, [figure]);

  const scopeName = overview.data?.scope.agencyName ?? t('stats.whole_city');
  const figureLink = (f: FigureKey, label: string) => (
    <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), 'so-lieu': f, tu: '0' })}`}>
      {label}
    </Link>
  );

  return (
    <>
      <PageHeader title={t('stats.title')} lead={t('stats.lead', { scope: scopeName, period: periodText })} />
      <PeriodForm key={period} period={period} onChange={(p) => set({ ky: p, tu: undefined })} />
      {agencyId ? (
        <p>
          <Link to={`?${new URLSearchParams({ ky: period })}`}>{t('stats.back_to_city')}</Link>
        </p>
      ) : null}

      <QueryState query={overview}>
        {(o) => (
          <>
            <Section title={t('stats.score_title', { scope: scopeName })}>
              <p className="stats-total">
                <strong>{formatNumber(o.score.total, 2)}</strong>{' '}
                {t('stats.score_of', { measured: o.score.measuredMax })}
              </p>
              <NotMeasured components={o.score.components} />
              <BarChart
                caption={t('stats.groups_caption')}
                labelHeader={t('stats.group_header')}
                valueHeader={t('stats.points')}
                items={o.score.groups.map((g) => ({
                  key: g.group,
                  label: `${t(`stats.group.${g.group}`)} (${g.maxPoints})`,
                  value: g.points,
                  display: `${formatNumber(g.points, 2)} / ${g.measuredMax}`,
                }))}
              />
              <Table
                caption={t('stats.components_caption')}
                rows={o.score.components}
                rowKey={(c) => c.key}
                columns={[
                  {
                    key: 'name',
                    header: t('stats.component_header'),
                    rowHeader: true,
                    className: 'col-wide',
                    cell: (c) => t(`stats.component.${c.key}`),
                  },
                  {
                    key: 'share',
                    header: t('stats.share'),
                    align: 'end',
                    cell: (c) => (c.measured ? percent(c.share) : t('stats.not_measured')),
                  },
                  {
                    key: 'points',
                    header: t('stats.points'),
                    align: 'end',
                    cell: (c) => (c.points === null ? '—' : `${formatNumber(c.points, 2)} / ${c.maxPoints}`),
                  },
                  {
                    key: 'cost',
                    header: t('stats.cost_header'),
                    cell: (c) => {
                      const f = COST_FIGURE[c.key];
                      return f && c.points !== null && c.points < c.maxPoints
                        ? figureLink(f, t('stats.cost_link'))
                        : '—';
                    },
                  },
                ]}
              />
            </Section>

            <Section title={t('stats.status_title')}>
              <BarChart
                caption={t('stats.status_caption', { scope: scopeName, period: periodText })}
                labelHeader={t('stats.figure_header')}
                valueHeader={t('stats.dossiers')}
                items={STATUS_FIGURES.map(({ figure: f, count }) => ({
                  key: f,
                  label: t(`stats.figure.${f}`),
                  value: o.counts[count],
                  display: figureLink(f, formatNumber(o.counts[count])),
                }))}
              />
              <dl className="stats-facts">
                <dt>{t('stats.indicator.progress')}</dt>
                <dd>{percent(o.indicators.progress)}</dd>
                <dt>{t('stats.indicator.online')}</dt>
                <dd>{percent(o.indicators.online)}</dd>
                <dt>{t('stats.indicator.e_result')}</dt>
                <dd>{percent(o.indicators.eResult)}</dd>
                <dt>{t('stats.indicator.payment')}</dt>
                <dd>{percent(o.indicators.paymentOnline)}</dd>
                <dt>{t('stats.indicator.satisfaction')}</dt>
                <dd>{percent(o.indicators.satisfactionRate)}</dd>
                <dt>{t('stats.indicator.rating')}</dt>
                <dd>
                  {o.indicators.averageRating === null ? '—' : formatNumber(o.indicators.averageRating, 2)}
                </dd>
                <dt>{t('stats.indicator.days')}</dt>
                <dd>
                  {o.indicators.averageProcessingDays === null
                    ? '—'
                    : formatNumber(o.indicators.averageProcessingDays, 1)}
                </dd>
              </dl>
            </Section>
          </>
        )}
      </QueryState>

      {figure ? (
        <div ref={drillRef} tabIndex={-1} className="stats-drill">
          <Section title={t('stats.drill_title', { figure: t(`stats.figure.${figure}`), scope: scopeName })}>
            <QueryState query={drill}>
              {(d) => (
                <>
                  <p className="result-count" role="status">
                    {t('stats.drill_count', { count: d.total })}
                  </p>
                  <Table
                    caption={t('stats.drill_caption')}
                    captionHidden
                    rows={d.items}
                    rowKey={(r) => r.dossierId}
                    columns={[
                      {
                        key: 'code',
                        header: t('stats.code'),
                        rowHeader: true,
                        cell: (r) => (
                          <Link to={paths.officialDossier(r.dossierId)}>{r.code ?? t('stats.no_code')}</Link>
                        ),
                      },
                      {
                        key: 'procedure',
                        header: t('stats.procedure'),
                        className: 'col-wide',
                        cell: (r) => r.procedureName,
                      },
                      { key: 'agency', header: t('stats.unit'), cell: (r) => r.agencyName },
                      {
                        key: 'received',
                        header: t('stats.received_at'),
                        cell: (r) => formatDateTime(r.receivedAt),
                      },
                      { key: 'due', header: t('stats.due_at'), cell: (r) => formatDateTime(r.dueAt) },
                      { key: 'ended', header: t('stats.ended_at'), cell: (r) => formatDateTime(r.endedAt) },
                      {
                        key: 'note',
                        header: t('stats.note'),
                        cell: (r) =>
                          r.multiSupplement
                            ? t('stats.multi_supplement')
                            : r.timeliness
                              ? t(`stats.timeliness.${r.timeliness}`)
                              : '',
                      },
                    ]}
                  />
                  <Pager
                    offset={offset}
                    limit={PAGE}
                    total={d.total}
                    onChange={(o) => set({ tu: String(o) })}
                  />
                </>
              )}
            </QueryState>
          </Section>
        </div>
      ) : null}

      <Section title={t('stats.units_title')}>
        <QueryState query={units}>
          {(b) => (
            <Table
              caption={t('stats.units_caption', { period: periodText })}
              captionHidden
              rows={b.items}
              rowKey={(r) => r.key}
              columns={[
                {
                  key: 'unit',
                  header: t('stats.unit'),
                  rowHeader: true,
                  className: 'col-wide',
                  cell: (r) =>
                    r.agencyId && r.agencyId !== agencyId ? (
                      <Link to={`?${new URLSearchParams({ ky: period, 'don-vi': r.agencyId })}`}>
                        {r.label}
                      </Link>
                    ) : (
                      r.label
                    ),
                },
                {
                  key: 'received',
                  header: t('stats.volume'),
                  align: 'end',
                  cell: (r) => formatNumber(r.indicators.received),
                },
                {
                  key: 'late',
                  header: t('stats.figure.late'),
                  align: 'end',
                  cell: (r) => formatNumber(r.counts.late),
                },
                {
                  key: 'over',
                  header: t('stats.figure.over'),
                  align: 'end',
                  cell: (r) => formatNumber(r.counts.over),
                },
                {
                  key: 'progress',
                  header: t('stats.indicator.progress'),
                  align: 'end',
                  cell: (r) => percent(r.indicators.progress),
                },
                {
                  key: 'points',
                  header: t('stats.points'),
                  align: 'end',
                  cell: (r) => formatNumber(r.points, 2),
                },
              ]}
            />
          )}
        </QueryState>
      </Section>

      <Section
        title={t('stats.ranking_title')}
        actions={
          <SelectField
            id="stats-level"
            label={t('stats.ranking_level')}
            value={level}
            onChange={(e) => set({ 'xep-hang': e.target.value })}
          >
            <option value="department">{t('stats.level.department')}</option>
            <option value="commune">{t('stats.level.commune')}</option>
          </SelectField>
        }
      >
        <QueryState query={ranking}>
          {(r) => (
            <RankingTable ranking={r} caption={t(`stats.ranking_caption.${level}`, { period: periodText })} />
          )}
        </QueryState>
      </Section>

      <Section title={t('stats.map_title')}>
        <QueryState query={communes}>{(r) => <CommuneMap ranking={r} />}</QueryState>
      </Section>

      <Section title={t('stats.export_title')}>
        <div className="filter-bar">
          <SelectField
            id="stats-export-by"
            label={t('stats.export_by')}
            value={exportBy}
            onChange={(e) => setExportBy(e.target.value as typeof exportBy)}
          >
            {(['unit', 'sector', 'procedure', 'status', 'channel'] as const).map((b) => (
              <option key={b} value={b}>
                {t(`stats.by.${b}`)}
              </option>
            ))}
          </SelectField>
          <div className="filter-actions">
            <a
              className="btn btn-primary"
              href={withQuery('/api/stats/export', { ...slice, by: exportBy, format: 'xlsx' })}
              download
            >
              {t('stats.export_xlsx')}
            </a>
            <a
              className="btn btn-secondary"
              href={withQuery('/api/stats/export', { ...slice, by: exportBy, format: 'csv' })}
              download
            >
              {t('stats.export_csv')}
            </a>
          </div>
        </div>
      </Section>
    </>
  );
}
