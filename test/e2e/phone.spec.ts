import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';
import { citizen, pdfFile } from './journey.ts';

// The citizen's journey on a phone (390 × 844): the home page, a procedure, the online form, their
// dossiers and tracking. Each step is checked for what a phone needs (nothing wider than the
// screen, the way to apply at the top, cards rather than a wide table) and kept as a screenshot.
const PHONE = { width: 390, height: 844 };
const BIRTH = 'Thủ tục đăng ký khai sinh';

/** Nothing on the page is wider than the phone (no sideways scrolling). */
async function fitsWidth(page: Page, what: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `width of ${what}`).toBeLessThanOrEqual(PHONE.width);
}

test('on a phone, a citizen finds a procedure from the home page, applies online, follows the dossier and tracks it', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const { page, phone } = await citizen(browser, baseURL);
  await page.setViewportSize(PHONE);

  // ---- the home page: search first; header and navigation take at most a fifth of the height ----
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến' })).toBeVisible();
  const navBottom = await page.evaluate(
    () => document.querySelector('.nav-bar')?.getBoundingClientRect().bottom,
  );
  expect(navBottom).toBeLessThanOrEqual(PHONE.height / 5);
  await expect(page.getByRole('heading', { level: 2, name: 'Thủ tục được làm nhiều nhất' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Tra cứu hồ sơ' })).toBeVisible();
  await fitsWidth(page, 'home');
  await expectAccessible(page, 'home (phone)');

  await page.getByLabel('Bạn cần làm thủ tục gì?').fill('khai sinh');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thủ tục hành chính' })).toBeVisible();
  await fitsWidth(page, 'procedure search');
  await expectAccessible(page, 'procedure search (phone)');
  await page.getByRole('link', { name: BIRTH, exact: true }).click();

  // ---- the procedure: "Nộp trực tuyến", its time limit and fees at the top, the seven parts below ----
  await expect(page.getByRole('heading', { level: 1, name: BIRTH })).toBeVisible();
  const apply = page.getByRole('link', { name: 'Nộp trực tuyến' });
  await expect(apply).toBeInViewport();
  const applyTop = (await apply.boundingBox())?.y ?? Number.POSITIVE_INFINITY;
  const partsTop =
    (await page.getByRole('heading', { level: 2, name: /Trình tự thực hiện$/ }).boundingBox())?.y ?? 0;
  expect(applyTop).toBeLessThan(partsTop);
  const aside = page.getByRole('complementary', { name: /./ }).filter({ has: apply });
  await expect(aside).toContainText('Thời hạn giải quyết');
  await expect(aside).toContainText('Lệ phí đăng ký khai sinh');
  await fitsWidth(page, 'procedure page (fee table included)');
  await expectAccessible(page, 'procedure page (phone)');
  await apply.click();

  // ---- the online form: steps named after what they ask, folded under the current one ----
  await expect(page.getByRole('heading', { level: 1, name: 'Nộp hồ sơ trực tuyến' })).toBeVisible();
  const stepper = page.getByRole('navigation', { name: 'Các bước nộp hồ sơ' });
  await expect(stepper.locator('summary')).toContainText('Bước 1/8');
  const agency = page.getByLabel('Cơ quan tiếp nhận');
  if (await agency.count()) await agency.selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Thông tin người được khai sinh' })).toBeFocused();
  await expect(stepper.locator('summary')).toContainText('Bước 2/8: Thông tin người được khai sinh');
  await stepper.locator('summary').click();
  await expect(stepper.getByRole('listitem')).toHaveCount(8);
  await expect(stepper).toContainText('Thông tin người mẹ');
  await fitsWidth(page, 'form');
  await expectAccessible(page, 'form, first page of the e-form (phone)');
  await page.getByLabel('Họ, chữ đệm và tên người được khai sinh').fill('Trần Minh Khôi');
  await page.getByLabel('Nữ', { exact: true }).check();
  // a date is typed day first, whatever the browser's language
  await page.getByLabel('Ngày, tháng, năm sinh').fill('20/11/2026');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel(/^Nơi sinh/).fill('Bệnh viện Đa khoa tỉnh Bình Dương');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByLabel('Họ, chữ đệm và tên người mẹ').fill('Nguyễn Thị Hồng Nhung');
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Thông tin người cha' })).toBeVisible();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page
    .getByLabel('Quan hệ của người đi đăng ký với người được khai sinh')
    .selectOption({ label: 'Mẹ' });
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Thành phần hồ sơ' })).toBeVisible();
  for (const key of ['giay_chung_sinh', 'giay_to_tuy_than']) {
    await page.locator(`#component-${key}`).setInputFiles(pdfFile(`${key}.pdf`));
    await expect(page.getByText(`Đã tải lên: ${key}.pdf`)).toBeVisible();
  }
  await page.getByRole('button', { name: 'Tiếp tục' }).click();

  // ---- review: the date as written, the documents not given "Không nộp", fees without scrolling ----
  await expect(page.getByRole('heading', { level: 2, name: 'Xem lại và nộp' })).toBeVisible();
  const review = page.locator('.review');
  await expect(review).toContainText('20/11/2026');
  const documents = review.getByRole('region', { name: 'Thành phần hồ sơ' });
  await expect(documents).toContainText('Không nộp');
  await expect(documents).not.toContainText('Không nhập');
  await fitsWidth(page, 'review with fees');
  await expectAccessible(page, 'review (phone)');
  await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
  await expect(page.getByText('Đã nộp hồ sơ', { exact: true })).toBeVisible();
  const receipt = ((await page.locator('h1').textContent()) ?? '').replace('Hồ sơ số biên nhận ', '');
  expect(receipt).toMatch(/^BN-\d{6}-[0-9A-Z]{8}$/);
  // withdrawing is offered apart from what the applicant has to do
  await expect(page.getByRole('region', { name: 'Việc bạn cần làm' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Nếu bạn không cần giải quyết nữa' })).toBeVisible();
  await fitsWidth(page, 'dossier');
  await expectAccessible(page, 'dossier (phone)');

  // ---- my dossiers: cards with the receipt number, status, due date and what comes next ----
  await page.goto('/ho-so-cua-toi');
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
  await expect(page.locator('main table')).toHaveCount(0);
  const card = page.locator('.dossier-card').filter({ hasText: receipt });
  await expect(card).toContainText(BIRTH);
  await expect(card).toContainText('Mới đăng ký');
  await expect(card).toContainText('Ngày hẹn trả kết quả');
  await expect(card).toContainText('Việc tiếp theo: Không cần làm gì, cơ quan đang xử lý');
  await fitsWidth(page, 'my dossiers');
  await expectAccessible(page, 'my dossiers (phone)');

  // ---- tracking from the home page, with the receipt number and the phone's last four digits ----
  await page.goto('/');
  await page.getByLabel('Mã hồ sơ hoặc số biên nhận').fill(receipt);
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  await expect(page.getByLabel('4 chữ số cuối')).toBeFocused();
  await page.getByLabel('4 chữ số cuối').fill(phone.slice(-4));
  await page.getByRole('button', { name: 'Tra cứu' }).click();
  const found = page.getByRole('region', { name: `Hồ sơ ${receipt}` });
  await expect(found).toContainText('Mới đăng ký');
  await expect(found).toContainText(BIRTH);
  await fitsWidth(page, 'tracking');
  await expectAccessible(page, 'tracking (phone)');
});
