// Imports FDI and domestic-investment figures from the provincial investment report (CSV or Excel).
// All or nothing: a file with any bad row changes nothing and every bad row is named (line, column,
// problem). The years of each kind present in the file replace what was stored for them, so a
// corrected report can be sent again.
import { and, eq, inArray } from 'drizzle-orm';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Tx } from '../../../platform/db/client.ts';
import { storableText } from '../../../platform/db/text.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { FIGURE_HEADERS, figureCells, readFigureRows } from '../investment/figures-file.ts';
import { PORTAL_PERMISSIONS } from '../policy.ts';
import { FIGURE_KINDS, investmentFigures } from '../tables.ts';

export async function importFigures(
  tx: Tx,
  ctx: ActionContext,
  input: { fileName: string; file: Buffer },
  now = new Date(),
): Promise<{ imported: number; years: Record<string, number[]> }> {
  const actor = requirePermission(ctx.actor, PORTAL_PERMISSIONS.investment);
  if (input.file.length === 0)
    throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.empty_file' }]);
  const cells = await figureCells(input.file).catch(() => null);
  if (!cells)
    throw new AppError('validation', {}, [
      { field: 'body.file', key: 'field.figures_headers', params: { headers: FIGURE_HEADERS.join(', ') } },
    ]);
  const { rows, errors } = readFigureRows(cells);
  if (errors.length)
    throw new AppError(
      'validation',
      {},
      errors.slice(0, 50).map((e) => ({
        field: `body.file.${e.line}.${e.column}`,
        key: `field.figures_${e.problem}`,
        params: { line: e.line, column: e.column, value: e.value },
      })),
    );
  if (rows.length === 0)
    throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.empty_file' }]);
  const years: Record<string, number[]> = {};
  for (const kind of FIGURE_KINDS) {
    const ys = [...new Set(rows.filter((r) => r.kind === kind).map((r) => r.year))].sort();
    if (ys.length === 0) continue;
    years[kind] = ys;
    await tx
      .delete(investmentFigures)
      .where(and(eq(investmentFigures.kind, kind), inArray(investmentFigures.year, ys)));
  }
  for (let i = 0; i < rows.length; i += 500)
    await tx.insert(investmentFigures).values(
      rows.slice(i, i + 500).map((r) => ({
        kind: r.kind,
        year: r.year,
        country: r.country,
        sector: r.sector,
        projects: r.projects,
        capitalKusd: r.capitalKusd,
        importedAt: now,
        importedBy: actor.userId,
      })),
    );
  await audit(tx, ctx, {
    action: 'portal.figures_import',
    targetType: 'portal_investment_figures',
    summary: { fileName: storableText(input.fileName, 200), rows: rows.length, years },
  });
  await emit(tx, {
    type: 'portal.figures_imported',
    aggregateType: 'portal_investment_figures',
    aggregateId: 'all',
    payload: { rows: rows.length, years },
    audience: { public: true },
  });
  return { imported: rows.length, years };
}
