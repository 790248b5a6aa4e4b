import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { Section } from '../../ui/Section.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };

/** Changing the password ends the user's other sessions (the server does it). */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [values, setValues] = useState(EMPTY);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const labels = {
    currentPassword: t('password.current'),
    newPassword: t('password.new'),
    confirm: t('register.confirm'),
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    const { confirm, ...rest } = values;
    const mismatch = confirm !== rest.newPassword ? { confirm: t('register.password_mismatch') } : undefined;
    const body = form.check(ChangePasswordBody, rest, mismatch);
    if (!body) return;
    setBusy(true);
    try {
      await api.post('/api/account/password', body);
      setValues(EMPTY);
      setDone(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: keyof typeof EMPTY, autoComplete: string, hint?: string) => (
    <TextField
      id={`pw-${name}`}
      type="password"
      label={labels[name]}
      hint={hint}
      autoComplete={autoComplete}
      value={values[name]}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      error={form.fields[name]}
      required
    />
  );

  return (
    <Section title={t('password.change_title')}>
      <p className="muted">{t('password.change_lead')}</p>
      <ErrorSummary
        form={form}
        fieldIds={{
          currentPassword: 'pw-currentPassword',
          newPassword: 'pw-newPassword',
          confirm: 'pw-confirm',
        }}
        labels={labels}
      />
      {done ? (
        <Alert kind="success" live>
          {t('password.changed')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <RequiredNote />
        {field('currentPassword', 'current-password')}
        {field('newPassword', 'new-password', t('password.hint'))}
        {field('confirm', 'new-password')}
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {t('password.change_submit')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
