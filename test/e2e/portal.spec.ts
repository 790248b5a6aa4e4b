import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';

// The public portal read with JavaScript off, and one editor → reviewer → scheduled journey in which
// the article appears at its time on the home page, in the feed and in the sitemap.
test.describe.configure({ mode: 'serial' });

const DEMO_PASSWORD = 'Cqs@2026demo';

async function signIn(page: Page, identifier: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
  await page.getByLabel(/^Mật khẩu/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

test.describe('with JavaScript disabled', () => {
  test.use({ javaScriptEnabled: false });

  test('a reader navigates the portal, searches without diacritics, switches language and sends an enquiry', async ({
    page,
  }) => {
    await page.goto('/vi');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Cổng thông tin điện tử Thành phố' }),
    ).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Mục chính' });

    await nav.getByRole('link', { name: 'Tin tức' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tin tức' })).toBeVisible();
    await page
      .getByRole('link', { name: 'Thành phố đẩy mạnh giải quyết thủ tục hành chính trực tuyến toàn trình' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'Thành phố đẩy mạnh giải quyết thủ tục hành chính trực tuyến toàn trình',
    );
    // The English switch keeps the page.
    await page.getByRole('navigation', { name: 'Ngôn ngữ' }).getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      'City steps up fully online administrative procedures',
    );

    await page.goto('/vi');
    await nav.getByRole('link', { name: 'Văn bản' }).click();
    await page.getByLabel('Loại văn bản').selectOption('ke_hoach');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page.getByRole('link', { name: '412/KH-UBND' })).toBeVisible();
    await page.getByRole('link', { name: '412/KH-UBND' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('412/KH-UBND');

    await page
      .getByRole('navigation', { name: 'Mục chính' })
      .getByRole('link', { name: 'Tổ chức bộ máy' })
      .click();
    await expect(page.getByText('Ủy ban nhân dân Phường Thủ Dầu Một').first()).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Mục chính' })
      .getByRole('link', { name: 'Thủ tục hành chính' })
      .click();
    await page.locator('main ul li a').first().click();
    await expect(page.getByText('Thời hạn giải quyết')).toBeVisible();

    const search = page.getByRole('search').first();
    await search.getByLabel('Tìm kiếm').fill('thu tuc dat dai');
    await search.getByRole('button', { name: 'Tìm' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tìm kiếm' })).toBeVisible();
    await expect(page.locator('mark').first()).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Mục chính' })
      .getByRole('link', { name: 'Dự án kêu gọi đầu tư' })
      .click();
    await expect(page.locator('svg.map')).toBeVisible();
    await page.getByRole('navigation', { name: 'Ngôn ngữ' }).getByRole('link', { name: '日本語' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '投資募集案件' })).toBeVisible();
    await page.locator('main .cards a').first().click();
    await page.getByLabel('氏名').fill('Suzuki Ichiro');
    await page.getByLabel('会社・団体').fill('Suzuki Denki K.K.');
    await page.getByLabel('国').fill('日本');
    await page.getByLabel('メール').fill('suzuki@example.jp');
    await page.getByLabel('お問い合わせ内容').fill('用地の見学を希望します。');
    await page.getByRole('button', { name: '送信' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'お問い合わせを受け付けました' })).toBeVisible();

    await page.goto('/en/industrial-parks');
    await expect(page.getByText('Vietnam – Singapore Industrial Park II (VSIP II)')).toBeVisible();

    // Investment figures are charted on the server; the investor's guide links to the catalogue.
    await page.goto('/en/investment-projects');
    await page.getByRole('link', { name: 'Investment figures' }).click();
    await expect(page.locator('svg.chart')).toBeVisible();
    await expect(
      page.getByRole('cell', { name: 'Taiwan' }).or(page.getByRole('rowheader', { name: 'Taiwan' })),
    ).toBeVisible();

    // An investor registers for the coming webinar, with JavaScript off.
    await page.goto('/en/events');
    await page.getByRole('link', { name: 'Investment-promotion webinar with Korean firms' }).click();
    const reg = page.locator('form.stack');
    await reg.getByLabel('Full name').fill('Kang Seo-yeon');
    await reg.getByLabel('Company or organisation').fill('Seoul Semiconductor Parts');
    await reg.getByLabel('Country').fill('Korea');
    await reg.getByLabel('E-mail').fill('kang@example.kr');
    await reg.getByLabel('Where you will attend').selectOption('Seoul');
    await reg.getByRole('button', { name: 'Register' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Your confirmation code: DK-' })).toBeVisible();

    // A question from the public, with JavaScript off, followed by its code.
    await page.goto('/vi');
    await nav.getByRole('link', { name: 'Hỏi đáp' }).click();
    const ask = page.locator('form.stack');
    await ask.getByLabel('Họ và tên').fill('Phạm Thị Lan');
    await ask.getByLabel('Điện thoại').fill('0903 123 456');
    await ask.getByLabel('Tiêu đề').fill('Giờ làm việc Bộ phận Một cửa');
    await ask.getByLabel('Nội dung câu hỏi').fill('Bộ phận Một cửa phường có làm việc sáng thứ Bảy không?');
    await ask.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã nhận câu hỏi' })).toBeVisible();
    await expect(
      page.getByRole('status').filter({ hasText: 'đã tiếp nhận, đang chờ trả lời' }),
    ).toBeVisible();

    // Open data and the digital-transformation page.
    await nav.getByRole('link', { name: 'Dữ liệu mở' }).click();
    await expect(page.getByRole('link', { name: /Tải CSV/ }).first()).toBeVisible();
    await nav.getByRole('link', { name: 'Chuyển đổi số' }).click();
    await expect(
      page.getByRole('rowheader', { name: 'Thủ tục hành chính cung cấp trực tuyến toàn trình' }),
    ).toBeVisible();
  });
});

// axe runs inside the page, so accessibility is checked with JavaScript on, on the same pages.
test('the public pages are accessible', async ({ page }) => {
  test.setTimeout(300_000);
  for (const path of [
    '/vi',
    '/vi/tin-tuc',
    '/en/news/city-steps-up-fully-online-administrative-procedures',
    '/vi/van-ban',
    '/en/organisation',
    '/vi/thu-tuc',
    '/vi/tim-kiem?q=thu+tuc+dat+dai',
    '/vi/du-an-dau-tu',
    '/ja/investment-projects/da-bd-01',
    '/en/industrial-parks',
    '/en/investment-figures',
    '/zh/investor-guide',
    '/vi/hoi-dap',
    '/en/rate-this-portal?from=%2Fen',
    '/vi/du-lieu-mo',
    '/en/digital-transformation',
    '/ko/events/webinar-han-quoc-2027',
  ]) {
    await page.goto(path);
    await expectAccessible(page, path);
  }
});

test('an editor writes, a reviewer approves and schedules, and the article appears at its time on the home page, in the feed and the sitemap', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const editorCtx = await browser.newContext();
  const editor = await editorCtx.newPage();
  await signIn(editor, 'bientap.ubnd@cqs.demo');
  await editor
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Cổng thông tin' })
    .click();
  await expect(editor.getByRole('heading', { level: 1, name: 'Biên tập Cổng thông tin' })).toBeVisible();
  await expectAccessible(editor, 'portal editor desk');
  const title = `Khai trương điểm phục vụ hành chính công lưu động ${Date.now()}`;
  await editor.getByLabel('Tiêu đề').fill(title);
  await editor.getByRole('button', { name: 'Tạo bản nháp' }).click();
  await expect(editor.getByRole('heading', { level: 1, name: 'Soạn, duyệt bài' })).toBeVisible();
  await editor
    .getByLabel('Tóm tắt')
    .fill('Xe phục vụ hành chính công đến các khu công nghiệp vào cuối tuần.');
  await editor.getByRole('textbox', { name: 'Nội dung bài' }).click();
  await editor.keyboard.type('Người lao động làm thủ tục cư trú, hộ tịch ngay tại khu công nghiệp.');
  await editor.getByRole('button', { name: 'Lưu' }).click();
  await expect(editor.getByText('Đã lưu bản nháp.')).toBeVisible();
  await expectAccessible(editor, 'portal editor');
  await editor.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(editor.getByText('Đã gửi duyệt.')).toBeVisible();
  const editionUrl = editor.url();

  const reviewerCtx = await browser.newContext();
  const reviewer = await reviewerCtx.newPage();
  await signIn(reviewer, 'duyet.ubnd@cqs.demo');
  await reviewer.goto(editionUrl);
  await reviewer.getByRole('button', { name: 'Duyệt' }).click();
  await expect(reviewer.getByText('Đã duyệt.')).toBeVisible();
  // Scheduled for the next minute: the publisher runs every 30 seconds.
  const at = new Date(Date.now() + 60_000);
  const local = new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16);
  // Typed as a Vietnamese date and a 24-hour time, whatever the browser's language.
  const when = reviewer.getByRole('group', { name: 'Thời điểm đăng' });
  await when
    .getByLabel('Ngày', { exact: true })
    .fill(`${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`);
  await when.getByLabel(/^Giờ/).fill(local.slice(11, 16));
  await reviewer.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
  await expect(reviewer.getByText('Đã hẹn giờ đăng.')).toBeVisible();

  const reader = await browser.newPage();
  await reader.goto('/vi');
  await expect(reader.getByRole('link', { name: title })).toHaveCount(0);
  await expect(async () => {
    await reader.goto('/vi');
    await expect(reader.getByRole('link', { name: title })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 150_000, intervals: [5_000] });
  const feed = await reader.request.get('/vi/feed/tin-tuc.xml');
  expect(await feed.text()).toContain(title);
  const sitemap = await reader.request.get('/sitemap.xml');
  expect(await sitemap.text()).toContain('/vi/tin-tuc/khai-truong-diem-phuc-vu-hanh-chinh-cong-luu-dong-');
  await reader.getByRole('link', { name: title }).click();
  await expect(
    reader.getByText('Người lao động làm thủ tục cư trú, hộ tịch ngay tại khu công nghiệp.'),
  ).toBeVisible();
  await editorCtx.close();
  await reviewerCtx.close();
});
