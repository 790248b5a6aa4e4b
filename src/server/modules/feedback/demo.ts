// Demo reports: a few hundred across the 36 former Bình Dương units, in every status, so the map, the
// queues and the figures are alive on first start. Deterministic (seeded), written in a few statements.
import { Readable } from 'node:stream';
import { and, isNull, sql } from 'drizzle-orm';
import sharp from 'sharp';
import type { DbOrTx, Tx } from '../../platform/db/client.ts';
import type { BlobStore } from '../../platform/files/store.ts';
import { loadCalendar } from '../services/index.ts';
import { hashSecret } from './codes.ts';
import { dueDateFor } from './deadline.ts';
import { unitAt } from './geography.ts';
import type { ReportStatus } from './lifecycle.ts';
import { redact } from './redact.ts';
import { agencies, allCategories, communeShapes, forgetFeedbackReference } from './reference.ts';
import { proposeAgency } from './routing.ts';
import { fbFollowers, fbMedia, fbReplies, fbReports, fbTimeline } from './tables.ts';

export const DEMO_REPORTS = 360;
const DAY_MS = 86_400_000;

function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TEXTS: Record<string, string[]> = {
  'duong-via-he': ['Ổ gà lớn giữa đường, xe máy dễ té ngã', 'Vỉa hè bị sụt lún, gạch bong tróc nhiều chỗ'],
  'chieu-sang': ['Đèn đường không sáng nhiều đêm liền', 'Cụm đèn chiếu sáng sáng cả ban ngày'],
  'thoat-nuoc-ngap': ['Mưa xong nước ngập sâu, cống bị nghẹt', 'Nắp cống bị mất, rất nguy hiểm'],
  'rac-thai': ['Rác tồn đọng nhiều ngày, bốc mùi', 'Có người đổ trộm xà bần ven đường'],
  'cay-xanh': ['Cây xanh nghiêng, có nguy cơ ngã đổ', 'Cành cây gãy chắn ngang lối đi'],
  'xay-dung-trai-phep': [
    'Công trình xây dựng lấn chiếm hành lang đường',
    'Nhà đang xây không thấy giấy phép',
  ],
  'trat-tu-cong-cong': ['Buôn bán lấn chiếm lòng đường giờ cao điểm', 'Quán karaoke gây ồn sau 22 giờ'],
  'moi-truong-o-nhiem': ['Nhà máy xả khói đen, mùi hắc buổi tối', 'Nước thải chảy ra kênh có màu lạ'],
  'den-tin-hieu': ['Đèn tín hiệu giao lộ không hoạt động', 'Biển báo cấm bị mất'],
  'thai-do-phuc-vu': ['Cán bộ hẹn nhiều lần nhưng không giải quyết'],
  khac: ['Bảng quảng cáo sắp rơi xuống vỉa hè'],
};

// Share of each status among demo reports (sums to 1).
const STATUS_MIX: [ReportStatus, number][] = [
  ['submitted', 0.12],
  ['routed', 0.1],
  ['in_progress', 0.16],
  ['returned', 0.03],
  ['answered', 0.06],
  ['published', 0.1],
  ['reopened', 0.04],
  ['escalated', 0.02],
  ['rejected', 0.06],
  ['merged', 0.03],
  ['closed', 0.28],
];

