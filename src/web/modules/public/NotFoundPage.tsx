import { useTranslation } from 'react-i18next';
import { paths } from '../../app/paths.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('not_found.title')} lead={t('not_found.lead')} />
      <ButtonLink to={paths.home}>{t('not_found.home')}</ButtonLink>
    </div>
  );
}
