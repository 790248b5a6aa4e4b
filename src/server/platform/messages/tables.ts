import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export type MessageChannel = 'email' | 'sms';
export type MessageStatus = 'queued' | 'sent' | 'kept' | 'failed';

/**
 * An iCalendar object sent with an e-mail (RFC 6047, iMIP): a `text/calendar; method=…` alternative
 * calendar clients act on, and the same text as an `.ics` attachment.
 */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  filename: string;
  content: string;
}

// Every outgoing e-mail and SMS; in demo mode messages stop here ("kept") and administrators read them.
export const messages = pgTable(
  'messages',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** the body with its secrets (links and codes that open an account) masked: what people may read */
    bodyRedacted: text('body_redacted'),
    template: text('template'),
    /** an e-mail's iCalendar part (invitations, their updates and cancellations) */
    calendar: jsonb('calendar').$type<CalendarPart>(),
    meta: jsonb('meta').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('messages_created').on(t.createdAt)],
);
