import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { RegisterBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { useAuth } from '../../app/auth.tsx';
import { homeOf } from '../../app/guards.tsx';
import { paths } from '../../app/paths.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { compact, contactRequired, useFormErrors } from '../../ui/form.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

const FIELDS = ['fullName', 'email', 'phone', 'password', 'confirm'] as const;
type Name = (typeof FIELDS)[number];

/**
 * A citizen asks for an account with an e-mail address or a phone number; the account is created when
 * they open the link sent there. The answer is the same whether or not the address already has one.
 */
export function RegisterPage() {
  const { t } = useTranslation();
  const { user, session } = useAuth();
  const form = useFormErrors();
  const [values, setValues] = useState<Record<Name, string>>({
    fullName: '',
    email: '',
    phone: '',
    password: '',
    confirm: '',
  });
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);

  if (user) return <Navigate to={homeOf(user)} replace />;

  const set = (name: Name) => (e: ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));
  const labels: Record<Name, string> = {
    fullName: t('register.full_name'),
    email: t('register.email'),
    phone: t('register.phone'),
    password: t('register.password'),
    confirm: t('register.confirm'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { confirm, ...rest } = values;
    const body = form.check(RegisterBody, compact(rest), {
      ...contactRequired(rest, t('field.email_or_phone')),
      ...(confirm !== rest.password ? { confirm: t('register.password_mismatch') } : {}),
    });
    if (!body) return;
    setBusy(true);
    try {
      await api.post('/api/auth/register', body);
      setSent(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  if (sent) {
    return (
      <div className="auth-layout">
        <div className="auth-card">
          <PageHeader title={t('register.title')} />
          <Alert kind="success" live title={t('register.sent_title')}>
            <p>{t('register.sent')}</p>
            {session?.demo ? <p>{t('register.sent_demo')}</p> : null}
          </Alert>
          <p className="auth-links">
            <Link to={paths.login}>{t('register.have_account')}</Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="auth-layout">
      <div className="auth-card">
        <PageHeader title={t('register.title')} lead={t('register.lead')} />
        <ErrorSummary
          form={form}
          fieldIds={Object.fromEntries(FIELDS.map((f) => [f, `reg-${f}`]))}
          labels={labels}
        />
        <form onSubmit={submit} noValidate className="form">
          <RequiredNote />
          <TextField
            id="reg-fullName"
            label={labels.fullName}
            autoComplete="name"
            value={values.fullName}
            onChange={set('fullName')}
            error={form.fields.fullName}
            required
          />
          <p className="field-group-note">{t('register.contact_note')}</p>
          <TextField
            id="reg-email"
            type="email"
            label={labels.email}
            autoComplete="email"
            value={values.email}
            onChange={set('email')}
            error={form.fields.email}
          />
          <TextField
            id="reg-phone"
            type="tel"
            label={labels.phone}
            hint={t('register.phone_hint')}
            autoComplete="tel"
            inputMode="tel"
            value={values.phone}
            onChange={set('phone')}
            error={form.fields.phone}
          />
          <TextField
            id="reg-password"
            type="password"
            label={labels.password}
            hint={t('password.hint')}
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            error={form.fields.password}
            required
          />
          <TextField
            id="reg-confirm"
            type="password"
            label={labels.confirm}
            autoComplete="new-password"
            value={values.confirm}
            onChange={set('confirm')}
            error={form.fields.confirm}
            required
          />
          <div className="button-row">
            <Button type="submit" busy={busy}>
              {t('register.submit')}
            </Button>
          </div>
        </form>
        <p className="auth-links">
          <Link to={paths.login}>{t('register.have_account')}</Link>
        </p>
      </div>
    </div>
  );
}
