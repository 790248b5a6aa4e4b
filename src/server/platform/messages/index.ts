import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { desc, eq, inArray, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { type Db, type DbOrTx, pgArray } from '../db/client.ts';
import { enqueueMany, type JobRunner } from '../jobs/index.ts';
import type { Logger } from '../log.ts';
import { type CalendarPart, type MessageChannel, messages } from './tables.ts';

export { type CalendarPart, messages };

export interface OutgoingMessage {
  channel: MessageChannel;
  recipient: string;
  subject?: string;
  body: string;
  template?: string;
  meta?: Record<string, unknown>;
  /** e-mail only: an iCalendar object, sent as a calendar alternative and an `.ics` attachment */
  calendar?: CalendarPart;
  /**
   * Values in the body that let whoever reads them into an account (a reset token, a code): only the
   * recipient sees them. The outbox view shows them masked, and the stored body forgets them once sent.
   */
  secrets?: string[];
}

/** What a secret looks like wherever a message is shown to someone other than its recipient. */
export const MASK = '••••••';

function masked(body: string, secrets: string[]): string {
  return secrets.filter(Boolean).reduce((text, secret) => text.replaceAll(secret, MASK), body);
}

/**
 * The body with its secrets masked (the body itself when it has none). Once a message has gone, or
 * will never go, its body becomes this too: the secrets have no reason to stay in the database.
 */
const shownBody = sql<string>`coalesce(${messages.bodyRedacted}, ${messages.body})`;

/** Queues a message in the caller's transaction; a job delivers it after commit. */
export async function queueMessage(tx: DbOrTx, msg: OutgoingMessage): Promise<number> {
  const [id] = await queueMessages(tx, [msg]);
  return id!;
}

/** Several messages and one job delivering them: two statements, whatever their number. */
export async function queueMessages(tx: DbOrTx, msgs: readonly OutgoingMessage[]): Promise<number[]> {
  if (msgs.length === 0) return [];
  const rows = await tx
    .insert(messages)
    .values(
      msgs.map((msg) => ({
        channel: msg.channel,
        recipient: msg.recipient,
        subject: msg.subject ?? null,
        body: msg.body,
        bodyRedacted: msg.secrets?.length ? masked(msg.body, msg.secrets) : null,
        template: msg.template ?? null,
        calendar: msg.channel === 'email' ? (msg.calendar ?? null) : null,
        meta: msg.meta ?? {},
      })),
    )
    .returning({ id: messages.id });
  const ids = rows.map((r) => r.id);
  await enqueueMany(tx, 'messages.deliver', [{ payload: { ids } }]);
  return ids;
}

/**
 * Rewrites a message queued earlier in the same transaction (its delivery job cannot have run), so
 * that one event whose transaction moves a record twice tells the recipient once, with the outcome.
 */
export async function rewriteQueuedMessage(
  tx: DbOrTx,
  id: number,
  msg: Pick<OutgoingMessage, 'subject' | 'body' | 'meta'>,
): Promise<void> {
  await tx
    .update(messages)
    .set({
      subject: msg.subject ?? null,
      body: msg.body,
      ...(msg.meta ? { meta: msg.meta } : {}),
    })
    .where(eq(messages.id, id));
}

export interface SmsGateway {
  /** `reference` identifies the message: a gateway accepts it once, so retries are safe */
  send(to: string, text: string, reference: string): Promise<void>;
}

export interface DeliveryOptions {
  db: Db;
  log: Logger;
  /** "outbox" keeps messages for administrators to read instead of sending them */
  smtpUrl: string;
  from: string;
  /** demo deployments never send anything out */
  demo: boolean;
  sms?: SmsGateway;
  /**
   * Where a kept message is written in full, secrets included, for whoever runs the server (a developer,
   * the demo's operator); the outbox view shows it masked.
   */
  keepDir?: string;
}

type MessageRow = typeof messages.$inferSelect;
type MailOptions = Parameters<ReturnType<typeof nodemailer.createTransport>['sendMail']>[0];

/** What nodemailer is given for an e-mail: the same for SMTP and for the kept MIME copy. */
function mailOptions(from: string, msg: MessageRow): MailOptions {
  return {
    from,
    to: msg.recipient,
    subject: msg.subject ?? '',
    text: msg.body,
    messageId: `<cqs-${msg.id}@${from.replace(/.*@|>/g, '')}>`,
    ...(msg.calendar
      ? {
          icalEvent: {
            method: msg.calendar.method,
            filename: msg.calendar.filename,
            content: msg.calendar.content,
          },
        }
      : {}),
  };
}

const madeDirs = new Set<string>();
/**
 * Writes a kept message to `<keepDir>/<id>.txt`, readable by the server's own user only; an e-mail
 * with a calendar part is also kept whole, as the MIME message SMTP would have carried (`<id>.eml`).
 */
async function keepCopy(dir: string, from: string, msg: MessageRow): Promise<void> {
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    madeDirs.add(dir);
  }
  const head = [`To: ${msg.recipient}`, `Channel: ${msg.channel}`, `Subject: ${msg.subject ?? ''}`];
  await writeFile(join(dir, `${msg.id}.txt`), `${head.join('\n')}\n\n${msg.body}\n`, { mode: 0o600 });
  if (msg.channel === 'email' && msg.calendar) {
    const mime = await nodemailer
      .createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
      .sendMail(mailOptions(from, msg));
    await writeFile(join(dir, `${msg.id}.eml`), mime.message as Buffer, { mode: 0o600 });
  }
}

