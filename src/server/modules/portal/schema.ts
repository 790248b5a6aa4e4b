// Request and response shapes of the portal's editorial API.
import { z } from 'zod';
import type { DocNode } from './body.ts';
import { PORTAL_LANGS } from './languages.ts';
import { EDITION_STATES, ENQUIRY_STAGES } from './tables.ts';

export const Lang = z.enum(PORTAL_LANGS);

const Node: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.string().max(40),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(Node).max(5_000).optional(),
    text: z.string().max(100_000).optional(),
    marks: z
      .array(z.object({ type: z.string().max(40), attrs: z.record(z.string(), z.unknown()).optional() }))
      .max(20)
      .optional(),
  }),
);
export const DocBody = z.object({ type: z.literal('doc'), content: z.array(Node).max(5_000) });

export const EditionContent = z.strictObject({
  title: z.string().trim().min(3).max(300),
  summary: z.string().trim().max(1000).default(''),
  body: DocBody,
  slug: z.string().trim().min(1).max(120).optional(),
  changeNote: z.string().trim().max(1000).nullable().optional(),
  major: z.boolean().optional(),
});

export const CreateItemBody = EditionContent.extend({
  sectionId: z.uuid(),
  kind: z.enum(['article', 'page']).default('article'),
  lang: Lang.default('vi'),
  categories: z.array(z.string().trim().min(1).max(60)).max(10).default([]),
  tags: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
});

export const SaveEditionBody = EditionContent.extend({ lockVersion: z.number().int().nullable() });

export const MoveEditionBody = z.strictObject({
  lockVersion: z.number().int(),
  at: z.iso.datetime({ offset: true }).optional(),
  reason: z.string().trim().min(3).max(1000).optional(),
  to: z
    .string()
    .max(500)
    .regex(/^\/(?!\/)/, 'field.invalid')
    .optional(),
  note: z.string().trim().max(1000).optional(),
});

export const EditionView = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  lang: Lang,
  number: z.number(),
  state: z.enum(EDITION_STATES),
  title: z.string(),
  summary: z.string(),
  body: z.unknown(),
  slug: z.string(),
  changeNote: z.string().nullable(),
  major: z.boolean(),
  lockVersion: z.number(),
  updatedAt: z.date(),
  submittedAt: z.date().nullable(),
  approvedAt: z.date().nullable(),
  scheduledAt: z.date().nullable(),
  scheduleError: z.string().nullable(),
  publishedAt: z.date().nullable(),
  unpublishReason: z.string().nullable(),
  redirectTo: z.string().nullable(),
});

export const MoveEnquiryBody = z.strictObject({
  lockVersion: z.number().int(),
  to: z.enum(ENQUIRY_STAGES).optional(),
  managerId: z.uuid().optional(),
  note: z.string().trim().min(1).max(2000),
});
