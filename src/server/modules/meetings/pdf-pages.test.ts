import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { pdfPageCount } from './pdf-pages.ts';

function pdfkitPages(n: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    for (let i = 0; i < n; i++) doc.addPage().text(`Trang ${i + 1}`);
    doc.end();
  });
}

/** A PDF 1.5 whose page tree sits in a compressed object stream, as Word and LibreOffice write them. */
function objectStreamPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${10 + i} 0 R`).join(' ');
  const objs = [
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    ...Array.from({ length: pages }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>'),
  ];
  const numbers = [2, ...Array.from({ length: pages }, (_, i) => 10 + i)];
  let body = '';
  const header: string[] = [];
  objs.forEach((o, i) => {
    header.push(`${numbers[i]} ${body.length}`);
    body += `${o}\n`;
  });
  const head = `${header.join(' ')}\n`;
  const data = deflateSync(Buffer.from(head + body, 'latin1'));
  const parts = [
    Buffer.from('%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n', 'latin1'),
    Buffer.from(
      `5 0 obj\n<< /Type /ObjStm /N ${objs.length} /First ${head.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`,
      'latin1',
    ),
    data,
    Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
  ];
  return Buffer.concat(parts);
}

describe('the page count of a PDF, read at upload', () => {
  it.each([1, 3, 12])('a pdfkit file of %i pages', async (n) => {
    expect(pdfPageCount(await pdfkitPages(n))).toBe(n);
  });

  it('a page tree inside a compressed object stream (PDF 1.5+)', () => {
    expect(pdfPageCount(objectStreamPdf(7))).toBe(7);
  });

  it('nested page trees: the root counts them all', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 5 >>\nendobj\n' +
        '2 0 obj\n<< /Type /Pages /Parent 1 0 R /Kids [] /Count 2 >>\nendobj\n' +
        '3 0 obj\n<< /Type /Pages /Parent 1 0 R /Kids [] /Count 3 >>\nendobj\n%%EOF\n',
      'latin1',
    );
    expect(pdfPageCount(pdf)).toBe(5);
  });

  it('not a PDF, or no page tree: no count', () => {
    expect(pdfPageCount(Buffer.from('PK\u0003\u0004word/document.xml'))).toBeNull();
    expect(pdfPageCount(Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'))).toBeNull();
  });
});
