import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { type Category, categoryLabel, type ReportSummary } from './api.ts';
import { FeedbackMap, type MapPoint } from './FeedbackMap.tsx';
import { formatTime } from './format.ts';

// The former Bình Dương area: the public map's view.
const VIEW = { minLat: 10.85, maxLat: 11.55, minLng: 106.3, maxLng: 106.95 };

/** Public map (clustered on the server) and list of reports, filtered by category and status. */
export function PublicReportsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [category, setCategory] = useState('');
  const [status, setStatus] = useState('open');
  const filter = { category: category || undefined, status: status || undefined };
  const categories = useQuery({
    queryKey: ['feedback', 'categories'],
    queryFn: () => api.get<{ items: Category[] }>('/api/feedback/categories'),
  });
  const map = useQuery({
    queryKey: ['feedback', 'map', filter],
    queryFn: () => api.get<{ points: MapPoint[] }>('/api/feedback/map', { ...VIEW, cells: 40, ...filter }),
  });
  const list = useQuery({
    queryKey: ['feedback', 'list', filter],
    queryFn: () => api.get<{ items: ReportSummary[] }>('/api/feedback/reports', { limit: 50, ...filter }),
  });
  return (
    <div>
      <PageHeader
        title={t('feedback.public.title')}
        lead={t('feedback.public.lead')}
        actions={
          <>
            <ButtonLink to={paths.feedbackNew}>{t('feedback.public.new')}</ButtonLink>
            <ButtonLink variant="secondary" to={paths.feedbackStats}>
              {t('feedback.public.stats')}
            </ButtonLink>
          </>
        }
      />
      <div className="field-row">
        <SelectField
          id="fb-filter-category"
          label={t('feedback.report.category')}
          value={category}
          onChange={(e) => setCategory(e.target.value)}
        >
          <option value="">{t('feedback.public.all')}</option>
          {categories.data?.items.map((c) => (
            <option key={c.code} value={c.code}>
              {i18n.language === 'en' ? c.nameEn : c.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="fb-filter-status"
          label={t('feedback.view.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value)}
        >
          <option value="">{t('feedback.public.all')}</option>
          <option value="open">{t('feedback.public.open')}</option>
          <option value="closed">{t('feedback.public.closed')}</option>
        </SelectField>
      </div>
      <FeedbackMap
        label={t('feedback.public.mapLabel', {
          count: map.data?.points.reduce((s, p) => s + (p.n ?? 1), 0) ?? 0,
        })}
        points={map.data?.points ?? []}
        onOpen={(code) => navigate(paths.feedbackReport(code))}
      />
      <table className="table" data-testid="feedback-list">
        <caption>{t('feedback.public.listCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('feedback.public.code')}</th>
            <th scope="col">{t('feedback.view.category')}</th>
            <th scope="col">{t('feedback.view.unit')}</th>
            <th scope="col">{t('feedback.view.status')}</th>
            <th scope="col">{t('feedback.view.due')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((r) => (
            <tr key={r.code}>
              <td>
                <Link to={paths.feedbackReport(r.code)}>{r.code}</Link>
              </td>
              <td>{categoryLabel(r)}</td>
              <td>{r.unitName}</td>
              <td>{t(`feedback.status.${r.status}`)}</td>
              <td>{r.dueAt ? formatTime(r.dueAt) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
