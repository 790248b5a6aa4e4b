import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { MembershipsTable } from './MembershipsTable.tsx';
import { ProfileForm } from './ProfileForm.tsx';
import { SessionsPanel } from './SessionsPanel.tsx';
import { TotpPanel } from './TotpPanel.tsx';
import { Section } from '../../ui/Section.tsx';

/** The signed-in user's own account: profile, password, second factor, sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  if (!user) return null;
  const administrator = can('users.manage') || can('roles.manage');
  return (
    <>
      <PageHeader title={t('account.title')} lead={t(`account.kind.${user.kind}`)} />
      <div className="two-columns">
        <div className="stack">
          <ProfileForm user={user} />
          {user.kind === 'official' ? (
            <Section title={t('account.memberships')}>
              <MembershipsTable memberships={user.memberships} />
            </Section>
          ) : null}
        </div>
        <div className="stack">
          <ChangePasswordForm />
          {administrator ? <TotpPanel enabled={user.totpEnabled} /> : null}
          <SessionsPanel />
        </div>
      </div>
    </>
  );
}
