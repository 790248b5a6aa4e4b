import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { addressee, header, headSignature } from './parts.js';

/**
 * Mẫu số 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết.
 *
 * Confirmed: the form's name (it replaces 2018's "Phiếu xin lỗi và hẹn lại ngày trả kết quả").
 * Not confirmed against the 2025 text: the body, which keeps the 2018 letter's sentences (the
 * receipt date, the missed due date, "Lý do", "Sự chậm trễ này đã gây phiền hà…") and states the
 * extension asked for; the recipients block is the Decree 30 default.
 */
export const apologyTemplate: DocumentTemplate = {
  meta: { subject: 'Mẫu số 04 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header,
  title: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết',
  body: [
    ...addressee,
    {
      type: 'paragraph',
      indent: true,
      text: 'Ngày {{dossier.receivedAt | date}}, {{agency.name}} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục {{dossier.procedureName}}, mã hồ sơ {{dossier.code}}. Thời hạn trả kết quả theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả là {{dossier.dueAt | datetime}}.',
    },
    {
      type: 'paragraph',
      indent: true,
      text: 'Tuy nhiên, đến nay {{agency.name}} chưa giải quyết xong hồ sơ của Ông/Bà. Lý do: {{reason}}',
    },
    {
      type: 'paragraph',
      indent: true,
      text: [
        {
          text: 'Sự chậm trễ này đã gây phiền hà cho Ông/Bà. {{agency.name}} trân trọng xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ đến ',
        },
        { text: '{{newDueAt | datetime}}', bold: true },
        { text: '.' },
      ],
    },
    { type: 'paragraph', indent: true, text: 'Xin trân trọng cảm ơn./.' },
  ],
  signatures: [headSignature],
  recipients: ['Như trên;', { text: '{{oneStopDesk}};', if: 'oneStopDesk' }, 'Lưu: VT.'],
};
