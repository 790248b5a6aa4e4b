import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { periodWords } from '../../../contracts/stats.ts';
import { currentLanguage } from '../../app/i18n.ts';
import { api } from '../../app/api.ts';
import { formatNumber, todayInVietnam } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Section } from '../../ui/Section.tsx';
import { FeedbackSummary } from '../feedback/FeedbackSummary.tsx';
import { BarChart } from './BarChart.tsx';
import { CommuneMap } from './CommuneMap.tsx';
import { PeriodForm } from './PeriodForm.tsx';
import { NotMeasured } from './NotMeasured.tsx';
import { RankingTable } from './RankingTable.tsx';
import { percent, type PublicData, STATUS_FIGURES, statsKeys } from './types.ts';

/** The city's figures for everyone: no personal data, no dossier lists. */
export function PublicStatsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = params.get('ky') ?? todayInVietnam().slice(0, 7);
  // "tháng 12/2026", "quý IV/2026": the period as people say it
  const periodText = periodWords(period, currentLanguage());
  const query = useQuery({
    queryKey: statsKeys.of('public', { period }),
    queryFn: () => api.get<PublicData>('/api/public/stats', { period }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader title={t('stats.public_title')} lead={t('stats.public_lead', { period: periodText })} />
      {/* The public figures are by whole months (they read the rollup only). */}
      <PeriodForm key={period} period={period} onChange={(p) => setParams({ ky: p })} days={false} />
      <QueryState query={query}>
        {(d) => {
          const ranking = { level: 'commune' as const, minVolume: d.minVolume, items: d.units };
          return (
            <>
              <Section title={t('stats.public_score')}>
                <p className="stats-total">
                  <strong>{formatNumber(d.score.total, 2)}</strong>{' '}
                  {t('stats.score_of', { measured: d.score.measuredMax })}
                </p>
                <NotMeasured components={d.score.components} />
                <BarChart
                  caption={t('stats.status_caption', { scope: t('stats.whole_city'), period: periodText })}
                  labelHeader={t('stats.figure_header')}
                  valueHeader={t('stats.dossiers')}
                  items={STATUS_FIGURES.map(({ figure, count }) => ({
                    key: figure,
                    label: t(`stats.figure.${figure}`),
                    value: d.counts[count],
                    display: formatNumber(d.counts[count]),
                  }))}
                />
                <p>
                  {t('stats.indicator.progress')}: <strong>{percent(d.indicators.progress)}</strong> ·{' '}
                  {t('stats.indicator.online')}: <strong>{percent(d.indicators.online)}</strong>
                </p>
              </Section>
              <Section title={t('feedback.stats.title')}>
                <FeedbackSummary month={period} />
              </Section>
              <Section title={t('stats.ranking_title')}>
                <RankingTable
                  ranking={ranking}
                  caption={t('stats.public_units_caption', { period: periodText })}
                />
              </Section>
              <Section title={t('stats.map_title')}>
                <CommuneMap ranking={ranking} />
              </Section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
