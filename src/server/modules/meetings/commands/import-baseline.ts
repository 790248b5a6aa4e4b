import { randomUUID } from 'node:crypto';
import type { BaselineImportBody } from '../../../../contracts/meetings.ts';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { parseCsv } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { getAgency } from '../../identity/index.ts';
import { isSecretariat, MANAGE } from '../policy.ts';
import { baselines, meetingKinds } from '../tables.ts';

const COLUMNS = ['date', 'kind', 'start', 'end', 'items', 'attendees', 'pages_printed'] as const;
type Column = (typeof COLUMNS)[number];

/** "25/12/2025" or "2025-12-25" → "2025-12-25"; null when it is not a real date. */
function isoDate(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = text.includes('/') ? [m[3]!, m[2]!, m[1]!] : [m[1]!, m[2]!, m[3]!];
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}
const TIME = /^([01]?\d|2[0-3])[:h]([0-5]\d)$/;
const count = (text: string, max: number) =>
  /^\d{1,6}$/.test(text) && Number(text) <= max ? Number(text) : null;

/**
 * The secretariat imports a baseline of past meetings of its agency from CSV. Every line is checked
 * first; any bad cell refuses the whole file, naming each line and column, and nothing is written.
 * A meeting already imported (same agency, kind and start) is skipped, so a file may be imported again.
 * The provenance — the source given, the line, who and when — stays on every row.
 */
export async function importBaseline(db: Db, ctx: ActionContext, input: BaselineImportBody) {
  return db.transaction(async (tx) => {
    const agency = await getAgency(tx, input.agencyId);
    if (!agency) throw new AppError('validation', {}, [{ field: 'body.agencyId', key: 'field.not_found' }]);
    if (!ctx.actor) throw new AppError('unauthenticated');
    if (!isSecretariat(ctx.actor, { agencyPath: agency.path })) throw new AppError('forbidden');
    const kinds = new Map((await tx.select().from(meetingKinds)).map((k) => [k.code, k]));
    const [header, ...lines] = parseCsv(input.csv);
    const names = (header?.cells ?? []).map((c) => c.trim().toLowerCase());
    const missing = COLUMNS.filter((c) => !names.includes(c));
    if (missing.length)
      throw new AppError('validation', {}, [
        { field: 'body.csv', key: 'field.baseline_header', params: { columns: missing.join(', ') } },
      ]);
    if (lines.length === 0)
      throw new AppError('validation', {}, [{ field: 'body.csv', key: 'field.baseline_empty' }]);
    const problems: FieldProblem[] = [];
    const rows = [];
    const importId = randomUUID();
    for (const { line, cells } of lines) {
      const cell = (c: Column) => (cells[names.indexOf(c)] ?? '').trim();
      const bad = (column: Column) =>
        problems.push({
          field: 'body.csv',
          key: 'field.baseline_cell',
          params: { line, column, value: cell(column) },
        });
      const date = isoDate(cell('date'));
      const kind = kinds.get(cell('kind'));
      const start = TIME.exec(cell('start'));
      const end = TIME.exec(cell('end'));
      const items = count(cell('items'), 500);
      const attendees = count(cell('attendees'), 10_000);
      const pages = count(cell('pages_printed'), 10_000_000);
      if (!date) bad('date');
      if (!kind) bad('kind');
      if (!start) bad('start');
      if (!end) bad('end');
      if (items === null) bad('items');
      if (attendees === null) bad('attendees');
      if (pages === null) bad('pages_printed');
      if (!date || !kind || !start || !end || items === null || attendees === null || pages === null)
        continue;
      const at = (m: RegExpExecArray) => new Date(`${date}T${m[1]!.padStart(2, '0')}:${m[2]}:00+07:00`);
      const startedAt = at(start);
      const endedAt = at(end);
      if (endedAt <= startedAt) {
        bad('end');
        continue;
      }
      rows.push({
        kindId: kind.id,
        agencyId: agency.id,
        agencyPath: agency.path,
        startedAt,
        endedAt,
        items,
        attendees,
        pagesPrinted: pages,
        source: input.source,
        line,
        importId,
        importedBy: ctx.actor.userId,
      });
    }
    if (problems.length) throw new AppError('validation', {}, problems.slice(0, 50));
    const written = await tx
      .insert(baselines)
      .values(rows)
      .onConflictDoNothing()
      .returning({ id: baselines.id });
    await audit(tx, ctx, {
      action: 'meeting.baseline_import',
      targetType: 'meeting_baseline',
      targetId: importId,
      agencyId: agency.id,
      summary: { source: input.source, rows: rows.length, imported: written.length },
    });
    await emit(tx, {
      type: 'meeting.baseline_imported',
      aggregateType: 'meeting_baseline',
      aggregateId: importId,
      payload: { importId, rows: rows.length, imported: written.length },
      audience: { agencyPaths: [agency.path], permission: MANAGE },
    });
    return { importId, rows: rows.length, imported: written.length, skipped: rows.length - written.length };
  });
}
