import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import type { Session } from '../../app/types.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';

/**
 * Opened from the link sent at registration (/xac-nhan-dang-ky?token=…). The account is created by a
 * button, not by opening the page, so a mail scanner that follows links creates nothing.
 */
export function ConfirmRegistrationPage() {
  const { t } = useTranslation();
  const { signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useFormErrors();
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    try {
      const view = await api.post<Session>('/api/auth/register/confirm', { token });
      await signedIn(view);
      navigate(paths.myDossiers, { replace: true });
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-layout">
      <div className="auth-card">
        <PageHeader title={t('confirm_registration.title')} lead={t('confirm_registration.lead')} />
        {token ? (
          <>
            <ErrorSummary form={form} fieldIds={{}} labels={{ token: t('reset.link') }} />
            <div className="button-row">
              <Button type="button" busy={busy} onClick={confirm}>
                {t('confirm_registration.submit')}
              </Button>
            </div>
          </>
        ) : (
          <Alert kind="warning">{t('confirm_registration.no_token')}</Alert>
        )}
        {!token || form.error?.code === 'invalid_registration_token' ? (
          <p className="auth-links">
            <Link to={paths.register}>{t('confirm_registration.register_again')}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
