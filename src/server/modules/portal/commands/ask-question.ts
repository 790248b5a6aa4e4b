// A question from the public (Decree 42, art. 8), from a plain form: checked field by field, given a
// tracking code, sent to the city's portal reviewers (the competent agency answers).
import { randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import type { PortalLang } from '../languages.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { questions, sites } from '../tables.ts';

const Fields = z.object({
  name: z.string().trim().min(2, 'field.required').max(200, 'field.too_long'),
  email: z
    .string()
    .trim()
    .max(200, 'field.too_long')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'field.invalid')
    .optional(),
  phone: z
    .string()
    .trim()
    .max(30, 'field.too_long')
    .refine((v) => v === '' || /^\+?[0-9 ().-]{6,30}$/.test(v), 'field.invalid')
    .optional(),
  title: z.string().trim().min(5, 'field.required').max(300, 'field.too_long'),
  question: z.string().trim().min(10, 'field.required').max(5000, 'field.too_long'),
});

// No 0/O, 1/I: the code is read aloud and typed from paper.
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const questionCode = () =>
  `HD-${Array.from({ length: 6 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

export async function askQuestion(
  tx: Tx,
  ctx: ActionContext,
  input: { lang: PortalLang; fields: Record<string, unknown> },
) {
  const parsed = Fields.safeParse(input.fields);
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        field: `body.${String(i.path[0])}`,
        key: i.message.startsWith('field.') ? i.message : 'field.required',
      }));
  const f = parsed.success ? parsed.data : undefined;
  // Named with the other problems, so the asker fixes everything at once.
  const typed = (k: string) => String(input.fields[k] ?? '').trim();
  if (!typed('email') && !typed('phone'))
    problems.push({ field: 'body.contact', key: 'field.contact_required' });
  if (problems.length || !f) throw new AppError('validation', {}, problems);
  const [city] = await tx.select().from(sites).where(eq(sites.slug, ''));
  if (!city) throw new AppError('not_found');
  const [row] = await tx
    .insert(questions)
    .values({
      code: questionCode(),
      lang: input.lang,
      name: f.name,
      email: f.email || null,
      phone: f.phone || null,
      title: f.title,
      question: f.question,
      agencyId: city.agencyId,
      agencyPath: city.agencyPath,
    })
    .returning();
  await audit(tx, ctx, {
    action: 'portal.question_ask',
    targetType: 'portal_question',
    targetId: row!.id,
    summary: { code: row!.code, lang: input.lang },
  });
  await emit(tx, {
    type: 'portal.question_received',
    aggregateType: 'portal_question',
    aggregateId: row!.id,
    payload: { code: row!.code },
    audience: { permission: PORTAL_PERMISSIONS.review, agencyPaths: [city.agencyPath] },
  });
  return row!;
}
