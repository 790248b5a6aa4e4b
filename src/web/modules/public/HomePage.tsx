import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth.tsx';
import { homeOf } from '../../app/guards.tsx';
import { paths } from '../../app/paths.ts';
import { unitName, useProvince } from '../../app/shell/useProvince.ts';
import { ButtonLink } from '../../ui/Button.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';

const PARTS = ['services', 'meetings', 'operations', 'feedback', 'portal', 'integration'] as const;

/** The public front page: what CQS is, and the way in. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const province = useProvince();
  return (
    <>
      <PageHeader
        title={t('home.title')}
        lead={province ? t('home.lead_place', { place: unitName(province) }) : t('home.lead')}
      />
      <div className="home-grid">
        <section className="panel home-intro" aria-labelledby="home-start">
          <div className="panel-body">
            <h2 id="home-start">
              {user ? t('home.welcome_back', { name: user.fullName }) : t('home.start_title')}
            </h2>
            <p>{user ? t('home.welcome_back_text') : t('home.start_text')}</p>
            <div className="button-row">
              {user ? (
                <ButtonLink to={homeOf(user)}>{t('home.open_workspace')}</ButtonLink>
              ) : (
                <>
                  <ButtonLink to={paths.login}>{t('nav.login')}</ButtonLink>
                  <ButtonLink to={paths.register} variant="secondary">
                    {t('home.register_citizen')}
                  </ButtonLink>
                </>
              )}
            </div>
          </div>
        </section>
        <section className="panel" aria-labelledby="home-parts">
          <div className="panel-header">
            <h2 id="home-parts">{t('home.parts_title')}</h2>
          </div>
          <div className="panel-body">
            <p>{t('home.parts_lead')}</p>
            <ul className="parts-list">
              {PARTS.map((part) => (
                <li key={part}>
                  <strong>{t(`home.part.${part}`)}</strong>
                  <span>{t(`home.part.${part}.text`)}</span>
                </li>
              ))}
            </ul>
            <p className="small muted">{t('home.status_note')}</p>
          </div>
        </section>
      </div>
    </>
  );
}
