// The demo's meeting documents (first demo start, when the server seeds with its file store): the
// coming regular session has a submission (tờ trình) as a PDF, generated here with the platform's PDF
// kit and approved by the chair, and a classified report listed by its metadata, kept on paper.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { files } from '../../platform/files/index.ts';
import type { BlobStore } from '../../platform/files/store.ts';
import { type Block, renderDocument } from '../../platform/pdf/index.ts';
import { pdfPageCount } from './pdf-pages.ts';
import { documents, items, ledger, meetings, participants } from './tables.ts';

const REGULAR_TITLE = 'Phiên họp thường kỳ tháng 12 năm 2026 của Ủy ban nhân dân Thành phố';

function submission(): Promise<Buffer> {
  const articles: Block[] = Array.from({ length: 14 }, (_, i) => ({
    type: 'paragraph' as const,
    indent: true,
    text: `Điều ${i + 1}. Phân cấp cho Ủy ban nhân dân phường, xã thẩm định, phê duyệt quy hoạch chi tiết các khu vực có quy mô dưới 5 héc-ta thuộc nhóm ${i + 1}; trình tự, thủ tục, hồ sơ thực hiện theo quy định của Luật Quy hoạch đô thị và nông thôn, bảo đảm công khai, minh bạch và lấy ý kiến cộng đồng dân cư theo quy định. Sở Xây dựng hướng dẫn, kiểm tra việc thực hiện và tổng hợp báo cáo Ủy ban nhân dân Thành phố định kỳ hằng quý.`,
  }));
  return renderDocument({
    meta: { subject: 'Tờ trình', keywords: 'demo', creationDate: new Date().toISOString() },
    header: {
      authority: 'Sở Xây dựng',
      number: '215/TTr-SXD',
      place: 'Thủ Dầu Một',
      date: new Date().toISOString(),
    },
    title: 'Tờ trình',
    subtitle: 'Dự thảo Quyết định ban hành quy định phân cấp quản lý quy hoạch xây dựng',
    body: [
      {
        type: 'paragraph',
        indent: true,
        text: 'Sở Xây dựng kính trình Ủy ban nhân dân Thành phố dự thảo Quyết định ban hành quy định phân cấp quản lý quy hoạch xây dựng trên địa bàn, với các nội dung chính sau:',
      },
      ...articles,
    ],
    signatures: [{ title: 'GIÁM ĐỐC', hint: '' }],
    recipients: ['Như trên;', 'Lưu: VT, QH.'],
  });
}

export async function seedDemoDocuments(tx: Tx, blobs: BlobStore): Promise<void> {
  const [meeting] = await tx.select().from(meetings).where(eq(meetings.title, REGULAR_TITLE));
  if (!meeting) return;
  const [already] = await tx
    .select({ id: documents.id })
    .from(documents)
    .where(eq(documents.meetingId, meeting.id));
  if (already) return;
  const agenda = await tx
    .select()
    .from(items)
    .where(eq(items.meetingId, meeting.id))
    .orderBy(asc(items.position));
  const [chair] = await tx
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, meeting.id), eq(participants.role, 'chair')));
  const recipients = (
    await tx.select().from(participants).where(eq(participants.meetingId, meeting.id))
  ).filter((p) => p.role !== 'secretary').length;
  const pdf = await submission();
  const blob = await blobs.put(Readable.from([pdf]), pdf.length + 1);
  const pages = pdfPageCount(pdf) ?? 1;
  const now = new Date();
  const docId = randomUUID();
  const [file] = await tx
    .insert(files)
    .values({
      sha256: blob.sha256,
      size: blob.size,
      mime: 'application/pdf',
      name: 'to-trinh-215-TTr-SXD.pdf',
      ownerId: meeting.createdBy,
      agencyId: meeting.agencyId,
      resourceType: 'meeting_document',
      resourceId: docId,
    })
    .returning();
  const secretId = randomUUID();
  await tx.insert(documents).values([
    {
      id: docId,
      meetingId: meeting.id,
      itemId: agenda[1]!.id,
      title: 'Tờ trình số 215/TTr-SXD về phân cấp quản lý quy hoạch xây dựng',
      fileId: file!.id,
      pageCount: pages,
      approvedAt: now,
      approvedBy: chair?.userId ?? null,
      publishedAt: now,
      uploadedBy: meeting.createdBy,
    },
    {
      id: secretId,
      meetingId: meeting.id,
      itemId: agenda[0]!.id,
      title: 'Báo cáo tình hình an ninh, trật tự (Mật)',
      fileId: null,
      classified: true,
      pageCount: 6,
      paperCopies: 10,
      approvedAt: now,
      approvedBy: chair?.userId ?? null,
      publishedAt: now,
      uploadedBy: meeting.createdBy,
    },
  ]);
  await tx.insert(ledger).values([
    {
      meetingId: meeting.id,
      kind: 'document.published',
      itemId: agenda[1]!.id,
      data: { documentId: docId, pages, recipients, electronicRecipients: recipients, demo: true },
    },
    {
      meetingId: meeting.id,
      kind: 'paper.exception',
      itemId: agenda[0]!.id,
      data: { documentId: secretId, reason: 'classified', pages: 6, copies: 10, demo: true },
    },
  ]);
}
