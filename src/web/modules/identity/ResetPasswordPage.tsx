import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PasswordResetConfirmBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { paths } from '../../app/paths.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button, ButtonLink } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

/** Opened from the e-mailed link /dat-lai-mat-khau?token=…: sets a new password. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const form = useFormErrors();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const mismatch = confirm !== password ? { confirm: t('register.password_mismatch') } : undefined;
    const body = form.check(PasswordResetConfirmBody, { token, password }, mismatch);
    if (!body) return;
    setBusy(true);
    try {
      await api.post('/api/auth/password-reset/confirm', body);
      setDone(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  if (!token) {
    return (
      <div className="auth-layout">
        <div className="auth-card">
          <PageHeader title={t('reset.title')} />
          <Alert kind="warning">{t('reset.no_token')}</Alert>
          <p className="auth-links">
            <Link to={paths.forgotPassword}>{t('reset.request_again')}</Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="auth-layout">
      <div className="auth-card">
        <PageHeader title={t('reset.title')} lead={t('reset.lead')} />
        {done ? (
          <>
            <Alert kind="success" live>
              {t('reset.done')}
            </Alert>
            <ButtonLink to={paths.login}>{t('nav.login')}</ButtonLink>
          </>
        ) : (
          <>
            <ErrorSummary
              form={form}
              fieldIds={{ password: 'reset-password', confirm: 'reset-confirm' }}
              labels={{
                password: t('reset.password'),
                confirm: t('register.confirm'),
                token: t('reset.link'),
              }}
            />
            <form onSubmit={submit} noValidate className="form">
              <RequiredNote />
              <TextField
                id="reset-password"
                type="password"
                label={t('reset.password')}
                hint={t('password.hint')}
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
                error={form.fields.password}
                required
              />
              <TextField
                id="reset-confirm"
                type="password"
                label={t('register.confirm')}
                autoComplete="new-password"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
                error={form.fields.confirm}
                required
              />
              <div className="button-row">
                <Button type="submit" busy={busy}>
                  {t('reset.submit')}
                </Button>
              </div>
            </form>
            {form.error?.code === 'invalid_reset_token' ? (
              <p className="auth-links">
                <Link to={paths.forgotPassword}>{t('reset.request_again')}</Link>
              </p>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
