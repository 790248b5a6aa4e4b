import { describe, expect, it } from 'vitest';
import type { AdministrativeDocument } from './document.js';
import { RenderError, renderDocument } from './render.js';
import { pdfFontNames, pdfInfo, pdfPageSizes, pdfPages, pdfText } from './test-support.js';

const letter = (patch: Partial<AdministrativeDocument> = {}): AdministrativeDocument => ({
  meta: { subject: 'Mẫu thử', keywords: '000.00.00.H29-261126-0001', creationDate: '2026-11-26T07:20:00Z' },
  header: {
    parentAuthority: 'Ủy ban nhân dân Thành phố Hồ Chí Minh',
    authority: 'Ủy ban nhân dân phường Thủ Dầu Một',
    number: '125/UBND-VP',
    place: 'Thủ Dầu Một',
    date: '2026-11-26T07:20:00Z',
  },
  title: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả',
  subtitle: 'Mã hồ sơ: 000.00.00.H29-261126-0001',
  body: [
    {
      type: 'paragraph',
      align: 'center',
      text: [{ text: 'Kính gửi: ' }, { text: 'Ông/Bà Nguyễn Thị Hồng Nhung', bold: true }],
    },
    { type: 'paragraph', label: 'Nội dung yêu cầu giải quyết', text: 'Đăng ký khai sinh' },
    {
      type: 'fields',
      items: [
        { label: 'Địa chỉ', value: 'Số 25 đường Yersin, phường Thủ Dầu Một' },
        { label: 'Ngày hẹn trả kết quả', value: '16:30 ngày 17/12/2026', bold: true },
      ],
    },
    {
      type: 'paragraph',
      indent: true,
      text: [
        { text: 'Ủy ban nhân dân phường Thủ Dầu Một trân trọng xin lỗi Ông/Bà vì sự chậm trễ, và đề nghị ' },
        { text: 'gia hạn thời gian giải quyết', bold: true },
        {
          text: ' hồ sơ đến ngày 24/12/2026; việc gia hạn đã được ghi vào hệ thống và thông báo cho Ông/Bà.',
        },
      ],
    },
    { type: 'paragraph', text: [{ text: 'Người nhận:' }, { text: '\nTrần Văn Phúc', bold: true }] },
    { type: 'list', style: 'number', items: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh'] },
    { type: 'spacer', height: 3 },
  ],
  signatures: [{ title: 'KT. Chủ tịch\nPhó Chủ tịch', name: 'Lê Văn Hùng' }],
  recipients: ['Như trên;', 'Lưu: VT.'],
  ...patch,
});

describe('renderDocument', () => {
  it('round-trips Vietnamese text with its diacritics exactly', async () => {
    const text = await pdfText(await renderDocument(letter()));
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH',
      'ỦY BAN NHÂN DÂN\nPHƯỜNG THỦ DẦU MỘT',
      'Số: 125/UBND-VP',
      'Thủ Dầu Một, ngày 26 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.00.00.H29-261126-0001',
      'Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh',
      'Ngày hẹn trả kết quả: 16:30 ngày 17/12/2026',
      'Ủy ban nhân dân phường Thủ Dầu Một trân trọng xin lỗi',
      'gia hạn thời gian giải quyết hồ sơ',
      'Người nhận:\nTrần Văn Phúc',
      '1. Tờ khai đăng ký khai sinh',
      'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      '(Ký, ghi rõ họ tên)',
      'Lê Văn Hùng',
      'Nơi nhận:',
      '- Lưu: VT.',
    ]) {
      expect(text).toContain(line);
    }
  });

  it('round-trips every Vietnamese letter and tone in all four faces', async () => {
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const vowels = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];
    const lower = `${vowels.map((v) => tones.map((t) => `${v}${t}`.normalize('NFC')).join('')).join(' ')} đ`;
    const alphabet = `${lower} ${lower.toLocaleUpperCase('vi-VN')}`;
    expect(alphabet).toHaveLength(2 * (12 * 6 + 11 + 2) + 1);
    const faces = [{}, { bold: true }, { italic: true }, { bold: true, italic: true }];
    const pdf = await renderDocument(
      letter({
        body: faces.map((face) => ({
          type: 'paragraph' as const,
          align: 'left' as const,
          ...face,
          text: alphabet,
        })),
      }),
    );
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text.split(alphabet)).toHaveLength(faces.length + 1);
  });

  it('normalizes decomposed input so the text extracts as precomposed letters', async () => {
    const decomposed = 'Nguyễn Thị Hồng Nhung'.normalize('NFD');
    const text = await pdfText(
      await renderDocument(letter({ body: [{ type: 'paragraph', text: `Người nộp: ${decomposed}` }] })),
    );
    expect(text).toContain('Người nộp: Nguyễn Thị Hồng Nhung');
  });

  it('cuts a word longer than the line instead of running into the margin', async () => {
    const url = `https://dichvucong.cqs.example/tra-cuu?ma=${'000.00.00.H29-261126-0001'.repeat(6)}`;
    const pdf = await renderDocument(letter({ body: [{ type: 'paragraph', text: `Tra cứu: ${url}` }] }));
    const text = await pdfText(pdf);
    expect(text.replace(/\s+/g, '')).toContain(url);
    expect(text).toContain('Tra cứu:\nhttps://');
  });

  it('embeds the Tinos subsets, regular, bold and italic, and no standard-14 font', async () => {
    const pdf = await renderDocument(letter());
    const names = pdfFontNames(pdf);
    expect(new Set(names.map((n) => n.replace(/^[A-Z]{6}\+/, '')))).toEqual(
      new Set(['Tinos-Regular', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-BoldItalic']),
    );
    for (const name of names) expect(name).toMatch(/^[A-Z]{6}\+Tinos-/);
    expect(pdf.toString('latin1')).toContain('/FontFile2');
    expect(pdf.toString('latin1')).not.toMatch(
      /\/BaseFont\s*\/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/,
    );
  });

  it('sets the metadata from the input', async () => {
    const info = await pdfInfo(await renderDocument(letter()));
    expect(info).toMatchObject({
      Title: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      Author: 'Ủy ban nhân dân phường Thủ Dầu Một',
      Subject: 'Mẫu thử',
      Keywords: '000.00.00.H29-261126-0001',
      CreationDate: 'D:20261126072000Z',
      Language: 'vi-VN',
    });
  });

  it('gives the same bytes for the same input, whatever was rendered before', async () => {
    const [a, b] = await Promise.all([renderDocument(letter()), renderDocument(letter())]);
    expect(a.equals(b)).toBe(true);
    // Nothing carries over between documents (a font shared across them once did: it dropped
    // code points from the next document's ToUnicode map).
    await renderDocument(
      letter({ title: 'Ưu tiên ữ ự ừ ứ ử ĐẶC BIỆT', body: [{ type: 'paragraph', text: 'ưỡng ẹ ệ ề' }] }),
    );
    expect((await renderDocument(letter())).equals(a)).toBe(true);
    const later = await renderDocument(letter({ meta: { creationDate: '2026-11-27T00:00:00Z' } }));
    expect(later.equals(a)).toBe(false);
  });

  it('requires a creation date, so output can be reproduced', async () => {
    const undated = letter({ meta: {}, header: { authority: 'Ủy ban nhân dân phường Thủ Dầu Một' } });
    await expect(renderDocument(undated)).rejects.toBeInstanceOf(RenderError);
  });

  it('breaks a long table across pages, repeating its header, and numbers pages from the second', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      String(i + 1),
      `Giấy tờ số ${i + 1}: bản sao giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở`,
      'Bản sao',
    ]);
    const pdf = await renderDocument(
      letter({
        body: [
          {
            type: 'table',
            columns: [
              { header: 'STT', width: 1, align: 'center' },
              { header: 'Tên giấy tờ', width: 7 },
              { header: 'Hình thức', width: 2 },
            ],
            rows,
          },
        ],
      }),
    );
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('STT Tên giấy tờ Hình thức');
      // Page numbers are drawn last, so they extract as each page's last line.
      const last = page.trimEnd().split('\n').at(-1);
      if (i === 0) expect(last).not.toMatch(/^\d+$/);
      else expect(last, `page ${i + 1}`).toBe(String(i + 1));
    });
    const all = pages.join('\n');
    for (const n of [1, 30, 60]) expect(all).toContain(`Giấy tờ số ${n}:`);
    // Every row once: none lost or repeated at a break.
    expect(all.match(/Giấy tờ số \d+:/g)).toHaveLength(60);
    expect(pages.at(-1)).toContain('Lê Văn Hùng');
  });

  it('draws a header group over several columns', async () => {
    const pdf = await renderDocument(
      letter({
        layout: 'landscape',
        header: { authority: 'Trung tâm Phục vụ hành chính công', date: '2026-11-26', motto: false },
        body: [
          {
            type: 'table',
            columns: [
              { header: 'TT' },
              { header: 'Nhận hồ sơ' },
              { header: 'Hẹn trả kết quả' },
              { header: 'Ghi chú' },
            ],
            groups: [{ span: 1 }, { label: 'Ngày, tháng, năm', span: 2 }, { span: 1 }],
            rows: [['1', '02/11/2026', '04/11/2026', '']],
          },
        ],
      }),
    );
    const [size] = await pdfPageSizes(pdf);
    expect(size!.width).toBeGreaterThan(size!.height);
    const text = await pdfText(pdf);
    expect(text).toContain('Ngày, tháng, năm');
    expect(text).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    await expect(
      renderDocument(
        letter({
          body: [
            { type: 'table', columns: [{ header: 'A' }, { header: 'B' }], groups: [{ span: 3 }], rows: [] },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(RenderError);
  });

  it('draws a QR code as vectors, with its caption, at the end or beside the title', async () => {
    const url = 'https://dichvucong.cqs.example/tra-cuu/000.00.00.H29-261126-0001';
    const atEnd = await renderDocument(letter({ qr: { data: url, caption: `Tra cứu hồ sơ tại ${url}` } }));
    expect(await pdfText(atEnd)).toContain('Tra cứu hồ sơ tại https://dichvucong.cqs.example');
    expect(atEnd.toString('latin1')).not.toContain('/Subtype /Image');
    const beside = await renderDocument(
      letter({ qr: { data: url, caption: 'Quét mã', placement: 'title' } }),
    );
    expect(await pdfText(beside)).toContain('Quét mã');
    // The symbol adds drawing, so the files differ from one without it.
    const none = await renderDocument(letter());
    expect(beside.length).toBeGreaterThan(none.length + 500);
  });
});
