import { expect, type Page, test } from '@playwright/test';
import mqtt from 'mqtt';
import { expectAccessible } from './a11y.ts';

// A street floods: the reading arrives over MQTT and shows on the wall's ticker within two seconds;
// the operator acknowledges it on the console and the wall's ticker updates by itself.
const DEMO_PASSWORD = 'Cqs@2026demo';
const BROKER = process.env.E2E_MQTT_BROKER ?? 'mqtt://127.0.0.1:1883';

async function signIn(page: Page, identifier: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
  await page.getByLabel(/^Mật khẩu/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

test('a flooded street reaches the wall over MQTT; the operator acknowledges it', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await context.newPage();
  await signIn(wall, 'dieuhanh.ioc@cqs.demo');
  await wall.goto('/lam-viec/dieu-hanh');
  await expect(wall.getByRole('heading', { level: 1, name: 'Trung tâm điều hành thông minh' })).toBeVisible();
  await expect(wall.getByText('Không có cảnh báo chưa xác nhận.')).toBeVisible();
  await expectAccessible(wall, 'the wall at 1920×1080');
  // Let the event stream connect before the reading is sent.
  await wall.waitForTimeout(500);

  const device = await mqtt.connectAsync(BROKER, { clientId: `cqs-e2e-${Date.now()}` });
  await device.publishAsync('/json/cqs-demo/FS-DA-550/attrs', JSON.stringify({ depth: 33 }), { qos: 1 });
  const sent = Date.now();
  const ticker = wall.getByTestId('ops-ticker');
  await expect(ticker.getByText(/Ngập đường — Điểm ngập Ngã tư 550, Dĩ An/)).toBeVisible({ timeout: 2000 });
  expect(Date.now() - sent).toBeLessThan(2000);
  await expect(ticker.getByText('Khẩn cấp')).toBeVisible();
  await device.endAsync();

  const console_ = await context.newPage();
  await console_.goto('/lam-viec/dieu-hanh/canh-bao');
  await expect(console_.getByRole('heading', { level: 1, name: 'Cảnh báo, sự cố' })).toBeVisible();
  await expectAccessible(console_, 'the operator console');
  await console_.getByRole('button', { name: /Xác nhận Điểm ngập Ngã tư 550/ }).click();
  await expect(console_.getByText(/đã xác nhận/)).toBeVisible();

  // The wall was not touched: the event stream brings the change.
  await expect(wall.getByText('Không có cảnh báo chưa xác nhận.')).toBeVisible({ timeout: 5000 });
  await context.close();
});

// The city leader opens the leader's view: exceptions first; from the city's overdue figure to the
// commune carrying the most, then to the dossiers behind that commune's figure — on a desk and on a phone.
test("the leader drills down from the city's overdue dossiers to a commune's", async ({ browser }) => {
  for (const viewport of [
    { width: 1280, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const context = await browser.newContext({ viewport, isMobile: viewport.width < 500 });
    const page = await context.newPage();
    await signIn(page, 'lanhdao.ubnd@cqs.demo');
    await page.goto('/lam-viec/dieu-hanh/lanh-dao');
    await expect(page.getByRole('heading', { level: 1, name: 'Màn hình lãnh đạo' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Việc cần chú ý' })).toBeVisible();
    await expectAccessible(page, `the leader's view at ${viewport.width} px`);
    const figure = page.getByTestId('ops-overdue-svc.overdue');
    await expect(figure).toHaveText(/\d+ hồ sơ/);
    // The commune carrying the most overdue dossiers is first under the figure.
    const first = page.locator('.ops-commune-list').first().getByRole('link').first();
    const communeName = (await first.textContent())!.trim();
    const shown = Number(
      ((await first.locator('xpath=..').textContent()) ?? '')
        .match(/:\s*([\d.]+) hồ sơ/)![1]!
        .replaceAll('.', ''),
    );
    await first.click();
    await expect(page.getByRole('heading', { level: 1, name: communeName })).toBeVisible();
    await expectAccessible(page, `a commune at ${viewport.width} px`);
    await page.getByRole('link', { name: `Xem ${shown} hồ sơ quá hạn` }).click();
    const table = page.getByRole('table', { name: new RegExp(`Hồ sơ quá hạn tại .*: ${shown} hồ sơ`) });
    await expect(table).toBeVisible();
    await expect(table.locator('tbody tr')).toHaveCount(Math.min(shown, 50));
    await expectAccessible(page, `a commune's overdue dossiers at ${viewport.width} px`);
    if (viewport.width > 500) {
      // The former Bình Dương units by default, and the data network, from the same view.
      await page.goto('/lam-viec/dieu-hanh/dia-ban-cu');
      await expect(page.getByRole('heading', { level: 1, name: 'Chỉ tiêu theo địa bàn cũ' })).toBeVisible();
      await expect(page.getByTestId('ops-set-value')).toContainText('Bình Dương cũ');
      await expect(page.getByLabel('Địa bàn')).toHaveValue('binh-duong-cu');
      await expectAccessible(page, 'an indicator for the former Bình Dương units');
      await page.goto('/lam-viec/dieu-hanh/mang');
      await expect(
        page.getByRole('heading', { level: 1, name: 'Mạng truyền số liệu chuyên dùng' }),
      ).toBeVisible();
      await expect(page.getByTestId('ops-network-uptime')).toContainText('Thời gian hoạt động toàn mạng');
      await expectAccessible(page, 'the data network');
    }
    await context.close();
  }
});
