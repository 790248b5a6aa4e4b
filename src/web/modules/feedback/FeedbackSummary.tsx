import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { formatNumber } from '../../ui/format.ts';

interface CityFigures {
  city: { received: number; onTimeRate: number | null; satisfactionRate: number | null };
}

/** The feedback desk's figures of a month ("YYYY-MM"), for the public statistics page beside the 766 score. */
export function FeedbackSummary({ month }: { month: string }) {
  const { t } = useTranslation();
  const valid = /^\d{4}-\d{2}$/.test(month);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = valid ? new Date(Date.UTC(y, m, 0)).getUTCDate() : 0;
  const period = { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
  const query = useQuery({
    queryKey: ['feedback', 'stats', period],
    queryFn: () => api.get<CityFigures>('/api/feedback/stats', period),
    enabled: valid,
  });
  if (!valid || !query.data) return null;
  const rate = (v: number | null) => (v === null ? t('feedback.stats.no_data') : `${formatNumber(v, 1)} %`);
  const c = query.data.city;
  return (
    <p data-testid="feedback-summary">
      {t('feedback.stats.received')}: <strong>{formatNumber(c.received)}</strong> ·{' '}
      {t('feedback.stats.on_time')}: <strong>{rate(c.onTimeRate)}</strong> ·{' '}
      {t('feedback.stats.satisfaction')}: <strong>{rate(c.satisfactionRate)}</strong> ·{' '}
      <Link to={paths.feedbackStats}>{t('feedback.stats.more')}</Link>
    </p>
  );
}
