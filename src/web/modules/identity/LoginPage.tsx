import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { LoginBody } from '../../../contracts/identity.ts';
import { ApiError, api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { homeOf } from '../../app/guards.tsx';
import { paths, safeReturnPath } from '../../app/paths.ts';
import type { Session } from '../../app/types.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { compact, useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo-accounts.ts';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, session, lostReason, signedIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const form = useFormErrors();
  const [values, setValues] = useState({ identifier: '', password: '', totp: '' });
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const totpRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (needTotp) totpRef.current?.focus();
  }, [needTotp]);

  if (user && !done) return <Navigate to={next ?? homeOf(user)} replace />;

  const set = (name: keyof typeof values) => (e: ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body = form.check(LoginBody, compact(needTotp ? values : { ...values, totp: '' }));
    if (!body) return;
    setBusy(true);
    try {
      const view = await api.post<Session>('/api/auth/login', body);
      setDone(true);
      await signedIn(view);
      if (view.user) navigate(next ?? homeOf(view.user), { replace: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'totp_required') {
        form.clear();
        setNeedTotp(true);
      } else {
        form.fail(err);
        if (err instanceof ApiError && err.code === 'totp_invalid') setValues((v) => ({ ...v, totp: '' }));
      }
    } finally {
      setBusy(false);
    }
  }

  const totpError =
    form.fields.totp ?? (form.error?.code === 'totp_invalid' ? form.error.message : undefined);
  return (
    <div className="auth-layout">
      <div className="auth-card">
        <PageHeader title={t('login.title')} lead={t('login.lead')} />
        {lostReason === 'session_expired' ? (
          <Alert kind="warning">{t('login.session_expired')}</Alert>
        ) : next ? (
          <Alert kind="info">{t('login.sign_in_to_continue')}</Alert>
        ) : null}
        <ErrorSummary
          form={form}
          fieldIds={{ identifier: 'identifier', password: 'password', totp: 'totp' }}
          labels={{ identifier: t('login.identifier'), password: t('login.password'), totp: t('login.totp') }}
        />
        <form onSubmit={submit} noValidate className="form">
          <RequiredNote />
          <TextField
            id="identifier"
            label={t('login.identifier')}
            hint={t('login.identifier_hint')}
            autoComplete="username"
            value={values.identifier}
            onChange={set('identifier')}
            error={form.fields.identifier}
            required
            readOnly={needTotp}
          />
          <TextField
            id="password"
            type="password"
            label={t('login.password')}
            autoComplete="current-password"
            value={values.password}
            onChange={set('password')}
            error={form.fields.password}
            required
            readOnly={needTotp}
          />
          {needTotp ? (
            <>
              <Alert kind="info" live>
                {t('login.totp_needed')}
              </Alert>
              <TextField
                ref={totpRef}
                id="totp"
                label={t('login.totp')}
                hint={t('login.totp_hint')}
                inputMode="numeric"
                autoComplete="one-time-code"
                pattern="[0-9]{6}"
                maxLength={6}
                className="input-code"
                value={values.totp}
                onChange={set('totp')}
                error={totpError}
                required
              />
            </>
          ) : null}
          <div className="button-row">
            <Button type="submit" busy={busy}>
              {t('login.submit')}
            </Button>
            {needTotp ? (
              <Button
                variant="quiet"
                onClick={() => {
                  setNeedTotp(false);
                  setValues({ identifier: values.identifier, password: '', totp: '' });
                  form.clear();
                }}
              >
                {t('login.use_other_account')}
              </Button>
            ) : null}
          </div>
        </form>
        <p className="auth-links">
          <Link to={paths.forgotPassword}>{t('login.forgot')}</Link>
          <span aria-hidden="true"> · </span>
          <Link to={paths.register}>{t('login.no_account')}</Link>
        </p>
      </div>
      {session?.demo ? <DemoAccounts /> : null}
    </div>
  );
}

function DemoAccounts() {
  const { t } = useTranslation();
  return (
    <section className="panel demo-accounts" aria-labelledby="demo-accounts-title">
      <div className="panel-header">
        <h2 id="demo-accounts-title">{t('demo.accounts_title')}</h2>
      </div>
      <div className="panel-body">
        <p>
          {t('demo.accounts_lead')} <code>{DEMO_PASSWORD}</code>
        </p>
        <dl className="demo-list">
          {DEMO_ACCOUNTS.map((a) => (
            <div key={a.identifier}>
              <dt>{t(a.role)}</dt>
              <dd>
                <code>{a.identifier}</code>
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