/** Inserts the demo reports (without photos: the blob store is not open during the seed). */
export async function seedFeedbackDemo(tx: Tx, provinceCode: string): Promise<void> {
  forgetFeedbackReference();
  const rand = mulberry32(20251207);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const cats = await allCategories(tx);
  const ags = (await agencies(tx)).map(({ agency: a }) => a);
  const shapes = (await communeShapes(tx, provinceCode, new Date().toISOString().slice(0, 10))).filter(
    (s) => /^25[7-9]\d\d$/.test(s.code) && Number(s.code) >= 25747 && Number(s.code) <= 25987,
  );
  if (shapes.length === 0 || cats.length === 0) return;
  const calendar = await loadCalendar(tx);
  const now = Date.now();
  const reports: (typeof fbReports.$inferInsert)[] = [];
  const followers: (typeof fbFollowers.$inferInsert)[] = [];
  const timeline: (typeof fbTimeline.$inferInsert)[] = [];
  const replies: (typeof fbReplies.$inferInsert)[] = [];
  for (let i = 0; i < DEMO_REPORTS; i++) {
    const shape = shapes[i % shapes.length]!;
    let lat = 0;
    let lng = 0;
    for (let k = 0; k < 50; k++) {
      lng = shape.bbox[0] + rand() * (shape.bbox[2] - shape.bbox[0]);
      lat = shape.bbox[1] + rand() * (shape.bbox[3] - shape.bbox[1]);
      if (unitAt([shape], lng, lat)) break;
    }
    const category = pick(cats);
    let x = rand();
    let status: ReportStatus = 'closed';
    for (const [s, share] of STATUS_MIX) {
      if (x < share) {
        status = s;
        break;
      }
      x -= share;
    }
    const urgent = rand() < 0.15;
    const submittedAt = new Date(now - Math.floor(rand() * 60 * DAY_MS) - 3_600_000);
    const id = crypto.randomUUID();
    const code = `PA-${new Date(submittedAt.getTime() + 7 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '')}-D${String(i).padStart(5, '0')}`;
    const text = pick(TEXTS[category.code] ?? TEXTS.khac!);
    const routed = !['submitted', 'returned', 'rejected', 'merged'].includes(status);
    const agency = routed ? proposeAgency(ags, shape.code, category).agency : null;
    const routedAt = routed ? new Date(submittedAt.getTime() + 2 * 3_600_000) : null;
    const due = routedAt ? dueDateFor(calendar, routedAt, category.deadlines, urgent) : null;
    const answeredStates: ReportStatus[] = ['answered', 'published', 'closed', 'reopened', 'escalated'];
    const publishedAt = ['published', 'closed'].includes(status)
      ? new Date(
          Math.min(now - 3_600_000, (due?.dueAt.getTime() ?? now) - (rand() < 0.85 ? DAY_MS / 4 : -DAY_MS)),
        )
      : null;
    const closedAt = ['closed', 'rejected', 'merged'].includes(status)
      ? new Date(Math.min(now, (publishedAt ?? submittedAt).getTime() + DAY_MS))
      : null;
    const updatedAt = closedAt ?? publishedAt ?? routedAt ?? submittedAt;
    reports.push({
      id,
      code,
      token: hashSecret(`${code}:token`).slice(0, 24),
      categoryId: category.id,
      status,
      urgent,
      channel: pick(['web', 'web', 'web', 'hotline', 'zalo', 'open311'] as const),
      description: `${text}. Liên hệ 09${String(10000000 + i).slice(0, 8)}`,
      publicDescription: redact(`${text}. Liên hệ 09${String(10000000 + i).slice(0, 8)}`).text,
      lat,
      lng,
      unitCode: shape.code,
      unitValidFrom: shape.validFrom,
      agencyId: agency?.id ?? null,
      agencyPath: agency?.path ?? null,
      rejectReason:
        status === 'rejected'
          ? pick(['out_of_scope', 'unverifiable', 'not_public'] as const)
          : status === 'merged'
            ? 'duplicate'
            : null,
      reopenCount: status === 'reopened' ? 1 : status === 'escalated' ? 2 : 0,
      submittedAt,
      routedAt,
      dueAt: due?.dueAt ?? null,
      dueExplanation: due?.explanation ?? null,
      publishedAt,
      closedAt,
      updatedAt,
    });
    followers.push({
      reportId: id,
      isReporter: true,
      name: `Người phản ánh ${i + 1}`,
      phone: `09${String(10000000 + i).slice(0, 8)}`,
      secretHash: hashSecret(`${id}:demo`),
      joinedAt: submittedAt,
    });
    timeline.push({ reportId: id, at: submittedAt, action: 'submit', toStatus: 'submitted', isPublic: true });
    if (routedAt)
      timeline.push({
        reportId: id,
        at: routedAt,
        action: 'route',
        fromStatus: 'submitted',
        toStatus: 'routed',
        agencyId: agency?.id ?? null,
        publicNote: agency?.name ?? null,
        isPublic: true,
      });
    if (status !== 'submitted' && status !== 'routed')
      timeline.push({
        reportId: id,
        at: updatedAt,
        action: 'demo',
        fromStatus: routed ? 'routed' : 'submitted',
        toStatus: status,
        agencyId: agency?.id ?? null,
        isPublic: true,
      });
    if (answeredStates.includes(status) && agency) {
      const answer = 'Đơn vị đã kiểm tra hiện trường và khắc phục xong.';
      replies.push({
        reportId: id,
        agencyId: agency.id,
        authorUserId: '00000000-0000-0000-0000-000000000000',
        text: answer,
        publicText: answer,
        status: status === 'answered' ? 'pending_review' : 'published',
        createdAt: new Date(updatedAt.getTime() - 3_600_000),
        publishedAt: status === 'answered' ? null : (publishedAt ?? updatedAt),
      });
    }
  }
  for (let i = 0; i < reports.length; i += 200) await tx.insert(fbReports).values(reports.slice(i, i + 200));
  for (let i = 0; i < followers.length; i += 400)
    await tx.insert(fbFollowers).values(followers.slice(i, i + 400));
  for (let i = 0; i < timeline.length; i += 400)
    await tx.insert(fbTimeline).values(timeline.slice(i, i + 400));
  for (let i = 0; i < replies.length; i += 400) await tx.insert(fbReplies).values(replies.slice(i, i + 400));
  // Merged demo reports point at an open report of the same commune.
  await tx.execute(sql`update fb_reports m set merged_into_id = (
      select o.id from fb_reports o where o.unit_code = m.unit_code and o.status = 'in_progress' limit 1)
    where m.status = 'merged'`);
}

