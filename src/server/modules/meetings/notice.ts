// The conclusion notice (thông báo kết luận) as an administrative document, Decree 30/2020 layout.
import type { ItemOutcome } from '../../../contracts/meetings.ts';
import {
  type AdministrativeDocument,
  type Block,
  formatDate,
  renderDocument,
} from '../../platform/pdf/index.ts';
import type { noticeContent } from './queries.ts';

type NoticeContent = Awaited<ReturnType<typeof noticeContent>>;

const OUTCOME: Record<ItemOutcome, string> = {
  approved: 'Thống nhất thông qua',
  approved_with_changes: 'Thống nhất thông qua, có chỉnh sửa theo ý kiến tại phiên họp',
  deferred: 'Chưa xem xét, lùi sang phiên họp sau',
  returned: 'Trả lại cơ quan trình để hoàn chỉnh',
};

/** "Ủy ban nhân dân Phường Thủ Dầu Một" → "Thủ Dầu Một": the place of the date line. */
export function placeOf(agencyName: string): string {
  return agencyName
    .replace(/^Ủy ban nhân dân\s+/i, '')
    .replace(/^(Thành phố|Phường|Xã|Đặc khu)\s+/i, '')
    .trim();
}

export function noticeDocument(c: NoticeContent, agency: { name: string }): AdministrativeDocument {
  const m = c.meeting;
  const chair = c.people.find((p) => p.role === 'chair');
  const attended = c.people.filter((p) => p.checkedInAt !== null);
  const day = formatDate(m.startedAt ?? m.startsAt) ?? '';
  const body: Block[] = [
    {
      type: 'paragraph',
      indent: true,
      text: `Ngày ${day}, ${agency.name} tổ chức ${c.kind.name.toLowerCase()}: ${m.title}. Chủ trì: ${chair ? `${chair.title ? `${chair.title} ` : ''}${chair.name}` : '……'}. Dự họp: ${attended.length} đại biểu.`,
    },
    {
      type: 'paragraph',
      indent: true,
      text: `Sau khi nghe các cơ quan trình bày và ý kiến của các thành viên dự họp, ${chair?.title ?? 'Chủ trì cuộc họp'} kết luận như sau:`,
    },
  ];
  let n = 0;
  for (const item of c.items) {
    const conclusion = c.conclusions.find((x) => x.itemId === item.id);
    if (!conclusion) continue;
    n++;
    body.push({
      type: 'paragraph',
      bold: true,
      text: `${n}. ${item.title} (${item.presentingUnit} trình)`,
    });
    body.push({
      type: 'paragraph',
      indent: true,
      text: `${OUTCOME[conclusion.outcome]}. ${conclusion.text}`,
    });
    const itemTasks = c.tasks.filter((t) => t.conclusionId === conclusion.id);
    if (itemTasks.length)
      body.push({
        type: 'list',
        style: 'dash',
        items: itemTasks.map(
          (t) => `${t.responsibleName}: ${t.title}; hoàn thành trước ngày ${formatDate(t.dueAt)}.`,
        ),
      });
  }
  body.push({
    type: 'paragraph',
    indent: true,
    text: `${agency.name} thông báo để các cơ quan, đơn vị biết, thực hiện./.`,
  });
  return {
    meta: {
      subject: 'Thông báo kết luận',
      keywords: m.id,
      creationDate: (m.noticeIssuedAt ?? m.endedAt ?? m.startsAt).toISOString(),
    },
    header: {
      authority: agency.name,
      number: m.noticeNumber ?? '',
      place: placeOf(agency.name),
      date: (m.noticeIssuedAt ?? m.endedAt ?? m.startsAt).toISOString(),
    },
    title: 'Thông báo',
    subtitle: `Kết luận của ${chair?.title ?? 'chủ trì'} tại ${c.kind.name.toLowerCase()} ngày ${day}`,
    body,
    signatures: [{ title: 'TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG', hint: '' }],
    recipients: ['Thành viên dự họp;', 'Các cơ quan, đơn vị có liên quan;', 'Lưu: VT.'],
  };
}

export async function renderNotice(c: NoticeContent, agency: { name: string }): Promise<Buffer> {
  return renderDocument(noticeDocument(c, agency));
}
