import { expect, test } from '@playwright/test';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { expectAccessible } from './a11y.ts';
import {
  actionCard,
  anonymous,
  citizen,
  download,
  official,
  openFromInbox,
  pdfFile,
  takeStep,
} from './journey.ts';

// Public services as people use them, each journey with its own dossier:
// - a building permit at Phường Thủ Dầu Một, submitted online, through a supplement request and a
//   consultation with the Department of Construction, to the result, the hand-over and the rating;
// - a birth registration taken at the counter, its receipt and the register;
// - public tracking with the dossier code and the last four digits of the phone.

const WARD = 'Ủy ban nhân dân Phường Thủ Dầu Một';
const PERMIT = 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ';

test('a building permit: online submission, supplement, consultation, result, hand-over, rating and tracking', async ({
  browser,
  baseURL,
}) => {
  // The longest journey (eleven roles and screens, axe on each): minutes on a loaded 2-core machine.
  test.setTimeout(480_000);
  const { page: home, phone } = await citizen(browser, baseURL);
  const pin = phone.slice(-4);

  // ---- the citizen finds procedures without typing diacritics ----
  await home
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Thủ tục hành chính' })
    .click();
  await expect(home.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' })).toBeVisible();
  const search = home.getByLabel('Tên thủ tục hoặc từ khóa');
  await search.fill('ly lich tu phap');
  await home.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(home.getByRole('link', { name: /^Cấp Phiếu lý lịch tư pháp/ })).toBeVisible();
  await expect(home.locator('.procedure-card')).toHaveCount(1);
  await expect(home.locator('.procedure-card')).toContainText('Toàn trình');
  await expect(home.locator('.procedure-card')).toContainText('Lý lịch tư pháp');
  await expectAccessible(home, 'procedure search');

  await search.fill('giay phep xay dung nha o rieng le');
  await home.getByRole('button', { name: 'Tìm kiếm' }).click();
  await home.getByRole('link', { name: PERMIT }).click();

  // ---- the procedure page: the seven parts, fees in đồng, and the way to apply online ----
  await expect(home.getByRole('heading', { level: 1, name: PERMIT })).toBeVisible();
  for (const part of [
    'Tên thủ tục',
    'Trình tự thực hiện',
    'Cách thức thực hiện',
    'Thành phần, số lượng hồ sơ',
    'Thời hạn giải quyết',
    'Đối tượng thực hiện',
    'Cơ quan thực hiện',
    'Phí, lệ phí',
    'Kết quả thực hiện',
    'Căn cứ pháp lý',
  ])
    await expect(home.getByRole('heading', { level: 2, name: new RegExp(`${part}$`) })).toBeVisible();
  await expect(home.getByRole('cell', { name: '75.000 đồng' })).toBeVisible();
  await expect(home.getByText('Một phần', { exact: true })).toBeVisible();
  await expectAccessible(home, 'procedure page');
  // The same page in English.
  await home.getByRole('button', { name: 'English' }).click();
  await expect(
    home.getByRole('heading', { level: 1, name: 'Building permit for a new detached house' }),
  ).toBeVisible();
  await expect(home.getByRole('cell', { name: 'VND 75,000' })).toBeVisible();
  await expectAccessible(home, 'procedure page (en)');
  await home.getByRole('button', { name: 'Tiếng Việt' }).click();
  await home.getByRole('link', { name: 'Nộp trực tuyến' }).click();

  // ---- online submission: where and who ----
  await expect(home.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' })).toBeVisible();
  await expect(home.getByLabel('Họ và tên người nộp')).toHaveValue('Nguyễn Thị Hồng Nhung');
  await expect(home.getByLabel('Số điện thoại')).toHaveValue(phone);
  await home.getByRole('button', { name: 'Tiếp tục' }).click();
  const agency = home.getByLabel('Cơ quan tiếp nhận');
  await expect(agency).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(home, 'submission (errors)');
  await agency.selectOption({ label: WARD });
  await home.getByLabel('Số định danh cá nhân (CCCD)').fill('074190001234');
  await home.getByLabel('Địa chỉ liên hệ').fill('12 Đường 30/4, phường Thủ Dầu Một');
  await expectAccessible(home, 'submission: applicant');
  await home.getByRole('button', { name: 'Tiếp tục' }).click();

  // ---- the e-form, one group of questions per page; required answers are checked page by page ----
  await expect(home.getByRole('heading', { level: 2, name: 'Chủ đầu tư' })).toBeFocused();
  await home.getByRole('button', { name: 'Tiếp tục' }).click();
  const owner = home.getByLabel('Tên chủ đầu tư (chủ hộ)');
  await expect(owner).toHaveAttribute('aria-invalid', 'true');
  await expect(owner).toBeFocused();
  await owner.fill('Nguyễn Thị Hồng Nhung');
  const ownerId = home.getByLabel('Số định danh cá nhân của chủ đầu tư');
  await ownerId.fill('07419000');
  await home.getByLabel('Địa chỉ liên hệ').fill('12 Đường 30/4, phường Thủ Dầu Một');
  await home.getByLabel('Số điện thoại').fill(phone);
  await home.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(home.locator('#eform-ownerIdNumber-error')).toHaveText(/Gồm đúng 12 chữ số/);
  await expectAccessible(home, 'e-form page with errors');
  await ownerId.fill('074190001234');
  await home.getByRole('button', { name: 'Tiếp tục' }).click();

  await expect(home.getByRole('heading', { level: 2, name: 'Địa điểm xây dựng' })).toBeVisible();
  await home
    .getByLabel('Địa điểm xây dựng (số nhà, đường, xã/phường)')
    .fill('Số 5 đường Yersin, phường Thủ Dầu Một');
  await home.getByLabel('Thửa đất số').fill('123');
  await home.getByLabel('Tờ bản đồ số').fill('45');
  await home.getByLabel('Diện tích lô đất (m²)').fill('120,5');
  // Autosave: the draft survives a reload on this device.
  await expect(home.getByText(/^Đã lưu nháp lúc/)).toBeVisible();
  await home.waitForTimeout(600);
  await home.reload();
  await expect(home.getByText(/^Đã mở lại bản nháp lưu lúc/)).toBeVisible();
  await expect(home.getByLabel('Diện tích lô đất (m²)')).toHaveValue('120,5');
  await home.getByRole('button', { name: 'Tiếp tục bản nháp' }).click();
  await home.getByRole('button', { name: 'Tiếp tục' }).click();

  await expect(home.getByRole('heading', { level: 2, name: 'Quy mô công trình' })).toBeVisible();
  await home.getByLabel('Diện tích xây dựng tầng 1 (tầng trệt) (m²)').fill('96,5');
  await home.getByLabel('Tổng diện tích sàn (m²)').fill('280');
  await home.getByLabel('Chiều cao công trình (m)').fill('11,8');
  await home.getByLabel('Số tầng (kể cả tầng hầm, tầng lửng, tum)').fill('3');
  await home.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(home.getByRole('heading', { level: 2, name: 'Thiết kế và thời gian thi công' })).toBeVisible();
  await home.getByLabel('Tổ chức, cá nhân thiết kế').fill('Công ty TNHH Kiến trúc Bình Dương');
  await home.getByRole('button', { name: 'Tiếp tục' }).click();

  // ---- components: upload with progress; a failed upload is retried without picking the file again ----
  await expect(home.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' })).toBeVisible();
  let failNext = true;
  await home.route('**/api/files', (route) => {
    if (failNext) {
      failNext = false;
      return route.abort('connectionreset');
    }
    return route.continue();
  });
  // The application form is the e-form just filled in: nothing to upload for it (issue 11, item 2).
  await expect(home.locator('.component-eform')).toContainText('Đơn đề nghị cấp giấy phép xây dựng');
  await expect(home.locator('.component-eform')).toContainText('Không cần tải lên');
  await home.getByLabel(/^Bản sao hoặc tệp tin chứa bản chụp/).setInputFiles(pdfFile('giay-to-dat.pdf'));
  await expect(home.getByText('Chưa tải lên được giay-to-dat.pdf.')).toBeVisible();
  await expectAccessible(home, 'components (failed upload)');
  await home.getByRole('button', { name: 'Thử lại' }).click();
  await expect(home.getByText(/^Đã tải lên: giay-to-dat\.pdf/)).toBeVisible();
  await home.unroute('**/api/files');
  await home.getByLabel(/^02 bộ bản vẽ thiết kế/).setInputFiles(pdfFile('ban-ve.pdf'));
  await expect(home.getByText(/^Đã tải lên: ban-ve\.pdf/)).toBeVisible();
  await expectAccessible(home, 'components');
  await home.getByRole('button', { name: 'Tiếp tục' }).click();

  // ---- review and submit (Idempotency-Key from the draft) ----
  await expect(home.getByRole('heading', { level: 2, name: 'Xem lại và nộp' })).toBeVisible();
  await expect(home.locator('.review')).toContainText('120,5');
  await expect(home.locator('.review')).toContainText('ban-ve.pdf');
  await expectAccessible(home, 'review');
  const submitted = home.waitForRequest((r) => r.url().endsWith('/api/dossiers') && r.method() === 'POST');
  await home.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  const request = await submitted;
  expect(request.headers()['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  expect(request.postDataJSON().formData).toMatchObject({ lotArea: 120.5, floors: 3, height: 11.8 });
  await expect(home.getByText('Đã nộp hồ sơ', { exact: true })).toBeVisible();
  // A receipt number at once, and by when the desk answers (issue 11, item 1).
  await expect(home.getByText(/^Số biên nhận của Ông\/Bà: BN-\d{6}-[0-9A-Z]{8}\./)).toBeVisible();
  await expect(home.locator('.notice-anchor')).toContainText(/trả lời trước \d{2}:\d{2} \d{2}\/\d{2}\/\d{4}/);
  await expect(home).toHaveURL(/\/ho-so-cua-toi\/[0-9a-f-]{36}$/);
  const id = home.url().split('/').pop() ?? '';
  await expect(home.locator('.facts').first()).toContainText('Mới đăng ký');
  await expectAccessible(home, 'dossier (citizen, submitted)');

  // ---- the one-stop desk of the ward accepts it and prints the receipt ----
  const desk = await official(browser, baseURL, 'motcua.thudaumot@cqs.demo');
  await expect(desk.getByRole('heading', { name: 'Hồ sơ cần xử lý' })).toBeVisible();
  await expectAccessible(desk, 'workspace (desk)');
  await openFromInbox(desk, id);
  await expectAccessible(desk, 'dossier (desk, new)');
  // A submitted file opens on the page, drawn by pdf.js, before anything is downloaded (item 7).
  await desk.getByRole('button', { name: 'Xem trước ban-ve.pdf' }).click();
  const preview = desk.getByRole('dialog', { name: 'Xem trước ban-ve.pdf' });
  await expect(preview.getByRole('img', { name: 'Trang 1' })).toBeVisible();
  await expectAccessible(desk, 'file preview');
  await preview.getByRole('button', { name: 'Đóng' }).click();
  await expect(preview).toBeHidden();
  await (await actionCard(desk, 'Tiếp nhận hồ sơ')).getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
  await expect(desk.getByText(/^Đã tiếp nhận hồ sơ, mã hồ sơ /)).toBeVisible();
  await expect(desk.locator('h1')).toHaveText(/^Hồ sơ 000\.\d\d\.40\.H29-\d{6}-\d{4}$/);
  const code = ((await desk.locator('h1').textContent()) ?? '').replace('Hồ sơ ', '');
  await expect(desk.locator('.due-explanation').first()).toContainText('15 ngày làm việc');
  const receipt = await download(desk, desk.getByRole('link', { name: /^Mẫu 01 – Giấy tiếp nhận/ }));
  expect(receipt.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const receiptText = (await pdfPages(receipt.bytes)).join('\n');
  expect(receiptText).toContain(code);
  expect(receiptText).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
  await expectAccessible(desk, 'dossier (desk, accepted)');

  // ---- the head of division assigns it ----
  const head = await official(browser, baseURL, 'truongphong.thudaumot@cqs.demo');
  await openFromInbox(head, id);
  await takeStep(head, 'Phân công chuyên viên thụ lý');

  // ---- the specialist asks for everything missing in one request ----
  const specialist = await official(browser, baseURL, 'chuyenvien.thudaumot@cqs.demo');
  await openFromInbox(specialist, id);
  await expectAccessible(specialist, 'dossier (specialist)');
  const request2 = await actionCard(specialist, 'Yêu cầu bổ sung hồ sơ');
  // The missing drawing is picked from the procedure's components; the other item is typed.
  await request2.getByRole('checkbox', { name: /^02 bộ bản vẽ thiết kế/ }).check();
  await expect(request2.getByLabel('Tên giấy tờ')).toHaveValue(/^02 bộ bản vẽ thiết kế/);
  await request2.getByLabel('Lý do, nội dung cần bổ sung').fill('Bản vẽ đã nộp thiếu mặt bằng tầng 2');
  await request2.getByRole('button', { name: 'Thêm giấy tờ khác' }).click();
  await request2.getByLabel('Tên giấy tờ').nth(1).fill('Bản cam kết bảo đảm an toàn công trình liền kề');
  await request2.getByLabel('Lý do, nội dung cần bổ sung').nth(1).fill('Công trình có nhà liền kề hai bên');
  await expectAccessible(specialist, 'supplement request form');
  await request2.getByRole('button', { name: 'Gửi yêu cầu bổ sung (2 giấy tờ)' }).click();
  await expect(specialist.getByText(/^Đã gửi yêu cầu bổ sung/)).toBeVisible();
  await expect(specialist.locator('.facts').first()).toContainText('Yêu cầu bổ sung giấy tờ');

  // ---- the citizen reads what is missing and supplements ----
  await home.goto('/ho-so-cua-toi');
  // one card per dossier, with what to do next
  const row = home.locator('.dossier-card').filter({ hasText: code });
  await expect(row).toContainText('Yêu cầu bổ sung giấy tờ');
  await expect(row.getByRole('link', { name: 'Bổ sung giấy tờ theo yêu cầu' })).toBeVisible();
  await expectAccessible(home, 'my dossiers');
  await row.getByRole('link', { name: PERMIT }).click();
  const answer = await actionCard(home, 'Bổ sung hồ sơ');
  await expect(answer).toContainText('02 bộ bản vẽ thiết kế');
  await expect(answer).toContainText('Công trình có nhà liền kề hai bên');
  await expect(home.getByRole('link', { name: /^Mẫu 02 – Phiếu yêu cầu bổ sung/ })).toBeVisible();
  await expectAccessible(home, 'dossier (citizen, supplement requested)');
  await answer
    .getByLabel('Nội dung đã bổ sung')
    .fill('Đã nộp bản vẽ mặt bằng tầng 2 và bản cam kết tại Bộ phận Một cửa');
  // The missing drawing goes with the answer, uploaded as soon as it is picked.
  await answer.getByLabel('Tệp 1', { exact: true }).setInputFiles(pdfFile('ban-ve-mat-bang-tang-2.pdf'));
  await expect(answer.locator('.file-done')).toContainText('ban-ve-mat-bang-tang-2.pdf');
  // the file is named as one of the procedure's components (the option's value is its key)
  await answer.getByLabel('Tệp 1 là giấy tờ').selectOption('ban_ve_thiet_ke');
  await answer.getByRole('button', { name: 'Xác nhận đã bổ sung' }).click();
  await expect(home.getByText(/^Đã ghi nhận bổ sung/)).toBeVisible();
  await expect(home.locator('.facts').first()).toContainText('Đang xử lý');

  // ---- appraisal asks the Department of Construction for an opinion (inter-agency consultation) ----
  await specialist.reload();
  await expect(specialist.locator('.facts').first()).toContainText('Đang xử lý');
  const submittedFiles = specialist.getByRole('region', { name: 'Thành phần hồ sơ đã nộp' });
  await expect(
    submittedFiles.getByRole('listitem').filter({ hasText: 'ban-ve-mat-bang-tang-2.pdf' }),
  ).toContainText('02 bộ bản vẽ thiết kế xây dựng');
  // A second supplement request would make the dossier count as late: the form says so.
  await actionCard(specialist, 'Yêu cầu bổ sung hồ sơ');
  await expect(specialist.getByText('Đây sẽ là lần yêu cầu bổ sung thứ hai trở lên')).toBeVisible();
  await takeStep(specialist, 'Gửi văn bản lấy ý kiến Sở Xây dựng', {
    comment: 'Đề nghị Sở Xây dựng cho ý kiến về chiều cao công trình theo quy hoạch',
    file: pdfFile('van-ban-xin-y-kien.pdf'),
  });
  await expect(specialist.locator('.facts').first()).toContainText('Sở Xây dựng');

  const department = await official(browser, baseURL, 'chuyenvien.xaydung@cqs.demo');
  await openFromInbox(department, id);
  await expect(department.locator('.facts').first()).toContainText('Liên thông lấy ý kiến Sở Xây dựng');
  await expectAccessible(department, 'dossier (consulted department)');
  await takeStep(department, 'Gửi văn bản góp ý', {
    comment: 'Thống nhất; chiều cao phù hợp quy hoạch phân khu',
    file: pdfFile('y-kien-so-xay-dung.pdf'),
  });
  // Back with the ward, the department no longer sees it.
  await expect(department.getByRole('heading', { level: 1, name: 'Hồ sơ đã được chuyển đi' })).toBeVisible();
  await expectAccessible(department, 'dossier moved on');

  // ---- draft, review, signature, release of the result ----
  await specialist.reload();
  await takeStep(specialist, 'Trình dự thảo giấy phép xây dựng', { file: pdfFile('du-thao-giay-phep.pdf') });
  await head.reload();
  await takeStep(head, 'Trình Chủ tịch UBND ký');
  const leader = await official(browser, baseURL, 'lanhdao.thudaumot@cqs.demo');
  await openFromInbox(leader, id);
  await takeStep(leader, 'Ký giấy phép xây dựng');
  await specialist.reload();
  await takeStep(specialist, 'Phát hành giấy phép, trả về Bộ phận Một cửa', {
    file: pdfFile('giay-phep-xay-dung.pdf'),
  });
  await expect(specialist.locator('.facts').first()).toContainText('Đã xử lý xong');
  const timeline = specialist.locator('.timeline');
  await expect(timeline).toContainText('Gửi văn bản góp ý');
  await expect(timeline).toContainText('Sở Xây dựng');
  await expect(timeline).toContainText('Trước hạn');
  await expectAccessible(specialist, 'dossier (result ready)');

  // ---- the desk hands the result over (bulk hand-over from the list) ----
  await desk.goto('/lam-viec/ho-so?trang-thai=9');
  await desk.getByRole('checkbox', { name: `Chọn hồ sơ ${code}` }).check();
  await desk.getByLabel('Hình thức trả kết quả').selectOption('counter');
  await expectAccessible(desk, 'inbox (bulk)');
  await desk.getByRole('button', { name: 'Trả kết quả 1 hồ sơ' }).click();
  await expect(desk.getByText('Đã trả kết quả 1 hồ sơ')).toBeVisible();
  await expect(desk.locator('.alert')).toContainText(`${code}: Đã trả kết quả`);

  // ---- the citizen downloads the result and rates the service ----
  await home.reload();
  await expect(home.locator('.facts').first()).toContainText('Đã trả kết quả');
  const result = await download(home, home.getByRole('link', { name: 'Tải kết quả giải quyết' }));
  expect(result.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const rating = home.getByRole('region', { name: 'Đánh giá mức độ hài lòng' });
  await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(rating.getByText('Chọn mức độ hài lòng')).toBeVisible();
  await rating.getByLabel('5 – Rất hài lòng').check();
  await rating.getByText('Đánh giá chi tiết theo 9 tiêu chí (không bắt buộc)').click();
  await rating
    .getByRole('group', { name: 'Thái độ của cán bộ, công chức' })
    .getByLabel('Tốt', { exact: true })
    .check();
  await rating
    .getByRole('group', { name: 'Tổng thời gian giải quyết so với quy định' })
    .getByLabel('Tốt', { exact: true })
    .check();
  await expectAccessible(home, 'rating');
  await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
  await expect(rating.getByText('Cảm ơn bạn đã đánh giá')).toBeVisible();
  // the dossier's state follows without a reload
  await expect(home.locator('.facts').first()).toContainText('Đã đánh giá: 5/5 điểm');

  // ---- anyone with the receipt follows it: the code and the last four digits ----
  const visitor = await anonymous(browser, baseURL);
  await visitor.goto(`/tra-cuu?ma=${encodeURIComponent(code)}`);
  await expect(visitor.getByRole('textbox', { name: 'Mã hồ sơ hoặc số biên nhận', exact: true })).toHaveValue(
    code,
  );
  await expect(visitor.getByLabel('4 chữ số cuối')).toBeFocused();
  await visitor.getByLabel('4 chữ số cuối').fill(pin === '0000' ? '1111' : '0000');
  await visitor.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(visitor.getByText('Không tìm thấy hồ sơ', { exact: true })).toBeVisible();
  await expectAccessible(visitor, 'tracking (not found)');
  await visitor.getByLabel('4 chữ số cuối').fill(pin);
  await visitor.getByRole('button', { name: 'Tra cứu' }).click();
  const found = visitor.getByRole('region', { name: `Hồ sơ ${code}` });
  await expect(found).toContainText('Đã trả kết quả');
  await expect(found).toContainText(WARD);
  await expect(found).toContainText('Sở Xây dựng');
  await expect(found).not.toContainText(phone);
  await expectAccessible(visitor, 'tracking');
});

test('counter intake: the one-stop officer receives a birth registration and prints the receipt', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const desk = await official(browser, baseURL, 'motcua.thudaumot@cqs.demo');
  await desk
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Tiếp nhận tại quầy' })
    .click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Tiếp nhận hồ sơ tại quầy' })).toBeVisible();
  await desk.getByLabel('Tên thủ tục hoặc từ khóa').fill('dang ky khai sinh');
  await desk.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expectAccessible(desk, 'counter: choose a procedure');
  await desk
    .getByRole('button', { name: /^Chọn Thủ tục đăng ký khai sinh/ })
    .first()
    .click();

  // The agency is the officer's own; the applicant is typed by the officer.
  await expect(desk.getByText(`Cơ quan tiếp nhận: ${WARD}`)).toBeVisible();
  await expect(desk.getByLabel('Họ và tên người nộp')).toHaveValue('');
  await desk.getByLabel('Họ và tên người nộp').fill('Trần Văn Bình');
  await desk.getByLabel('Số định danh cá nhân (CCCD)').fill('074088001122');
  await desk.getByLabel('Số điện thoại').fill('0987005678');
  await expectAccessible(desk, 'counter: applicant');
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();

  await desk.getByLabel('Họ, chữ đệm và tên người được khai sinh').fill('Trần Gia Hân');
  await desk.getByRole('group', { name: 'Giới tính' }).getByLabel('Nữ').check();
  // typed day first, as on the paper form, whatever the browser's language
  await desk.getByLabel('Ngày, tháng, năm sinh').fill('20/11/2026');
  await expectAccessible(desk, 'counter: e-form');
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  await desk
    .getByLabel('Nơi sinh (cơ sở y tế hoặc địa chỉ nơi sinh)')
    .fill('Bệnh viện Đa khoa tỉnh Bình Dương');
  await expect(desk.getByLabel('Dân tộc')).toHaveValue('Kinh');
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  await desk.getByLabel('Họ, chữ đệm và tên người mẹ').fill('Lê Thị Mai');
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  await desk.getByLabel('Họ, chữ đệm và tên người cha').fill('Trần Văn Bình');
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  await desk
    .getByLabel('Quan hệ của người đi đăng ký với người được khai sinh')
    .selectOption({ label: 'Cha' });
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  // Components are optional at the counter: the officer scans what was handed in.
  await expect(desk.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' })).toBeVisible();
  await desk.locator('input[type="file"]').first().setInputFiles(pdfFile('giay-chung-sinh.pdf'));
  await expect(desk.getByText(/^Đã tải lên: giay-chung-sinh\.pdf/)).toBeVisible();
  await desk.getByRole('button', { name: 'Tiếp tục' }).click();
  await expectAccessible(desk, 'counter: review');
  await desk.getByRole('button', { name: 'Tiếp nhận hồ sơ và cấp giấy tiếp nhận' }).click();

  // Accepted at once: a code, and the receipt to print.
  await expect(desk.getByRole('heading', { level: 1, name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  const title = desk.getByText(/^Đã tiếp nhận hồ sơ 000\.\d\d\.40\.H29-\d{6}-\d{4}$/);
  await expect(title).toBeVisible();
  const code = ((await title.textContent()) ?? '').replace('Đã tiếp nhận hồ sơ ', '');
  await expectAccessible(desk, 'counter: received');
  const receipt = await download(desk, desk.getByRole('link', { name: 'Tải Giấy tiếp nhận để in (PDF)' }));
  expect(receipt.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const text = (await pdfPages(receipt.bytes)).join('\n');
  expect(text).toContain(code);
  expect(text).toContain('Trần Văn Bình');

  await desk.getByRole('link', { name: 'Mở hồ sơ' }).click();
  await expect(desk.getByRole('heading', { level: 1, name: `Hồ sơ ${code}` })).toBeVisible();
  await expect(desk.locator('.facts').first()).toContainText('Đang xử lý');
  await expect(desk.locator('.facts').first()).toContainText('Nộp tại quầy');
  await expectAccessible(desk, 'dossier (counter intake)');

  // The register (form 07) lists it; CSV and PDF come with the same filter.
  await desk
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Sổ theo dõi hồ sơ' })
    .click();
  await expect(desk.getByRole('heading', { level: 1, name: 'Sổ theo dõi hồ sơ' })).toBeVisible();
  await desk.getByLabel('Trạng thái', { exact: true }).selectOption('4');
  await desk.getByRole('button', { name: 'Xem', exact: true }).click();
  await expect(desk.getByRole('row', { name: new RegExp(code.replaceAll('.', '\\.')) })).toContainText(
    'Trần Văn Bình',
  );
  await expectAccessible(desk, 'register');
  const csv = await download(desk, desk.getByRole('link', { name: 'Tải CSV' }));
  expect(csv.bytes.toString('utf8')).toContain(code);
  const registerPdf = await download(desk, desk.getByRole('link', { name: 'Tải PDF' }));
  expect(registerPdf.bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');

  // Tracking with the last four digits of the phone given at the counter.
  const visitor = await anonymous(browser, baseURL);
  await visitor.goto('/tra-cuu');
  await expectAccessible(visitor, 'tracking (empty)');
  await visitor.getByRole('textbox', { name: 'Mã hồ sơ hoặc số biên nhận', exact: true }).fill(code);
  await visitor.getByLabel('4 chữ số cuối').fill('5678');
  await visitor.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(visitor.getByRole('region', { name: `Hồ sơ ${code}` })).toContainText('Đang xử lý');
});
