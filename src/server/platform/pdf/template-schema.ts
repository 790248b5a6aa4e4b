/**
 * The structure of a template stored as JSON (edited per unit by an administrator). Parsing is
 * strict: unknown keys, wrong types and oversized values are refused before a template is saved
 * or filled. Placeholders are checked separately by validateTemplate.
 */
import { z } from 'zod';
import { type DocumentTemplate, TemplateError, type TemplateIssue } from './template.js';

const expr = z.string().min(1).max(200);
const control = { if: expr.optional(), each: expr.optional(), as: expr.optional() };
const text = z.string().max(10_000);
const size = z.number().min(6).max(24);
const align = z.enum(['left', 'center', 'right', 'justify']);

const run = z.strictObject({
  text,
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  ...control,
});
const rich = z.union([text, z.array(run).max(100)]);

const paragraph = z.strictObject({
  type: z.literal('paragraph'),
  label: text.optional(),
  text: rich,
  align: align.optional(),
  indent: z.boolean().optional(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  size: size.optional(),
  ...control,
});

const fields = z.strictObject({
  type: z.literal('fields'),
  items: z
    .array(z.strictObject({ label: text, value: text, bold: z.boolean().optional(), ...control }))
    .max(200),
  ...control,
});

const list = z.strictObject({
  type: z.literal('list'),
  style: z.enum(['number', 'dash', 'bullet']).optional(),
  items: z.array(z.union([text, z.strictObject({ text: rich, ...control })])).max(200),
  ...control,
});

const table = z.strictObject({
  type: z.literal('table'),
  columns: z
    .array(
      z.strictObject({
        header: text,
        width: z.number().positive().max(1000).optional(),
        align: z.enum(['left', 'center', 'right']).optional(),
      }),
    )
    .min(1)
    .max(30),
  groups: z
    .array(z.strictObject({ label: text.optional(), span: z.number().int().min(1).max(30) }))
    .max(30)
    .optional(),
  rows: z
    .array(z.union([z.array(text).max(30), z.strictObject({ cells: z.array(text).max(30), ...control })]))
    .max(500),
  size: size.optional(),
  ...control,
});

const spacer = z.strictObject({
  type: z.literal('spacer'),
  height: z.number().min(0).max(100).optional(),
  ...control,
});

export const documentTemplateSchema: z.ZodType<DocumentTemplate> = z.strictObject({
  layout: z.enum(['portrait', 'landscape']).optional(),
  fontSize: size.optional(),
  shrinkToOnePage: z.strictObject({ minFontSize: size }).optional(),
  meta: z
    .strictObject({
      title: text.optional(),
      author: text.optional(),
      subject: text.optional(),
      keywords: text.optional(),
      creationDate: text.optional(),
    })
    .optional(),
  header: z.strictObject({
    parentAuthority: text.optional(),
    authority: text,
    number: text.optional(),
    place: text.optional(),
    date: text.optional(),
    motto: z.boolean().optional(),
  }),
  title: text,
  subtitle: text.optional(),
  body: z.array(z.discriminatedUnion('type', [paragraph, fields, list, table, spacer])).max(500),
  signatures: z
    .array(
      z.strictObject({
        position: z.enum(['left', 'right']).optional(),
        title: text,
        hint: text.optional(),
        name: text.optional(),
        ...control,
      }),
    )
    .max(4)
    .optional(),
  recipients: z
    .array(z.union([text, z.strictObject({ text, ...control })]))
    .max(50)
    .optional(),
  qr: z
    .strictObject({
      data: text,
      caption: text.optional(),
      placement: z.enum(['end', 'title']).optional(),
      size: z.number().min(10).max(60).optional(),
      if: expr.optional(),
    })
    .optional(),
});

/** A template from stored JSON, or a TemplateError naming every structural problem. */
export function parseTemplate(input: unknown): DocumentTemplate {
  const result = documentTemplateSchema.safeParse(input);
  if (result.success) return result.data;
  const issues: TemplateIssue[] = result.error.issues.map((issue) => ({
    kind: 'syntax',
    at: issue.path
      .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, ''),
    expression: issue.message,
  }));
  throw new TemplateError(issues);
}
