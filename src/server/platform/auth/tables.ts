import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Attempts at a secret (a password, a TOTP code, a tracking PIN) per key, so a limit holds across nodes
// and restarts. A row lives while its window or its lock does (a schedule forgets older ones).
export const attemptLimits = pgTable('attempt_limits', {
  /** what is guessed at: "account:<user id>", "tracking:<dossier code>" */
  key: text('key').primaryKey(),
  /** attempts taken since the window started (a success forgets them) */
  attempts: integer('attempts').notNull(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true, mode: 'date' }).notNull(),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
});
