import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { paths } from '../../app/paths.ts';

/** Last resort when a page fails to render (for example a chunk that could not load). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="app-main narrow">
      <h1>{t('route_error.title')}</h1>
      <p>{t('route_error.lead')}</p>
      <p>
        <a href={paths.home}>{t('not_found.home')}</a>
      </p>
    </main>
  );
}
