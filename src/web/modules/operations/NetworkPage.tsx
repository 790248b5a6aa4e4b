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
import type { NetworkData } from './types.ts';

const WINDOWS = ['1', '7', '30'] as const;

const pct = (v: number | null, t: (k: string) => string) =>
  v === null ? t('ops.no_data') : `${formatNumber(v, 1)} %`;

/** The government data network: each connection point's state now, uptime per point and per commune. */
export function NetworkPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const days = WINDOWS.includes(params.get('ngay') as (typeof WINDOWS)[number]) ? params.get('ngay')! : '7';
  const q = useQuery({
    queryKey: ['operations', 'network', days],
    queryFn: () => api.get<NetworkData>(`/api/operations/network?days=${days}`),
  });
  return (
    <>
      <PageHeader title={t('ops.network.title')} lead={t('ops.network.lead')} />
      <SelectField
        id="ops-network-window"
        label={t('ops.network.window')}
        value={days}
        onChange={(e) => setParams({ ngay: e.target.value })}
      >
        {WINDOWS.map((d) => (
          <option key={d} value={d}>
            {t('ops.network.days', { count: Number(d) })}
          </option>
        ))}
      </SelectField>
      <QueryState query={q}>
        {(n) => (
          <>
            <p className="ops-tile-value" data-testid="ops-network-uptime">
              {t('ops.network.uptime_all', { value: pct(n.uptime, t) })}
            </p>
            <p className="small">{t('ops.network.rule', { rtt: n.limits.rttMs, loss: n.limits.lossPct })}</p>
            <Section title={t('ops.network.points')}>
              <Table
                caption={t('ops.network.points')}
                captionHidden
                stacked
                rows={n.points}
                rowKey={(p) => p.id}
                rowClassName={(p) => (p.state === 'silent' ? 'ops-stale' : undefined)}
                columns={[
                  { key: 'name', header: t('ops.network.point'), rowHeader: true, cell: (p) => p.name },
                  {
                    key: 'state',
                    header: t('ops.status'),
                    cell: (p) => (
                      <span className={`ops-net-${p.state}`}>{t(`ops.network.state.${p.state}`)}</span>
                    ),
                  },
                  {
                    key: 'rtt',
                    header: t('ops.network.rtt'),
                    align: 'end',
                    cell: (p) => (p.rtt === null ? '—' : `${formatNumber(p.rtt)} ms`),
                  },
                  {
                    key: 'loss',
                    header: t('ops.network.loss'),
                    align: 'end',
                    cell: (p) => (p.loss === null ? '—' : `${formatNumber(p.loss, 1)} %`),
                  },
                  {
                    key: 'uptime',
                    header: t('ops.network.uptime'),
                    align: 'end',
                    cell: (p) => pct(p.uptime, t),
                  },
                  { key: 'last', header: t('ops.last_time'), cell: (p) => formatDateTime(p.lastTime) },
                ]}
              />
            </Section>
            <Section title={t('ops.network.communes')}>
              <Table
                caption={t('ops.network.communes')}
                captionHidden
                stacked
                rows={n.communes}
                rowKey={(c) => c.communeCode}
                columns={[
                  { key: 'name', header: t('ops.network.commune'), rowHeader: true, cell: (c) => c.name },
                  { key: 'points', header: t('ops.network.count'), align: 'end', cell: (c) => c.points },
                  { key: 'down', header: t('ops.network.down'), align: 'end', cell: (c) => c.down },
                  {
                    key: 'degraded',
                    header: t('ops.network.degraded'),
                    align: 'end',
                    cell: (c) => c.degraded,
                  },
                  {
                    key: 'uptime',
                    header: t('ops.network.uptime'),
                    align: 'end',
                    cell: (c) => pct(c.uptime, t),
                  },
                ]}
              />
            </Section>
          </>
        )}
      </QueryState>
    </>
  );
}
