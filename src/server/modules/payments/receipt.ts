// The electronic receipt (biên lai điện tử) of a payment, drawn with the PDF platform (Tinos, Decree 30
// layout). Rendered from the payment row each time: the same payment always gives the same document.
import type { AdministrativeDocument } from '../../platform/pdf/index.ts';
import { formatDateTime, formatMoney, renderDocument } from '../../platform/pdf/index.ts';
import { amountInWords } from './amount-in-words.ts';
import type { PaymentRequestRow, PaymentRow } from './requests.ts';

const METHOD: Record<PaymentRow['method'], string> = {
  gateway: 'Thanh toán trực tuyến qua cổng thanh toán',
  cash: 'Tiền mặt tại Bộ phận Một cửa',
  bank_transfer: 'Chuyển khoản',
};

export interface ReceiptInput {
  payment: PaymentRow;
  request: PaymentRequestRow;
  dossierCode: string | null;
  payerName: string;
  agency: { name: string; parentName: string | null };
  /** the gateway was a sandbox: the receipt says it is not valid */
  sandbox: boolean;
}

export function receiptDocument(i: ReceiptInput): AdministrativeDocument {
  const { payment: p, request: r } = i;
  const lines = r.lines.length
    ? r.lines.map((l, n) => [String(n + 1), l.name, formatMoney(l.amount) ?? ''])
    : [['1', r.description, formatMoney(r.amount) ?? '']];
  return {
    meta: {
      title: `Biên lai thu phí, lệ phí ${p.receiptNo}`,
      subject: 'Biên lai điện tử',
      keywords: r.reference,
      creationDate: p.paidAt.toISOString(),
    },
    header: {
      parentAuthority: i.agency.parentName ?? undefined,
      authority: i.agency.name,
      number: p.receiptNo,
      date: p.paidAt.toISOString(),
    },
    title: 'Biên lai thu phí, lệ phí',
    subtitle:
      i.sandbox && p.method === 'gateway'
        ? '(Biên lai điện tử – MÔI TRƯỜNG THỬ NGHIỆM, không có giá trị thanh toán)'
        : '(Biên lai điện tử)',
    body: [
      {
        type: 'fields',
        items: [
          { label: 'Số biên lai', value: p.receiptNo, bold: true },
          { label: 'Mã thanh toán', value: r.reference },
          { label: 'Mã hồ sơ', value: i.dossierCode ?? '—' },
          { label: 'Họ tên người nộp', value: i.payerName },
          { label: 'Nội dung thu', value: r.description },
        ],
      },
      {
        type: 'table',
        columns: [
          { header: 'TT', width: 0.7, align: 'center' },
          { header: 'Khoản thu', width: 6 },
          { header: 'Số tiền', width: 2.5, align: 'right' },
        ],
        rows: [...lines, ['', 'Tổng cộng', formatMoney(p.amount) ?? '']],
      },
      {
        type: 'fields',
        items: [
          { label: 'Số tiền bằng chữ', value: amountInWords(p.amount) },
          { label: 'Hình thức thanh toán', value: METHOD[p.method] },
          ...(p.gatewayTransactionId ? [{ label: 'Mã giao dịch', value: p.gatewayTransactionId }] : []),
          { label: 'Thời điểm thanh toán', value: formatDateTime(p.paidAt.toISOString()) ?? '' },
          ...(p.recordedByLabel ? [{ label: 'Người ghi nhận', value: p.recordedByLabel }] : []),
        ],
      },
    ],
    signatures: [
      {
        position: 'right',
        title: 'Đơn vị thu',
        hint: '(Biên lai điện tử, không cần chữ ký)',
        name: i.agency.name,
      },
    ],
  };
}

export const renderReceipt = (i: ReceiptInput) => renderDocument(receiptDocument(i));
