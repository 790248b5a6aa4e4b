import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button, ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { categoryLabel, importReports, type ReportSummary, UploadError } from './api.ts';
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

/** Reports from another system's CSV: checked first, then imported whole or not at all. */
function ImportPanel() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => importReports(file!, dryRun),
    onSuccess: (r) => {
      if (!r.dryRun) void qc.invalidateQueries({ queryKey: ['feedback', 'queue'] });
    },
  });
  const error = run.error instanceof UploadError ? run.error : null;
  return (
    <section aria-labelledby="fb-import">
      <h2 id="fb-import">{t('feedback.import.title')}</h2>
      <p className="field-hint" id="fb-import-hint">
        {t('feedback.import.hint')}
      </p>
      <div className="field">
        <label htmlFor="fb-import-file" className="field-label">
          {t('feedback.import.file')}
        </label>
        <input
          id="fb-import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="fb-import-hint"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            run.reset();
          }}
        />
      </div>
      <div className="page-actions">
        <Button variant="secondary" disabled={!file} busy={run.isPending} onClick={() => run.mutate(true)}>
          {t('feedback.import.check')}
        </Button>
        <Button disabled={!file} busy={run.isPending} onClick={() => run.mutate(false)}>
          {t('feedback.import.run')}
        </Button>
      </div>
      {run.data ? (
        <p role="status" data-testid="fb-import-result">
          {t(run.data.dryRun ? 'feedback.import.checked' : 'feedback.import.done', {
            rows: run.data.rows,
            imported: run.data.imported,
            skipped: run.data.skipped,
          })}
        </p>
      ) : null}
      {run.error ? (
        <Alert kind="error" live title={run.error.message}>
          {error?.problems.length ? (
            <ul data-testid="fb-import-errors">
              {error.problems.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
    </section>
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
      <PageHeader
        title={t('feedback.work.title')}
        actions={
          operator ? (
            <ButtonLink variant="secondary" to={paths.feedbackNew}>
              {t('feedback.work.intake')}
            </ButtonLink>
          ) : undefined
        }
      />
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
          <ImportPanel />
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
