import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PasswordResetRequestBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

/** Asks for a reset link; the answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [identifier, setIdentifier] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.check(PasswordResetRequestBody, { identifier });
    if (!body) return;
    setBusy(true);
    try {
      await api.post('/api/auth/password-reset/request', body);
      setSent(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="auth-layout">
      <div className="auth-card">
        <PageHeader title={t('forgot.title')} lead={t('forgot.lead')} />
        {sent ? (
          <Alert kind="success" live title={t('forgot.sent_title')}>
            <p>{t('forgot.sent')}</p>
          </Alert>
        ) : (
          <>
            <ErrorSummary
              form={form}
              fieldIds={{ identifier: 'forgot-identifier' }}
              labels={{ identifier: t('login.identifier') }}
            />
            <form onSubmit={submit} noValidate className="form">
              <RequiredNote />
              <TextField
                id="forgot-identifier"
                label={t('login.identifier')}
                hint={t('login.identifier_hint')}
                autoComplete="username"
                value={identifier}
                onChange={(e) => setIdentifier(e.target.value)}
                error={form.fields.identifier}
                required
              />
              <div className="button-row">
                <Button type="submit" busy={busy}>
                  {t('forgot.submit')}
                </Button>
              </div>
            </form>
          </>
        )}
        <p className="auth-links">
          <Link to={paths.login}>{t('forgot.back_to_login')}</Link>
        </p>
      </div>
    </div>
  );
}
