import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { ADMIN_PERMISSIONS } from '../../modules/admin/sections.ts';
import { useAuth } from '../auth.tsx';
import { isOneStopOfficer } from '../../modules/services/roles.ts';
import { paths } from '../paths.ts';

interface Item {
  to: string;
  label: string;
  end?: boolean;
}

/** The primary navigation: what this user may open, by kind of user and permission. */
export function MainNav() {
  const { t } = useTranslation();
  const { user, can } = useAuth();
  const items: Item[] = [];
  if (!user) {
    items.push({ to: paths.home, label: t('nav.home'), end: true });
    items.push({ to: paths.procedures, label: t('nav.procedures') });
    items.push({ to: paths.tracking, label: t('nav.tracking') });
    items.push({ to: paths.feedback, label: t('feedback.nav') });
    items.push({ to: paths.publicStatistics, label: t('nav.public_stats') });
    items.push({ to: paths.login, label: t('nav.login') });
    items.push({ to: paths.register, label: t('nav.register') });
  } else if (user.kind === 'official') {
    items.push({ to: paths.workspace, label: t('nav.workspace'), end: true });
    items.push({ to: paths.inbox, label: t('nav.inbox') });
    items.push({ to: paths.dossierSearch, label: t('nav.dossier_search') });
    if (isOneStopOfficer(user)) items.push({ to: paths.counterIntake, label: t('nav.counter_intake') });
    items.push({ to: paths.dossierRegister, label: t('nav.register_book') });
    if (can('payments.reconcile'))
      items.push({ to: paths.paymentReconciliation, label: t('nav.payment_reconciliation') });
    if (can('stats.read')) items.push({ to: paths.statistics, label: t('nav.stats') });
    if (can('feedback.triage') || can('feedback.handle') || can('feedback.lead'))
      items.push({ to: paths.feedbackWork, label: t('feedback.nav') });
    if (can('portal.edit') || can('portal.review'))
      items.push({ to: paths.portalEditor, label: t('nav.portal') });
    items.push({ to: paths.meetings, label: t('nav.meetings') });
    if (can('operations.view')) {
      items.push({ to: paths.operationsWall, label: t('nav.operations_wall'), end: true });
      items.push({ to: paths.operationsConsole, label: t('nav.operations_console') });
      items.push({ to: paths.operationsLeader, label: t('nav.operations_leader') });
      items.push({ to: paths.operationsNetwork, label: t('nav.operations_network') });
      if (can('operations.manage'))
        items.push({ to: paths.operationsDashboards, label: t('nav.operations_dashboards') });
    }
    items.push({ to: paths.procedures, label: t('nav.procedures') });
    if (ADMIN_PERMISSIONS.some(can)) items.push({ to: paths.admin, label: t('nav.admin') });
    items.push({ to: paths.account, label: t('nav.account') });
  } else {
    items.push({ to: paths.home, label: t('nav.home'), end: true });
    items.push({ to: paths.procedures, label: t('nav.procedures') });
    items.push({ to: paths.myDossiers, label: t('nav.my_dossiers') });
    items.push({ to: paths.tracking, label: t('nav.tracking') });
    items.push({ to: paths.feedback, label: t('feedback.nav') });
    items.push({ to: paths.account, label: t('nav.account') });
  }
  return (
    <nav className="main-nav" aria-label={t('nav.main_label')}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.end}>
              {item.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
