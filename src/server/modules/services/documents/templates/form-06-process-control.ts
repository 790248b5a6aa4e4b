import type { DocumentTemplate } from '../../../../platform/pdf/template.js';
import { dossierCode, header } from './parts.js';

// The control sheet travels with the dossier; it carries no document number.
const { number: _number, ...unnumbered } = header;

/**
 * Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over.
 *
 * Confirmed: the form's name. Not confirmed against the 2025 text: the layout, which follows
 * Mẫu số 05 of Circular 01/2018/TT-VPCP (giver and receiver per step, "Thời gian giao, nhận hồ
 * sơ", "Kết quả giải quyết hồ sơ (trước hạn/đúng hạn/quá hạn)", "Ghi chú"), with the step named
 * in its own column; the paper form's hand signatures per row are not printed.
 */
export const processControlTemplate: DocumentTemplate = {
  meta: { subject: 'Mẫu số 06 - Thông tư 03/2025/TT-VPCP', keywords: '{{dossier.code}}' },
  header: unnumbered,
  title: 'Phiếu kiểm soát quá trình giải quyết hồ sơ',
  subtitle: dossierCode,
  body: [
    {
      type: 'fields',
      items: [
        { label: 'Kèm theo hồ sơ của', value: 'Ông/Bà {{dossier.applicant.name}}', bold: true },
        { label: 'Thủ tục', value: '{{dossier.procedureName}}' },
        { label: 'Thời gian nhận hồ sơ', value: '{{dossier.receivedAt | datetime}}' },
        { label: 'Ngày hẹn trả kết quả', value: '{{dossier.dueAt | datetime}}' },
        { label: 'Cơ quan (bộ phận) giải quyết hồ sơ', value: '{{processingAgency}}' },
        { label: 'Cơ quan phối hợp giải quyết hồ sơ', value: '{{coordinating}}', if: 'coordinating' },
      ],
    },
    {
      type: 'table',
      size: 11,
      columns: [
        { header: 'TT', width: 0.6, align: 'center' },
        { header: 'Bước xử lý', width: 1.7 },
        { header: 'Bên giao', width: 2.1 },
        { header: 'Bên nhận', width: 2.1 },
        { header: 'Thời gian giao, nhận hồ sơ', width: 1.6, align: 'center' },
        { header: 'Kết quả giải quyết hồ sơ (trước hạn/ đúng hạn/ quá hạn)', width: 1.7, align: 'center' },
        { header: 'Ghi chú', width: 1.4 },
      ],
      rows: [
        {
          each: 'steps',
          as: 'step',
          cells: [
            '{{$index}}',
            '{{step.step}}',
            '{{step.giverText}}',
            '{{step.receiverText}}',
            '{{step.at | datetime}}',
            '{{step.resultText}}',
            '{{step.note}}',
          ],
        },
      ],
    },
  ],
};
