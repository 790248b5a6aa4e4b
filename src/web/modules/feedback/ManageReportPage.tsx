import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api } from '../../app/api.ts';
import { ApiErrorAlert } from '../../ui/ApiErrorAlert.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { categoryLabel, type ManagedReport, mediaUrl, type UploadedPhoto, uploadPhoto } from './api.ts';
import { formatTime } from './format.ts';

/** The handling side of one report: triage and review for operators, accept/return/reply for the agency. */
export function ManageReportPage() {
  const { t } = useTranslation();
  const { code = '' } = useParams();
  const qc = useQueryClient();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [rejectReason, setRejectReason] = useState('out_of_scope');
  const [fixPhotos, setFixPhotos] = useState<UploadedPhoto[]>([]);
  const report = useQuery({
    queryKey: ['feedback', 'manage', code],
    queryFn: () => api.get<ManagedReport>(`/api/feedback/manage/${code}`),
  });
  const act = useMutation({
    mutationFn: ({ action, body }: { action: string; body?: unknown }) =>
      api.post<{ status: string }>(`/api/feedback/manage/${code}/${action}`, body ?? {}),
    onSuccess: () => {
      setText('');
      setReason('');
      setFixPhotos([]);
      return qc.invalidateQueries({ queryKey: ['feedback'] });
    },
  });
  return (
    <div className="feedback-page">
      <PageHeader title={t('feedback.view.title', { code })} />
      <QueryState query={report}>
        {(r) => (
          <>
            <dl className="facts">
              <dt>{t('feedback.view.status')}</dt>
              <dd data-testid="manage-status">{t(`feedback.status.${r.status}`)}</dd>
              <dt>{t('feedback.view.category')}</dt>
              <dd>{categoryLabel(r)}</dd>
              <dt>{t('feedback.view.unit')}</dt>
              <dd>{r.unitName}</dd>
              <dt>{t('feedback.view.agency')}</dt>
              <dd>{r.agencyName ?? '—'}</dd>
              <dt>{t('feedback.view.due')}</dt>
              <dd>{r.dueAt ? formatTime(r.dueAt) : '—'}</dd>
            </dl>
            <h2>{t('feedback.view.description')}</h2>
            <p>{r.originalDescription}</p>
            <h2>{t('feedback.work.contacts')}</h2>
            {r.contactsHidden ? (
              <p>{t('feedback.work.contactsHidden')}</p>
            ) : (
              <ul>
                {r.contacts.map((c) => (
                  <li key={`${c.isReporter}-${c.name}-${c.phone}-${c.email}`}>
                    {[c.name, c.phone, c.email].filter(Boolean).join(' · ') || t('feedback.work.anonymous')}
                    {c.isReporter ? ` (${t('feedback.work.reporter')})` : ''}
                  </li>
                ))}
              </ul>
            )}
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
                    />
                  ),
                )}
              </div>
            ) : null}
            {r.replies.length ? (
              <>
                <h2>{t('feedback.work.replies')}</h2>
                <ul>
                  {r.replies.map((a) => (
                    <li key={a.id}>
                      {a.text} — <em>{a.publicText}</em> ({t(`feedback.reply.${a.status}`)})
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {act.error ? <ApiErrorAlert error={act.error} /> : null}
            {r.canTriage && ['submitted', 'returned'].includes(r.status) ? (
              <section className="feedback-actions" aria-labelledby="fb-triage-title">
                <h2 id="fb-triage-title">{t('feedback.work.routeTitle')}</h2>
                {r.proposal ? <p>{t('feedback.work.proposal', { agency: r.proposal.agencyName })}</p> : null}
                <Button onClick={() => act.mutate({ action: 'route' })} busy={act.isPending}>
                  {t('feedback.work.route')}
                </Button>
                <SelectField
                  id="fb-reject-reason"
                  label={t('feedback.work.rejectReason')}
                  value={rejectReason}
                  onChange={(e) => setRejectReason(e.target.value)}
                >
                  {['out_of_scope', 'unverifiable', 'duplicate', 'not_public'].map((k) => (
                    <option key={k} value={k}>
                      {t(`feedback.reject.${k}`)}
                    </option>
                  ))}
                </SelectField>
                <Button
                  variant="danger"
                  onClick={() => act.mutate({ action: 'reject', body: { reason: rejectReason } })}
                >
                  {t('feedback.work.reject')}
                </Button>
              </section>
            ) : null}
            {r.canTriage && r.status === 'answered' ? (
              <section className="feedback-actions" aria-labelledby="fb-review-title">
                <h2 id="fb-review-title">{t('feedback.work.reviewTitle')}</h2>
                <p>{t('feedback.work.reviewHint')}</p>
                <Button
                  onClick={() =>
                    act.mutate({ action: 'publish', body: { approvedMediaIds: r.photos.map((p) => p.id) } })
                  }
                  busy={act.isPending}
                >
                  {t('feedback.work.publish')}
                </Button>
              </section>
            ) : null}
            {(r.canHandle || r.canLead) && r.status === 'routed' ? (
              <section className="feedback-actions" aria-labelledby="fb-accept-title">
                <h2 id="fb-accept-title">{t('feedback.work.acceptTitle')}</h2>
                <Button onClick={() => act.mutate({ action: 'accept' })} busy={act.isPending}>
                  {t('feedback.work.accept')}
                </Button>
                <TextAreaField
                  id="fb-return-reason"
                  label={t('feedback.work.returnReason')}
                  rows={2}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <Button
                  variant="secondary"
                  onClick={() => act.mutate({ action: 'return', body: { reason } })}
                >
                  {t('feedback.work.return')}
                </Button>
              </section>
            ) : null}
            {(r.canHandle || r.canLead) && ['in_progress', 'reopened', 'escalated'].includes(r.status) ? (
              <section className="feedback-actions" aria-labelledby="fb-reply-title">
                <h2 id="fb-reply-title">{t('feedback.work.replyTitle')}</h2>
                <TextAreaField
                  id="fb-reply"
                  label={t('feedback.work.replyText')}
                  rows={4}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
                <div className="field">
                  <label htmlFor="fb-fix-photo" className="field-label">
                    {t('feedback.work.fixPhotos')}
                  </label>
                  <input
                    id="fb-fix-photo"
                    type="file"
                    accept="image/jpeg,image/png,image/webp"
                    onChange={async (e) => {
                      const file = e.target.files?.[0];
                      if (file) {
                        const up = await uploadPhoto(file);
                        setFixPhotos((ps) => [...ps, up]);
                      }
                    }}
                  />
                  {fixPhotos.length ? (
                    <p role="status">{t('feedback.report.photosAdded', { count: fixPhotos.length })}</p>
                  ) : null}
                </div>
                <Button
                  onClick={() =>
                    act.mutate({
                      action: 'reply',
                      body: { text, media: fixPhotos.map((p) => ({ id: p.id, secret: p.secret })) },
                    })
                  }
                  busy={act.isPending}
                >
                  {t('feedback.work.sendReply')}
                </Button>
              </section>
            ) : null}
          </>
        )}
      </QueryState>
    </div>
  );
}
