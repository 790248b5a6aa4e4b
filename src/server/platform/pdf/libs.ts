import type PDFDocumentClass from 'pdfkit';
import type QRCodeModule from 'qrcode';

// pdfkit and qrcode cost about 27 MB once loaded: they load with the first document, not at start-up.
export const libs: { PDFDocument?: typeof PDFDocumentClass; QRCode?: typeof QRCodeModule } = {};
let loading: Promise<void> | undefined;

export function loadPdfLibraries(): Promise<void> {
  loading ??= Promise.all([import('pdfkit'), import('qrcode')]).then(([pdfkit, qrcode]) => {
    libs.PDFDocument = pdfkit.default;
    libs.QRCode = qrcode.default;
  });
  return loading;
}
