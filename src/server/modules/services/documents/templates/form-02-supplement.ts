import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { applicantFields, dossierCode, header, receivedFrom } from './parts.js';

/**
 * Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything missing, in one request.
 *
 * Confirmed: the form's name. Not confirmed against the 2025 text: the body, which follows
 * Mẫu số 02 of Circular 01/2018/TT-VPCP ("Yêu cầu Ông/Bà hoàn thiện hồ sơ gồm những nội dung
 * sau", "Lý do", the contact line, "NGƯỜI HƯỚNG DẪN"), with the items and their reasons in one
 * table; the time-limit line is an addition for procedures that set one.
 */
export const supplementRequestTemplate: DocumentTemplate = {
  meta: { subject: 'Mẫu số 02 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header,
  title: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ',
  subtitle: dossierCode,
  body: [
    receivedFrom,
    {
      type: 'fields',
      items: [
        ...applicantFields,
        { label: 'Thời gian nhận hồ sơ', value: '{{dossier.receivedAt | datetime}}' },
      ],
    },
    {
      type: 'paragraph',
      if: 'requestedBy',
      text: [{ text: 'Người yêu cầu bổ sung: ' }, { text: '{{requestedBy.text}}', bold: true }],
    },
    { type: 'paragraph', text: 'Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' },
    {
      type: 'table',
      columns: [
        { header: 'TT', width: 0.7, align: 'center' },
        { header: 'Nội dung cần bổ sung, hoàn thiện', width: 5 },
        { header: 'Lý do', width: 4.5 },
      ],
      rows: [{ each: 'items', cells: ['{{$index}}', '{{item.name}}', '{{item.reason}}'] }],
    },
    {
      type: 'paragraph',
      if: 'supplementDeadline',
      text: [
        { text: 'Thời hạn bổ sung, hoàn thiện hồ sơ: ' },
        { text: 'trước {{supplementDeadline | datetime}}', bold: true },
        { text: '.' },
      ],
    },
    {
      type: 'paragraph',
      indent: true,
      text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ {{contact.name}}, số điện thoại {{contact.phone}} để được hướng dẫn./.',
    },
  ],
  signatures: [
    { position: 'right', title: 'Người hướng dẫn', hint: '(Ký và ghi rõ họ tên)', name: '{{officer.name}}' },
  ],
};
