import { describe, expect, it } from 'vitest';
import { pdfInfo, pdfPageSizes, pdfPages, pdfText } from '../../../platform/pdf/test-support.js';
import { type DocumentTemplate, validateTemplate } from '../../../platform/pdf/template.js';
import { parseTemplate } from '../../../platform/pdf/template-schema.js';
import { formView, maskIdNumber, renderForm } from './render-form.js';
import { SAMPLE_CONTEXTS } from './samples.js';
import { DEFAULT_TEMPLATES } from './templates/index.js';
import { FORM_CODES, type FormCode, type FormContexts } from './types.js';

const sample = <F extends FormCode>(form: F): FormContexts[F] => structuredClone(SAMPLE_CONTEXTS[form]);

/** Lines every document in the national format carries. */
const NATIONAL = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

/** Whitespace, line breaks included, as one space: phrases are checked wherever lines wrap. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function expectLines(form: FormCode, pdf: Buffer, phrases: string[]) {
  const text = await pdfText(pdf);
  for (const phrase of phrases) expect(flat(text), `form ${form}`).toContain(flat(phrase));
  return text;
}

describe('renderForm', () => {
  it('01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả', async () => {
    const pdf = await renderForm('01', sample('01'));
    const text = await expectLines('01', pdf, [
      ...NATIONAL,
      'ỦY BAN NHÂN DÂN\nPHƯỜNG THỦ DẦU MỘT',
      'BỘ PHẬN MỘT CỬA\nPHƯỜNG THỦ DẦU MỘT',
      'Số: 125/GTN',
      'Thủ Dầu Một, ngày 26 tháng 11 năm 2026',
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
      'Mã hồ sơ: 000.01.40.H29-261126-0001',
      'Bộ phận Một cửa phường Thủ Dầu Một tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Hồng Nhung',
      'Số định danh cá nhân: ********1234',
      'Nội dung yêu cầu giải quyết: Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
      'Cơ quan giải quyết: Ủy ban nhân dân phường Thủ Dầu Một',
      'TT Tên giấy tờ Hình thức Số lượng',
      '3 Bản vẽ thiết kế xây dựng',
      'Bản sao chứng thực',
      '2. Số lượng hồ sơ: 1 (bộ)',
      '3. Thời gian giải quyết hồ sơ theo quy định là: 15 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 14:20 ngày 26/11/2026',
      // From the engine: 15 working days from 14:20 Thursday 26/11 is the same time on 17/12.
      '5. Ngày hẹn trả kết quả: 14:20 ngày 17/12/2026',
      '6. Đăng ký nhận kết quả tại: Bộ phận Một cửa phường Thủ Dầu Một',
      '7. Phí, lệ phí: 75.000 đồng',
      'Vào Sổ theo dõi hồ sơ, Quyển số: 03/2026, Số thứ tự: 125.',
      'NGƯỜI NỘP HỒ SƠ',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
      'Trần Minh Khoa',
      'Quét mã để tra cứu hồ sơ',
    ]);
    // The header as Decree 30 sets it: unit names broken before their level, balanced.
    expect(text).toContain('ỦY BAN NHÂN DÂN\nPHƯỜNG THỦ DẦU MỘT\nBỘ PHẬN MỘT CỬA\nPHƯỜNG THỦ DẦU MỘT');
    // The receipt, its signatures and the QR code fit one page.
    expect((await pdfPages(pdf)).length).toBe(1);
    expect(text).not.toContain('074190001234');
    expect(await pdfInfo(pdf)).toMatchObject({
      Author: 'Bộ phận Một cửa phường Thủ Dầu Một',
      Subject: 'Mẫu số 01 - Thông tư 03/2025/TT-VPCP',
      Keywords: '000.01.40.H29-261126-0001',
    });
  });

  it('01 fits one page for a typical dossier: five components, long names, every optional line', async () => {
    const context = sample('01');
    context.components = [
      {
        name: 'Đơn đề nghị cấp giấy phép xây dựng nhà ở riêng lẻ (Mẫu số 01 Phụ lục II Nghị định 175/2024/NĐ-CP)',
        form: 'Bản chính',
        copies: 1,
      },
      {
        name: 'Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
        form: 'Bản sao chứng thực',
        copies: 1,
      },
      {
        name: 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)',
        form: 'Bản chính',
        copies: 2,
      },
      { name: 'Báo cáo kết quả thẩm định thiết kế của cơ quan chuyên môn', form: 'Bản sao', copies: 1 },
      { name: 'Cam kết bảo đảm an toàn đối với công trình liền kề', form: 'Bản chính', copies: 1 },
    ];
    expect(await pdfPages(await renderForm('01', context))).toHaveLength(1);
  });

  it('01 stays on one page with six long components, as many as the longest procedure has (smaller type), and takes a second page only past that', async () => {
    const context = sample('01');
    const component = (i: number) => ({
      name: `Giấy tờ thứ ${i}: bản vẽ, văn bản chấp thuận hoặc giấy xác nhận của cơ quan có thẩm quyền kèm theo`,
      form: 'Bản sao chứng thực',
      copies: 1,
    });
    context.components = Array.from({ length: 6 }, (_, i) => component(i + 1));
    const six = await renderForm('01', context);
    expect(await pdfPages(six)).toHaveLength(1);
    expect(await pdfText(six)).toContain('Giấy tờ thứ 6');
    context.components = Array.from({ length: 40 }, (_, i) => component(i + 1));
    const forty = await renderForm('01', context);
    const pages = await pdfPages(forty);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.join('\n')).toContain('Giấy tờ thứ 40');
  });

  it('01 prints blanks to fill by hand where optional data is missing', async () => {
    const context = sample('01');
    delete context.ledger;
    delete context.fee;
    delete context.trackingUrl;
    delete context.documentNumber;
    context.dossier.applicant = { name: 'Trần Văn Phúc' };
    const text = await pdfText(await renderForm('01', context));
    expect(text).toContain('Vào Sổ theo dõi hồ sơ, Quyển số: ……, Số thứ tự: …….');
    expect(text).toContain('Số: ……');
    expect(text).toContain('Địa chỉ: ……');
    expect(text).not.toContain('Phí, lệ phí');
    expect(text).not.toContain('Số định danh cá nhân');
    expect(text).not.toContain('Quét mã');
  });

  it('02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ lists every missing item with its reason', async () => {
    await expectLines('02', await renderForm('02', sample('02')), [
      ...NATIONAL,
      'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
      'Mã hồ sơ: 000.01.40.H29-261126-0001',
      'Yêu cầu Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:',
      'TT Nội dung cần bổ sung, hoàn thiện Lý do',
      '1 Bản vẽ mặt bằng móng công trình',
      'Hồ sơ chưa có bản vẽ mặt bằng móng theo quy định.',
      '2 Giấy chứng nhận quyền sử dụng đất (bản sao',
      'Bản sao đã nộp không có chứng thực',
      'Thời hạn bổ sung, hoàn thiện hồ sơ: trước 17:00 ngày 10/12/2026.',
      'Người yêu cầu bổ sung: Đỗ Thanh Tâm, Chuyên viên, Phòng Kinh tế, Hạ tầng và Đô thị',
      'Ông/Bà liên hệ Trần Minh Khoa, số điện thoại 0274 3823 101 để được hướng dẫn./.',
      'NGƯỜI HƯỚNG DẪN',
    ]);
  });

  it('03 Phiếu từ chối tiếp nhận giải quyết hồ sơ gives the reasons', async () => {
    await expectLines('03', await renderForm('03', sample('03')), [
      ...NATIONAL,
      'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
      'thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
      '- Công trình thuộc khu vực đã có quyết định thu hồi đất',
      '- Thủ tục này không thuộc thẩm quyền giải quyết của Ủy ban nhân dân phường Thủ',
      'Xin thông báo để Ông/Bà được biết và thực hiện.',
      'NGƯỜI TIẾP NHẬN HỒ SƠ',
    ]);
  });

  it('03 for a dossier refused at intake prints no empty code line', async () => {
    const context = sample('03');
    context.dossier.code = '';
    const text = flat(await pdfText(await renderForm('03', context)));
    expect(text).not.toContain('Mã hồ sơ');
    expect(text).not.toContain('……');
    context.dossier.receiptNo = 'BN-261126-7K3M9Q2A';
    expect(flat(await pdfText(await renderForm('03', context)))).toContain(
      'Số biên nhận: BN-261126-7K3M9Q2A',
    );
  });

  it.each(['04', '05'] as const)('%s ends "Lý do: …" with a full stop, once', async (form) => {
    const context = sample(form);
    context.reason = 'Chờ ý kiến của Sở Xây dựng';
    expect(flat(await pdfText(await renderForm(form, context)))).toContain(
      'Lý do: Chờ ý kiến của Sở Xây dựng.',
    );
    context.reason = 'Chờ ý kiến của Sở Xây dựng.';
    expect(flat(await pdfText(await renderForm(form, context)))).not.toContain('Xây dựng..');
  });

  it('04 Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết gives the reason and the new date', async () => {
    const text = await expectLines('04', await renderForm('04', sample('04')), [
      ...NATIONAL,
      'ỦY BAN NHÂN DÂN\nPHƯỜNG THỦ DẦU MỘT',
      'Số: 315/VBXL',
      'Thủ Dầu Một, ngày 15 tháng 12 năm 2026',
      'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
      'Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung',
      'Ngày 26/11/2026, Ủy ban nhân dân phường Thủ Dầu Một tiếp nhận hồ sơ',
      'là 14:20 ngày 17/12/2026.',
      'Lý do: Cần xác minh hiện trạng công trình',
      'về chỉ giới xây dựng.',
      '14:20 ngày 24/12/2026',
      'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      'Lê Văn Hùng',
      'Nơi nhận:',
      '- Bộ phận Một cửa phường Thủ Dầu Một;',
      '- Lưu: VT.',
    ]);
    // Lines break at spaces only, never inside "Ông/Bà".
    expect(text).not.toMatch(/Ông\/\s+Bà/);
  });

  it('05 Thông báo dừng giải quyết hồ sơ says why it stops', async () => {
    await expectLines('05', await renderForm('05', sample('05')), [
      ...NATIONAL,
      'THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ',
      'Mã hồ sơ: 000.01.40.H29-261126-0001',
      'Ngày 01/12/2026, Ông/Bà đề nghị dừng giải quyết hồ sơ nêu trên.',
      'dừng giải quyết hồ sơ nêu trên. Lý do: Người nộp hồ sơ đề nghị dừng giải quyết',
      'được trả lại cho Ông/Bà tại Bộ phận Một cửa',
      'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH',
      'Trân trọng thông báo./.',
    ]);
  });

  it('06 Phiếu kiểm soát quá trình giải quyết hồ sơ has one row per hand-over with its result', async () => {
    const pdf = await renderForm('06', sample('06'));
    const text = await expectLines('06', pdf, [
      ...NATIONAL,
      'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ',
      'Kèm theo hồ sơ của: Ông/Bà Nguyễn Thị Hồng Nhung',
      'Ngày hẹn trả kết quả: 14:20 ngày 17/12/2026',
      'Cơ quan phối hợp giải quyết hồ sơ: Đội Quản lý trật tự đô thị phường Thủ Dầu Một',
      'TT Bước xử lý Bên giao Bên nhận',
      '1 Chuyển hồ sơ Bộ phận Một cửa (Trần Minh Khoa) Phòng Kinh tế, Hạ tầng và Đô thị (Đỗ Thanh Tâm) 15:00 ngày 26/11/2026 Đúng hạn',
      '09:15 ngày 03/12/2026 Trước hạn',
      '08:30 ngày 14/12/2026 Quá hạn Chờ ý kiến cơ quan chuyên ngành',
    ]);
    expect(text).not.toContain('Số:');
  });

  it('07 Sổ theo dõi hồ sơ is a landscape register that carries over pages with its header', async () => {
    const context = sample('07');
    const entry = context.entries[0]!;
    context.entries = Array.from({ length: 30 }, (_, i) => ({
      ...entry,
      code: `000.01.40.H29-261126-${String(i + 1).padStart(4, '0')}`,
    }));
    const pdf = await renderForm('07', context);
    const [size] = await pdfPageSizes(pdf);
    expect(size!.width).toBeGreaterThan(size!.height);
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('SỔ THEO DÕI HỒ SƠ');
    expect(pages[0]).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(pages[0]).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    for (const page of pages) expect(page).toContain('Ngày, tháng, năm');
    const all = pages.join('\n');
    expect(all.match(/000\.01\.40\.H29-261126-\d{4}/g)).toHaveLength(30);
    expect(all).toContain('000.01.40.H29-261126-0030');
    expect(all).toContain('02/11/2026');
  });

  it('uses a unit’s own template instead of the default', async () => {
    const own: DocumentTemplate = {
      ...DEFAULT_TEMPLATES['03'],
      title: 'Phiếu từ chối (mẫu của đơn vị)',
      body: [{ type: 'paragraph', text: 'Hồ sơ {{dossier.code}} không được tiếp nhận.' }],
    };
    const text = await pdfText(await renderForm('03', sample('03'), { template: own }));
    expect(text).toContain('PHIẾU TỪ CHỐI (MẪU CỦA ĐƠN VỊ)');
    expect(text).toContain('Hồ sơ 000.01.40.H29-261126-0001 không được tiếp nhận.');
  });

  it('never gives a template the full identity number', async () => {
    const own: DocumentTemplate = {
      ...DEFAULT_TEMPLATES['02'],
      body: [{ type: 'paragraph', text: 'ID: {{dossier.applicant.idNumber}}' }],
    };
    const text = await pdfText(await renderForm('02', sample('02'), { template: own }));
    expect(text).toContain('ID: ********1234');
    expect(text).not.toContain('074190001234');
  });
});

describe('default templates', () => {
  it.each(FORM_CODES)('form %s survives JSON and fits its sample context', (form) => {
    const template = DEFAULT_TEMPLATES[form];
    expect(parseTemplate(JSON.parse(JSON.stringify(template)))).toEqual(JSON.parse(JSON.stringify(template)));
    const check = <F extends FormCode>(f: F) => validateTemplate(template, formView(f, sample(f)));
    expect(check(form)).toEqual([]);
  });
});

describe('maskIdNumber', () => {
  it('keeps only the last 4 digits, and masking twice changes nothing', () => {
    expect(maskIdNumber('074190001234')).toBe('********1234');
    expect(maskIdNumber('074 190 001 234')).toBe('********1234');
    expect(maskIdNumber(maskIdNumber('074190001234'))).toBe('********1234');
    expect(maskIdNumber('123')).toBe('123');
  });
});
