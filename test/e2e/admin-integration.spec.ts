import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';

// The administrator lets another system in (an API client with a webhook), revokes it, and checks
// the DVCQG sync (the server runs against the in-repo contract server, see server.mjs).
// The file name sorts it before foundation.spec.ts, whose last journey turns on the administrator's
// second factor (files run in name order on one server).
test.describe.configure({ mode: 'serial' });

async function signInAsAdmin(page: Page) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill('admin@cqs.demo');
  await page.getByLabel(/^Mật khẩu/).fill('Cqs@2026demo');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

test('the administrator creates an API client, sees its secret once, adds a webhook and revokes it', async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto('/quan-tri/ung-dung-lien-thong');
  await expect(page.getByRole('heading', { level: 1, name: 'Ứng dụng liên thông' })).toBeVisible();
  await expectAccessible(page, 'API clients (empty)');

  // Nothing filled in: the server names each problem.
  await page.getByRole('button', { name: 'Tạo ứng dụng', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Tên ứng dụng' })).toBeVisible();

  await page.getByLabel(/^Tên ứng dụng/).fill('Hệ thống một cửa Sở Xây dựng');
  const agency = page.locator('#client-agency option', { hasText: 'Sở Xây dựng' }).first();
  await page.getByLabel(/^Cơ quan/).selectOption((await agency.getAttribute('value'))!);
  await page.getByLabel(/procedures:read/).check();
  await page.getByRole('button', { name: 'Tạo ứng dụng', exact: true }).click();
  const created = page.getByRole('status').filter({ hasText: 'Đã tạo ứng dụng' });
  await expect(created).toBeVisible();
  await expect(created).toContainText('client_secret');
  await expectAccessible(page, 'API clients (secret shown)');

  await page.getByRole('button', { name: 'Webhook của Hệ thống một cửa Sở Xây dựng' }).click();
  await page.getByLabel(/^Địa chỉ nhận/).fill('https://mc.xaydung.example.vn/webhooks/cqs');
  await page.getByRole('button', { name: 'Đăng ký webhook' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã đăng ký webhook' })).toContainText('whsec_');
  await expect(
    page.getByRole('rowheader', { name: 'https://mc.xaydung.example.vn/webhooks/cqs' }),
  ).toBeVisible();
  await expectAccessible(page, 'API clients (webhooks)');

  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Thu hồi Hệ thống một cửa Sở Xây dựng' }).click();
  await expect(page.getByText('Đã thu hồi')).toBeVisible();
});

test('the administrator sees the DVCQG sync state and reconciles a period', async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto('/quan-tri');
  await page
    .getByRole('navigation', { name: 'Quản trị' })
    .getByRole('link', { name: 'Đồng bộ DVCQG' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Số hồ sơ theo tình trạng đồng bộ' })).toContainText(
    'Đã đồng bộ',
  );
  await expect(page.getByText('Chưa cấu hình kết nối DVCQG')).toHaveCount(0);
  await expectAccessible(page, 'DVCQG sync');
  await page.getByLabel(/^Từ ngày/).fill('2020-01-01');
  await page.getByRole('button', { name: 'Đối soát', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Trong hệ thống:' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Các lần đối soát gần đây' })).toBeVisible();
  await expectAccessible(page, 'DVCQG sync (reconciled)');
});
