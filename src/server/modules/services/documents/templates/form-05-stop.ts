import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { addressee, dossierCode, header, headSignature } from './parts.js';

/**
 * Mẫu số 05 — Thông báo dừng giải quyết hồ sơ (new in Circular 03/2025: processing stopped at
 * the applicant's request or because the dossier cannot be decided; status 8 "Dừng xử lý").
 *
 * Confirmed: the form's name and number. Not confirmed: all of the body, written in the
 * register of forms 01–04 — what was received, why it stops, the basis, where the dossier is
 * returned.
 */
export const stopNoticeTemplate: DocumentTemplate = {
  meta: { subject: 'Mẫu số 05 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header,
  title: 'Thông báo dừng giải quyết hồ sơ',
  subtitle: dossierCode,
  body: [
    ...addressee,
    {
      type: 'paragraph',
      indent: true,
      text: 'Ngày {{dossier.receivedAt | date}}, {{agency.name}} tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục {{dossier.procedureName}}, mã hồ sơ {{dossier.code}}.',
    },
    {
      type: 'paragraph',
      indent: true,
      if: 'requestedAt',
      text: 'Ngày {{requestedAt | date}}, Ông/Bà đề nghị dừng giải quyết hồ sơ nêu trên.',
    },
    { type: 'paragraph', indent: true, if: 'legalBasis', text: 'Căn cứ {{legalBasis}},' },
    {
      type: 'paragraph',
      indent: true,
      text: [
        { text: '{{agency.name}} thông báo ' },
        { text: 'dừng giải quyết hồ sơ', bold: true },
        { text: ' nêu trên. Lý do: {{reason}}' },
      ],
    },
    {
      type: 'paragraph',
      indent: true,
      if: 'returnPlace',
      text: 'Hồ sơ và giấy tờ kèm theo (nếu có) được trả lại cho Ông/Bà tại {{returnPlace}}.',
    },
    { type: 'paragraph', indent: true, text: 'Trân trọng thông báo./.' },
  ],
  signatures: [headSignature],
  recipients: ['Như trên;', { text: '{{oneStopDesk}};', if: 'oneStopDesk' }, 'Lưu: VT.'],
};
