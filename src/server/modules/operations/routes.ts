import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/module.ts';
import { audit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { tableCsv, tableXlsx } from '../../platform/spreadsheet.ts';
import { sortVietnamese } from '../../../contracts/collation.ts';
import { listAgencies, listRoles } from '../identity/index.ts';
import { acknowledgeAlert } from './commands/acknowledge-alert.ts';
import { assignAlert } from './commands/assign-alert.ts';
import { commentAlert } from './commands/comment-alert.ts';
import { importIndicatorSeries } from './commands/import-indicator-series.ts';
import { resolveAlert } from './commands/resolve-alert.ts';
import { setThingStatus } from './commands/set-thing-status.ts';
import { saveDashboard } from './commands/save-dashboard.ts';
import { createSilence, endSilence } from './commands/silences.ts';
import { communeSets, DEFAULT_SET, indicatorForSet } from './indicators/area-sets.ts';
import { periodExample, SERIES_HEADERS } from './indicators/series-file.ts';
import {
  activeSilences,
  alertDetail,
  alertQueue,
  deviceRejections,
  indicatorDetail,
  latestIndicatorValues,
  networkStatus,
  dashboardFor,
  listDashboards,
  ALL_VIEWS,
  stations,
  tickerAlerts,
} from './queries.ts';
import { alertsRaisedBetween, briefingWeek, renderBriefing } from './briefing.ts';
import { communeDossiers, communeNames, communeView, DRILL_FIGURES, leaderView } from './leader.ts';
import type { OperationsRuntime } from './runtime.ts';
import * as S from './schema.ts';
import { uploadRoutes } from '../../platform/http/uploads.ts';

const tags = {
  wall: ['Trung tâm điều hành (operations)'],
  alerts: ['Cảnh báo, sự cố (operations alerts)'],
  indicators: ['Chỉ tiêu (operations indicators)'],
  sensors: ['Cảm biến (operations sensors)'],
};
const view = { access: { permission: 'operations.view' } } as const;
const operate = { access: { permission: 'operations.operate' } } as const;
const manage = { access: { permission: 'operations.manage' } } as const;

export async function operationsRoutes(root: FastifyInstance, deps: Deps, runtime: OperationsRuntime) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const communeCodes = async () =>
    new Set(
      (await listAgencies(db))
        .filter((r) => r.agency.kind === 'peoples_committee' && /^\d{5}$/.test(r.agency.unitCode))
        .map((r) => r.agency.unitCode),
    );

  app.get(
    '/api/operations/wall',
    {
      config: view,
      schema: {
        tags: tags.wall,
        summary: 'Màn hình tường: chỉ tiêu, trạm, cảnh báo chưa xác nhận',
        response: { 200: S.WallView },
      },
    },
    async (req) => {
      const now = new Date();
      const dashboard = await dashboardFor(db, req.principal?.memberships.map((m) => m.roleCode) ?? []);
      const shown = dashboard.indicatorCodes ? new Set(dashboard.indicatorCodes) : null;
      const tiles = await latestIndicatorValues(db, now);
      return {
        now: now.toISOString(),
        dashboard,
        // In the order the administrator chose them.
        indicators: shown
          ? dashboard
              .indicatorCodes!.map((c) => tiles.find((i) => i.code === c))
              .filter((i) => i !== undefined)
          : tiles,
        stations: await stations(db, now),
        ticker: await tickerAlerts(db),
      };
    },
  );
  app.get(
    '/api/operations/dashboards',
    {
      config: manage,
      schema: {
        tags: tags.wall,
        summary: 'Bảng điều hành đã đặt cho từng vai trò (chỉ tiêu, màn hình luân phiên)',
        response: {
          200: z.object({
            roles: z.array(z.object({ code: z.string(), name: z.string() })),
            views: z.array(z.string()),
            items: z.array(S.DashboardView),
          }),
        },
      },
    },
    async (req) => ({
      // Roles by their names in the reader's language (the codes are keys, not words).
      roles: sortVietnamese(
        (await listRoles(db)).map((r) => ({ code: r.code, name: req.lang === 'en' ? r.nameEn : r.name })),
        (r) => r.name,
      ),
      views: [...ALL_VIEWS],
      items: await listDashboards(db),
    }),
  );
  app.put(
    '/api/operations/dashboards/:role',
    {
      config: manage,
      schema: {
        tags: tags.wall,
        summary:
          'Đặt bảng điều hành của một vai trò: chỉ tiêu hiển thị, màn hình luân phiên, thời gian mỗi màn hình',
        params: z.object({ role: z.string().regex(/^[a-z0-9_]{1,60}$/) }),
        body: S.DashboardBody,
        response: { 200: S.DashboardView },
      },
    },
    async (req) => {
      const row = await saveDashboard(db, req.ctx(), req.params.role, req.body);
      return {
        roleCode: row.roleCode,
        indicatorCodes: row.indicatorCodes,
        views: row.views,
        rotateSeconds: row.rotateSeconds,
        updatedAt: row.updatedAt.toISOString(),
      };
    },
  );
  app.get(
    '/api/operations/leader',
    {
      config: view,
      schema: {
        tags: tags.wall,
        summary:
          'Màn hình lãnh đạo: việc cần chú ý trước (quá hạn, chưa đạt mục tiêu, cảnh báo nghiêm trọng), bảng xếp hạng công bằng',
        response: { 200: S.LeaderView },
      },
    },
    async (req) => leaderView(db, req.principal, new Date(), req.lang),
  );
  app.get(
    '/api/operations/leader/communes/:code',
    {
      config: view,
      schema: {
        tags: tags.wall,
        summary: 'Một xã, phường: các chỉ tiêu (so với thành phố), cảnh báo và trạm',
        params: S.CommuneParams,
        response: { 200: S.CommuneView },
      },
    },
    async (req) => {
      const found = await communeView(db, req.params.code, new Date());
      if (!found) throw new AppError('not_found');
      return found;
    },
  );
  app.get(
    '/api/operations/leader/communes/:code/dossiers',
    {
      config: view,
      schema: {
        tags: tags.wall,
        summary: 'Các hồ sơ đứng sau một con số của xã, phường (cần quyền xem thống kê)',
        params: S.CommuneParams,
        querystring: z.strictObject({
          figure: z.enum(Object.keys(DRILL_FIGURES) as [keyof typeof DRILL_FIGURES]),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: S.CommuneDossiers },
      },
    },
    async (req) => communeDossiers(db, req.principal, { commune: req.params.code, ...req.query }),
  );
  app.get(
    '/api/operations/leader/briefing.pdf',
    {
      config: view,
      schema: {
        tags: tags.wall,
        summary: 'Báo cáo giao ban tuần (PDF): việc cần chú ý, chỉ tiêu, xếp hạng, cảnh báo trong tuần',
        querystring: z.strictObject({ lang: z.enum(['vi', 'en']).optional() }),
      },
    },
    async (req, reply) => {
      const now = new Date();
      const lang = req.query.lang ?? req.lang;
      const week = briefingWeek(now);
      const agencies = await listAgencies(db);
      const root = agencies.find((a) => a.agency.parentId === null)?.agency;
      const pdf = await renderBriefing(
        {
          view: await leaderView(db, req.principal, now, lang),
          cityName: root ? root.name : '',
          ...week,
          alerts: await alertsRaisedBetween(db, week.from, week.to),
        },
        lang,
      );
      // The snapshot leaves the system: who took it, and when, is recorded.
      await audit(db, req.ctx(), {
        action: 'ops_briefing.download',
        targetType: 'ops_briefing',
        summary: { from: week.from.toISOString(), to: week.to.toISOString(), lang },
      });
      const day = now.toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="giao-ban-tuan-${day}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/operations/network',
    {
      config: view,
      schema: {
        tags: tags.sensors,
        summary:
          'Mạng truyền số liệu chuyên dùng: trạng thái từng điểm kết nối, thời gian hoạt động theo điểm, theo xã và toàn mạng',
        querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(90).default(7) }),
        response: { 200: S.NetworkView },
      },
    },
    async (req) => {
      const now = new Date();
      const status = await networkStatus(db, now, new Date(now.getTime() - req.query.days * 86_400_000));
      const names = await communeNames(db);
      return {
        ...status,
        days: req.query.days,
        communes: status.communes.map((c) => ({
          ...c,
          name: names.get(c.communeCode)?.name ?? c.communeCode,
        })),
      };
    },
  );
  app.get(
    '/api/operations/alerts',
    {
      config: view,
      schema: {
        tags: tags.alerts,
        summary: 'Hàng đợi cảnh báo (chưa giải quyết, hoặc đã giải quyết)',
        querystring: z.strictObject({ resolved: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ items: z.array(S.AlertView) }) },
      },
    },
    async (req) => ({ items: await alertQueue(db, { resolved: req.query.resolved === 'true' }) }),
  );
  app.get(
    '/api/operations/alerts/:id',
    {
      config: view,
      schema: {
        tags: tags.alerts,
        summary: 'Một cảnh báo và nhật ký sự cố',
        params: S.IdParams,
        response: { 200: S.AlertDetail },
      },
    },
    async (req) => {
      const found = await alertDetail(db, req.params.id);
      if (!found) throw new AppError('not_found');
      return found;
    },
  );
  const detail = async (id: string) => (await alertDetail(db, id))!;
  app.post(
    '/api/operations/alerts/:id/acknowledge',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Xác nhận đã biết',
        params: S.IdParams,
        response: { 200: S.AlertDetail },
      },
    },
    async (req) => {
      await acknowledgeAlert(db, req.ctx(), req.params.id);
      return detail(req.params.id);
    },
  );
  app.post(
    '/api/operations/alerts/:id/assign',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Giao xử lý',
        params: S.IdParams,
        body: z.strictObject({ assigneeId: z.uuid().nullable() }),
        response: { 200: S.AlertDetail },
      },
    },
    async (req) => {
      await assignAlert(db, req.ctx(), req.params.id, req.body.assigneeId);
      return detail(req.params.id);
    },
  );
  app.post(
    '/api/operations/alerts/:id/comment',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Ghi chú vào nhật ký sự cố',
        params: S.IdParams,
        body: z.strictObject({ note: z.string().trim().min(1).max(2000) }),
        response: { 200: S.AlertDetail },
      },
    },
    async (req) => {
      await commentAlert(db, req.ctx(), req.params.id, req.body.note);
      return detail(req.params.id);
    },
  );
  app.post(
    '/api/operations/alerts/:id/resolve',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Kết thúc sự cố',
        params: S.IdParams,
        body: z.strictObject({ note: z.string().trim().min(3).max(2000) }),
        response: { 200: S.AlertDetail },
      },
    },
    async (req) => {
      await resolveAlert(db, req.ctx(), req.params.id, req.body.note, (ruleId, source) =>
        runtime.engine.forget(ruleId, source),
      );
      return detail(req.params.id);
    },
  );

  app.get(
    '/api/operations/silences',
    {
      config: view,
      schema: {
        tags: tags.alerts,
        summary: 'Các khoảng tạm ngừng cảnh báo chưa kết thúc',
        response: { 200: z.object({ items: z.array(S.SilenceView) }) },
      },
    },
    async () => ({ items: await activeSilences(db, new Date()) }),
  );
  app.post(
    '/api/operations/silences',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Tạm ngừng cảnh báo (bảo trì)',
        body: S.SilenceBody,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => {
      const b = req.body;
      const row = await createSilence(db, req.ctx(), {
        ...b,
        startsAt: b.startsAt ? new Date(b.startsAt) : undefined,
        endsAt: new Date(b.endsAt),
      });
      return { id: row.id };
    },
  );
  app.post(
    '/api/operations/silences/:id/end',
    {
      config: operate,
      schema: {
        tags: tags.alerts,
        summary: 'Kết thúc tạm ngừng',
        params: S.IdParams,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => {
      await endSilence(db, req.ctx(), req.params.id);
      return { id: req.params.id };
    },
  );

  app.get(
    '/api/operations/indicators',
    {
      config: view,
      schema: {
        tags: tags.indicators,
        summary: 'Danh mục chỉ tiêu với giá trị mới nhất (thành phố hoặc một xã)',
        querystring: z.strictObject({
          commune: z
            .string()
            .regex(/^\d{5}$/)
            .optional(),
        }),
        response: { 200: z.object({ items: z.array(S.IndicatorTile) }) },
      },
    },
    async (req) => ({
      items: await latestIndicatorValues(
        db,
        new Date(),
        req.query.commune ? 'commune' : 'city',
        req.query.commune ?? '',
      ),
    }),
  );
  app.get(
    '/api/operations/indicators/:code',
    {
      config: view,
      schema: {
        tags: tags.indicators,
        summary: 'Lịch sử và giá trị theo xã của một chỉ tiêu',
        params: S.CodeParams,
        response: { 200: S.IndicatorDetail },
      },
    },
    async (req) => {
      const found = await indicatorDetail(db, req.params.code, new Date());
      if (!found) throw new AppError('not_found');
      return found;
    },
  );
  app.get(
    '/api/operations/commune-sets',
    {
      config: view,
      schema: {
        tags: tags.indicators,
        summary: 'Các nhóm xã, phường có tên (địa bàn cũ, ví dụ 36 xã, phường của tỉnh Bình Dương cũ)',
        response: {
          200: z.object({
            default: z.string(),
            items: z.array(z.object({ code: z.string(), size: z.number() })),
          }),
        },
      },
    },
    async () => ({
      default: DEFAULT_SET,
      items: [...(await communeSets(db))].map(([code, members]) => ({ code, size: members.length })),
    }),
  );
  app.get(
    '/api/operations/indicators/:code/sets/:set',
    {
      config: view,
      schema: {
        tags: tags.indicators,
        summary: 'Một chỉ tiêu theo một nhóm xã, phường (địa bàn cũ): chuỗi số liệu và giá trị từng xã',
        params: z.object({
          code: S.CodeParams.shape.code,
          set: z.string().regex(/^[a-z0-9-]{1,60}$/),
        }),
        response: { 200: S.IndicatorForSet },
      },
    },
    async (req) => {
      const found = await indicatorForSet(db, req.params.code, req.params.set, new Date());
      if ('error' in found) {
        if (found.error === 'no_commune_values')
          throw new AppError('validation', {}, [
            { field: 'params.code', key: 'field.no_commune_values', params: { code: req.params.code } },
          ]);
        throw new AppError('not_found');
      }
      return found;
    },
  );
  app.get(
    '/api/operations/indicators/:code/template',
    {
      config: manage,
      schema: {
        tags: tags.indicators,
        summary: 'Tệp mẫu nhập số liệu của chỉ tiêu (CSV hoặc Excel)',
        params: S.CodeParams,
        querystring: z.strictObject({ format: z.enum(['csv', 'xlsx']).default('xlsx') }),
      },
    },
    async (req, reply) => {
      const found = await indicatorDetail(db, req.params.code, new Date());
      if (found?.source !== 'import') throw new AppError('not_found');
      const example = periodExample[found.granularity as keyof typeof periodExample];
      const table = {
        title: `${found.name} (${found.unit}) — ${found.code}`,
        headers: [...SERIES_HEADERS],
        rows: [[example, '', null], ...(found.levels.includes('commune') ? [[example, '25747', null]] : [])],
      };
      const name = `mau-${found.code}`;
      if (req.query.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(tableCsv(table));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await tableXlsx(table, 'so-lieu'));
    },
  );
  await uploadRoutes(app, (app) => {
    app.post(
      '/api/operations/indicators/:code/import',
      {
        config: manage,
        schema: {
          tags: tags.indicators,
          summary: 'Nhập số liệu từ tệp CSV hoặc Excel (thay thế các kỳ có trong tệp)',
          consumes: ['multipart/form-data'],
          params: S.CodeParams,
          response: { 200: S.ImportResult },
        },
      },
      async (req) => {
        if (!req.isMultipart()) throw new AppError('unsupported_media_type');
        const part = await req.file();
        if (!part) throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.required' }]);
        const file = await part.toBuffer();
        return importIndicatorSeries(db, req.ctx(), {
          code: req.params.code,
          fileName: part.filename,
          file,
          communes: await communeCodes(),
        });
      },
    );
  });

  app.patch(
    '/api/operations/things/:id/status',
    {
      config: operate,
      schema: {
        tags: tags.sensors,
        summary: 'Trạng thái thiết bị: đang đo, hiệu chuẩn, lỗi',
        params: S.IdParams,
        body: z.strictObject({ status: z.enum(['measuring', 'calibrating', 'error']) }),
        response: { 200: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (req) => {
      const row = await setThingStatus(db, req.ctx(), req.params.id, req.body.status);
      runtime.registry.setStatus(row.id, row.status);
      return { id: row.id, status: row.status };
    },
  );
  app.get(
    '/api/operations/things/:id/rejections',
    {
      config: view,
      schema: {
        tags: tags.sensors,
        summary: 'Các giá trị bị từ chối của một thiết bị (24 giờ qua)',
        params: S.IdParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                at: z.string(),
                key: z.string().nullable(),
                reason: z.string(),
                detail: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await deviceRejections(db, req.params.id, new Date(Date.now() - 86_400_000)) }),
  );

  // The FIWARE IoT-agent HTTP south port: a device posts the same JSON as over MQTT.
  app.post(
    '/iot/json',
    {
      config: { access: 'public' },
      schema: {
        tags: tags.sensors,
        summary: 'Gửi số đo qua HTTP (như MQTT /json/{k}/{i}/attrs)',
        querystring: z.strictObject({ k: z.string().min(1).max(100), i: z.string().min(1).max(100) }),
        body: z.unknown(),
        response: { 200: S.IngestResult },
      },
    },
    async (req) => {
      const result = runtime.ingestor.accept(req.query.k, req.query.i, req.body);
      // Answer once the readings are stored: an acknowledged reading is durable.
      await runtime.ingestor.flushed();
      if (result.rejected.some((r) => r.reason === 'unknown_device')) throw new AppError('not_found');
      return result;
    },
  );
}
