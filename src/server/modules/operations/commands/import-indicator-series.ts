import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { readSheet } from 'read-excel-file/node';
import { requirePermission } from '../../../platform/access.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/client.ts';
import { storableText } from '../../../platform/db/text.ts';
import { insertRows } from '../../../platform/db/statement.ts';
import { AppError } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { ALERT_AUDIENCE } from '../alerts/incidents.ts';
import { parseCsv, type RowError, readSeriesRows, SERIES_HEADERS } from '../indicators/series-file.ts';
import { indicatorImports, indicators, indicatorValues } from '../tables.ts';

const XLSX_MAGIC = Buffer.from('504b0304', 'hex');

/** The rows of the uploaded file as text cells, with the line of the first data row. */
async function cellsOf(file: Buffer): Promise<{ cells: string[][]; firstLine: number }> {
  let all: string[][];
  if (file.subarray(0, 4).equals(XLSX_MAGIC)) {
    const sheet = await readSheet(file);
    all = sheet.map((r) =>
      r.map((c) =>
        c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c),
      ),
    );
  } else {
    all = parseCsv(file.toString('utf8'));
  }
  // The template's workbook has a title row above the headers.
  const header = all.findIndex(
    (r) =>
      r
        .slice(0, 3)
        .map((c) => c.trim().toLowerCase())
        .join(',') === SERIES_HEADERS.join(','),
  );
  if (header < 0)
    throw new AppError('validation', {}, [
      { field: 'body.file', key: 'field.series_headers', params: { headers: SERIES_HEADERS.join(', ') } },
    ]);
  return { cells: all.slice(header + 1), firstLine: header + 2 };
}

/**
 * Imports an indicator's series from the filled-in template: good rows are written, bad rows are
 * returned with their reasons. A period present in the file replaces what was stored for it
 * (the city value and every commune value of that period), so a corrected file can be sent again.
 */
export async function importIndicatorSeries(
  db: Db,
  ctx: ActionContext,
  input: { code: string; fileName: string; file: Buffer; communes: ReadonlySet<string> },
): Promise<{ importId: string | null; imported: number; periods: string[]; errors: RowError[] }> {
  requirePermission(ctx.actor, 'operations.manage');
  const [indicator] = await db.select().from(indicators).where(eq(indicators.code, input.code));
  if (!indicator) throw new AppError('not_found');
  if (indicator.source !== 'import' || indicator.granularity === 'hour')
    throw new AppError('invalid_state', { reason: 'not_imported' });
  if (input.file.length === 0)
    throw new AppError('validation', {}, [{ field: 'body.file', key: 'field.empty_file' }]);
  const { cells, firstLine } = await cellsOf(input.file);
  const { rows, errors } = readSeriesRows(cells, {
    granularity: indicator.granularity,
    communes: input.communes,
    communeLevel: indicator.levels.includes('commune'),
    firstLine,
  });
  if (rows.length === 0) return { importId: null, imported: 0, periods: [], errors };
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  const starts = [...new Set(rows.map((r) => r.start.getTime()))].map((t) => new Date(t));
  const importId = randomUUID();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .delete(indicatorValues)
      .where(and(eq(indicatorValues.indicatorCode, indicator.code), inArray(indicatorValues.time, starts)));
    await tx.execute(
      insertRows(
        indicatorValues,
        rows.map((r) => ({
          indicatorCode: indicator.code,
          level: r.communeCode ? 'commune' : 'city',
          areaCode: r.communeCode,
          time: r.start,
          value: r.value,
          asOf: now,
          source: 'import',
          importId,
        })),
      ),
    );
    await tx.insert(indicatorImports).values({
      id: importId,
      indicatorCode: indicator.code,
      fileName: storableText(input.fileName, 200),
      rows: rows.length,
      periods,
      actorId: ctx.actor?.userId ?? null,
    });
    await tx.update(indicators).set({ updatedAt: sql`now()` }).where(eq(indicators.code, indicator.code));
    await audit(tx, ctx, {
      action: 'ops_indicator.import',
      targetType: 'ops_indicator',
      targetId: indicator.code,
      summary: {
        importId,
        fileName: storableText(input.fileName, 200),
        rows: rows.length,
        periods,
        refusedRows: errors.length,
      },
    });
    await emit(tx, {
      type: 'operations.indicator.imported',
      aggregateType: 'ops_indicator',
      aggregateId: indicator.code,
      payload: { code: indicator.code, periods },
      audience: ALERT_AUDIENCE,
    });
  });
  return { importId, imported: rows.length, periods, errors };
}
