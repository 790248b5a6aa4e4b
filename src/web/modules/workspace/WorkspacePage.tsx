import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';
import { MembershipsTable } from '../identity/MembershipsTable.tsx';

/** The officer's start page: where they work and, soon, the dossiers waiting for them. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  if (!user) return null;
  return (
    <>
      <PageHeader title={t('workspace.title')} lead={t('workspace.greeting', { name: user.fullName })} />
      <div className="two-columns wide-first">
        <Section title={t('workspace.inbox')}>
          <EmptyState title={t('workspace.inbox_coming')}>
            <p>{t('workspace.inbox_coming_text')}</p>
          </EmptyState>
        </Section>
        <Section title={t('workspace.my_agencies')}>
          <MembershipsTable memberships={user.memberships} />
        </Section>
      </div>
    </>
  );
}
