// Reports taken by another system (a former hotline's software, a district portal), imported by an
// operator from a CSV file. Every row is checked first; one bad row refuses the whole file with an
// error per row naming the line and the column, and nothing is written. A row whose source reference
// was imported before is skipped, so the same file can be sent again. Imported reports wait for triage
// with their original submission time, located on the unit version in force on that day.
import { inArray } from 'drizzle-orm';
import { audit } from '../../../platform/audit/index.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { parseCsv } from '../../../platform/csv.ts';
import type { Db } from '../../../platform/db/client.ts';
import { AppError, type FieldProblem } from '../../../platform/errors.ts';
import { emit } from '../../../platform/events/index.ts';
import { publicEventPayload } from '../change.ts';
import { hashSecret, newSecret, trackingCode } from '../codes.ts';
import { unitAt } from '../geography.ts';
import { isOperator } from '../policy.ts';
import { redact } from '../redact.ts';
import { allCategories, communeShapes } from '../reference.ts';
import { fbFollowers, fbReports, fbTimeline, type ReportChannel } from '../tables.ts';
import { localDate } from './submit-report.ts';

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** errors listed at most; the message says how many more there were */
const MAX_LISTED = 100;

/** The columns, by their Vietnamese name (the template's) and the English alias accepted too. */
const COLUMNS = {
  ma_nguon: 'source_ref',
  thoi_diem: 'submitted_at',
  linh_vuc: 'category',
  noi_dung: 'description',
  vi_do: 'lat',
  kinh_do: 'lng',
  dia_chi: 'address',
  kenh: 'channel',
  ho_ten: 'name',
  dien_thoai: 'phone',
  email: 'email',
} as const;
type Column = keyof typeof COLUMNS;
const REQUIRED: Column[] = ['ma_nguon', 'thoi_diem', 'linh_vuc', 'noi_dung', 'vi_do', 'kinh_do'];
const CHANNELS: Record<string, ReportChannel> = {
  '': 'import',
  import: 'import',
  hotline: 'hotline',
  'duong-day-nong': 'hotline',
  zalo: 'zalo',
  social: 'social',
  'mang-xa-hoi': 'social',
};

/** "08/12/2026 14:30" (local time) or an ISO 8601 instant with its offset. */
export function parseWhen(v: string): Date | null {
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(v);
  if (vn) {
    const [, d, m, y, hh = '0', mm = '0'] = vn;
    const at = new Date(Date.UTC(+y!, +m! - 1, +d!, +hh - 7, +mm));
    // 31/02 rolls over in Date: refuse it instead.
    const back = new Date(at.getTime() + 7 * 3_600_000);
    if (back.getUTCDate() !== +d! || back.getUTCMonth() !== +m! - 1 || +hh > 23) return null;
    return at;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    const at = new Date(v);
    return Number.isNaN(at.getTime()) ? null : at;
  }
  return null;
}

