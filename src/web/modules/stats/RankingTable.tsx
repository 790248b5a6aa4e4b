import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../ui/format.ts';
import { Table } from '../../ui/Table.tsx';
import { percent, type RankingData } from './types.ts';

/** The fair ranking: units under the minimum volume are listed with their figures but not ranked. */
export function RankingTable({ ranking, caption }: { ranking: RankingData; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="small">{t('stats.ranking_rule', { min: ranking.minVolume })}</p>
      <Table
        caption={caption}
        rows={ranking.items}
        rowKey={(r) => r.agencyId}
        rowClassName={(r) => (r.ranked ? undefined : 'muted')}
        columns={[
          {
            key: 'rank',
            header: t('stats.rank'),
            align: 'end',
            cell: (r) =>
              r.rank === null ? (
                <span title={t('stats.not_ranked_hint')}>{t('stats.not_ranked')}</span>
              ) : (
                r.rank
              ),
          },
          {
            key: 'name',
            header: t('stats.unit'),
            rowHeader: true,
            className: 'col-wide',
            cell: (r) => r.name,
          },
          { key: 'volume', header: t('stats.volume'), align: 'end', cell: (r) => formatNumber(r.volume) },
          {
            key: 'progress',
            header: t('stats.indicator.progress'),
            align: 'end',
            cell: (r) => percent(r.progress),
          },
          {
            key: 'online',
            header: t('stats.indicator.online'),
            align: 'end',
            cell: (r) => percent(r.online),
          },
          { key: 'points', header: t('stats.points'), align: 'end', cell: (r) => formatNumber(r.points, 2) },
        ]}
      />
    </>
  );
}
