export { identityRoutes } from './routes.ts';
export { SessionService, SESSION_COOKIE } from './sessions.ts';
export { seedBaseline, seedDemo, hasAgencies, DEMO_ACCOUNTS, DEMO_PASSWORD } from './seed.ts';
export { createAdmin } from './commands/create-admin.ts';
export { currentUnit, getAgency, getAgencyByCode, getUser, listAgencies } from './queries.ts';
