// Administration of the catalogue and the calendar: publish procedure versions (from the editor or an
// imported JSON file), export them, keep the annual holiday notice and the deadline settings.
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { requireCityPermission } from '../../platform/access.ts';
import { audit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { roleCodes } from '../identity/index.ts';
import { dayInfo } from '../../platform/calendar/index.ts';
import { t } from '../../platform/i18n/index.ts';
import { deadlineSettingsOf, forgetCalendar, loadCalendar } from './clock.ts';
import { publishProcedure, versionInForce } from './commands/publish-procedure.ts';
import {
  calendarNotices,
  deadlineSettings,
  procedureAgencies,
  procedures,
  procedureVersions,
} from './tables.ts';
import { compareVietnamese } from '../../../contracts/collation.ts';

const tags = ['Quản trị thủ tục và lịch (admin)'];
const PublishBody = z.strictObject({
  definition: z.record(z.string(), z.unknown()),
  effectiveFrom: z.iso.datetime({ offset: true }).optional(),
  agencies: z
    .array(z.strictObject({ agencyId: z.uuid(), serviceLevel: z.enum(['full', 'partial']) }))
    .max(500)
    .optional(),
});
/** The names a notice entry may carry (calendar locale keys). */
const HOLIDAY_KEYS = [
  'holiday.new_year',
  'holiday.tet',
  'holiday.hung_kings',
  'holiday.reunification',
  'holiday.labour_day',
  'holiday.national_day',
  'holiday.culture_day',
  'holiday.other',
] as const;
const NoticeBody = z.strictObject({
  date: z.iso.date(),
  kind: z.enum(['day_off', 'working_day', 'half_day_am', 'half_day_pm', 'not_holiday']),
  nameKey: z.string().min(3).max(100),
  source: z.string().trim().min(5).max(500),
});

const Source = z.string().trim().min(5).max(500);
/** One deadline setting with the legal text it follows (issue 11 item 17). */
const DeadlineSettingBody = z.discriminatedUnion('key', [
  z.strictObject({ key: z.literal('calendarDaysSkipHolidays'), value: z.boolean(), source: Source }),
  z.strictObject({
    key: z.literal('sameDayCutoff'),
    value: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    source: Source,
  }),
]);
const DEADLINE_SETTING_KEYS = ['calendarDaysSkipHolidays', 'sameDayCutoff'] as const;

export async function servicesAdminRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const manage = { config: { access: { permission: 'procedures.manage' } } } as const;
  // Procedure versions and the working calendar apply to the whole city: changed from the root only.
  const manageCity = { config: { access: { permission: 'procedures.manage', city: true } } } as const;

  app.post(
    '/api/admin/procedures',
    {
      ...manageCity,
      schema: {
        tags,
        summary: 'Công bố thủ tục hoặc phiên bản mới (từ biểu mẫu hay tệp JSON nhập vào)',
        body: PublishBody,
        response: {
          200: z.object({
            code: z.string(),
            version: z.number(),
            scheduled: z.boolean(),
            effectiveFrom: z.string(),
          }),
        },
      },
    },
    async (req) => {
      const roles = await roleCodes(db);
      const { procedure, version } = await db.transaction((tx) =>
        publishProcedure(
          tx,
          req.ctx(),
          {
            definition: req.body.definition,
            effectiveFrom: req.body.effectiveFrom ? new Date(req.body.effectiveFrom) : undefined,
            agencies: req.body.agencies,
          },
          roles,
        ),
      );
      return {
        code: procedure.code,
        version: version.version,
        scheduled: version.appliedAt === null,
        effectiveFrom: version.effectiveFrom.toISOString(),
      };
    },
  );

  app.get(
    '/api/admin/procedures',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Mọi thủ tục trong danh mục, với phiên bản mới nhất (kể cả phiên bản chưa có hiệu lực)',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                code: z.string(),
                name: z.string(),
                sectorName: z.string(),
                latestVersion: z.number(),
                latestEffectiveFrom: z.string(),
                versions: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await db
        .select({
          code: procedures.code,
          name: procedures.name,
          sectorName: procedures.sectorName,
          latestVersion: sql<number>`max(${procedureVersions.version})::int`,
          latestEffectiveFrom: sql<Date>`max(${procedureVersions.effectiveFrom})`,
          versions: sql<number>`count(${procedureVersions.id})::int`,
        })
        .from(procedures)
        .innerJoin(procedureVersions, eq(procedureVersions.procedureId, procedures.id))
        .groupBy(procedures.id);
      // by sector, then name, in Vietnamese order (the database sorts by bytes)
      const sorted = [...rows].sort(
        (a, b) => compareVietnamese(a.sectorName, b.sectorName) || compareVietnamese(a.name, b.name),
      );
      return {
        items: sorted.map((r) => ({
          ...r,
          latestEffectiveFrom: new Date(r.latestEffectiveFrom).toISOString(),
        })),
      };
    },
  );

  app.get(
    '/api/admin/procedures/:code/versions',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Các phiên bản của một thủ tục',
        params: z.object({ code: z.string().max(60) }),
      },
    },
    async (req) => {
      const [p] = await db.select().from(procedures).where(eq(procedures.code, req.params.code));
      if (!p) throw new AppError('not_found');
      const versions = await db
        .select()
        .from(procedureVersions)
        .where(eq(procedureVersions.procedureId, p.id))
        .orderBy(desc(procedureVersions.version));
      const inForce = await versionInForce(db, p.id, new Date());
      const offered = await db
        .select()
        .from(procedureAgencies)
        .where(eq(procedureAgencies.procedureId, p.id));
      return {
        code: p.code,
        // In force: the latest applied by date; scheduled: not yet applied (its date has not come).
        versions: versions.map((v) => ({
          version: v.version,
          effectiveFrom: v.effectiveFrom.toISOString(),
          createdAt: v.createdAt.toISOString(),
          state: v.appliedAt === null ? 'scheduled' : v.id === inForce?.id ? 'in_force' : 'superseded',
          agencies: v.agencies,
        })),
        agencies: offered.map((o) => ({ agencyId: o.agencyId, serviceLevel: o.serviceLevel })),
      };
    },
  );

  app.get(
    '/api/admin/procedures/:code/export',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Xuất một phiên bản thủ tục ra JSON (để sửa hoặc chuyển sang hệ thống khác)',
        params: z.object({ code: z.string().max(60) }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
      },
    },
    async (req, reply) => {
      const [p] = await db.select().from(procedures).where(eq(procedures.code, req.params.code));
      if (!p) throw new AppError('not_found');
      const rows = await db
        .select()
        .from(procedureVersions)
        .where(eq(procedureVersions.procedureId, p.id))
        .orderBy(desc(procedureVersions.version));
      const v = req.query.version ? rows.find((r) => r.version === req.query.version) : rows[0];
      if (!v) throw new AppError('not_found');
      return reply
        .header('content-disposition', `attachment; filename="thu-tuc-${p.code}-v${v.version}.json"`)
        .send({ definition: v.definition, version: v.version, effectiveFrom: v.effectiveFrom.toISOString() });
    },
  );

  app.get(
    '/api/admin/calendar/notices',
    {
      ...manage,
      schema: { tags, summary: 'Điều chỉnh lịch theo thông báo hằng năm (ngày nghỉ, ngày làm bù, nửa ngày)' },
    },
    async () => ({ items: await db.select().from(calendarNotices).orderBy(asc(calendarNotices.date)) }),
  );
  app.get(
    '/api/admin/calendar/year/:year',
    {
      ...manage,
      schema: {
        tags,
        summary:
          'Lịch làm việc của một năm: từng ngày là ngày làm việc, nghỉ, làm bù hay nửa ngày, và vì sao',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        response: {
          200: z.object({
            year: z.number(),
            days: z.array(
              z.object({
                date: z.string(),
                kind: z.enum(['workday', 'weekend', 'holiday', 'makeup', 'half_day']),
                workingMinutes: z.number(),
                name: z.string().nullable(),
                source: z.string().nullable(),
              }),
            ),
            holidayNames: z.array(z.object({ key: z.string(), name: z.string() })),
          }),
        },
      },
    },
    async (req) => {
      const calendar = await loadCalendar(db);
      const days = [];
      const first = Date.UTC(req.params.year, 0, 1);
      for (let at = first; new Date(at).getUTCFullYear() === req.params.year; at += 86_400_000) {
        const info = dayInfo(calendar, new Date(at).toISOString().slice(0, 10));
        days.push({
          date: info.date,
          kind: info.kind,
          workingMinutes: info.workingMinutes,
          name: info.nameKey ? t(req.lang, `calendar:${info.nameKey}`) : null,
          source: info.source,
        });
      }
      return {
        year: req.params.year,
        days,
        holidayNames: HOLIDAY_KEYS.map((key) => ({ key, name: t(req.lang, `calendar:${key}`) })),
      };
    },
  );
  app.put(
    '/api/admin/calendar/notices',
    {
      ...manageCity,
      schema: {
        tags,
        summary: 'Thêm hoặc sửa một ngày theo thông báo (kèm căn cứ pháp lý)',
        body: NoticeBody,
      },
    },
    async (req) => {
      requireCityPermission(req.principal, 'procedures.manage');
      await db.transaction(async (tx) => {
        const [before] = await tx
          .select()
          .from(calendarNotices)
          .where(eq(calendarNotices.date, req.body.date));
        await tx
          .insert(calendarNotices)
          .values(req.body)
          .onConflictDoUpdate({
            target: calendarNotices.date,
            set: { kind: req.body.kind, nameKey: req.body.nameKey, source: req.body.source },
          });
        await audit(tx, req.ctx(), {
          action: 'calendar.notice_set',
          targetType: 'calendar',
          targetId: req.body.date,
          summary: { before: before ?? null, after: req.body },
        });
      });
      // Dossiers already accepted keep their due dates; new computations use the corrected calendar.
      forgetCalendar();
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/admin/calendar/notices/:date',
    {
      ...manageCity,
      schema: { tags, summary: 'Bỏ một điều chỉnh lịch', params: z.object({ date: z.iso.date() }) },
    },
    async (req) => {
      await db.transaction(async (tx) => {
        const [before] = await tx
          .delete(calendarNotices)
          .where(eq(calendarNotices.date, req.params.date))
          .returning();
        if (!before) throw new AppError('not_found');
        await audit(tx, req.ctx(), {
          action: 'calendar.notice_remove',
          targetType: 'calendar',
          targetId: req.params.date,
          summary: { before },
        });
      });
      forgetCalendar();
      return { ok: true as const };
    },
  );

  app.get(
    '/api/admin/deadline-settings',
    {
      ...manage,
      schema: {
        tags,
        summary: 'Quy tắc tính hạn: thời hạn theo ngày có trừ ngày lễ không, giờ chốt nhận hồ sơ trong ngày',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                key: z.enum(DEADLINE_SETTING_KEYS),
                value: z.union([z.boolean(), z.string()]),
                /** null while the shipped default applies */
                source: z.string().nullable(),
                updatedAt: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = new Map((await db.select().from(deadlineSettings)).map((r) => [r.key, r]));
      const current = deadlineSettingsOf(await loadCalendar(db));
      return {
        items: DEADLINE_SETTING_KEYS.map((key) => {
          const row = rows.get(key);
          return {
            key,
            value: current[key],
            source: row?.source ?? null,
            updatedAt: row?.updatedAt.toISOString() ?? null,
          };
        }),
      };
    },
  );
  app.put(
    '/api/admin/deadline-settings',
    {
      ...manageCity,
      schema: {
        tags,
        summary: 'Sửa một quy tắc tính hạn (kèm căn cứ pháp lý)',
        body: DeadlineSettingBody,
      },
    },
    async (req) => {
      const { key, value, source } = req.body;
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(deadlineSettings).where(eq(deadlineSettings.key, key));
        const row = { value, source, updatedBy: req.principal!.userId, updatedAt: new Date() };
        await tx
          .insert(deadlineSettings)
          .values({ key, ...row })
          .onConflictDoUpdate({ target: deadlineSettings.key, set: row });
        await audit(tx, req.ctx(), {
          action: 'calendar.deadline_setting_set',
          targetType: 'calendar',
          targetId: key,
          summary: {
            before: before ? { value: before.value, source: before.source } : null,
            after: { value, source },
          },
        });
      });
      // Recorded due dates stay until their dossier is next recomputed (a pause ends); new ones follow the rule.
      forgetCalendar();
      return { ok: true as const };
    },
  );
}
