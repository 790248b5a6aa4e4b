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
