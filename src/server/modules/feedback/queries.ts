// Reads for the public pages, the operators' queue, the agencies' inbox and the private detail.
import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Principal } from '../../platform/access.ts';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import { distanceM, boxAround } from './geography.ts';
import { OPEN_STATUSES, type ReportStatus, WITH_AGENCY } from './lifecycle.ts';
import { handlesAgency, isOperator, leadsAgency, mayReadPrivate, PERMISSIONS } from './policy.ts';
import { agencies, allCategories, categoryByCode, withPredecessors } from './reference.ts';
import { fbFollowers, fbMedia, fbReplies, fbReports, fbTimeline } from './tables.ts';
import type { ReportRow } from './change.ts';

async function names(db: DbOrTx) {
  const [cats, ags] = await Promise.all([allCategories(db), agencies(db)]);
  return {
    category: new Map(cats.map((c) => [c.id, c])),
    agency: new Map(ags.map((a) => [a.agency.id, a.agency])),
    unitName: new Map(
      ags.filter((a) => a.agency.kind === 'peoples_committee').map((a) => [a.agency.unitCode, a.unitName]),
    ),
  };
}

/** What anyone may see of a report: no contact, no original description, only approved photos. */
export async function publicSummaries(db: DbOrTx, rows: ReportRow[]) {
  const n = await names(db);
  return rows.map((r) => {
    const c = n.category.get(r.categoryId);
    return {
      code: r.code,
      status: r.status,
      urgent: r.urgent,
      categoryCode: c?.code ?? '',
      categoryName: c?.name ?? '',
      categoryNameEn: c?.nameEn ?? '',
      description: r.publicDescription,
      lat: r.lat,
      lng: r.lng,
      unitCode: r.unitCode,
      unitName: n.unitName.get(r.unitCode) ?? r.unitCode,
      agencyName: r.agencyId ? (n.agency.get(r.agencyId)?.name ?? null) : null,
      submittedAt: r.submittedAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      dueAt: r.dueAt?.toISOString() ?? null,
      extensionReason: r.extensionReason,
      rejectReason: r.rejectReason,
      followerCount: r.followerCount,
    };
  });
}
export type PublicReportSummary = Awaited<ReturnType<typeof publicSummaries>>[number];

export async function reportByCode(db: DbOrTx, code: string): Promise<ReportRow> {
  const [r] = await db.select().from(fbReports).where(eq(fbReports.code, code));
  if (!r) throw new AppError('not_found');
  return r;
}

/** The public page of a report: summary, the published answer, approved photos, the public timeline. */
export async function publicReport(db: DbOrTx, code: string) {
  const r = await reportByCode(db, code);
  const [summary] = await publicSummaries(db, [r]);
  const [timeline, replies, media, merged] = await Promise.all([
    db
      .select()
      .from(fbTimeline)
      .where(and(eq(fbTimeline.reportId, r.id), eq(fbTimeline.isPublic, true)))
      .orderBy(asc(fbTimeline.at), asc(fbTimeline.id)),
    db
      .select()
      .from(fbReplies)
      .where(and(eq(fbReplies.reportId, r.id), eq(fbReplies.status, 'published')))
      .orderBy(asc(fbReplies.publishedAt)),
    db
      .select({
        id: fbMedia.id,
        replyId: fbMedia.replyId,
        mime: fbMedia.mime,
        width: fbMedia.width,
        height: fbMedia.height,
      })
      .from(fbMedia)
      .where(and(eq(fbMedia.reportId, r.id), eq(fbMedia.publicApproved, true))),
    r.mergedIntoId
      ? db.select({ code: fbReports.code }).from(fbReports).where(eq(fbReports.id, r.mergedIntoId))
      : Promise.resolve([]),
  ]);
  return {
    ...summary!,
    mergedInto: merged[0]?.code ?? null,
    followUpAsked: r.status === 'closed' && r.followUpAskedAt !== null,
    answers: replies.map((a) => ({
      text: a.publicText ?? '',
      publishedAt: a.publishedAt?.toISOString() ?? null,
    })),
    photos: media.map((m) => ({
      id: m.id,
      fromAgency: m.replyId !== null,
      video: m.mime.startsWith('video/'),
      width: m.width,
      height: m.height,
    })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      action: t.action,
      status: t.toStatus,
      note: t.publicNote,
    })),
  };
}

