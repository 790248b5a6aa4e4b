import { defineConfig } from 'drizzle-kit';

// The schema is every table file: the kernel's and each module's own (ADR 13); no file lists them all.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/server/platform/*/tables.ts', './src/server/modules/*/tables.ts'],
  out: './migrations',
});
