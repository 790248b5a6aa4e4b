import { paths } from '../../app/paths.ts';

export interface AdminSection {
  path: string;
  permission: string;
  /** locale key of the section's name */
  label: string;
}

/** The administration area: each section opens with one permission from the session. */
export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: paths.adminUsers, permission: 'users.manage', label: 'nav.admin.users' },
  { path: paths.adminAgencies, permission: 'agencies.manage', label: 'nav.admin.agencies' },
  { path: paths.adminRoles, permission: 'roles.manage', label: 'nav.admin.roles' },
  { path: paths.adminUnits, permission: 'units.manage', label: 'nav.admin.units' },
  { path: paths.adminAudit, permission: 'audit.read', label: 'nav.admin.audit' },
  { path: paths.adminMessages, permission: 'messages.read', label: 'nav.admin.messages' },
  { path: paths.adminProcedures, permission: 'procedures.manage', label: 'nav.admin.procedures' },
  { path: paths.adminCalendar, permission: 'procedures.manage', label: 'nav.admin.calendar' },
  { path: paths.adminTemplates, permission: 'procedures.manage', label: 'nav.admin.templates' },
  { path: paths.adminDvcqg, permission: 'integration.manage', label: 'nav.admin.dvcqg' },
  { path: paths.adminApiClients, permission: 'integration.manage', label: 'nav.admin.api_clients' },
  { path: paths.adminOpen311Keys, permission: 'feedback.manage', label: 'nav.admin.open311_keys' },
];

export const ADMIN_PERMISSIONS = ADMIN_SECTIONS.map((s) => s.permission);