export interface PublicFilter {
  unitCode?: string | undefined;
  categoryCode?: string | undefined;
  status?: ReportStatus | 'open' | 'closed' | undefined;
  limit: number;
  offset: number;
}

async function publicWhere(db: DbOrTx, f: Omit<PublicFilter, 'limit' | 'offset'>): Promise<SQL | undefined> {
  const where: SQL[] = [];
  // Today's commune: its reports and those routed under a unit that became it since.
  if (f.unitCode) where.push(inArray(fbReports.unitCode, await withPredecessors(db, [f.unitCode])));
  if (f.categoryCode)
    where.push(eq(fbReports.categoryId, (await categoryByCode(db, f.categoryCode, 'query.category')).id));
  if (f.status === 'open') where.push(inArray(fbReports.status, [...OPEN_STATUSES]));
  else if (f.status === 'closed') where.push(sql`${fbReports.status} not in ${OPEN_STATUSES}`);
  else if (f.status) where.push(eq(fbReports.status, f.status));
  return and(...where);
}

export async function publicList(db: DbOrTx, f: PublicFilter) {
  const where = await publicWhere(db, f);
  const rows = await db
    .select()
    .from(fbReports)
    .where(where)
    .orderBy(desc(fbReports.submittedAt))
    .limit(f.limit)
    .offset(f.offset);
  return { items: await publicSummaries(db, rows) };
}

/**
 * Points of the public map for a view, clustered on the server in a grid of `cells` × `cells`: a cell
 * with one report gives the report, others a count at their mean position.
 */
export async function mapPoints(
  db: DbOrTx,
  view: { minLat: number; maxLat: number; minLng: number; maxLng: number; cells: number },
  f: Omit<PublicFilter, 'limit' | 'offset'>,
) {
  const cellLat = (view.maxLat - view.minLat) / view.cells;
  const cellLng = (view.maxLng - view.minLng) / view.cells;
  const where = and(
    await publicWhere(db, f),
    gte(fbReports.lat, view.minLat),
    lte(fbReports.lat, view.maxLat),
    gte(fbReports.lng, view.minLng),
    lte(fbReports.lng, view.maxLng),
  );
  const rows = await db
    .select({
      n: sql<number>`count(*)::int`,
      lat: sql<number>`avg(${fbReports.lat})::float8`,
      lng: sql<number>`avg(${fbReports.lng})::float8`,
      code: sql<string | null>`case when count(*) = 1 then min(${fbReports.code}) end`,
      status: sql<string | null>`case when count(*) = 1 then min(${fbReports.status}) end`,
    })
    .from(fbReports)
    .where(where)
    .groupBy(
      sql`floor((${fbReports.lat} - ${view.minLat}) / ${cellLat})`,
      sql`floor((${fbReports.lng} - ${view.minLng}) / ${cellLng})`,
    );
  return { points: rows.map((r) => ({ n: r.n, lat: r.lat, lng: r.lng, code: r.code, status: r.status })) };
}

/** Open reports of the category near the point, nearest first, for "this is my problem too". */
export async function nearbyOpen(db: DbOrTx, categoryCode: string, lat: number, lng: number) {
  const category = await categoryByCode(db, categoryCode, 'query.category');
  if (category.duplicateRadiusM <= 0) return { radiusM: 0, items: [] };
  const box = boxAround(lat, lng, category.duplicateRadiusM);
  const rows = await db
    .select()
    .from(fbReports)
    .where(
      and(
        eq(fbReports.categoryId, category.id),
        gte(fbReports.lat, box.minLat),
        lte(fbReports.lat, box.maxLat),
        gte(fbReports.lng, box.minLng),
        lte(fbReports.lng, box.maxLng),
        inArray(fbReports.status, [...OPEN_STATUSES]),
        isNull(fbReports.mergedIntoId),
      ),
    )
    .limit(50);
  const near = rows
    .map((r) => ({ r, d: distanceM(lat, lng, r.lat, r.lng) }))
    .filter((x) => x.d <= category.duplicateRadiusM)
    .sort((a, b) => a.d - b.d)
    .slice(0, 5);
  const summaries = await publicSummaries(
    db,
    near.map((x) => x.r),
  );
  return {
    radiusM: category.duplicateRadiusM,
    items: summaries.map((s, i) => ({ ...s, distanceM: Math.round(near[i]!.d) })),
  };
}

