import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { categoryLabel, type ReportSummary } from './api.ts';
import { formatTime } from './format.ts';

function ReportTable({ id, caption, items }: { id: string; caption: string; items: ReportSummary[] }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid={id}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('feedback.public.code')}</th>
          <th scope="col">{t('feedback.view.category')}</th>
          <th scope="col">{t('feedback.view.unit')}</th>
          <th scope="col">{t('feedback.view.status')}</th>
          <th scope="col">{t('feedback.work.submitted')}</th>
          <th scope="col">{t('feedback.view.due')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((r) => (
          <tr key={r.code}>
            <td>
              <Link to={paths.feedbackManage(r.code)}>{r.code}</Link>
              {r.urgent ? ` (${t('feedback.work.urgent')})` : ''}
            </td>
            <td>{categoryLabel(r)}</td>
            <td>{r.unitName}</td>
            <td>{t(`feedback.status.${r.status}`)}</td>
            <td>{formatTime(r.submittedAt)}</td>
            <td>{r.dueAt ? formatTime(r.dueAt) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Operators: the triage queue and answers to review. Agencies: the reports they hold. */
export function WorkQueuePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const operator = can('feedback.triage');
  const handler = can('feedback.handle') || can('feedback.lead');
  const triage = useQuery({
    queryKey: ['feedback', 'queue', 'triage'],
    enabled: operator,
    queryFn: () => api.get<{ items: ReportSummary[] }>('/api/feedback/queue', { stage: 'triage' }),
  });
  const review = useQuery({
    queryKey: ['feedback', 'queue', 'review'],
    enabled: operator,
    queryFn: () => api.get<{ items: ReportSummary[] }>('/api/feedback/queue', { stage: 'review' }),
  });
  const inbox = useQuery({
    queryKey: ['feedback', 'inbox'],
    enabled: handler,
    queryFn: () => api.get<{ items: ReportSummary[] }>('/api/feedback/inbox'),
  });
  return (
    <div>
      <PageHeader title={t('feedback.work.title')} />
      {operator ? (
        <>
          <h2>{t('feedback.work.triage')}</h2>
          <QueryState query={triage}>
            {(d) => <ReportTable id="fb-triage" caption={t('feedback.work.triageCaption')} items={d.items} />}
          </QueryState>
          <h2>{t('feedback.work.review')}</h2>
          <QueryState query={review}>
            {(d) => <ReportTable id="fb-review" caption={t('feedback.work.reviewCaption')} items={d.items} />}
          </QueryState>
        </>
      ) : null}
      {handler ? (
        <>
          <h2>{t('feedback.work.inbox')}</h2>
          <QueryState query={inbox}>
            {(d) => <ReportTable id="fb-inbox" caption={t('feedback.work.inboxCaption')} items={d.items} />}
          </QueryState>
        </>
      ) : null}
    </div>
  );
}
