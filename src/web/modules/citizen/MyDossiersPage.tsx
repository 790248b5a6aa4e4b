import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Section } from '../../ui/Section.tsx';

/** A citizen's dossiers. Online submission arrives with the public-services module. */
export function MyDossiersPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('my_dossiers.title')} lead={t('my_dossiers.lead')} />
      <Section title={t('my_dossiers.list')}>
        <EmptyState title={t('my_dossiers.empty')}>
          <p>{t('my_dossiers.empty_text')}</p>
        </EmptyState>
      </Section>
    </>
  );
}
