// An investor registers for a conference or webinar from its page (a plain form): checked field by
// field, refused when the event has begun, is full, or the e-mail is already registered; a
// confirmation code is given. The event row is locked so two last registrations cannot both take the
// last slot.
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import type { PortalLang } from '../languages.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { eventRegistrations, events } from '../tables.ts';

const Fields = z.object({
  name: z.string().trim().min(2, 'field.required').max(200, 'field.too_long'),
  organisation: z.string().trim().min(2, 'field.required').max(200, 'field.too_long'),
  country: z.string().trim().min(2, 'field.required').max(100, 'field.too_long'),
  email: z
    .string()
    .trim()
    .max(200, 'field.too_long')
    .refine((v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'field.invalid'),
  bridgePoint: z.string().trim().min(1, 'field.required').max(100),
  question: z.string().trim().max(2000, 'field.too_long').optional(),
});

const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export async function registerForEvent(
  tx: Tx,
  ctx: ActionContext,
  input: { slug: string; lang: PortalLang; fields: Record<string, unknown> },
  now = new Date(),
) {
  const [event] = await tx.select().from(events).where(eq(events.slug, input.slug)).for('update');
  if (!event) throw new AppError('not_found');
  const problem = (field: string, key: string): never => {
    throw new AppError('validation', {}, [{ field, key }]);
  };
  if (event.startsAt <= now) problem('body.event', 'field.event_closed');
  const parsed = Fields.safeParse(input.fields);
  if (!parsed.success)
    throw new AppError(
      'validation',
      {},
      parsed.error.issues.map<FieldProblem>((i) => ({
        field: `body.${String(i.path[0])}`,
        key: i.message.startsWith('field.') ? i.message : 'field.required',
      })),
    );
  const f = parsed.data;
  const points = event.format === 'in_person' ? event.bridgePoints : [...event.bridgePoints, 'online'];
  if (!points.includes(f.bridgePoint)) problem('body.bridgePoint', 'field.invalid');
  const [taken] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.eventId, event.id));
  if ((taken?.n ?? 0) >= event.slots) problem('body.event', 'field.event_full');
  const [dup] = await tx
    .select({ id: eventRegistrations.id })
    .from(eventRegistrations)
    .where(
      and(
        eq(eventRegistrations.eventId, event.id),
        sql`lower(${eventRegistrations.email}) = lower(${f.email})`,
      ),
    );
  if (dup) problem('body.email', 'field.already_registered');
  const code = `DK-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;
  const [row] = await tx
    .insert(eventRegistrations)
    .values({
      eventId: event.id,
      code,
      name: f.name,
      organisation: f.organisation,
      country: f.country,
      email: f.email,
      bridgePoint: f.bridgePoint,
      question: f.question || null,
      lang: input.lang,
    })
    .returning();
  await audit(tx, ctx, {
    action: 'portal.event_register',
    targetType: 'portal_event',
    targetId: event.id,
    summary: { registration: row!.id, bridgePoint: f.bridgePoint, country: f.country },
  });
  await emit(tx, {
    type: 'portal.event_registered',
    aggregateType: 'portal_event',
    aggregateId: event.id,
    payload: { registration: row!.id },
    audience: { permission: PORTAL_PERMISSIONS.investment, agencyPaths: [event.agencyPath] },
  });
  return { event, registration: row! };
}
