import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { SelectField } from '../../ui/Field.tsx';
import { formatDateTime, formatNumber } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { Table } from '../../ui/Table.tsx';
import type { IndicatorTile } from './types.ts';

interface SetView {
  indicator: { code: string; name: string; nameEn: string; unit: string };
  set: { code: string; size: number };
  aggregation: 'sum' | 'mean' | 'max' | 'min';
  value: number | null;
  behindTarget: boolean;
  series: { time: string; value: number | null; reporting: number }[];
  communes: {
    communeCode: string;
    name: string;
    value: number | null;
    time: string | null;
    stale: boolean;
  }[];
}

/**
 * Former-unit views: an indicator with commune values, for a named set of communes (the 36 former
 * Bình Dương units by default), so the former province's figures stay comparable over time.
 */
export function AreaSetPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const indicators = useQuery({
    queryKey: ['operations', 'indicators'],
    queryFn: () => api.get<{ items: IndicatorTile[] }>('/api/operations/indicators'),
  });
  const sets = useQuery({
    queryKey: ['operations', 'commune-sets'],
    queryFn: () =>
      api.get<{ default: string; items: { code: string; size: number }[] }>('/api/operations/commune-sets'),
  });
  const withCommunes = (indicators.data?.items ?? []).filter((i) => i.levels.includes('commune'));
  const code = params.get('chi-tieu') ?? withCommunes[0]?.code ?? '';
  const set = params.get('dia-ban') ?? sets.data?.default ?? '';
  const view = useQuery({
    queryKey: ['operations', 'set', code, set],
    queryFn: () => api.get<SetView>(`/api/operations/indicators/${code}/sets/${set}`),
    enabled: code !== '' && set !== '',
  });
  const choose = (key: string, value: string) =>
    setParams({ 'chi-tieu': code, 'dia-ban': set, [key]: value });
  const setName = (c: string) => t(`ops.set.${c}`, { defaultValue: c });
  const num = (v: number | null, unit: string) =>
    v === null ? t('ops.no_data') : `${formatNumber(v, Number.isInteger(v) ? 0 : 2)} ${unit}`;
  return (
    <>
      <PageHeader title={t('ops.sets.title')} lead={t('ops.sets.lead')} />
      <div className="ops-leader-grid">
        <SelectField
          id="ops-set-indicator"
          label={t('ops.sets.indicator')}
          value={code}
          onChange={(e) => choose('chi-tieu', e.target.value)}
        >
          {withCommunes.map((i) => (
            <option key={i.code} value={i.code}>
              {i18n.language === 'en' ? i.nameEn : i.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="ops-set-area"
          label={t('ops.sets.area')}
          value={set}
          onChange={(e) => choose('dia-ban', e.target.value)}
        >
          {(sets.data?.items ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {t('ops.sets.option', { name: setName(s.code), count: s.size })}
            </option>
          ))}
        </SelectField>
      </div>
      {code && set ? (
        <QueryState query={view}>
          {(v) => (
            <>
              <p className="ops-tile-value" data-testid="ops-set-value">
                {t('ops.sets.value', { name: setName(v.set.code), value: num(v.value, v.indicator.unit) })}
              </p>
              <p className="small">{t(`ops.sets.how.${v.aggregation}`)}</p>
              <Section title={t('ops.sets.series')}>
                <Table
                  caption={t('ops.sets.series')}
                  captionHidden
                  stacked
                  rows={[...v.series].reverse()}
                  rowKey={(r) => r.time}
                  columns={[
                    {
                      key: 'time',
                      header: t('ops.sets.period'),
                      rowHeader: true,
                      cell: (r) => formatDateTime(r.time),
                    },
                    {
                      key: 'value',
                      header: t('ops.leader.value'),
                      align: 'end',
                      cell: (r) => num(r.value, v.indicator.unit),
                    },
                    {
                      key: 'reporting',
                      header: t('ops.sets.reporting'),
                      align: 'end',
                      cell: (r) => t('ops.sets.of', { n: r.reporting, size: v.set.size }),
                    },
                  ]}
                />
              </Section>
              <Section title={t('ops.sets.communes')}>
                <Table
                  caption={t('ops.sets.communes')}
                  captionHidden
                  stacked
                  rows={v.communes}
                  rowKey={(r) => r.communeCode}
                  rowClassName={(r) => (r.stale ? 'ops-stale' : undefined)}
                  columns={[
                    { key: 'name', header: t('ops.network.commune'), rowHeader: true, cell: (r) => r.name },
                    {
                      key: 'value',
                      header: t('ops.leader.value'),
                      align: 'end',
                      cell: (r) =>
                        r.stale && r.value === null ? t('ops.no_data') : num(r.value, v.indicator.unit),
                    },
                    {
                      key: 'time',
                      header: t('ops.last_time'),
                      cell: (r) => `${formatDateTime(r.time)}${r.stale ? ` · ${t('ops.stale')}` : ''}`,
                    },
                  ]}
                />
              </Section>
            </>
          )}
        </QueryState>
      ) : null}
    </>
  );
}
