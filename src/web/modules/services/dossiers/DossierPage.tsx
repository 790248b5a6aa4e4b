import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../app/api.ts';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { paths } from '../../../app/paths.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { ButtonLink } from '../../../ui/Button.tsx';
import { EmptyState } from '../../../ui/EmptyState.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { QueryState } from '../../../ui/QueryState.tsx';
import { Section } from '../../../ui/Section.tsx';
import { documentHref, fileHref, StatusBadge, UrgencyBadge } from '../labels.tsx';
import { useProcedure } from '../procedures/queries.ts';
import { asSchema, displayAnswer, type FormUi, fieldOrder } from '../submit/schema.ts';
import type { Dossier, Submission } from '../types.ts';
import { FilePreview, previewable } from '../../../ui/FilePreview.tsx';
import { ActionForms, RequestedItems } from './ActionForms.tsx';
import { Consultations } from './Consultations.tsx';
import { useDossier, useDossierActions } from './queries.ts';
import { RatingForm } from './RatingForm.tsx';
import { Timeline } from './Timeline.tsx';
import { PaymentsPanel } from '../../payments/PaymentsPanel.tsx';
import { latestSupplementRequest } from './timeline-data.ts';

type Audience = 'citizen' | 'official';

/** One dossier, for its applicant (`/ho-so-cua-toi/:id`) or for officials (`/lam-viec/ho-so/:id`). */
export function DossierPage({ audience }: { audience: Audience }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useDossier(id);
  const [lastDone, setLastDone] = useState<{ id: string; message: string } | null>(null);
  // After handing the dossier on, an official of another agency may no longer read it.
  if (
    query.isError &&
    query.error instanceof ApiError &&
    query.error.status === 404 &&
    lastDone &&
    lastDone.id === id
  )
    return (
      <>
        <PageHeader title={t('dossier.moved_title')} />
        <Alert kind="success" live>
          <p>{lastDone.message}</p>
        </Alert>
        <p>{t('dossier.moved_text')}</p>
        <ButtonLink to={audience === 'official' ? paths.inbox : paths.myDossiers}>
          {audience === 'official' ? t('dossier.back_inbox') : t('dossier.back_mine')}
        </ButtonLink>
      </>
    );
  return (
    <QueryState query={query}>
      {(d) => (
        <DossierView
          dossier={d}
          audience={audience}
          onDone={(message) => setLastDone({ id: d.id, message })}
        />
      )}
    </QueryState>
  );
}

