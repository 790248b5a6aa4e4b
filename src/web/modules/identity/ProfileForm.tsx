import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateAccountBody } from '../../../contracts/identity.ts';
import { api } from '../../app/api.ts';
import { SESSION_KEY } from '../../app/auth.tsx';
import type { Session, User } from '../../app/types.ts';
import { Alert } from '../../ui/Alert.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorSummary } from '../../ui/ErrorSummary.tsx';
import { TextField } from '../../ui/Field.tsx';
import { useFormErrors } from '../../ui/form.ts';
import { Section } from '../../ui/Section.tsx';
import { RequiredNote } from '../../ui/RequiredNote.tsx';

export function ProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useFormErrors();
  const [fullName, setFullName] = useState(user.fullName);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    const body = form.check(UpdateAccountBody, { fullName });
    if (!body) return;
    setBusy(true);
    try {
      client.setQueryData(SESSION_KEY, await api.patch<Session>('/api/account', body));
      setSaved(true);
    } catch (err) {
      form.fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Section title={t('account.profile')}>
      <dl className="facts">
        <div>
          <dt>{t('common.email')}</dt>
          <dd>{user.email ?? t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('common.phone')}</dt>
          <dd>{user.phone ?? t('common.none')}</dd>
        </div>
      </dl>
      <ErrorSummary
        form={form}
        fieldIds={{ fullName: 'profile-name' }}
        labels={{ fullName: t('register.full_name') }}
      />
      {saved ? (
        <Alert kind="success" live>
          {t('account.profile_saved')}
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate className="form">
        <RequiredNote />
        <TextField
          id="profile-name"
          label={t('register.full_name')}
          autoComplete="name"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          error={form.fields.fullName}
          required
        />
        <div className="button-row">
          <Button type="submit" variant="secondary" busy={busy}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Section>
  );
}