/** Registers the delivery job: SMTP for e-mail, the SMS gateway for SMS, or "kept" in demo/outbox mode. */
export function registerMessageDelivery(runner: JobRunner, opts: DeliveryOptions): void {
  const transport = opts.smtpUrl !== 'outbox' && !opts.demo ? nodemailer.createTransport(opts.smtpUrl) : null;
  // Jobs are claimed fifty at a time; each names the messages one change queued (`ids`; `id` in
  // older rows). Their messages are read in one statement and their outcomes written in one.
  runner.handleBatch(
    'messages.deliver',
    async (jobs) => {
      const wanted = jobs.map((j) => ({
        job: j.id,
        ids: Array.isArray(j.payload.ids) ? j.payload.ids.map(Number) : [Number(j.payload.id)],
      }));
      const rows = await opts.db
        .select()
        .from(messages)
        .where(inArray(messages.id, [...new Set(wanted.flatMap((w) => w.ids))]));
      const byId = new Map(rows.map((m) => [m.id, m]));
      const outcomes: { id: number; status: 'sent' | 'kept' | 'failed'; error: string }[] = [];
      const failed = new Map<number, string>();
      for (const w of wanted) {
        for (const id of w.ids) {
          const msg = byId.get(id);
          if (msg?.status !== 'queued') continue;
          try {
            outcomes.push({ id, ...(await deliver(msg)) });
          } catch (err) {
            // Anything but a refusal is retried by the job queue; the messages this job already
            // delivered keep their outcome below, so the retry skips them.
            failed.set(w.job, (err as Error).message);
            break;
          }
        }
      }
      if (outcomes.length > 0)
        await opts.db.execute(sql`
          update messages m set status = t.status, error = nullif(t.error, ''),
            sent_at = case when t.status = 'sent' then now() else m.sent_at end,
            body = coalesce(m.body_redacted, m.body)
          from unnest(${pgArray(outcomes.map((o) => o.id))}::bigint[], ${pgArray(outcomes.map((o) => o.status))}::text[],
                      ${pgArray(outcomes.map((o) => o.error))}::text[]) as t(id, status, error)
          where m.id = t.id`);
      return failed;
    },
    { size: 50 },
  );
  /** Sends (or keeps) one message; a gateway's final refusal is an outcome, anything else throws. */
  const deliver = async (msg: MessageRow): Promise<{ status: 'sent' | 'kept' | 'failed'; error: string }> => {
    if (opts.demo || (msg.channel === 'email' && !transport) || (msg.channel === 'sms' && !opts.sms)) {
      if (opts.keepDir) await keepCopy(opts.keepDir, opts.from, msg);
      return { status: 'kept', error: '' };
    }
    try {
      if (msg.channel === 'email') await transport!.sendMail(mailOptions(opts.from, msg));
      else await opts.sms!.send(msg.recipient, msg.body, `cqs-${msg.id}`);
    } catch (err) {
      if ((err as { permanent?: boolean }).permanent)
        return { status: 'failed', error: (err as Error).message };
      throw err;
    }
    return { status: 'sent', error: '' };
  };
}

/** The newest messages as people other than their recipients may see them: secrets masked. */
export async function listMessages(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: messages.id,
      channel: messages.channel,
      recipient: messages.recipient,
      subject: messages.subject,
      body: shownBody,
      status: messages.status,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .orderBy(desc(messages.id))
    .limit(limit);
}
