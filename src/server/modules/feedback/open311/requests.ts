// GET requests: the spec's filters (service_request_id, service_code, start_date, end_date, status),
// its default window (90 days, at most 1000), and marked extensions: page/page_size, updated_after,
// commune, notes.
import { and, asc, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../platform/db/client.ts';
import { OPEN_STATUSES, open311Status } from '../lifecycle.ts';
import { agencies, allCategories, withPredecessors } from '../reference.ts';
import { redact } from '../redact.ts';
import { fbMedia, fbReplies, fbReports, fbTimeline } from '../tables.ts';
import type { ReportRow } from '../change.ts';
import { type Open311Object, w3cDate } from './format.ts';

export interface RequestsFilter {
  ids?: string[] | undefined;
  serviceCodes?: string[] | undefined;
  start?: Date | undefined;
  end?: Date | undefined;
  statuses?: ('open' | 'closed')[] | undefined;
  updatedAfter?: Date | undefined;
  /** extension: the communes the reports were located in (as routed) */
  unitCodes?: string[] | undefined;
  page: number;
  pageSize: number;
  notes: boolean;
}

const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;

export async function findRequests(db: DbOrTx, f: RequestsFilter, now = new Date()): Promise<ReportRow[]> {
  const where: SQL[] = [];
  if (f.ids?.length) where.push(inArray(fbReports.code, f.ids));
  if (f.serviceCodes?.length) {
    const cats = (await allCategories(db)).filter((c) => f.serviceCodes!.includes(c.code));
    if (cats.length === 0) return [];
    where.push(
      inArray(
        fbReports.categoryId,
        cats.map((c) => c.id),
      ),
    );
  }
  // The spec's default: the last 90 days when no date is given (not when asking for ids).
  const start =
    f.start ?? (f.ids?.length || f.end ? undefined : new Date(now.getTime() - DEFAULT_WINDOW_DAYS * DAY_MS));
  if (start) where.push(gte(fbReports.submittedAt, start));
  if (f.end) where.push(lte(fbReports.submittedAt, f.end));
  if (f.statuses?.length === 1)
    where.push(
      f.statuses[0] === 'open'
        ? inArray(fbReports.status, [...OPEN_STATUSES])
        : sql`${fbReports.status} not in ${OPEN_STATUSES}`,
    );
  if (f.updatedAfter) where.push(gte(fbReports.updatedAt, f.updatedAfter));
  if (f.unitCodes?.length) where.push(inArray(fbReports.unitCode, await withPredecessors(db, f.unitCodes)));
  return db
    .select()
    .from(fbReports)
    .where(and(...where))
    .orderBy(desc(fbReports.submittedAt), desc(fbReports.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** A service request as the spec lists its fields; the detail of the internal status in status_notes. */
export async function toServiceRequests(
  db: DbOrTx,
  rows: ReportRow[],
  opts: { baseUrl: string; notes: boolean; lang: 'vi' | 'en'; statusLabel: (s: string) => string },
): Promise<Open311Object[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [cats, ags, answers, photos, notes] = await Promise.all([
    allCategories(db),
    agencies(db),
    db
      .select({ reportId: fbReplies.reportId, text: fbReplies.publicText, at: fbReplies.publishedAt })
      .from(fbReplies)
      .where(and(inArray(fbReplies.reportId, ids), eq(fbReplies.status, 'published')))
      .orderBy(asc(fbReplies.publishedAt)),
    db
      .select({ id: fbMedia.id, reportId: fbMedia.reportId })
      .from(fbMedia)
      .where(and(inArray(fbMedia.reportId, ids), eq(fbMedia.publicApproved, true)))
      .orderBy(asc(fbMedia.createdAt)),
    opts.notes
      ? db
          .select()
          .from(fbTimeline)
          .where(and(inArray(fbTimeline.reportId, ids), eq(fbTimeline.isPublic, true)))
          .orderBy(asc(fbTimeline.at), asc(fbTimeline.id))
      : Promise.resolve([]),
  ]);
  const category = new Map(cats.map((c) => [c.id, c]));
  const agency = new Map(ags.map((a) => [a.agency.id, a.agency]));
  return rows.map((r) => {
    const c = category.get(r.categoryId);
    const answer = answers.filter((a) => a.reportId === r.id).at(-1);
    const photo = photos.find((p) => p.reportId === r.id);
    const label = opts.statusLabel(r.status);
    const statusNotes = answer?.text
      ? `${label}: ${answer.text}`
      : r.rejectNote
        ? `${label}: ${r.rejectNote}`
        : label;
    const out: Open311Object = {
      service_request_id: r.code,
      status: open311Status(r.status),
      status_notes: statusNotes,
      service_name: c ? (opts.lang === 'en' ? c.nameEn : c.name) : null,
      service_code: c?.code ?? null,
      description: r.publicDescription,
      agency_responsible: r.agencyId ? (agency.get(r.agencyId)?.name ?? null) : null,
      service_notice: null,
      requested_datetime: w3cDate(r.submittedAt),
      updated_datetime: w3cDate(r.updatedAt),
      expected_datetime: w3cDate(r.dueAt),
      address: r.address ? redact(r.address).text : null,
      address_id: null,
      zipcode: null,
      lat: r.lat,
      long: r.lng,
      media_url: photo ? `${opts.baseUrl}/api/feedback/media/${photo.id}` : null,
    };
    if (opts.notes)
      out.notes = notes
        .filter((n) => n.reportId === r.id)
        .map((n) => ({
          datetime: w3cDate(n.at),
          status: open311Status(n.toStatus),
          detail: opts.statusLabel(n.toStatus),
          description: n.publicNote,
        }));
    return out;
  });
}
