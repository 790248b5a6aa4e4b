import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { applicantFields, dossierCode, header, receivedFrom } from './parts.js';

/**
 * Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ.
 *
 * Confirmed: the form's name. Not confirmed against the 2025 text: the body, which follows
 * Mẫu số 03 of Circular 01/2018/TT-VPCP ("thông báo không tiếp nhận, giải quyết hồ sơ này với
 * lý do cụ thể như sau", "Xin thông báo cho Ông/Bà được biết và thực hiện").
 */
export const refusalTemplate: DocumentTemplate = {
  meta: { subject: 'Mẫu số 03 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header,
  title: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ',
  subtitle: dossierCode,
  body: [
    receivedFrom,
    { type: 'fields', items: applicantFields },
    {
      type: 'paragraph',
      indent: true,
      text: 'Sau khi xem xét, {{agency.name}} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    },
    { type: 'list', style: 'dash', items: [{ each: 'reasons', as: 'reason', text: '{{reason}}' }] },
    { type: 'paragraph', indent: true, text: 'Xin thông báo để Ông/Bà được biết và thực hiện.' },
    {
      type: 'paragraph',
      indent: true,
      if: 'contact.phone',
      text: 'Nếu có vướng mắc, Ông/Bà liên hệ {{contact.name}}, số điện thoại {{contact.phone}} để được hướng dẫn./.',
    },
  ],
  signatures: [
    {
      position: 'right',
      title: 'Người tiếp nhận hồ sơ',
      hint: '(Ký và ghi rõ họ tên)',
      name: '{{officer.name}}',
    },
  ],
};
