import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { useAuth } from '../../app/auth.tsx';
import { paths } from '../../app/paths.ts';
import { ADMIN_SECTIONS } from './sections.ts';

/** Administration: a side menu of the sections this user may open. */
export function AdminLayout() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const location = useLocation();
  const sections = ADMIN_SECTIONS.filter((s) => can(s.permission));
  const first = sections[0];
  if (location.pathname.replace(/\/$/, '') === paths.admin && first)
    return <Navigate to={first.path} replace />;
  return (
    <div className="admin-layout">
      <nav className="side-nav" aria-label={t('nav.admin')}>
        <p className="side-nav-title" aria-hidden="true">
          {t('nav.admin')}
        </p>
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <NavLink to={s.path}>{t(s.label)}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="admin-content">
        <Outlet />
      </div>
    </div>
  );
}
