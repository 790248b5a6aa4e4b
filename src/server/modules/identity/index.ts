// Identity: administrative units, agencies, users, roles, memberships and sessions.
import type { CqsModule } from '../../platform/module.ts';
import {
  continueRegistration,
  forgetExpiredRegistrations,
  REGISTRATION_QUEUE,
} from './commands/register-citizen.ts';
import { RESET_QUEUE, sendPasswordReset } from './commands/reset-password.ts';
import { identityRoutes } from './routes.ts';
import { seedBaseline, seedDemo } from './seed.ts';
import type { SessionService } from './sessions.ts';
import * as tables from './tables.ts';

export { loadMemberships, SessionService, SESSION_COOKIE } from './sessions.ts';
export { hasAgencies, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed.ts';
export { createAdmin } from './commands/create-admin.ts';
export {
  activeOfficials,
  findUserByIdentifier,
  getAgency,
  getAgencyByCode,
  getUser,
  officialsWithPermission,
  listAgencies,
  listRoles,
  listUnits,
  roleCodes,
  unitByCode,
  unitSuccessors,
  userLanguage,
} from './queries.ts';
/**
 * The organisation as read-only join targets. Every module scopes its rows by agency, and its list
 * queries join agency names and paths in the same statement; only identity writes these tables (ADR 13).
 */
export { agencies, units } from './tables.ts';

/**
 * The module. main.ts builds the session service first (the access hook needs it before any route);
 * tools that serve no HTTP pass null.
 */
export function identityModule(sessions: SessionService | null): CqsModule {
  return {
    name: 'identity',
    tablePrefix: 'id_',
    tables,
    routes(app, deps) {
      if (!sessions) throw new Error('identity routes need the session service');
      return identityRoutes(app, deps, sessions);
    },
    start(deps) {
      // The work behind a registration and a reset request, done after their (uniform) answer.
      const { db, config, jobs } = deps;
      jobs.handle(REGISTRATION_QUEUE, (p) => continueRegistration(db, config.publicUrl, p));
      jobs.handle(RESET_QUEUE, (p) => sendPasswordReset(db, config.publicUrl, p));
      jobs.every('identity.registrations_cleanup', 3_600_000, () => forgetExpiredRegistrations(db));
    },
    seedBaseline: async (tx, ctx) => {
      await seedBaseline(tx, ctx.provinceCode);
    },
    seedDemo: (tx, ctx) => seedDemo(tx, ctx.provinceCode),
  };
}
