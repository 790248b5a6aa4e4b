import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { applicantFields, dossierCode, header, receivedFrom } from './parts.js';

/**
 * Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả.
 *
 * Confirmed: the form's name (Circular 03/2025/TT-VPCP, Appendix I). Not confirmed against the
 * 2025 text: the body, which follows Mẫu số 01 of Circular 01/2018/TT-VPCP (the numbered items,
 * "Vào Sổ theo dõi hồ sơ, Quyển số… Số thứ tự…", both signatures) as provincial one-stop systems
 * still print it. The identity number, fee and QR lines are additions those systems commonly
 * make; the QR code sits beside the title to leave the signatures room on the page.
 */
export const receiptTemplate: DocumentTemplate = {
  // 11 pt, not the 13 of letters: the 2018 form was laid out for A5, and the receipt with its
  // two signatures and QR code has to stay on one A4 page with five components listed.
  fontSize: 11,
  // A dossier of many components still gets its receipt on one sheet, down to 9 pt.
  shrinkToOnePage: { minFontSize: 9 },
  meta: { subject: 'Mẫu số 01 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header,
  title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  subtitle: dossierCode,
  body: [
    receivedFrom,
    {
      type: 'fields',
      items: [
        // Phone and e-mail share a line here: the receipt keeps to one page.
        ...applicantFields.flatMap((f) =>
          f.label === 'Thư điện tử'
            ? []
            : f.label === 'Số điện thoại'
              ? [{ label: 'Số điện thoại', value: '{{contactLine}}' }]
              : [f],
        ),
        { label: 'Cơ quan giải quyết', value: '{{dossier.competentAgency}}', if: 'dossier.competentAgency' },
      ],
    },
    { type: 'paragraph', text: '1. Thành phần hồ sơ nộp gồm:' },
    {
      type: 'table',
      // A wide name column: components with long names wrap less (issue 11 item 9).
      size: 10.5,
      columns: [
        { header: 'TT', width: 0.6, align: 'center' },
        { header: 'Tên giấy tờ', width: 6.6 },
        { header: 'Hình thức', width: 2.2, align: 'center' },
        { header: 'Số lượng', width: 1.1, align: 'center' },
      ],
      rows: [
        { each: 'components', cells: ['{{$index}}', '{{item.name}}', '{{item.form}}', '{{item.copies}}'] },
      ],
    },
    {
      type: 'fields',
      items: [
        { label: '2. Số lượng hồ sơ', value: '{{setCount}} (bộ)' },
        { label: '3. Thời gian giải quyết hồ sơ theo quy định là', value: '{{processingTime}}' },
        { label: '4. Thời gian nhận hồ sơ', value: '{{dossier.receivedAt | datetime}}' },
        { label: '5. Ngày hẹn trả kết quả', value: '{{dossier.dueAt | datetime}}', bold: true },
        { label: '6. Đăng ký nhận kết quả tại', value: '{{resultPlace}}' },
        { label: '7. Phí, lệ phí', value: '{{fee | money}}', if: 'fee' },
      ],
    },
    {
      type: 'paragraph',
      text: 'Vào Sổ theo dõi hồ sơ, Quyển số: {{ledger.book}}, Số thứ tự: {{ledger.sequence}}.',
    },
  ],
  signatures: [
    {
      position: 'left',
      title: 'Người nộp hồ sơ',
      hint: '(Ký và ghi rõ họ tên)',
      name: '{{dossier.applicant.name}}',
    },
    {
      position: 'right',
      title: 'Người tiếp nhận hồ sơ',
      hint: '(Ký và ghi rõ họ tên)',
      name: '{{officer.name}}',
    },
  ],
  qr: { if: 'trackingUrl', data: '{{trackingUrl}}', placement: 'title', caption: 'Quét mã để tra cứu hồ sơ' },
};
