import { useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { CreateUserBody, UpdateUserBody } from '../../../../contracts/identity.ts';
import { api } from '../../../app/api.ts';
import { paths } from '../../../app/paths.ts';
import type { UserRecord } from '../../../app/types.ts';
import { Alert } from '../../../ui/Alert.tsx';
import { Button, ButtonLink } from '../../../ui/Button.tsx';
import { ErrorSummary } from '../../../ui/ErrorSummary.tsx';
import { TextField } from '../../../ui/Field.tsx';
import { compact, contactRequired, useFormErrors } from '../../../ui/form.ts';
import { Section } from '../../../ui/Section.tsx';
import { keys, useActiveAgencies, useRoles } from '../queries.ts';
import { type MembershipDraft, MembershipsEditor, membershipFieldIds } from './MembershipsEditor.tsx';
import { RequiredNote } from '../../../ui/RequiredNote.tsx';

interface Props {
  /** null: create a new official */
  user: UserRecord | null;
  onSaved?: (user: UserRecord) => void;
}

export function UserForm({ user, onSaved }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const agencies = useActiveAgencies();
  const roles = useRoles();
  const form = useFormErrors();
  const [values, setValues] = useState({
    fullName: user?.fullName ?? '',
    title: user?.title ?? '',
    email: user?.email ?? '',
    phone: user?.phone ?? '',
    password: '',
  });
  const [memberships, setMemberships] = useState<MembershipDraft[]>(
    user?.memberships.map((m) => ({ agencyId: m.agencyId, roleCode: m.roleCode })) ?? [
      { agencyId: '', roleCode: '' },
    ],
  );
  const [busy, setBusy] = useState(false);
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const [notice, setNotice] = useState<string | null>(created ? t('users.created') : null);

  const labels: Record<string, string> = {
    fullName: t('users.full_name'),
    title: t('users.job_title'),
    email: t('common.email'),
    phone: t('common.phone'),
    password: t('users.initial_password'),
    memberships: t('users.memberships'),
  };
  memberships.forEach((_, i) => {
    labels[`memberships.${i}.agencyId`] = t('users.membership_agency', { n: i + 1 });
    labels[`memberships.${i}.roleCode`] = t('users.membership_role', { n: i + 1 });
  });
  const fieldIds = {
    fullName: 'user-fullName',
    title: 'user-title',
    email: 'user-email',
    phone: 'user-phone',
    password: 'user-password',
    ...membershipFieldIds(memberships.length),
  };

  async function save(send: () => Promise<UserRecord>) {
    setBusy(true);
    setNotice(null);
    try {
      const saved = await send();
      await client.invalidateQueries({ queryKey: keys.users });
      return saved;
    } catch (err) {
      form.fail(err);
      return null;
    } finally {
      setBusy(false);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!user) {
      const body = form.check(
        CreateUserBody,
        { ...compact(values), memberships: memberships.map(compact) },
        contactRequired(values, t('field.email_or_phone')),
      );
      if (!body) return;
      const saved = await save(() => api.post<UserRecord>('/api/admin/users', body));
      if (saved) navigate(paths.adminUser(saved.id), { state: { created: true } });
      return;
    }
    const body = form.check(UpdateUserBody, {
      fullName: values.fullName,
      title: values.title.trim() === '' ? null : values.title,
      memberships: memberships.map(compact),
    });
    if (!body) return;
    const saved = await save(() => api.patch<UserRecord>(`/api/admin/users/${user.id}`, body));
    if (saved) {
      onSaved?.(saved);
      setNotice(t('users.saved'));
    }
  }

  async function toggleDisabled() {
    if (!user) return;
    const saved = await save(() =>
      api.patch<UserRecord>(`/api/admin/users/${user.id}`, { disabled: !user.disabled }),
    );
    if (saved) {
      onSaved?.(saved);
      setNotice(saved.disabled ? t('users.disabled_notice') : t('users.enabled_notice'));
    }
  }

  const set = (name: keyof typeof values) => (e: ChangeEvent<HTMLInputElement>) =>
    setValues((v) => ({ ...v, [name]: e.target.value }));

  return (
    <div className="stack">
      {notice ? (
        <Alert kind="success" live>
          {notice}
        </Alert>
      ) : null}
      {user?.disabled ? <Alert kind="warning">{t('users.disabled_warning')}</Alert> : null}
      <ErrorSummary form={form} fieldIds={fieldIds} labels={labels} />
      <form onSubmit={submit} noValidate className="form form-wide">
        <RequiredNote />
        <Section title={t('users.identity')}>
          <div className="form-grid">
            <TextField
              id="user-fullName"
              label={labels.fullName}
              value={values.fullName}
              onChange={set('fullName')}
              error={form.fields.fullName}
              autoComplete="off"
              required
            />
            <TextField
              id="user-title"
              label={labels.title}
              hint={t('users.job_title_hint')}
              value={values.title}
              onChange={set('title')}
              error={form.fields.title}
              autoComplete="off"
            />
            <TextField
              id="user-email"
              type="email"
              label={labels.email}
              value={values.email}
              onChange={set('email')}
              error={form.fields.email}
              readOnly={!!user}
              hint={user ? t('users.contact_fixed') : t('register.contact_note')}
              autoComplete="off"
            />
            <TextField
              id="user-phone"
              type="tel"
              label={labels.phone}
              value={values.phone}
              onChange={set('phone')}
              error={form.fields.phone}
              readOnly={!!user}
              hint={user ? undefined : t('register.phone_hint')}
              autoComplete="off"
            />
            {user ? null : (
              <TextField
                id="user-password"
                type="password"
                label={labels.password}
                hint={t('users.initial_password_hint')}
                value={values.password}
                onChange={set('password')}
                error={form.fields.password}
                autoComplete="new-password"
                required
              />
            )}
          </div>
        </Section>
        <Section title={t('users.work')}>
          <MembershipsEditor
            value={memberships}
            onChange={setMemberships}
            agencies={agencies.data?.items ?? []}
            roles={roles.isError ? null : (roles.data?.items ?? [])}
            errors={form.fields}
          />
        </Section>
        <div className="button-row">
          <Button type="submit" busy={busy}>
            {user ? t('common.save') : t('users.create_submit')}
          </Button>
          <ButtonLink to={paths.adminUsers} variant="quiet">
            {t('users.back_to_list')}
          </ButtonLink>
          {user ? (
            <Button
              variant={user.disabled ? 'secondary' : 'danger'}
              className="push-end"
              busy={busy}
              onClick={() => void toggleDisabled()}
            >
              {user.disabled ? t('users.enable') : t('users.disable')}
            </Button>
          ) : null}
        </div>
      </form>
    </div>
  );
}
