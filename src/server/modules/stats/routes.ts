import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as C from '../../../contracts/stats.ts';
import type { Deps } from '../../deps.ts';
import { audit } from '../../platform/audit/index.ts';
import { type Table, tableCsv, tableXlsx } from '../../platform/spreadsheet.ts';
import { breakdownTable, statusTable } from './export.ts';
import { parsePeriod } from './period.ts';
import { resolveSlice } from './policy.ts';
import { drillDown, statsRead } from './queries.ts';
import { breakdown, overview, ranking } from './report.ts';

const tags = ['Thống kê (statistics)'];
const read = { config: { access: { permission: 'stats.read' } } } as const;

export async function statsRoutes(root: FastifyInstance, deps: Deps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const periodView = (label: string, current: boolean) => {
    const p = parsePeriod(label);
    return { label: p.label, from: p.from, to: p.to, current };
  };

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
      const p = parsePeriod(req.query.period);
      const { slice, agencies } = await resolveSlice(db, req.principal, req.query);
      const o = await statsRead(db, (tx) => overview(tx, p, slice, new Date()));
      const agency = req.query.agencyId ? agencies.find((a) => a.id === req.query.agencyId) : undefined;
      return {
        period: periodView(req.query.period, o.current),
        scope: { agencyId: agency?.id ?? null, agencyName: agency?.name ?? null },
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
      const p = parsePeriod(req.query.period);
      const { slice, agencies } = await resolveSlice(db, req.principal, req.query);
      const items = await statsRead(db, (tx) =>
        breakdown(tx, p, slice, req.query.by, agencies, new Date(), req.lang),
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
      const p = parsePeriod(req.query.period);
      const { slice, agencies } = await resolveSlice(db, req.principal, req.query);
      const r = await statsRead(db, (tx) =>
        ranking(tx, p, slice, req.query.level, agencies, new Date(), req.lang),
      );
      return { level: req.query.level, ...r };
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
      const p = parsePeriod(req.query.period);
      const { slice } = await resolveSlice(db, req.principal, req.query);
      const r = await statsRead(db, (tx) =>
        drillDown(tx, p, slice, req.query.figure, new Date(), {
          limit: req.query.limit,
          offset: req.query.offset,
        }),
      );
      return { figure: req.query.figure, ...r };
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
      const p = parsePeriod(q.period);
      const { slice, agencies } = await resolveSlice(db, req.principal, q);
      const now = new Date();
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
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Thống kê công khai của Thành phố (không có dữ liệu cá nhân, không có danh sách hồ sơ)',
        querystring: C.PublicQuery,
        response: { 200: C.PublicStats },
      },
    },
    async (req) => {
      const p = parsePeriod(req.query.period);
      const { slice, agencies } = await resolveSlice(db, null, {});
      const now = new Date();
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
        period: periodView(req.query.period, o.current),
        counts: o.counts,
        indicators: o.indicators,
        score: o.score,
        units: [...departments.items, ...communes.items],
        minVolume: departments.minVolume,
      };
    },
  );
}
