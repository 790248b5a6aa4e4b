// An investor's enquiry from a project's page: checked field by field, given the investment-promotion
// centre's response deadline (five working days… kept simple: 5 calendar days, configurable later),
// audited and evented for the managers.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { emit } from '../../../platform/events/index.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import type { PortalLang } from '../languages.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { enquiries, projects } from '../tables.ts';

export const RESPONSE_DAYS = 5;

const Fields = z.object({
  name: z.string().trim().min(2, 'field.required').max(200, 'field.too_long'),
  organisation: z.string().trim().min(2, 'field.required').max(200, 'field.too_long'),
  country: z.string().trim().min(2, 'field.required').max(100, 'field.too_long'),
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
  message: z.string().trim().min(5, 'field.required').max(4000, 'field.too_long'),
});

export async function submitEnquiry(
  tx: Tx,
  ctx: ActionContext,
  input: { projectSlug: string; lang: PortalLang; fields: Record<string, unknown> },
  now = new Date(),
) {
  const [project] = await tx.select().from(projects).where(eq(projects.slug, input.projectSlug));
  if (!project) throw new AppError('not_found');
  const parsed = Fields.safeParse(input.fields);
  const problems: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => ({
        field: `body.${String(i.path[0])}`,
        key: i.message.startsWith('field.') ? i.message : 'field.required',
      }));
  const f = parsed.success ? parsed.data : undefined;
  if (f && !f.email && !f.phone) problems.push({ field: 'body.contact', key: 'field.contact_required' });
  if (problems.length || !f) throw new AppError('validation', {}, problems);
  const [row] = await tx
    .insert(enquiries)
    .values({
      projectId: project.id,
      name: f.name,
      organisation: f.organisation,
      country: f.country,
      email: f.email || null,
      phone: f.phone || null,
      message: f.message,
      lang: input.lang,
      respondBy: new Date(now.getTime() + RESPONSE_DAYS * 86_400_000),
    })
    .returning();
  await audit(tx, ctx, {
    action: 'portal.enquiry_submit',
    targetType: 'portal_enquiry',
    targetId: row!.id,
    summary: { project: project.code, country: f.country, lang: input.lang },
  });
  await emit(tx, {
    type: 'portal.enquiry_received',
    aggregateType: 'portal_enquiry',
    aggregateId: row!.id,
    payload: { project: project.code },
    audience: { permission: PORTAL_PERMISSIONS.investment, agencyPaths: [project.agencyPath] },
  });
  return row!;
}
