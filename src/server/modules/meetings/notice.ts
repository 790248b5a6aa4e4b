// The conclusion notice (thông báo kết luận) as an administrative document, Decree 30/2020 layout.
// An official paper: always in Vietnamese, its wording in src/locales/vi/meetings.json ("notice.*").
import { t as translate } from '../../platform/i18n/index.ts';
import {
  type AdministrativeDocument,
  type Block,
  formatDate,
  renderDocument,
} from '../../platform/pdf/index.ts';
import type { noticeContent } from './queries.ts';

type NoticeContent = Awaited<ReturnType<typeof noticeContent>>;

const t = (key: string, params?: Record<string, unknown>) =>
  translate('vi', `meetings:notice.${key}`, params);

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
      text: t('opening', {
        day,
        agency: agency.name,
        kind: c.kind.name.toLowerCase(),
        title: m.title,
        chair: chair ? `${chair.title ? `${chair.title} ` : ''}${chair.name}` : '……',
        n: attended.length,
      }),
    },
    {
      type: 'paragraph',
      indent: true,
      text: t('concludes', { chair: chair?.title ?? t('chair_fallback') }),
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
      text: t('item', { n, title: item.title, unit: item.presentingUnit }),
    });
    body.push({
      type: 'paragraph',
      indent: true,
      text: `${t(`outcome.${conclusion.outcome}`)}. ${conclusion.text}`,
    });
    const itemTasks = c.tasks.filter((x) => x.conclusionId === conclusion.id);
    if (itemTasks.length)
      body.push({
        type: 'list',
        style: 'dash',
        items: itemTasks.map((x) =>
          t('task', { agency: x.responsibleName, title: x.title, due: formatDate(x.dueAt) }),
        ),
      });
  }
  body.push({
    type: 'paragraph',
    indent: true,
    text: t('closing', { agency: agency.name }),
  });
  return {
    meta: {
      subject: t('subject'),
      keywords: m.id,
      creationDate: (m.noticeIssuedAt ?? m.endedAt ?? m.startsAt).toISOString(),
    },
    header: {
      authority: agency.name,
      number: m.noticeNumber ?? '',
      place: placeOf(agency.name),
      date: (m.noticeIssuedAt ?? m.endedAt ?? m.startsAt).toISOString(),
    },
    title: t('title'),
    subtitle: t('subtitle', {
      chair: chair?.title ?? t('chair_short'),
      kind: c.kind.name.toLowerCase(),
      day,
    }),
    body,
    signatures: [{ title: t('signature'), hint: '' }],
    recipients: t('recipients').split('\n'),
  };
}

export async function renderNotice(c: NoticeContent, agency: { name: string }): Promise<Buffer> {
  return renderDocument(noticeDocument(c, agency));
}