interface Row {
  line: number;
  ref: string;
  at: Date;
  categoryId: string;
  description: string;
  lat: number;
  lng: number;
  unitCode: string;
  unitValidFrom: string;
  address: string | null;
  channel: ReportChannel;
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface ImportResult {
  /** rows in the file */
  rows: number;
  imported: number;
  /** rows whose source reference was imported before */
  skipped: number;
  /** the new reports' codes, in the file's order */
  codes: string[];
  dryRun: boolean;
}

const problem = (
  line: number,
  column: string,
  key: string,
  params: Record<string, unknown> = {},
): FieldProblem => ({
  field: `body.file.${line}.${column}`,
  key: `feedback.import.${key}`,
  params: { row: line, column, ...params },
});

export async function importReports(
  db: Db,
  ctx: ActionContext,
  provinceCode: string,
  csv: string,
  opts: { dryRun?: boolean; fileName?: string } = {},
): Promise<ImportResult> {
  if (!isOperator(ctx.actor)) throw new AppError('forbidden');
  const [header, ...data] = parseCsv(csv);
  if (!header || data.length === 0)
    throw new AppError('validation', {}, [{ field: 'body.file', key: 'feedback.import.empty' }]);
  if (data.length > MAX_IMPORT_ROWS)
    throw new AppError('validation', {}, [
      { field: 'body.file', key: 'feedback.import.too_many', params: { max: MAX_IMPORT_ROWS } },
    ]);
  // Which cell holds which column: the Vietnamese name or the English alias, any case.
  const index = new Map<Column, number>();
  header.cells.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    for (const [vi, en] of Object.entries(COLUMNS) as [Column, string][])
      if (name === vi || name === en) index.set(vi, i);
  });
  const missing = REQUIRED.filter((c) => !index.has(c));
  if (missing.length)
    throw new AppError(
      'validation',
      {},
      missing.map((c) => ({
        field: `body.file.${c}`,
        key: 'feedback.import.no_column',
        params: { column: c },
      })),
    );

  const categories = new Map((await allCategories(db)).filter((c) => c.active).map((c) => [c.code, c]));
  const errors: FieldProblem[] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  const now = new Date();
  for (const { line, cells } of data) {
    const cell = (c: Column) => (index.has(c) ? (cells[index.get(c)!] ?? '').trim() : '');
    const before = errors.length;
    if (cells.length !== header.cells.length)
      errors.push(problem(line, '', 'cells', { count: cells.length, expected: header.cells.length }));
    for (const c of REQUIRED) if (!cell(c)) errors.push(problem(line, c, 'required'));
    if (errors.length > before) continue;
    const ref = cell('ma_nguon');
    if (ref.length > 100) errors.push(problem(line, 'ma_nguon', 'too_long', { max: 100 }));
    const first = seen.get(ref);
    if (first !== undefined) errors.push(problem(line, 'ma_nguon', 'repeated', { value: ref, first }));
    seen.set(ref, line);
    const at = parseWhen(cell('thoi_diem'));
    if (!at || at > now) errors.push(problem(line, 'thoi_diem', 'when', { value: cell('thoi_diem') }));
    const category = categories.get(cell('linh_vuc'));
    if (!category) errors.push(problem(line, 'linh_vuc', 'category', { value: cell('linh_vuc') }));
    const description = cell('noi_dung');
    if (description.length < 10 || description.length > 4000)
      errors.push(problem(line, 'noi_dung', 'length', { min: 10, max: 4000 }));
    const lat = Number(cell('vi_do').replace(',', '.'));
    const lng = Number(cell('kinh_do').replace(',', '.'));
    if (!Number.isFinite(lat) || lat < -90 || lat > 90)
      errors.push(problem(line, 'vi_do', 'number', { value: cell('vi_do') }));
    if (!Number.isFinite(lng) || lng < -180 || lng > 180)
      errors.push(problem(line, 'kinh_do', 'number', { value: cell('kinh_do') }));
    const channel = CHANNELS[cell('kenh').toLowerCase()];
    if (!channel) errors.push(problem(line, 'kenh', 'channel', { value: cell('kenh') }));
    const phone = cell('dien_thoai');
    if (phone && !/^\+?[0-9 .-]{8,15}$/.test(phone))
      errors.push(problem(line, 'dien_thoai', 'phone', { value: phone }));
    const email = cell('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.push(problem(line, 'email', 'email', { value: email }));
    const address = cell('dia_chi');
    if (address.length > 300) errors.push(problem(line, 'dia_chi', 'too_long', { max: 300 }));
    if (errors.length > before || !at || !category || !channel) continue;
    // The commune of the point on the day it was reported.
    const unit = unitAt(await communeShapes(db, provinceCode, localDate(at)), lng, lat);
    if (!unit) {
      errors.push(problem(line, 'vi_do', 'outside', { lat, lng }));
      continue;
    }
    rows.push({
      line,
      ref,
      at,
      categoryId: category.id,
      description,
      lat,
      lng,
      unitCode: unit.code,
      unitValidFrom: unit.validFrom,
      address: address || null,
      channel,
      name: cell('ho_ten').slice(0, 100) || null,
      phone: phone || null,
      email: email || null,
    });
  }
  if (errors.length) {
    const listed = errors.slice(0, MAX_LISTED);
    throw new AppError('validation', { more: errors.length - listed.length }, listed);
  }

  return db.transaction(async (tx) => {
    const refs = rows.map((r) => r.ref);
    const known = new Set<string>();
    for (let i = 0; i < refs.length; i += 1000) {
      const found = await tx
        .select({ ref: fbReports.externalRef })
        .from(fbReports)
        .where(
          inArray(
            fbReports.externalRef,
            refs.slice(i, i + 1000).map((r) => `import:${r}`),
          ),
        );
      for (const f of found) known.add(f.ref!);
    }
    const fresh = rows.filter((r) => !known.has(`import:${r.ref}`));
    const result: ImportResult = {
      rows: data.length,
      imported: fresh.length,
      skipped: rows.length - fresh.length,
      codes: [],
      dryRun: !!opts.dryRun,
    };
    if (opts.dryRun || fresh.length === 0) return result;
    for (let i = 0; i < fresh.length; i += 500) {
      const chunk = fresh.slice(i, i + 500);
      const inserted = await tx
        .insert(fbReports)
        .values(
          chunk.map((r) => ({
            code: trackingCode(r.at),
            token: newSecret(),
            categoryId: r.categoryId,
            status: 'submitted' as const,
            channel: r.channel,
            description: r.description,
            publicDescription: redact(r.description).text,
            address: r.address,
            lat: r.lat,
            lng: r.lng,
            unitCode: r.unitCode,
            unitValidFrom: r.unitValidFrom,
            submittedAt: r.at,
            updatedAt: now,
            externalRef: `import:${r.ref}`,
          })),
        )
        .returning();
      await tx.insert(fbFollowers).values(
        inserted.map((rep, j) => ({
          reportId: rep.id,
          isReporter: true,
          name: chunk[j]!.name,
          phone: chunk[j]!.phone,
          email: chunk[j]!.email,
          // Nobody holds this link: an imported reporter hears of the report by its notices.
          secretHash: hashSecret(newSecret()),
          joinedAt: chunk[j]!.at,
        })),
      );
      await tx.insert(fbTimeline).values(
        inserted.map((rep) => ({
          reportId: rep.id,
          at: rep.submittedAt,
          action: 'submit',
          toStatus: 'submitted' as const,
          actorUserId: ctx.actor?.userId ?? null,
          isPublic: true,
        })),
      );
      for (const rep of inserted)
        await emit(tx, {
          type: 'feedback.submitted',
          aggregateType: 'feedback_report',
          aggregateId: rep.id,
          payload: publicEventPayload(rep, { channel: rep.channel }),
          audience: { public: true },
        });
      result.codes.push(...inserted.map((r) => r.code));
    }
    await audit(tx, ctx, {
      action: 'feedback.import',
      targetType: 'feedback_report',
      summary: {
        file: opts.fileName ?? null,
        rows: result.rows,
        imported: result.imported,
        skipped: result.skipped,
        first: result.codes[0] ?? null,
      },
    });
    return result;
  });
}
