import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';

// The administrator sets up the operations centre's walls per role. The file name sorts it before
// foundation.spec.ts, whose last journey turns on the administrator's second factor (files run in name
// order on one server).
async function signInAsAdmin(page: import('@playwright/test').Page) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill('admin@cqs.demo');
  await page.getByLabel(/^Mật khẩu/).fill('Cqs@2026demo');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

// The administrator chooses the city leader's wall: fewer views, rotating.
test('an administrator saves a role dashboard', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await signInAsAdmin(page);
  await page.goto('/lam-viec/dieu-hanh/bang-dieu-hanh');
  await expect(page.getByRole('heading', { level: 1, name: 'Bảng điều hành theo vai trò' })).toBeVisible();
  await expect(page.getByLabel('Vai trò')).toHaveValue('city_leader');
  await expectAccessible(page, 'the role dashboards');
  await page.getByRole('checkbox', { name: 'Trạm quan trắc' }).uncheck();
  await page.getByLabel('Thời gian mỗi màn hình (giây)').fill('15');
  await page.getByRole('button', { name: 'Lưu bảng điều hành' }).click();
  // (the route announcer is a status region too)
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu bảng điều hành' })).toHaveText(
    /^Đã lưu bảng điều hành của vai trò [^_]+\.$/,
  );
  await context.close();
});
