import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as C from '../../../contracts/stats.ts';
import type { Deps } from '../../platform/module.ts';
import { audit } from '../../platform/audit/index.ts';
import { AppError } from '../../platform/errors.ts';
import { type Table, tableCsv, tableXlsx } from '../../platform/spreadsheet.ts';
import { breakdownTable, statusTable } from './export.ts';
import { periodView, statsRequest } from './policy.ts';
import { drillDown, statsRead } from './queries.ts';
import { breakdown, overview, ranking } from './report.ts';

const tags = ['Thống kê (statistics)'];
const read = { config: { access: { permission: 'stats.read' } } } as const;

export async function statsRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  app.get(
    '/api/stats/overview',
    {
      ...read,
      schema: {
        tags,
        summary: 'Chỉ số 766 và số liệu theo kỳ, theo lát cắt (đơn vị, xã, lĩnh vực, thủ tục, kênh)',
        querystring: C.SliceQuery,
        response: { 200: C.Overview },
      },
    },
    async (req) => {
      const r = await statsRequest(db, req.principal, req.query);
      const o = await statsRead(db, (tx) => overview(tx, r.period, r.slice, r.now));
      return {
        period: periodView(r),
        scope: { agencyId: r.agency?.id ?? null, agencyName: r.agency?.name ?? null },
        counts: o.counts,
        indicators: o.indicators,
        score: o.score,
      };
    },
  );

  app.get(
    '/api/stats/breakdown',
    {
      ...read,
      schema: {
        tags,
        summary: 'Số liệu theo đơn vị, thủ tục, lĩnh vực hoặc kênh',
        querystring: C.BreakdownQuery,
        response: { 200: C.Breakdown },
      },
    },
    async (req) => {
      const r = await statsRequest(db, req.principal, req.query);
      const items = await statsRead(db, (tx) =>
        breakdown(tx, r.period, r.slice, req.query.by, r.agencies, r.now, req.lang),
      );
      return { by: req.query.by, items };
    },
  );

  app.get(
    '/api/stats/ranking',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Xếp hạng sở, ngành hoặc xã, phường (chỉ xếp hạng khi đủ số hồ sơ tối thiểu); dùng cho bản đồ',
        querystring: C.RankingQuery,
        response: { 200: C.Ranking },
      },
    },
    async (req) => {
      const r = await statsRequest(db, req.principal, req.query);
      const ranked = await statsRead(db, (tx) =>
        ranking(tx, r.period, r.slice, req.query.level, r.agencies, r.now, req.lang),
      );
      return { level: req.query.level, ...ranked };
    },
  );

  app.get(
    '/api/stats/dossiers',
    {
      ...read,
      schema: {
        tags,
        summary: 'Danh sách hồ sơ đứng sau một con số (hoặc các hồ sơ làm mất điểm)',
        querystring: C.DrillQuery,
        response: { 200: C.Drill },
      },
    },
    async (req) => {
      const r = await statsRequest(db, req.principal, req.query);
      const page = await statsRead(db, (tx) =>
        drillDown(tx, r.period, r.slice, req.query.figure, r.now, {
          limit: req.query.limit,
          offset: req.query.offset,
        }),
      );
      return { figure: req.query.figure, ...page };
    },
  );

  app.get(
    '/api/stats/export',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Báo cáo thống kê định kỳ theo đơn vị, lĩnh vực, thủ tục, trạng thái hoặc kênh: CSV hoặc Excel (.xlsx)',
        querystring: C.ExportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      const { period: p, slice, agencies, now } = await statsRequest(db, req.principal, q);
      const table: Table = await statsRead(db, async (tx) =>
        q.by === 'status'
          ? statusTable(req.lang, p, (await overview(tx, p, slice, now)).counts)
          : breakdownTable(req.lang, p, q.by, await breakdown(tx, p, slice, q.by, agencies, now, req.lang)),
      );
      // Exports leave the system: who took which figures is recorded.
      await audit(db, req.ctx(), {
        action: 'stats.export',
        targetType: 'stats',
        summary: { period: q.period, by: q.by, format: q.format, agencyId: q.agencyId ?? null },
      });
      const name = `thong-ke-${q.by}-${q.period}`;
      if (q.format === 'csv')
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(tableCsv(table));
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(await tableXlsx(table, q.by));
    },
  );

  app.get(
    '/api/public/stats',
    {
      config: { access: 'public', rateLimit: { max: 60, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: 'Thống kê công khai của Thành phố (không có dữ liệu cá nhân, không có danh sách hồ sơ)',
        description:
          'Whole months only (month, quarter, year, a range of months): they read the city rollup. Ranges ' +
          'of days read every dossier alive in them, and are for signed-in leaders.',
        querystring: C.PublicQuery,
        response: { 200: C.PublicStats },
      },
    },
    async (req) => {
      const r = await statsRequest(db, null, { period: req.query.period });
      const { period: p, slice, agencies, now } = r;
      // Anyone may call this: it reads only the rollup, never a scan of the facts.
      if (p.unit !== 'month')
        throw new AppError('validation', {}, [{ field: 'query.period', key: 'field.period_months' }]);
      const [o, departments, communes] = await statsRead(
        db,
        async (tx) =>
          [
            await overview(tx, p, slice, now),
            await ranking(tx, p, slice, 'department', agencies, now, req.lang),
            await ranking(tx, p, slice, 'commune', agencies, now, req.lang),
          ] as const,
      );
      return {
        period: periodView(r),
        counts: o.counts,
        indicators: o.indicators,
        score: o.score,
        units: [...departments.items, ...communes.items],
        minVolume: departments.minVolume,
      };
    },
  );
}
