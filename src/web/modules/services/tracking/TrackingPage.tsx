import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError, api } from '../../../app/api.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { ApiErrorAlert } from '../../../ui/ApiErrorAlert.tsx';
import { Button } from '../../../ui/Button.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { formatDateTime } from '../../../ui/format.ts';
import { Loading } from '../../../ui/Loading.tsx';
import { PageHeader } from '../../../ui/PageHeader.tsx';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';
import { Section } from '../../../ui/Section.tsx';
import { StatusBadge, TimelinessBadge } from '../labels.tsx';
import type { Tracking } from '../types.ts';

/**
 * Public tracking (the receipt's QR code opens /tra-cuu?ma=<code>): the dossier code and the last four
 * digits of the applicant's phone or ID number. A wrong pair reads the same as an unknown code.
 */
export function TrackingPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get('ma') ?? '');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ code?: string; pin?: string }>({});
  const [asked, setAsked] = useState<{ code: string; pin: string } | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const pinRef = useRef<HTMLInputElement>(null);

  const query = useQuery({
    queryKey: ['services', 'track', asked],
    queryFn: () => api.get<Tracking>('/api/track', { code: asked?.code, pin: asked?.pin }),
    enabled: asked !== null,
    retry: false,
    staleTime: 0,
  });

  // A code from the QR link or the home page: the reader only needs to type the four digits. After
  // the shell has moved focus to the new page (its effect runs after this one), hence the timeout.
  useEffect(() => {
    if (!params.get('ma')) return;
    const timer = setTimeout(() => pinRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [params]);

  useEffect(() => {
    if (query.isSuccess || query.isError) resultRef.current?.focus();
  }, [query.isSuccess, query.isError]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const c = code.trim();
    const p = pin.trim();
    const found: typeof errors = {};
    if (c.length < 10) found.code = t('tracking.code_invalid');
    if (!/^\d{4}$/.test(p)) found.pin = t('tracking.pin_invalid');
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(found.code ? 'track-code' : 'track-pin')?.focus();
      return;
    }
    setAsked({ code: c, pin: p });
  }

  const notFound = query.isError && query.error instanceof ApiError && query.error.status === 404;
  return (
    <>
      <PageHeader title={t('tracking.title')} lead={t('tracking.lead')} />
      <div className="split split-sidebar">
        <div className="stack">
          <section className="panel" aria-labelledby="track-form-title">
            <div className="panel-header">
              <h2 id="track-form-title">{t('tracking.form')}</h2>
            </div>
            <form className="panel-body form" onSubmit={submit} noValidate>
              <RequiredNote />
              <div className="form-grid">
                <TextField
                  id="track-code"
                  label={t('tracking.code')}
                  hint={t('tracking.code_hint')}
                  required
                  autoComplete="off"
                  spellCheck={false}
                  className="input-mono"
                  value={code}
                  error={errors.code}
                  onChange={(e) => setCode(e.target.value)}
                />
                <TextField
                  ref={pinRef}
                  id="track-pin"
                  label={t('tracking.pin')}
                  hint={t('tracking.pin_hint')}
                  required
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={4}
                  className="input-code"
                  value={pin}
                  error={errors.pin}
                  onChange={(e) => setPin(e.target.value)}
                />
              </div>
              <div className="button-row">
                <Button type="submit" busy={query.isFetching}>
                  {t('tracking.submit')}
                </Button>
              </div>
            </form>
          </section>
          <div ref={resultRef} tabIndex={-1} className="notice-anchor">
            {asked && query.isPending ? <Loading /> : null}
            {notFound ? (
              <Alert kind="info" live title={t('tracking.not_found_title')}>
                <p>{t('tracking.not_found')}</p>
              </Alert>
            ) : query.isError ? (
              <ApiErrorAlert error={query.error} />
            ) : null}
            {query.data ? <TrackingResult view={query.data} /> : null}
          </div>
        </div>
        <aside className="split-aside">
          <section className="panel" aria-labelledby="track-help">
            <div className="panel-body">
              <h2 id="track-help">{t('tracking.help_title')}</h2>
              <p>{t('tracking.help')}</p>
              <p className="small muted">{t('tracking.privacy')}</p>
            </div>
          </section>
        </aside>
      </div>
    </>
  );
}

function TrackingResult({ view }: { view: Tracking }) {
  const { t } = useTranslation();
  return (
    <Section title={t('tracking.result', { code: view.code })}>
      <dl className="facts facts-wide">
        <div>
          <dt>{t('dossier.procedure')}</dt>
          <dd>{view.procedureName}</dd>
        </div>
        <div>
          <dt>{t('common.status')}</dt>
          <dd>
            <StatusBadge status={view.status} />
          </dd>
        </div>
        <div>
          <dt>{t('dossier.holder')}</dt>
          <dd>{view.holderAgencyName}</dd>
        </div>
        <div>
          <dt>{t('dossier.due')}</dt>
          <dd>
            {view.dueAt ? <strong>{formatDateTime(view.dueAt)}</strong> : t('dossier.no_due')}
            {view.dueExplanation ? <p className="due-explanation">{view.dueExplanation}</p> : null}
          </dd>
        </div>
      </dl>
      <h3 className="subheading">{t('dossier.timeline')}</h3>
      <ol className="timeline">
        {[...view.timeline].reverse().map((e, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries never reorder; time alone is not unique
          <li key={`${e.at}-${i}`} className="timeline-item">
            <div className="timeline-when">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            </div>
            <div className="timeline-what">
              <p className="timeline-title">
                <strong>{e.statusName}</strong>
                {e.stepTimeliness ? (
                  <span className="timeline-timeliness">
                    <span className="visually-hidden">{t('timeline.step_timeliness')}: </span>
                    <TimelinessBadge value={e.stepTimeliness} />
                  </span>
                ) : null}
              </p>
              {e.stepName ? (
                <p className="timeline-step">
                  <span className="visually-hidden">{t('dossier.step')}: </span>
                  {e.stepName}
                </p>
              ) : null}
              {e.agency ? <p className="timeline-meta-line">{e.agency}</p> : null}
            </div>
          </li>
        ))}
      </ol>
    </Section>
  );
}