function DossierView({
  dossier,
  audience,
  onDone,
}: {
  dossier: Dossier;
  audience: Audience;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  // Set by the submission page: the answer, with what happens next (ADR 22).
  const submitted = (location.state as { submitted?: Submission } | null)?.submitted;
  const procedure = useProcedure(dossier.procedureCode);
  const runner = useDossierActions(dossier, onDone);
  const noticeRef = useRef<HTMLDivElement>(null);
  const official = audience === 'official';
  const schema = asSchema(dossier.formSchema);
  const results = dossier.components.filter((c) => c.role === 'result');
  const submittedFiles = dossier.components.filter((c) => c.role === 'component');
  // The declaration the e-form stands for, rendered from the answers (nothing was uploaded for it).
  const declaration = dossier.procedureComponents.find(
    (c) => c.eForm && !submittedFiles.some((f) => f.componentKey === c.key),
  );
  const workFiles = dossier.components.filter((c) => c.role !== 'component' && c.role !== 'result');
  const supplementRequest = dossier.status === 5 ? latestSupplementRequest(dossier.timeline) : null;
  // The applicant's to-do list holds what they must do now (supplement); withdrawing is a choice,
  // offered apart. Officials see every action they may take.
  const todo = official
    ? dossier.actions.map((a) => a.kind)
    : dossier.actions.map((a) => a.kind).filter((k) => k !== 'withdraw');
  const mayWithdraw = !official && dossier.actions.some((a) => a.kind === 'withdraw');
  const { done, conflict } = runner.outcome;
  // Someone else changed the dossier while it was open (a live update): say so, politely.
  const [updatedByOther, setUpdatedByOther] = useState(false);
  const lastRevision = useRef(dossier.revision);
  useEffect(() => {
    if (dossier.revision === lastRevision.current) return;
    lastRevision.current = dossier.revision;
    setUpdatedByOther(runner.own.current !== dossier.revision && !conflict);
  }, [dossier.revision, runner.own, conflict]);

  useEffect(() => {
    if (done || conflict) noticeRef.current?.focus();
  }, [done, conflict]);

  const title = dossier.code
    ? t('dossier.title', { code: dossier.code })
    : dossier.receiptNo
      ? t('dossier.title_receipt', { receipt: dossier.receiptNo })
      : t('dossier.title_no_code');
  return (
    <>
      <PageHeader
        title={title}
        lead={dossier.procedureName}
        actions={
          <ButtonLink to={official ? paths.inbox : paths.myDossiers} variant="secondary" small>
            {official ? t('dossier.back_inbox') : t('dossier.back_mine')}
          </ButtonLink>
        }
      />
      <div ref={noticeRef} tabIndex={-1} className="notice-anchor">
        {submitted && !done ? (
          <Alert kind="success" live title={t('dossier.submitted_title')}>
            {submitted.receiptNo ? (
              <p>
                <strong>{t('dossier.submitted_receipt', { receipt: submitted.receiptNo })}</strong>
              </p>
            ) : null}
            <p>{submitted.nextSteps ?? t('dossier.submitted_text')}</p>
          </Alert>
        ) : null}
        {done ? (
          <Alert kind="success" live>
            <p>{done}</p>
          </Alert>
        ) : null}
        {updatedByOther && !conflict ? (
          <Alert kind="info" live>
            <p>{t('dossier.updated_by_other')}</p>
          </Alert>
        ) : null}
        {conflict ? (
          <Alert kind="warning" live title={t('dossier.conflict_title')}>
            <p>{t('dossier.conflict_text')}</p>
          </Alert>
        ) : null}
      </div>
      <div className="split split-sidebar">
        <div className="stack">
          <Section title={t('dossier.state')}>
            <dl className="facts facts-wide">
              <div>
                <dt>{t('common.status')}</dt>
                <dd>
                  <StatusBadge status={dossier.status} />
                </dd>
              </div>
              {dossier.stepName ? (
                <div>
                  <dt>{t('dossier.step')}</dt>
                  <dd>{dossier.stepName}</dd>
                </div>
              ) : null}
              <div>
                <dt>{t('dossier.holder')}</dt>
                <dd>{dossier.holderAgencyName}</dd>
              </div>
              <div>
                <dt>{t('dossier.due')}</dt>
                <dd>
                  {dossier.dueAt ? (
                    <>
                      <strong>{formatDateTime(dossier.dueAt)}</strong>{' '}
                      <UrgencyBadge urgency={dossier.urgency} />
                    </>
                  ) : (
                    <span className="muted">{t('dossier.no_due')}</span>
                  )}
                  {dossier.dueExplanation ? (
                    <p className="due-explanation">
                      <span className="visually-hidden">{t('dossier.due_explanation')}: </span>
                      {dossier.dueExplanation}
                    </p>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt>{t('dossier.submitted_at')}</dt>
                <dd>
                  {formatDateTime(dossier.submittedAt)} · {t(`channel.${dossier.channel}`)}
                </dd>
              </div>
              {dossier.status === 9 || dossier.status === 10 ? (
                <div>
                  <dt>{t('dossier.rating')}</dt>
                  <dd>
                    {dossier.rating
                      ? t('dossier.rated', {
                          score: dossier.rating.score,
                          at: formatDateTime(dossier.rating.ratedAt),
                        })
                      : t('dossier.not_rated')}
                  </dd>
                </div>
              ) : null}
              {dossier.supplementCount > 0 ? (
                <div>
                  <dt>{t('dossier.supplements')}</dt>
                  <dd>
                    {t('dossier.supplement_count', { count: dossier.supplementCount })}
                    {dossier.supplementCount > 1 ? (
                      <span className="cell-sub">{t('dossier.counts_as_late')}</span>
                    ) : null}
                  </dd>
                </div>
              ) : null}
            </dl>
          </Section>

          {results.length ? (
            <Section title={t('dossier.results')} className="panel-result">
              <ul className="file-list">
                {results.map((c) => (
                  <li key={c.fileId}>
                    <a href={fileHref(c.fileId)} download>
                      {t('dossier.download_result')}
                    </a>
                    <span className="cell-sub">{c.fileName}</span>
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
          {supplementRequest && !dossier.actions.some((a) => a.kind === 'supplement') ? (
            <Section title={t('supplement.title')}>
              <RequestedItems request={supplementRequest} />
            </Section>
          ) : null}

          {todo.length > 0 ? (
            <Section title={official ? t('dossier.process') : t('dossier.your_actions')}>
              <ActionForms dossier={dossier} runner={runner} only={todo} />
            </Section>
          ) : null}

          <PaymentsPanel dossier={dossier} official={official} runner={runner} />

          {!official && (dossier.status === 9 || dossier.status === 10) ? (
            <Section title={t('rating.title')}>
              <RatingForm dossierId={dossier.id} rating={dossier.rating} />
            </Section>
          ) : null}

          {mayWithdraw ? (
            <Section title={t('dossier.withdraw_title')}>
              <p className="muted">{t('dossier.withdraw_lead')}</p>
              <ActionForms dossier={dossier} runner={runner} only={['withdraw']} />
            </Section>
          ) : null}

          {dossier.consultations.length ? (
            <Section title={t('consultation.title')}>
              <Consultations items={dossier.consultations} />
            </Section>
          ) : null}

          <Section title={t('dossier.timeline')}>
            <Timeline
              entries={dossier.timeline}
              definition={procedure.data?.definition}
              showFiles={official}
            />
          </Section>

          <Section title={t('dossier.form_data')}>
            {Object.keys(dossier.formData).length === 0 ? (
              <p className="muted">{t('dossier.no_form_data')}</p>
            ) : (
              <dl className="facts facts-wide">
                {[
                  ...new Set([
                    ...fieldOrder(schema, procedure.data?.definition.form.ui as FormUi | undefined),
                    ...Object.keys(dossier.formData),
                  ]),
                ]
                  .filter((k) => k in dossier.formData)
                  .map((k) => (
                    <div key={k}>
                      <dt>{schema.properties?.[k]?.title ?? k}</dt>
                      <dd>{displayAnswer(schema.properties?.[k], dossier.formData[k], t)}</dd>
                    </div>
                  ))}
              </dl>
            )}
          </Section>

          {official ? (
            <Section title={t('dossier.applicant')}>
              <dl className="facts">
                {(['fullName', 'idNumber', 'phone', 'email', 'address'] as const).map((k) =>
                  typeof dossier.applicant[k] === 'string' ? (
                    <div key={k}>
                      <dt>{t(`applicant.${k}`)}</dt>
                      <dd>{String(dossier.applicant[k])}</dd>
                    </div>
                  ) : null,
                )}
              </dl>
            </Section>
          ) : null}
        </div>

        <aside className="split-aside stack" aria-label={t('dossier.files')}>
          <Section title={t('dossier.documents')}>
            {dossier.documents.length ? (
              <ul className="file-list">
                {[...dossier.documents].sort().map((form) => (
                  <li key={form}>
                    <a href={documentHref(dossier.id, form)} download>
                      {t(`document.${form}`)}
                    </a>
                    <span className="cell-sub">{t('document.pdf', { form })}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('dossier.no_documents')}</p>
            )}
          </Section>
          <Section title={t('dossier.components')}>
            {submittedFiles.length || declaration ? (
              <ul className="file-list">
                {declaration ? (
                  <li>
                    <a href={`/api/dossiers/${dossier.id}/declaration.pdf`} target="_blank" rel="noopener">
                      {declaration.name}
                    </a>
                    <span className="cell-sub">{t('dossier.declaration_pdf')}</span>
                  </li>
                ) : null}
                {submittedFiles.map((c) => (
                  <li key={c.fileId}>
                    <a href={fileHref(c.fileId)} download>
                      {c.name}
                    </a>
                    {previewable(c.mime) ? (
                      <FilePreview href={fileHref(c.fileId)} name={c.fileName} mime={c.mime} />
                    ) : null}
                    <span className="cell-sub">{c.fileName}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <EmptyState title={t('dossier.no_components')} />
            )}
          </Section>
          {official && workFiles.length ? (
            <Section title={t('dossier.work_files')}>
              <ul className="file-list">
                {workFiles.map((c) => (
                  <li key={c.fileId}>
                    <a href={fileHref(c.fileId)} download>
                      {c.fileName}
                    </a>
                    {previewable(c.mime) ? (
                      <FilePreview href={fileHref(c.fileId)} name={c.fileName} mime={c.mime} />
                    ) : null}
                  </li>
                ))}
              </ul>
            </Section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
