// The editorial API: articles and their editions per language, and the investor pipeline.
import { asc, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { scopePaths } from '../../platform/access.ts';
import { errorBody } from '../../platform/http/errors.ts';
import { EditConflict, createItem, saveEdition } from './commands/save-edition.ts';
import { moveEdition, type MoveInput } from './commands/move-edition.ts';
import { answerQuestion, type QuestionAction } from './commands/answer-question.ts';
import { importFigures } from './commands/import-figures.ts';
import { checkConformity, conformityFacts, DEFAULT_MAX_AGE_DAYS } from './conformity.ts';
import { moveEnquiry } from './commands/move-enquiry.ts';
import { AppError } from '../../platform/errors.ts';
import { clearPageCache } from './page-cache.ts';
import { PORTAL_PERMISSIONS } from './policy.ts';
import { presentEdition } from './presenters.ts';
import { editorialList, itemEditions, leadReport, sectionList } from './queries.ts';
import {
  CreateItemBody,
  EditionView,
  Lang,
  MoveEditionBody,
  MoveEnquiryBody,
  SaveEditionBody,
} from './schema.ts';
import { enquiries, enquiryNotes, projects, questions } from './tables.ts';
import { uploadRoutes } from '../../platform/http/uploads.ts';

const tags = ['Cổng thông tin (portal)'];
const ItemParams = z.object({ id: z.uuid(), lang: Lang });
const ACTIONS = [
  'submit',
  'return',
  'approve',
  'schedule',
  'unschedule',
  'publish',
  'withdraw',
  'redirect',
  'gone',
] as const;

export async function portalRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const official = { access: { kind: 'official' as const } };

  app.get(
    '/api/portal/sections',
    { config: official, schema: { tags, summary: 'Chuyên mục tôi được biên tập' } },
    async (req) => {
      const paths = scopePaths(req.principal, PORTAL_PERMISSIONS.edit);
      const all = await sectionList(db);
      return {
        items: all
          .filter((s) => paths.some((p) => s.section.agencyPath.startsWith(p)))
          .map((s) => ({
            id: s.section.id,
            code: s.section.code,
            names: s.section.names,
            site: s.siteNames,
          })),
      };
    },
  );

  app.get(
    '/api/portal/editions',
    {
      config: official,
      schema: { tags, summary: 'Các bản (theo ngôn ngữ) trong chuyên mục tôi biên tập hoặc duyệt' },
    },
    async (req) => {
      const paths = [
        ...new Set([
          ...scopePaths(req.principal, PORTAL_PERMISSIONS.edit),
          ...scopePaths(req.principal, PORTAL_PERMISSIONS.review),
        ]),
      ];
      return { items: await editorialList(db, paths) };
    },
  );

  app.get(
    '/api/portal/items/:id',
    {
      config: official,
      schema: {
        tags,
        summary: 'Một bài: các bản đang soạn và đang đăng của từng ngôn ngữ',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ editions: z.array(EditionView) }) },
      },
    },
    async (req) => {
      const list = await itemEditions(db, req.params.id);
      if (list.length === 0) throw new AppError('not_found');
      // Drafts are read by those who may edit or review the item's section.
      const mine = await editorialList(db, [
        ...new Set([
          ...scopePaths(req.principal, PORTAL_PERMISSIONS.edit),
          ...scopePaths(req.principal, PORTAL_PERMISSIONS.review),
        ]),
      ]);
      if (!mine.some((m) => m.itemId === req.params.id)) throw new AppError('forbidden');
      return { editions: list.map(presentEdition) };
    },
  );

  app.post(
    '/api/portal/items',
    {
      config: official,
      schema: {
        tags,
        summary: 'Tạo bài mới (bản nháp đầu tiên ở một ngôn ngữ)',
        body: CreateItemBody,
        response: { 200: z.object({ itemId: z.uuid(), edition: EditionView }) },
      },
    },
    async (req) => {
      const { item, edition } = await db.transaction((tx) => createItem(tx, req.ctx(), req.body));
      return { itemId: item.id, edition: presentEdition(edition) };
    },
  );

  app.put(
    '/api/portal/items/:id/editions/:lang',
    {
      config: official,
      schema: {
        tags,
        summary: 'Lưu bản đang soạn của một ngôn ngữ (khóa lạc quan: 409 kèm bản hiện có khi đã bị sửa)',
        params: ItemParams,
        body: SaveEditionBody,
      },
    },
    async (req, reply) => {
      try {
        const edition = await db.transaction((tx) =>
          saveEdition(tx, req.ctx(), { itemId: req.params.id, lang: req.params.lang, ...req.body }),
        );
        return { edition: presentEdition(edition) };
      } catch (err) {
        if (!(err instanceof EditConflict)) throw err;
        // Both versions: theirs as stored, and what this editor sent.
        return reply
          .code(409)
          .send({ ...errorBody(err, req), current: presentEdition(err.current), yours: req.body });
      }
    },
  );

  app.post(
    '/api/portal/items/:id/editions/:lang/:action',
    {
      config: official,
      schema: {
        tags,
        summary: 'Gửi duyệt, trả lại, duyệt, hẹn giờ, bỏ hẹn, đăng, gỡ (rút bài, chuyển hướng, xóa hẳn 410)',
        params: ItemParams.extend({ action: z.enum(ACTIONS) }),
        body: MoveEditionBody,
        response: { 200: z.object({ edition: EditionView }) },
      },
    },
    async (req) => {
      const b = req.body;
      const need = (v: string | undefined, field: string) => {
        if (!v) throw new AppError('validation', {}, [{ field: `body.${field}`, key: 'field.required' }]);
        return v;
      };
      const action = req.params.action;
      const input: MoveInput =
        action === 'schedule'
          ? { action, at: new Date(need(b.at, 'at')) }
          : action === 'withdraw'
            ? { action, reason: need(b.reason, 'reason') }
            : action === 'redirect'
              ? { action, to: need(b.to, 'to'), reason: b.reason }
              : action === 'gone'
                ? { action, reason: b.reason }
                : { action, note: b.note };
      const edition = await db.transaction((tx) =>
        moveEdition(tx, req.ctx(), req.params.id, req.params.lang, b.lockVersion, input),
      );
      if (['publish', 'withdraw', 'redirect', 'gone'].includes(action)) clearPageCache();
      return { edition: presentEdition(edition) };
    },
  );

  app.get(
    '/api/portal/enquiries',
    {
      config: { access: { permission: PORTAL_PERMISSIONS.investment } },
      schema: { tags, summary: 'Các yêu cầu của nhà đầu tư (đường ống xúc tiến)' },
    },
    async (req) => {
      const paths = scopePaths(req.principal, PORTAL_PERMISSIONS.investment);
      const rows = await db
        .select({
          enquiry: enquiries,
          projectCode: projects.code,
          agencyPath: projects.agencyPath,
          projectNames: projects.texts,
        })
        .from(enquiries)
        .innerJoin(projects, eq(projects.id, enquiries.projectId))
        .orderBy(desc(enquiries.createdAt))
        .limit(500);
      return {
        items: rows
          .filter((r) => paths.some((p) => r.agencyPath.startsWith(p)))
          .map((r) => ({
            ...r.enquiry,
            projectCode: r.projectCode,
            projectName: r.projectNames.vi?.name ?? '',
          })),
      };
    },
  );

  app.post(
    '/api/portal/enquiries/:id/move',
    {
      config: { access: { permission: PORTAL_PERMISSIONS.investment } },
      schema: {
        tags,
        summary: 'Chuyển giai đoạn, giao người phụ trách, ghi chú',
        params: z.object({ id: z.uuid() }),
        body: MoveEnquiryBody,
      },
    },
    async (req) => {
      const e = await db.transaction((tx) => moveEnquiry(tx, req.ctx(), req.params.id, req.body));
      return { id: e.id, stage: e.stage, lockVersion: e.lockVersion, managerId: e.managerId };
    },
  );

  app.get(
    '/api/portal/enquiries/report',
    {
      config: { access: { permission: PORTAL_PERMISSIONS.investment } },
      schema: {
        tags,
        summary: 'Báo cáo nhà đầu tư tiềm năng theo quốc gia, ngành, giai đoạn; số quá hạn trả lời',
      },
    },
    async (req) => leadReport(db, scopePaths(req.principal, PORTAL_PERMISSIONS.investment)),
  );

  app.get(
    '/api/portal/enquiries/:id',
    {
      config: { access: { permission: PORTAL_PERMISSIONS.investment } },
      schema: {
        tags,
        summary: 'Một yêu cầu của nhà đầu tư với các ghi chú và lần chuyển giai đoạn',
        params: z.object({ id: z.uuid() }),
      },
    },
    async (req) => {
      const [row] = await db
        .select({ enquiry: enquiries, agencyPath: projects.agencyPath, projectCode: projects.code })
        .from(enquiries)
        .innerJoin(projects, eq(projects.id, enquiries.projectId))
        .where(eq(enquiries.id, req.params.id));
      if (!row) throw new AppError('not_found');
      const paths = scopePaths(req.principal, PORTAL_PERMISSIONS.investment);
      if (!paths.some((p) => row.agencyPath.startsWith(p))) throw new AppError('forbidden');
      const notes = await db
        .select()
        .from(enquiryNotes)
        .where(eq(enquiryNotes.enquiryId, req.params.id))
        .orderBy(asc(enquiryNotes.at), asc(enquiryNotes.id));
      return { ...row.enquiry, projectCode: row.projectCode, notes };
    },
  );

  await uploadRoutes(app, (app) => {
    app.post(
      '/api/portal/investment-figures/import',
      {
        config: { access: { permission: PORTAL_PERMISSIONS.investment } },
        schema: {
          tags,
          summary:
            'Nhập số liệu FDI và đầu tư trong nước (CSV hoặc Excel: nam, loai, quoc_gia, nganh, so_du_an, von_nghin_usd); thay thế các năm có trong tệp',
          consumes: ['multipart/form-data'],
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file();
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const file = await part.toBuffer();
        const result = await db.transaction((tx) =>
          importFigures(tx, req.ctx(), { fileName: part.filename, file }),
        );
        clearPageCache();
        return result;
      },
    );
  });

  const review = { access: { permission: PORTAL_PERMISSIONS.review } };

  app.get(
    '/api/portal/questions',
    { config: review, schema: { tags, summary: 'Câu hỏi của người dân gửi cổng (mới nhất trước)' } },
    async (req) => {
      const paths = scopePaths(req.principal, PORTAL_PERMISSIONS.review);
      const rows = await db.select().from(questions).orderBy(desc(questions.createdAt)).limit(500);
      return { items: rows.filter((q) => paths.some((p) => q.agencyPath.startsWith(p))) };
    },
  );

  app.post(
    '/api/portal/questions/:id/:action',
    {
      config: review,
      schema: {
        tags,
        summary: 'Trả lời, đăng (kèm câu trả lời) hoặc từ chối một câu hỏi',
        params: z.object({ id: z.uuid(), action: z.enum(['answer', 'publish', 'reject']) }),
        body: z.strictObject({
          lockVersion: z.number().int(),
          answer: z.string().trim().min(5).max(10_000).optional(),
          reason: z.string().trim().min(3).max(1000).optional(),
        }),
      },
    },
    async (req) => {
      const { action } = req.params;
      const b = req.body;
      const need = (v: string | undefined, field: string) => {
        if (!v) throw new AppError('validation', {}, [{ field: `body.${field}`, key: 'field.required' }]);
        return v;
      };
      const input: QuestionAction =
        action === 'answer'
          ? { action, answer: need(b.answer, 'answer') }
          : action === 'reject'
            ? { action, reason: need(b.reason, 'reason') }
            : { action };
      const q = await db.transaction((tx) =>
        answerQuestion(tx, req.ctx(), req.params.id, b.lockVersion, input),
      );
      return { id: q.id, code: q.code, state: q.state, lockVersion: q.lockVersion };
    },
  );

  app.get(
    '/api/portal/conformity',
    {
      config: review,
      schema: {
        tags,
        summary:
          'Kiểm tra cổng theo Nghị định 42/2022 (Điều 4, 7, 8): mục thiếu hoặc cũ hơn số ngày cho phép',
        querystring: z.object({
          maxAgeDays: z.coerce.number().int().min(1).max(3650).default(DEFAULT_MAX_AGE_DAYS),
        }),
      },
    },
    async (req) => ({
      maxAgeDays: req.query.maxAgeDays,
      items: checkConformity(await conformityFacts(db), req.query.maxAgeDays),
    }),
  );
}