/** The operators' queue: waiting for triage (or back from an agency) and answers to review; urgent and oldest first. */
export async function operatorQueue(db: DbOrTx, p: Principal | null, stage: 'triage' | 'review') {
  if (!isOperator(p)) throw new AppError('forbidden');
  const statuses: ReportStatus[] = stage === 'triage' ? ['submitted', 'returned'] : ['answered'];
  const rows = await db
    .select()
    .from(fbReports)
    .where(inArray(fbReports.status, statuses))
    .orderBy(desc(fbReports.urgent), asc(fbReports.submittedAt))
    .limit(200);
  return { items: await publicSummaries(db, rows) };
}

/** The agency's inbox: reports it holds (its subtree), the nearest deadline first. */
export async function agencyInbox(db: DbOrTx, p: Principal | null) {
  const paths = (p?.memberships ?? [])
    .filter((m) => m.permissions.includes(PERMISSIONS.handle) || m.permissions.includes(PERMISSIONS.lead))
    .map((m) => m.agencyPath);
  if (paths.length === 0) throw new AppError('forbidden');
  const rows = await db
    .select()
    .from(fbReports)
    .where(
      and(
        inArray(fbReports.status, [...WITH_AGENCY]),
        or(...paths.map((path) => sql`${fbReports.agencyPath} like ${`${path}%`}`)),
      ),
    )
    .orderBy(asc(fbReports.dueAt))
    .limit(200);
  return { items: await publicSummaries(db, rows) };
}

/**
 * The handling side's view: the original description, contacts (unless the reporter is hidden from
 * the agency and the reader is not an operator), every photo, replies and the whole timeline.
 */
export async function privateReport(db: DbOrTx, p: Principal | null, code: string) {
  const r = await reportByCode(db, code);
  if (!mayReadPrivate(p, r.agencyPath)) throw new AppError('not_found');
  const operator = isOperator(p);
  const [base] = await publicSummaries(db, [r]);
  const [followers, media, replies, timeline] = await Promise.all([
    db.select().from(fbFollowers).where(eq(fbFollowers.reportId, r.id)).orderBy(asc(fbFollowers.joinedAt)),
    db.select().from(fbMedia).where(eq(fbMedia.reportId, r.id)),
    db.select().from(fbReplies).where(eq(fbReplies.reportId, r.id)).orderBy(asc(fbReplies.createdAt)),
    db
      .select()
      .from(fbTimeline)
      .where(eq(fbTimeline.reportId, r.id))
      .orderBy(asc(fbTimeline.at), asc(fbTimeline.id)),
  ]);
  const showContacts = operator || !r.hiddenFromAgency;
  return {
    ...base!,
    id: r.id,
    originalDescription: r.description,
    address: r.address,
    channel: r.channel,
    unitValidFrom: r.unitValidFrom,
    reopenCount: r.reopenCount,
    canTriage: operator,
    canHandle: handlesAgency(p, r.agencyPath),
    canLead: leadsAgency(p, r.agencyPath),
    contacts: showContacts
      ? followers.map((f) => ({ isReporter: f.isReporter, name: f.name, phone: f.phone, email: f.email }))
      : [],
    contactsHidden: !showContacts,
    photos: media.map((m) => ({
      id: m.id,
      fromAgency: m.replyId !== null,
      video: m.mime.startsWith('video/'),
      publicApproved: m.publicApproved,
    })),
    replies: replies.map((a) => ({
      id: a.id,
      text: a.text,
      publicText: a.publicText,
      status: a.status,
      createdAt: a.createdAt.toISOString(),
    })),
    timeline: timeline.map((t) => ({
      at: t.at.toISOString(),
      action: t.action,
      status: t.toStatus,
      note: t.note,
      publicNote: t.publicNote,
      isPublic: t.isPublic,
    })),
  };
}

/** Photos: approved ones are public; the rest only for the handling side. */
export async function readableMedia(db: DbOrTx, p: Principal | null, id: string) {
  const [m] = await db.select().from(fbMedia).where(eq(fbMedia.id, id));
  if (!m?.reportId) throw new AppError('not_found');
  if (m.publicApproved) return m;
  const [r] = await db
    .select({ agencyPath: fbReports.agencyPath })
    .from(fbReports)
    .where(eq(fbReports.id, m.reportId));
  if (!r || !mayReadPrivate(p, r.agencyPath)) throw new AppError('not_found');
  return m;
}

export { distanceM };
