import type { DocumentTemplate } from '../../../../platform/pdf/template.js';

/**
 * Mẫu số 07 — Sổ theo dõi hồ sơ: the register, landscape.
 *
 * Confirmed: the form's name. Not confirmed against the 2025 text: the columns, which follow
 * Mẫu số 06 of Circular 01/2018/TT-VPCP as remembered from provincial registers (the five dates
 * grouped under "Ngày, tháng, năm", then "Ký nhận" and "Ghi chú"); whether the 2025 register
 * keeps the national motto is unknown, registers usually carry only the unit.
 */
export const registerTemplate: DocumentTemplate = {
  layout: 'landscape',
  meta: { subject: 'Mẫu số 07 - Thông tư 03/2025/TT-VPCP', creationDate: '{{issuedAt}}' },
  header: { parentAuthority: '{{agency.parentName}}', authority: '{{agency.name}}', motto: false },
  title: 'Sổ theo dõi hồ sơ',
  subtitle: 'Từ ngày {{period.from | date}} đến ngày {{period.to | date}}',
  body: [
    { type: 'paragraph', align: 'center', italic: true, if: 'book', text: 'Quyển số: {{book}}' },
    {
      type: 'table',
      size: 9,
      // Widths in points of the 714 pt landscape text width: the dossier code and the dates
      // must not wrap (a code has no break opportunity), the names may.
      columns: [
        { header: 'TT', width: 20, align: 'center' },
        { header: 'Mã hồ sơ', width: 115 },
        { header: 'Tên thủ tục hành chính', width: 69 },
        { header: 'Số lượng hồ sơ (bộ)', width: 32, align: 'center' },
        { header: 'Tên cá nhân, tổ chức', width: 56 },
        { header: 'Địa chỉ, số điện thoại', width: 60 },
        { header: 'Cơ quan chủ trì giải quyết', width: 56 },
        { header: 'Nhận hồ sơ', width: 48, align: 'center' },
        { header: 'Hẹn trả kết quả', width: 48, align: 'center' },
        { header: 'Chuyển hồ sơ đến cơ quan giải quyết', width: 48, align: 'center' },
        { header: 'Nhận kết quả từ cơ quan giải quyết', width: 48, align: 'center' },
        { header: 'Trả kết quả cho cá nhân, tổ chức', width: 48, align: 'center' },
        { header: 'Ký nhận', width: 28 },
        { header: 'Ghi chú', width: 38 },
      ],
      groups: [{ span: 7 }, { label: 'Ngày, tháng, năm', span: 5 }, { span: 2 }],
      rows: [
        {
          each: 'entries',
          as: 'entry',
          cells: [
            '{{$index}}',
            '{{entry.code}}',
            '{{entry.procedureName}}',
            '{{entry.setCount}}',
            '{{entry.applicantName}}',
            '{{entry.contactText}}',
            '{{entry.competentAgency}}',
            '{{entry.receivedAt | date}}',
            '{{entry.dueAt | date}}',
            '{{entry.transferredAt | date}}',
            '{{entry.resultReceivedAt | date}}',
            '{{entry.returnedAt | date}}',
            '',
            '{{entry.note}}',
          ],
        },
      ],
    },
  ],
};