/**
 * Photos for the demo reports, generated locally (a few distinct images, shared by content address):
 * run once after the first start's seed, when the blob store is open.
 */
export async function seedFeedbackDemoPhotos(db: DbOrTx, blobs: BlobStore): Promise<void> {
  const images: { sha256: string; size: number }[] = [];
  for (let k = 0; k < 6; k++) {
    const data = await sharp({
      create: {
        width: 480,
        height: 360,
        channels: 3,
        background: { r: 60 + k * 30, g: 120 + k * 15, b: 200 - k * 25 },
      },
    })
      .composite([
        {
          input: Buffer.from(
            `<svg width="480" height="360"><rect x="${40 + k * 30}" y="120" width="200" height="120" fill="#333"/><circle cx="360" cy="90" r="${30 + k * 5}" fill="#fc3"/></svg>`,
          ),
          top: 0,
          left: 0,
        },
      ])
      .jpeg({ quality: 70 })
      .toBuffer();
    const blob = await blobs.put(Readable.from([data]), data.length + 1);
    images.push({ sha256: blob.sha256, size: blob.size });
  }
  const rows = await db
    .select({ id: fbReports.id, status: fbReports.status })
    .from(fbReports)
    .where(and(sql`${fbReports.code} like 'PA-%-D%'`, isNull(fbReports.mergedIntoId)));
  const existing = await db.select({ id: fbMedia.id }).from(fbMedia).limit(1);
  if (existing.length) return;
  const values = rows.map((r, i) => ({
    reportId: r.id,
    sha256: images[i % images.length]!.sha256,
    mime: 'image/jpeg',
    size: images[i % images.length]!.size,
    width: 480,
    height: 360,
    secretHash: hashSecret(`${r.id}:photo`),
    publicApproved: r.status !== 'submitted',
    createdAt: new Date(),
  }));
  for (let i = 0; i < values.length; i += 400) await db.insert(fbMedia).values(values.slice(i, i + 400));
}
