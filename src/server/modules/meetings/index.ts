// The meetings module's public surface (issue 12): routes, first-start seed and demo data.
export { meetingsRoutes } from './routes.ts';
export { seedMeetingKinds } from './seed.ts';
export { seedDemoMeetings } from './demo.ts';
