// Editing templates: a unit's documents (forms 01–07) and the applicant notification texts.
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { can, hasRootPermission } from '../../platform/access.ts';
import { audit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { parseTemplate, TemplateError, validateTemplate } from '../../platform/pdf/index.ts';
import { getAgency } from '../identity/index.ts';
import { t } from '../../platform/i18n/index.ts';
import {
  DEFAULT_TEMPLATES,
  type FormCode,
  formView,
  renderForm,
  SAMPLE_CONTEXTS,
} from './documents/index.ts';
import { templates } from './tables.ts';
import { NOTIFICATION_PLACEHOLDERS, notificationTemplate } from './templates.ts';

const tags = ['Quản trị mẫu văn bản (templates)'];
const Form = z.enum(['01', '02', '03', '04', '05', '06', '07']);
const DocQuery = z.strictObject({ agencyId: z.uuid().optional() });
const NotificationBody = z.strictObject({
  lang: z.enum(['vi', 'en']),
  subject: z.string().trim().min(3).max(300),
  body: z.string().trim().min(3).max(4000),
  sms: z.string().trim().min(3).max(612),
});

/** A template that parses and whose every placeholder the form's data fills; else a 400 naming each place. */
function checkTemplate(form: FormCode, body: unknown) {
  let template: ReturnType<typeof parseTemplate>;
  try {
    template = parseTemplate(body);
  } catch (err) {
    if (err instanceof TemplateError)
      throw new AppError(
        'validation',
        {},
        err.issues.map((i) => ({
          field: `body.${i.at}`,
          key: 'field.template_invalid',
          params: { detail: i.expression },
        })),
      );
    throw err;
  }
  const issues = validateTemplate(template, formView(form, SAMPLE_CONTEXTS[form] as never));
  if (issues.length)
    throw new AppError(
      'validation',
      {},
      issues.map((i) => ({
        field: `body.${i.at}`,
        key: 'field.template_unresolved',
        params: { detail: i.expression },
      })),
    );
  return template;
}

export async function templateRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const manage = { config: { access: { permission: 'procedures.manage' } } } as const;

  /** Deployment-wide templates need root; an agency's, the permission over that agency. */
  async function authorize(req: { principal: Parameters<typeof can>[0] }, agencyId: string | undefined) {
    if (!agencyId) {
      if (!hasRootPermission(req.principal, 'procedures.manage')) throw new AppError('forbidden');
      return;
    }
    const agency = await getAgency(db, agencyId);
    if (!agency) throw new AppError('validation', {}, [{ field: 'query.agencyId', key: 'field.not_found' }]);
    if (!can(req.principal, 'procedures.manage', agency.path)) throw new AppError('forbidden');
  }
  const docWhere = (form: string, agencyId: string | undefined) =>
    and(
      eq(templates.kind, 'document'),
      eq(templates.key, form),
      agencyId ? eq(templates.agencyId, agencyId) : isNull(templates.agencyId),
    );

  app.get(
    '/api/admin/templates/documents/:form',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Mẫu văn bản đang dùng (của đơn vị, hoặc mặc định)',
        params: z.object({ form: Form }),
        querystring: DocQuery,
      },
    },
    async (req) => {
      await authorize(req, req.query.agencyId);
      const [row] = await db.select().from(templates).where(docWhere(req.params.form, req.query.agencyId));
      return {
        form: req.params.form,
        custom: Boolean(row),
        template: row?.content ?? DEFAULT_TEMPLATES[req.params.form as FormCode],
        sample: formView(req.params.form as FormCode, SAMPLE_CONTEXTS[req.params.form as FormCode] as never),
      };
    },
  );

  app.put(
    '/api/admin/templates/documents/:form',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Lưu mẫu văn bản; mẫu có chỗ trống không điền được bị từ chối',
        params: z.object({ form: Form }),
        querystring: DocQuery,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req) => {
      const form = req.params.form as FormCode;
      await authorize(req, req.query.agencyId);
      checkTemplate(form, req.body);
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(templates).where(docWhere(form, req.query.agencyId));
        if (before)
          await tx
            .update(templates)
            .set({ content: req.body, updatedBy: req.principal!.userId, updatedAt: new Date() })
            .where(eq(templates.id, before.id));
        else
          await tx.insert(templates).values({
            kind: 'document',
            key: form,
            agencyId: req.query.agencyId ?? null,
            content: req.body,
            updatedBy: req.principal!.userId,
          });
        await audit(tx, req.ctx(), {
          action: 'template.document_save',
          targetType: 'template',
          targetId: form,
          agencyId: req.query.agencyId ?? null,
          summary: { before: before?.content ?? null },
        });
      });
      return { ok: true as const };
    },
  );

  app.delete(
    '/api/admin/templates/documents/:form',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Trở về mẫu mặc định',
        params: z.object({ form: Form }),
        querystring: DocQuery,
      },
    },
    async (req) => {
      await authorize(req, req.query.agencyId);
      await db.transaction(async (tx) => {
        const [before] = await tx
          .delete(templates)
          .where(docWhere(req.params.form, req.query.agencyId))
          .returning();
        if (!before) throw new AppError('not_found');
        await audit(tx, req.ctx(), {
          action: 'template.document_reset',
          targetType: 'template',
          targetId: req.params.form,
          agencyId: req.query.agencyId ?? null,
          summary: { before: before.content },
        });
      });
      return { ok: true as const };
    },
  );

  app.post(
    '/api/admin/templates/documents/:form/preview',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Xem trước mẫu văn bản đang sửa (PDF với dữ liệu mẫu); không lưu gì',
        params: z.object({ form: Form }),
        querystring: DocQuery,
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req, reply) => {
      const form = req.params.form as FormCode;
      await authorize(req, req.query.agencyId);
      const template = checkTemplate(form, req.body);
      const pdf = await renderForm(form, SAMPLE_CONTEXTS[form] as never, { template });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="xem-truoc-mau-${form}.pdf"`)
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/admin/templates/notification',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Nội dung thông báo trạng thái hồ sơ đang dùng (đã sửa, hoặc mặc định)',
        querystring: z.strictObject({ lang: z.enum(['vi', 'en']) }),
        response: {
          200: z.object({
            lang: z.enum(['vi', 'en']),
            custom: z.boolean(),
            subject: z.string(),
            body: z.string(),
            sms: z.string(),
            placeholders: z.array(z.string()),
          }),
        },
      },
    },
    async (req) => {
      await authorize(req, undefined);
      const { lang } = req.query;
      const stored = await notificationTemplate(db, lang);
      // The defaults keep their {{placeholders}}: each is filled with itself.
      const keep = Object.fromEntries(NOTIFICATION_PLACEHOLDERS.map((p) => [p, `{{${p}}}`]));
      return {
        lang,
        custom: Boolean(stored),
        subject: stored?.subject ?? t(lang, 'services:notify.subject', keep),
        body: stored?.body ?? t(lang, 'services:notify.body', keep),
        sms: stored?.sms ?? t(lang, 'services:notify.sms', keep),
        placeholders: [...NOTIFICATION_PLACEHOLDERS],
      };
    },
  );

  app.put(
    '/api/admin/templates/notification',
    {
      ...manage,
      schema: {
        tags,
        summary:
          'Nội dung thư điện tử và tin nhắn báo trạng thái hồ sơ (chỗ trống: {{code}}, {{name}}, {{status}})',
        body: NotificationBody,
      },
    },
    async (req) => {
      await authorize(req, undefined);
      const unknown = ['subject', 'body', 'sms'].flatMap((field) =>
        [...(req.body[field as 'subject'] as string).matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
          .map((m) => m[1]!)
          .filter((name) => !(NOTIFICATION_PLACEHOLDERS as readonly string[]).includes(name))
          .map((name) => ({
            field: `body.${field}`,
            key: 'field.template_unresolved',
            params: { detail: name },
          })),
      );
      if (unknown.length) throw new AppError('validation', {}, unknown);
      const { lang, ...content } = req.body;
      await db.transaction(async (tx) => {
        const where = and(
          eq(templates.kind, 'notification'),
          eq(templates.key, 'dossier_status'),
          isNull(templates.agencyId),
          eq(templates.lang, lang),
        );
        const [before] = await tx.select().from(templates).where(where);
        if (before)
          await tx
            .update(templates)
            .set({ content, updatedBy: req.principal!.userId, updatedAt: new Date() })
            .where(eq(templates.id, before.id));
        else
          await tx.insert(templates).values({
            kind: 'notification',
            key: 'dossier_status',
            lang,
            content,
            updatedBy: req.principal!.userId,
          });
        await audit(tx, req.ctx(), {
          action: 'template.notification_save',
          targetType: 'template',
          targetId: `dossier_status.${lang}`,
          summary: { before: before?.content ?? null, after: content },
        });
      });
      return { ok: true as const };
    },
  );
}
