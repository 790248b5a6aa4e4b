import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { categoryLabel, mediaUrl, type PublicReport } from './api.ts';
import { formatTime } from './format.ts';

/** The public page of a report (tracking): status, deadline, answer, photos, timeline; rating with the link's key. */
export function ReportViewPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const [search] = useSearchParams();
  const secret = search.get('k');
  const qc = useQueryClient();
  const [comment, setComment] = useState('');
  const report = useQuery({
    queryKey: ['feedback', 'report', code],
    queryFn: () => api.get<PublicReport>(`/api/feedback/reports/${code}`),
  });
  const rate = useMutation({
    mutationFn: (satisfied: boolean) =>
      api.post<{ status: string }>(`/api/feedback/reports/${code}/rating`, {
        satisfied,
        ...(comment ? { comment } : {}),
        ...(secret ? { secret } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['feedback', 'report', code] }),
  });
  const followUp = useMutation({
    mutationFn: (fixed: boolean) =>
      api.post<{ status: string }>(`/api/feedback/reports/${code}/follow-up`, {
        fixed,
        ...(secret ? { secret } : {}),
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['feedback', 'report', code] }),
  });
  return (
    <div className="feedback-page">
      <PageHeader title={t('feedback.view.title', { code })} />
      <QueryState query={report}>
        {(r) => (
          <>
            <dl className="facts">
              <dt>{t('feedback.view.status')}</dt>
              <dd data-testid="report-status">{t(`feedback.status.${r.status}`)}</dd>
              <dt>{t('feedback.view.category')}</dt>
              <dd>{categoryLabel(r)}</dd>
              <dt>{t('feedback.view.unit')}</dt>
              <dd>{r.unitName}</dd>
              {r.agencyName ? (
                <>
                  <dt>{t('feedback.view.agency')}</dt>
                  <dd>{r.agencyName}</dd>
                </>
              ) : null}
              {r.dueAt ? (
                <>
                  <dt>{t('feedback.view.due')}</dt>
                  <dd>
                    {formatTime(r.dueAt)}
                    {r.extensionReason ? ` (${t('feedback.view.extended')}: ${r.extensionReason})` : ''}
                  </dd>
                </>
              ) : null}
            </dl>
            <h2>{t('feedback.view.description')}</h2>
            <p>{r.description}</p>
            {r.answers.length ? (
              <section aria-labelledby="fb-answer">
                <h2 id="fb-answer">{t('feedback.view.answer')}</h2>
                {r.answers.map((a) => (
                  <p key={a.publishedAt} data-testid="answer">
                    {a.text}
                  </p>
                ))}
              </section>
            ) : null}
            {r.photos.length ? (
              <div className="feedback-photos">
                {r.photos.map((p) =>
                  p.video ? (
                    // biome-ignore lint/a11y/useMediaCaption: citizens' footage of a place has no speech to caption
                    <video
                      key={p.id}
                      src={mediaUrl(p.id)}
                      controls
                      preload="metadata"
                      aria-label={t(p.fromAgency ? 'feedback.view.videoFix' : 'feedback.view.video')}
                    />
                  ) : (
                    <img
                      key={p.id}
                      src={mediaUrl(p.id)}
                      alt={t(p.fromAgency ? 'feedback.view.photoFix' : 'feedback.view.photo')}
                      loading="lazy"
                    />
                  ),
                )}
              </div>
            ) : null}
            {r.status === 'published' && secret ? (
              <section aria-labelledby="fb-rate" className="feedback-rate">
                <h2 id="fb-rate">{t('feedback.view.rate')}</h2>
                <TextAreaField
                  id="fb-comment"
                  label={t('feedback.view.comment')}
                  rows={2}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                />
                <div className="page-actions">
                  <Button onClick={() => rate.mutate(true)} busy={rate.isPending}>
                    {t('feedback.view.satisfied')}
                  </Button>
                  <Button variant="secondary" onClick={() => rate.mutate(false)} busy={rate.isPending}>
                    {t('feedback.view.unsatisfied')}
                  </Button>
                </div>
                {rate.error ? <ApiErrorAlert error={rate.error} /> : null}
              </section>
            ) : null}
            {r.followUpAsked && secret ? (
              <section aria-labelledby="fb-follow-up" className="feedback-rate">
                <h2 id="fb-follow-up">{t('feedback.view.follow_up')}</h2>
                {followUp.isSuccess ? (
                  <p role="status">{t('feedback.view.follow_up_thanks')}</p>
                ) : (
                  <div className="page-actions">
                    <Button onClick={() => followUp.mutate(true)} busy={followUp.isPending}>
                      {t('feedback.view.still_fixed')}
                    </Button>
                    <Button
                      variant="secondary"
                      onClick={() => followUp.mutate(false)}
                      busy={followUp.isPending}
                    >
                      {t('feedback.view.not_fixed')}
                    </Button>
                  </div>
                )}
                {followUp.error ? <ApiErrorAlert error={followUp.error} /> : null}
              </section>
            ) : null}
            <h2>{t('feedback.view.timeline')}</h2>
            <ol className="feedback-timeline">
              {r.timeline.map((e) => (
                <li key={`${e.at}-${e.action}-${e.status}`}>
                  <time dateTime={e.at}>{formatTime(e.at)}</time> —{' '}
                  {e.action === 'follow_up' || e.action === 'follow_up_answer'
                    ? t(`feedback.timeline.${e.action}`)
                    : t(`feedback.status.${e.status}`)}
                  {e.note ? `: ${e.note}` : ''}
                </li>
              ))}
            </ol>
          </>
        )}
      </QueryState>
    </div>
  );
}
