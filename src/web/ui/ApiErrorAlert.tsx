import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.ts';
import { Alert } from './Alert.tsx';

/** Shows the server's (already localized) message; 5xx errors also show the request id for support. */
export function ApiErrorAlert({ error, live = true }: { error: unknown; live?: boolean }) {
  const { t } = useTranslation();
  const err = error instanceof ApiError ? error : new ApiError(0, { code: 'network' });
  const message = err.code === 'network' ? t('error.network') : err.message;
  return (
    <Alert kind="error" live={live} title={err.status >= 500 ? t('error.server_title') : undefined}>
      <p>{message}</p>
      {err.status >= 500 && err.requestId ? (
        <p className="small">
          {t('error.request_id')} <code>{err.requestId}</code>
        </p>
      ) : null}
    </Alert>
  );
}
