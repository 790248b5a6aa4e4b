import { lazy, type ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { ADMIN_PERMISSIONS } from '../modules/admin/sections.ts';
import { HomePage } from '../modules/public/HomePage.tsx';
import { NotFoundPage } from '../modules/public/NotFoundPage.tsx';
import { RouteError } from '../modules/public/RouteError.tsx';
import { Require } from './guards.tsx';
import { paths } from './paths.ts';
import { Shell } from './shell/Shell.tsx';

// Pages only some users open load on demand (the map library is large).
const MeetingsPage = lazy(() =>
  import('../modules/meetings/MeetingsPage.tsx').then((m) => ({ default: m.MeetingsPage })),
);
const NewMeetingPage = lazy(() =>
  import('../modules/meetings/NewMeetingPage.tsx').then((m) => ({ default: m.NewMeetingPage })),
);
const MeetingsReportPage = lazy(() =>
  import('../modules/meetings/MeetingsReportPage.tsx').then((m) => ({ default: m.MeetingsReportPage })),
);
const MeetingPage = lazy(() =>
  import('../modules/meetings/MeetingPage.tsx').then((m) => ({ default: m.MeetingPage })),
);
// Every page but the home page loads on demand: a visitor's phone downloads only the code of the
// pages it opens (the map library alone is larger than the rest of the app).
const MyDossiersPage = lazy(() =>
  import('../modules/citizen/MyDossiersPage.tsx').then((m) => ({ default: m.MyDossiersPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('../modules/identity/ForgotPasswordPage.tsx').then((m) => ({ default: m.ForgotPasswordPage })),
);
const LoginPage = lazy(() =>
  import('../modules/identity/LoginPage.tsx').then((m) => ({ default: m.LoginPage })),
);
const RegisterPage = lazy(() =>
  import('../modules/identity/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
);
const ConfirmRegistrationPage = lazy(() =>
  import('../modules/identity/ConfirmRegistrationPage.tsx').then((m) => ({
    default: m.ConfirmRegistrationPage,
  })),
);
const ResetPasswordPage = lazy(() =>
  import('../modules/identity/ResetPasswordPage.tsx').then((m) => ({ default: m.ResetPasswordPage })),
);
const WorkspacePage = lazy(() =>
  import('../modules/workspace/WorkspacePage.tsx').then((m) => ({ default: m.WorkspacePage })),
);
const AccountPage = lazy(() =>
  import('../modules/identity/AccountPage.tsx').then((m) => ({ default: m.AccountPage })),
);
const AdminLayout = lazy(() =>
  import('../modules/admin/AdminLayout.tsx').then((m) => ({ default: m.AdminLayout })),
);
const UsersPage = lazy(() =>
  import('../modules/admin/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const UserEditPage = lazy(() =>
  import('../modules/admin/users/UserEditPage.tsx').then((m) => ({ default: m.UserEditPage })),
);
const AgenciesPage = lazy(() =>
  import('../modules/admin/agencies/AgenciesPage.tsx').then((m) => ({ default: m.AgenciesPage })),
);
const RolesPage = lazy(() =>
  import('../modules/admin/roles/RolesPage.tsx').then((m) => ({ default: m.RolesPage })),
);
const UnitsPage = lazy(() =>
  import('../modules/admin/units/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })),
);
const AuditPage = lazy(() =>
  import('../modules/admin/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const MessagesPage = lazy(() =>
  import('../modules/admin/messages/MessagesPage.tsx').then((m) => ({ default: m.MessagesPage })),
);
const AdminProceduresPage = lazy(() =>
  import('../modules/admin/procedures/ProceduresPage.tsx').then((m) => ({ default: m.ProceduresPage })),
);
const AdminProcedurePage = lazy(() =>
  import('../modules/admin/procedures/ProcedureAdminPage.tsx').then((m) => ({
    default: m.ProcedureAdminPage,
  })),
);
const CalendarPage = lazy(() =>
  import('../modules/admin/calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
);
const TemplatesPage = lazy(() =>
  import('../modules/admin/templates/TemplatesPage.tsx').then((m) => ({ default: m.TemplatesPage })),
);
const DvcqgSyncPage = lazy(() =>
  import('../modules/integration/DvcqgSyncPage.tsx').then((m) => ({ default: m.DvcqgSyncPage })),
);
const ApiClientsPage = lazy(() =>
  import('../modules/integration/ApiClientsPage.tsx').then((m) => ({ default: m.ApiClientsPage })),
);

const FeedbackReportPage = lazy(() =>
  import('../modules/feedback/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
);
const FeedbackViewPage = lazy(() =>
  import('../modules/feedback/ReportViewPage.tsx').then((m) => ({ default: m.ReportViewPage })),
);
const FeedbackPublicPage = lazy(() =>
  import('../modules/feedback/PublicReportsPage.tsx').then((m) => ({ default: m.PublicReportsPage })),
);
const FeedbackStatsPage = lazy(() =>
  import('../modules/feedback/FeedbackStatsPage.tsx').then((m) => ({ default: m.FeedbackStatsPage })),
);
const FeedbackWorkPage = lazy(() =>
  import('../modules/feedback/WorkQueuePage.tsx').then((m) => ({ default: m.WorkQueuePage })),
);
const FeedbackManagePage = lazy(() =>
  import('../modules/feedback/ManageReportPage.tsx').then((m) => ({ default: m.ManageReportPage })),
);

const ProcedureSearchPage = lazy(() =>
  import('../modules/services/procedures/ProcedureSearchPage.tsx').then((m) => ({
    default: m.ProcedureSearchPage,
  })),
);
const ProcedurePage = lazy(() =>
  import('../modules/services/procedures/ProcedurePage.tsx').then((m) => ({ default: m.ProcedurePage })),
);
const SubmitOnlinePage = lazy(() =>
  import('../modules/services/submit/SubmitOnlinePage.tsx').then((m) => ({ default: m.SubmitOnlinePage })),
);
const DossierPage = lazy(() =>
  import('../modules/services/dossiers/DossierPage.tsx').then((m) => ({ default: m.DossierPage })),
);
const TrackingPage = lazy(() =>
  import('../modules/services/tracking/TrackingPage.tsx').then((m) => ({ default: m.TrackingPage })),
);
const InboxPage = lazy(() =>
  import('../modules/services/officer/InboxPage.tsx').then((m) => ({ default: m.InboxPage })),
);
const DossierSearchPage = lazy(() =>
  import('../modules/services/officer/DossierSearchPage.tsx').then((m) => ({ default: m.DossierSearchPage })),
);
const CounterIntakePage = lazy(() =>
  import('../modules/services/officer/CounterIntakePage.tsx').then((m) => ({
    default: m.CounterIntakePage,
  })),
);
const DossierRegisterPage = lazy(() =>
  import('../modules/services/officer/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
);

const ReconciliationPage = lazy(() =>
  import('../modules/payments/ReconciliationPage.tsx').then((m) => ({ default: m.ReconciliationPage })),
);
const StatsPage = lazy(() =>
  import('../modules/stats/StatsPage.tsx').then((m) => ({ default: m.StatsPage })),
);
const PortalEditorPage = lazy(() =>
  import('../modules/portal/PortalEditorPage.tsx').then((m) => ({ default: m.PortalEditorPage })),
);
const PortalEditionPage = lazy(() =>
  import('../modules/portal/PortalEditorPage.tsx').then((m) => ({ default: m.PortalEditionPage })),
);
const PublicStatsPage = lazy(() =>
  import('../modules/stats/PublicStatsPage.tsx').then((m) => ({ default: m.PublicStatsPage })),
);

const FeedbackApiKeysPage = lazy(() =>
  import('../modules/feedback/ApiKeysPage.tsx').then((m) => ({ default: m.ApiKeysPage })),
);

const WallPage = lazy(() =>
  import('../modules/operations/WallPage.tsx').then((m) => ({ default: m.WallPage })),
);
const ConsolePage = lazy(() =>
  import('../modules/operations/ConsolePage.tsx').then((m) => ({ default: m.ConsolePage })),
);
const LeaderPage = lazy(() =>
  import('../modules/operations/LeaderPage.tsx').then((m) => ({ default: m.LeaderPage })),
);
const DashboardsPage = lazy(() =>
  import('../modules/operations/DashboardsPage.tsx').then((m) => ({ default: m.DashboardsPage })),
);
const AreaSetPage = lazy(() =>
  import('../modules/operations/AreaSetPage.tsx').then((m) => ({ default: m.AreaSetPage })),
);
const NetworkPage = lazy(() =>
  import('../modules/operations/NetworkPage.tsx').then((m) => ({ default: m.NetworkPage })),
);
const LeaderCommunePage = lazy(() =>
  import('../modules/operations/LeaderPage.tsx').then((m) => ({ default: m.LeaderCommunePage })),
);

const strip = (path: string) => path.replace(/^\//, '');

// Child routes of the administration use absolute paths (they start with the parent's path).
function adminRoute(path: string, permission: string, element: ReactNode): RouteObject {
  return { path, element: <Require anyOf={[permission]}>{element}</Require> };
}

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <HomePage /> },
      { path: strip(paths.login), element: <LoginPage /> },
      { path: strip(paths.register), element: <RegisterPage /> },
      { path: strip(paths.confirmRegistration), element: <ConfirmRegistrationPage /> },
      { path: strip(paths.forgotPassword), element: <ForgotPasswordPage /> },
      { path: strip(paths.resetPassword), element: <ResetPasswordPage /> },
      { path: strip(paths.procedures), element: <ProcedureSearchPage /> },
      { path: `${strip(paths.procedures)}/:code`, element: <ProcedurePage /> },
      { path: strip(paths.tracking), element: <TrackingPage /> },
      { path: strip(paths.feedback), element: <FeedbackPublicPage /> },
      { path: strip(paths.feedbackNew), element: <FeedbackReportPage /> },
      { path: strip(paths.feedbackStats), element: <FeedbackStatsPage /> },
      { path: `${strip(paths.feedback)}/:code`, element: <FeedbackViewPage /> },
      { path: strip(paths.publicStatistics), element: <PublicStatsPage /> },
      { element: <Require />, children: [{ path: strip(paths.account), element: <AccountPage /> }] },
      {
        element: <Require kind="official" />,
        children: [
          { path: strip(paths.workspace), element: <WorkspacePage /> },
          { path: strip(paths.inbox), element: <InboxPage /> },
          { path: strip(paths.dossierSearch), element: <DossierSearchPage /> },
          { path: strip(paths.feedbackWork), element: <FeedbackWorkPage /> },
          { path: `${strip(paths.feedbackWork)}/:code`, element: <FeedbackManagePage /> },
          { path: `${strip(paths.inbox)}/:id`, element: <DossierPage audience="official" /> },
          { path: strip(paths.dossierRegister), element: <DossierRegisterPage /> },
          { path: strip(paths.meetings), element: <MeetingsPage /> },
          { path: `${strip(paths.meetings)}/chuan-bi`, element: <NewMeetingPage /> },
          { path: `${strip(paths.meetings)}/bao-cao`, element: <MeetingsReportPage /> },
          { path: `${strip(paths.meetings)}/:id`, element: <MeetingPage /> },
          {
            path: strip(paths.paymentReconciliation),
            element: (
              <Require anyOf={['payments.reconcile']}>
                <ReconciliationPage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsWall),
            element: (
              <Require anyOf={['operations.view']}>
                <WallPage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsConsole),
            element: (
              <Require anyOf={['operations.view']}>
                <ConsolePage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsLeader),
            element: (
              <Require anyOf={['operations.view']}>
                <LeaderPage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsDashboards),
            element: (
              <Require anyOf={['operations.manage']}>
                <DashboardsPage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsAreaSets),
            element: (
              <Require anyOf={['operations.view']}>
                <AreaSetPage />
              </Require>
            ),
          },
          {
            path: strip(paths.operationsNetwork),
            element: (
              <Require anyOf={['operations.view']}>
                <NetworkPage />
              </Require>
            ),
          },
          {
            path: `${strip(paths.operationsLeader)}/xa/:code`,
            element: (
              <Require anyOf={['operations.view']}>
                <LeaderCommunePage />
              </Require>
            ),
          },
          {
            path: strip(paths.statistics),
            element: (
              <Require anyOf={['stats.read']}>
                <StatsPage />
              </Require>
            ),
          },
          {
            path: strip(paths.portalEditor),
            element: (
              <Require anyOf={['portal.edit', 'portal.review']}>
                <PortalEditorPage />
              </Require>
            ),
          },
          {
            path: `${strip(paths.portalEditor)}/:itemId/:lang`,
            element: (
              <Require anyOf={['portal.edit', 'portal.review']}>
                <PortalEditionPage />
              </Require>
            ),
          },
          {
            path: strip(paths.counterIntake),
            element: (
              <Require anyOf={['dossiers.receive']}>
                <CounterIntakePage />
              </Require>
            ),
          },
        ],
      },
      {
        element: <Require kind="citizen" />,
        children: [
          { path: strip(paths.myDossiers), element: <MyDossiersPage /> },
          { path: `${strip(paths.myDossiers)}/:id`, element: <DossierPage audience="citizen" /> },
          { path: `${strip(paths.procedures)}/:code/nop-truc-tuyen`, element: <SubmitOnlinePage /> },
        ],
      },
      {
        element: <Require kind="official" anyOf={ADMIN_PERMISSIONS} />,
        children: [
          {
            path: paths.admin,
            element: <AdminLayout />,
            children: [
              { index: true, element: null },
              adminRoute(paths.adminUserNew, 'users.manage', <UserEditPage />),
              adminRoute(`${paths.adminUsers}/:id`, 'users.manage', <UserEditPage />),
              adminRoute(paths.adminUsers, 'users.manage', <UsersPage />),
              adminRoute(paths.adminAgencies, 'agencies.manage', <AgenciesPage />),
              adminRoute(paths.adminRoles, 'roles.manage', <RolesPage />),
              adminRoute(paths.adminUnits, 'units.manage', <UnitsPage />),
              adminRoute(paths.adminAudit, 'audit.read', <AuditPage />),
              adminRoute(paths.adminMessages, 'messages.read', <MessagesPage />),
              adminRoute(paths.adminProcedureImport, 'procedures.manage', <AdminProcedurePage importing />),
              adminRoute(`${paths.adminProcedures}/:code`, 'procedures.manage', <AdminProcedurePage />),
              adminRoute(paths.adminProcedures, 'procedures.manage', <AdminProceduresPage />),
              adminRoute(paths.adminCalendar, 'procedures.manage', <CalendarPage />),
              adminRoute(paths.adminTemplates, 'procedures.manage', <TemplatesPage />),
              adminRoute(paths.adminDvcqg, 'integration.manage', <DvcqgSyncPage />),
              adminRoute(paths.adminApiClients, 'integration.manage', <ApiClientsPage />),
              adminRoute(paths.adminOpen311Keys, 'feedback.manage', <FeedbackApiKeysPage />),
            ],
          },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
