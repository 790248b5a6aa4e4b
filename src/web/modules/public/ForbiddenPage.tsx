import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { homeOf } from '../../app/guards.tsx';
import { ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

export function ForbiddenPage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  return (
    <div className="narrow">
      <PageHeader title={t('forbidden.title')} lead={t('forbidden.lead')} />
      <p>{t('forbidden.help')}</p>
      {user ? <ButtonLink to={homeOf(user)}>{t('forbidden.back')}</ButtonLink> : null}
    </div>
  );
}
