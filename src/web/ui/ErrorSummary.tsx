import { type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormErrors } from './form.ts';

interface ErrorSummaryProps {
  form: FormErrors;
  /** control id of each field name, so the summary can link to it */
  fieldIds: Record<string, string>;
  /** field labels shown in the summary */
  labels: Record<string, string>;
}

/**
 * The list of problems above a form (GOV.UK pattern): takes focus after a failed submit,
 * shows the server's message, and links each field problem to its control.
 */
export function ErrorSummary({ form, fieldIds, labels }: ErrorSummaryProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(form.fields);
  const { error, attempt } = form;
  const visible = error !== null || entries.length > 0;

  useEffect(() => {
    if (attempt > 0) ref.current?.focus();
  }, [attempt]);

  if (!visible) return null;
  const serverMessage = error ? (error.code === 'network' ? t('error.network') : error.message) : null;
  const showServerMessage = serverMessage && !(error?.code === 'validation' && entries.length > 0);
  return (
    <div className="alert alert-error error-summary" role="alert" tabIndex={-1} ref={ref}>
      <p className="alert-title">{entries.length > 0 ? t('form.check_fields') : t('form.not_done')}</p>
      {showServerMessage ? <p>{serverMessage}</p> : null}
      {entries.length > 0 ? (
        <ul>
          {entries.map(([name, message]) => {
            const id = fieldIds[name];
            const text = labels[name] ? `${labels[name]}: ${message}` : message;
            return (
              <li key={name}>
                {id ? (
                  <a href={`#${id}`} onClick={(e) => focusField(e, id)}>
                    {text}
                  </a>
                ) : (
                  text
                )}
              </li>
            );
          })}
        </ul>
      ) : null}
      {error && error.status >= 500 && error.requestId ? (
        <p className="small">
          {t('error.request_id')} <code>{error.requestId}</code>
        </p>
      ) : null}
    </div>
  );
}

function focusField(event: MouseEvent, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  target.focus();
  target.scrollIntoView({ block: 'center' });
}
