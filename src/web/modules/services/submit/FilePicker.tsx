import { type ReactNode, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../ui/Button.tsx';
import { describedBy } from '../../../ui/Field.tsx';
import { ACCEPTED_FILES, formatSize, type UploadState } from './upload.ts';

interface Props {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  state: UploadState | undefined;
  onPick: (file: File) => void;
  onRetry: () => void;
  onRemove: () => void;
}

/** A file input with upload progress, the stored file, and a retry when the upload failed. */
export function FilePicker({ id, label, hint, error, required, state, onPick, onRetry, onRemove }: Props) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const statusId = `${id}-status`;
  const described = [describedBy(id, hint, error), state ? statusId : ''].filter(Boolean).join(' ');
  return (
    <div className={['field', 'file-field', error ? 'field-invalid' : ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' *'}
          </span>
        ) : null}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <input
        ref={input}
        id={id}
        type="file"
        className="input input-file"
        accept={ACCEPTED_FILES}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onPick(file);
          // the same file can be picked again after a removal
          e.target.value = '';
        }}
      />
      <div id={statusId} className="file-status" role="status" aria-live="polite">
        {state?.state === 'uploading' ? (
          <div className="file-progress">
            <progress
              max={100}
              value={Math.round(state.progress * 100)}
              aria-label={t('upload.progress_label', { name: state.name })}
            />
            <span>
              {t('upload.uploading', { name: state.name, percent: Math.round(state.progress * 100) })}
            </span>
          </div>
        ) : null}
        {state?.state === 'done' ? (
          <div className="file-done">
            <span className="file-ok" aria-hidden="true">
              ✓
            </span>
            <span>{t('upload.done', { name: state.file.name, size: formatSize(state.file.size) })}</span>
            <Button variant="quiet" small onClick={onRemove}>
              {t('upload.remove')}
            </Button>
          </div>
        ) : null}
        {state?.state === 'failed' ? (
          <div className="file-failed">
            <span>
              {t('upload.failed', { name: state.name })}{' '}
              {state.error.code === 'network' ? t('error.network') : state.error.message}
            </span>
            <Button variant="secondary" small onClick={onRetry}>
              {t('upload.retry')}
            </Button>
            <Button variant="quiet" small onClick={onRemove}>
              {t('upload.remove')}
            </Button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
