import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { formatNumber } from '../../ui/format.ts';
import { SelectField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { FeedbackMap } from './FeedbackMap.tsx';

interface Figures {
  received: number;
  open: number;
  overdueOpen: number;
  measured: number;
  onTime: number;
  onTimeRate: number | null;
  ratings: number;
  satisfied: number;
  satisfactionRate: number | null;
}
interface Row extends Figures {
  key: string;
  name: string;
  nameEn: string;
  rank: number | null;
}
interface Stats {
  minVolume: number;
  city: Figures;
  agencies: Row[];
  communes: Row[];
  categories: Row[];
}

type PeriodChoice = 'month' | 'days90' | 'year';

/** YYYY-MM-DD of a local (Asia/Ho_Chi_Minh) day. */
const day = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);

function periodOf(choice: PeriodChoice): { from: string; to: string } {
  const now = new Date();
  const today = day(now);
  if (choice === 'month') return { from: `${today.slice(0, 7)}-01`, to: today };
  if (choice === 'year') return { from: `${today.slice(0, 4)}-01-01`, to: today };
  return { from: day(new Date(now.getTime() - 89 * 86_400_000)), to: today };
}

/** The desk's public figures: volume, on time, satisfaction; fair rankings; the hotspot map. */
export function FeedbackStatsPage() {
  const { t, i18n } = useTranslation();
  const [choice, setChoice] = useState<PeriodChoice>('month');
  const period = periodOf(choice);
  const stats = useQuery({
    queryKey: ['feedback', 'stats', period],
    queryFn: () => api.get<Stats>('/api/feedback/stats', period),
  });
  const hot = useQuery({
    queryKey: ['feedback', 'hotspots', period],
    queryFn: () =>
      api.get<{ cells: { n: number; lat: number; lng: number }[] }>('/api/feedback/stats/hotspots', period),
  });
  const num = (v: number) => formatNumber(v, 1);
  const rate = (v: number | null) => (v === null ? t('feedback.stats.no_data') : `${num(v)} %`);
  const table = (id: string, caption: string, rows: Row[], min: number) => (
    <table className="table" data-testid={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('feedback.stats.rank')}</th>
          <th scope="col">{t('feedback.stats.name')}</th>
          <th scope="col">{t('feedback.stats.received')}</th>
          <th scope="col">{t('feedback.stats.on_time')}</th>
          <th scope="col">{t('feedback.stats.satisfaction')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.rank ?? <span title={t('feedback.stats.unranked', { min })}>—</span>}</td>
            <th scope="row">{i18n.language === 'en' ? r.nameEn : r.name}</th>
            <td>{num(r.received)}</td>
            <td>{rate(r.onTimeRate)}</td>
            <td>{rate(r.satisfactionRate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <div>
      <PageHeader
        title={t('feedback.stats.title')}
        lead={t('feedback.stats.lead')}
        actions={
          <ButtonLink variant="secondary" to={paths.feedback}>
            {t('feedback.stats.to_reports')}
          </ButtonLink>
        }
      />
      <SelectField
        id="fb-stats-period"
        label={t('feedback.stats.period')}
        value={choice}
        onChange={(e) => setChoice(e.target.value as PeriodChoice)}
      >
        <option value="month">{t('feedback.stats.period_month')}</option>
        <option value="days90">{t('feedback.stats.period_90')}</option>
        <option value="year">{t('feedback.stats.period_year')}</option>
      </SelectField>
      <QueryState query={stats}>
        {(s) => (
          <>
            <dl className="facts" data-testid="feedback-stats-city">
              <dt>{t('feedback.stats.received')}</dt>
              <dd>{num(s.city.received)}</dd>
              <dt>{t('feedback.stats.open')}</dt>
              <dd>{num(s.city.open)}</dd>
              <dt>{t('feedback.stats.on_time')}</dt>
              <dd>{rate(s.city.onTimeRate)}</dd>
              <dt>{t('feedback.stats.satisfaction')}</dt>
              <dd>{rate(s.city.satisfactionRate)}</dd>
            </dl>
            <p>{t('feedback.stats.fairness', { min: s.minVolume })}</p>
            {table('feedback-stats-agencies', t('feedback.stats.by_agency'), s.agencies, s.minVolume)}
            {table('feedback-stats-communes', t('feedback.stats.by_commune'), s.communes, s.minVolume)}
            {table('feedback-stats-categories', t('feedback.stats.by_category'), s.categories, s.minVolume)}
          </>
        )}
      </QueryState>
      <h2>{t('feedback.stats.hotspots')}</h2>
      <FeedbackMap
        label={t('feedback.stats.hotspots_label', { count: hot.data?.cells.length ?? 0 })}
        points={hot.data?.cells ?? []}
      />
    </div>
  );
}
