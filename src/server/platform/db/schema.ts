// Every table, for Drizzle's relational queries and drizzle-kit. Modules own their tables; this only lists them.
export * from '../audit/tables.ts';
export * from '../events/tables.ts';
export * from '../files/tables.ts';
export * from '../jobs/tables.ts';
export * from '../messages/tables.ts';
export * from '../../modules/identity/tables.ts';
export * from '../../modules/services/tables.ts';
export * from '../../modules/payments/tables.ts';
export * from '../../modules/integration/tables.ts';
export * from '../../modules/stats/tables.ts';
export * from '../../modules/operations/tables.ts';
