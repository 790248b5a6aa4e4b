import { desc, eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { Db, DbOrTx } from '../db/client.ts';
import { enqueue, type JobRunner } from '../jobs/index.ts';
import type { Logger } from '../log.ts';
import { type MessageChannel, messages } from './tables.ts';

export { messages };

export interface OutgoingMessage {
  channel: MessageChannel;
  recipient: string;
  subject?: string;
  body: string;
  template?: string;
  meta?: Record<string, unknown>;
}

/** Queues a message in the caller's transaction; a job delivers it after commit. */
export async function queueMessage(tx: DbOrTx, msg: OutgoingMessage): Promise<void> {
  const [row] = await tx
    .insert(messages)
    .values({
      channel: msg.channel,
      recipient: msg.recipient,
      subject: msg.subject ?? null,
      body: msg.body,
      template: msg.template ?? null,
      meta: msg.meta ?? {},
    })
    .returning({ id: messages.id });
  await enqueue(tx, 'messages.deliver', { id: row!.id });
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
}

/** Registers the delivery job: SMTP for e-mail, the SMS gateway for SMS, or "kept" in demo/outbox mode. */
export function registerMessageDelivery(runner: JobRunner, opts: DeliveryOptions): void {
  const transport = opts.smtpUrl !== 'outbox' && !opts.demo ? nodemailer.createTransport(opts.smtpUrl) : null;
  runner.handle('messages.deliver', async (payload) => {
    const id = Number(payload.id);
    const [msg] = await opts.db.select().from(messages).where(eq(messages.id, id));
    if (!msg || msg.status === 'sent' || msg.status === 'kept') return;
    if (opts.demo || (msg.channel === 'email' && !transport) || (msg.channel === 'sms' && !opts.sms)) {
      await opts.db.update(messages).set({ status: 'kept' }).where(eq(messages.id, id));
      return;
    }
    try {
      if (msg.channel === 'email') {
        await transport!.sendMail({
          from: opts.from,
          to: msg.recipient,
          subject: msg.subject ?? '',
          text: msg.body,
          messageId: `<cqs-${msg.id}@${opts.from.replace(/.*@|>/g, '')}>`,
        });
      } else {
        await opts.sms!.send(msg.recipient, msg.body, `cqs-${msg.id}`);
      }
    } catch (err) {
      // A refusal by the gateway is final; anything else is retried by the job queue.
      if ((err as { permanent?: boolean }).permanent) {
        await opts.db
          .update(messages)
          .set({ status: 'failed', error: (err as Error).message })
          .where(eq(messages.id, id));
        return;
      }
      throw err;
    }
    await opts.db.update(messages).set({ status: 'sent', sentAt: new Date() }).where(eq(messages.id, id));
  });
}

export async function listMessages(db: DbOrTx, limit = 100) {
  return db.select().from(messages).orderBy(desc(messages.id)).limit(limit);
}
