import { type Browser, expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { expectAccessible } from './a11y.ts';
import { contextOptions, tryLogin } from './journey.ts';

// A citizen on a phone reports a pothole with a photo (its location suggests the point); a second
// report nearby is offered the first as a duplicate; the operator routes it, the ward officer answers
// with a photo, the operator publishes, the citizen is not satisfied and it reopens; the public map shows it.
test.describe.configure({ mode: 'serial' });

const POINT = { lat: 10.9804, lng: 106.6565 }; // Phường Thủ Dầu Một

async function gpsPhoto(): Promise<Buffer> {
  const dms = (v: number) => {
    const d = Math.floor(v);
    const m = Math.floor((v - d) * 60);
    return `${d}/1 ${m}/1 ${Math.round(((v - d) * 60 - m) * 6000)}/100`;
  };
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#8a7' } })
    .jpeg()
    .withExif({
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: dms(POINT.lat),
        GPSLongitudeRef: 'E',
        GPSLongitude: dms(POINT.lng),
      },
    })
    .toBuffer();
}

async function phone(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({
    ...contextOptions(baseURL),
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

async function signedIn(browser: Browser, baseURL: string | undefined, email: string): Promise<Page> {
  const page = await (await browser.newContext(contextOptions(baseURL))).newPage();
  expect(await tryLogin(page, email), `sign-in of ${email}`).toBe(true);
  return page;
}

test('a report goes from a phone to the ward and back to the public map', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const photo = await gpsPhoto();
  const citizen = await phone(browser, baseURL);

  // 1. The report, with a photo whose location fills the point.
  await citizen.goto('/phan-anh/gui');
  await expect(citizen.getByRole('heading', { level: 1, name: 'Gửi phản ánh' })).toBeVisible();
  await citizen.getByLabel('Lĩnh vực').selectOption({ label: 'Đường sá, vỉa hè' });
  await citizen.getByLabel('Mô tả vấn đề').fill('Ổ gà lớn giữa đường Yersin, xe máy dễ té ngã');
  await citizen
    .getByLabel('Ảnh (tối đa 5)')
    .setInputFiles({ name: 'o-ga.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(citizen.getByText('Đã thêm 1 ảnh.')).toBeVisible();
  await expect(citizen.getByText(/Đã chọn điểm 10\.980/)).toBeVisible();
  await expect(citizen.locator('.feedback-map svg')).toBeVisible();
  await citizen.getByLabel('Số điện thoại').fill('0903111222');
  await expectAccessible(citizen, 'report page (phone)');
  await citizen.getByRole('button', { name: 'Gửi phản ánh' }).click();
  const code = (await citizen.getByTestId('tracking-code').textContent())!.trim();
  expect(code).toMatch(/^PA-\d{6}-[0-9A-Z]{6}$/);
  const trackingHref = await citizen
    .getByRole('link', { name: 'Theo dõi và đánh giá kết quả' })
    .getAttribute('href');

  // 2. A neighbour reporting the same pothole is shown the open report.
  const neighbour = await phone(browser, baseURL);
  await neighbour.goto('/phan-anh/gui');
  await neighbour.getByLabel('Lĩnh vực').selectOption({ label: 'Đường sá, vỉa hè' });
  await neighbour.getByLabel('Vĩ độ').fill(String(POINT.lat + 0.0002));
  await neighbour.getByLabel('Kinh độ').fill(String(POINT.lng));
  const nearby = neighbour.locator('.feedback-nearby');
  await expect(nearby.getByRole('link', { name: code })).toBeVisible();
  await expect(nearby.getByRole('button', { name: 'Tôi cũng gặp vấn đề này' }).first()).toBeVisible();

  // 3. The operator routes it to the proposed ward.
  const operator = await signedIn(browser, baseURL, 'dieuhanh@cqs.demo');
  await operator.goto('/lam-viec/phan-anh');
  await expect(operator.getByTestId('fb-triage').getByRole('link', { name: code })).toBeVisible({
    timeout: 30_000,
  });
  await operator.getByTestId('fb-triage').getByRole('link', { name: code }).click();
  await expect(operator.getByText('Đề xuất: Ủy ban nhân dân Phường Thủ Dầu Một')).toBeVisible();
  await expectAccessible(operator, 'operator report page');
  await operator.getByRole('button', { name: 'Chuyển cơ quan đề xuất' }).click();
  await expect(operator.getByTestId('manage-status')).toHaveText('Đã chuyển cơ quan xử lý');

  // 4. The ward officer accepts and answers with a photo of the fix.
  const officer = await signedIn(browser, baseURL, 'chuyenvien.thudaumot@cqs.demo');
  await officer.goto('/lam-viec/phan-anh');
  await officer.getByTestId('fb-inbox').getByRole('link', { name: code }).click();
  await officer.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
  await expect(officer.getByTestId('manage-status')).toHaveText('Đang xử lý');
  await officer.getByLabel('Nội dung trả lời').fill('Phường đã vá ổ gà bằng bê tông nhựa ngày hôm nay.');
  await officer
    .getByLabel('Ảnh sau khắc phục')
    .setInputFiles({ name: 'da-va.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(officer.getByText('Đã thêm 1 ảnh.')).toBeVisible();
  await officer.getByRole('button', { name: 'Gửi trả lời' }).click();
  await expect(officer.getByTestId('manage-status')).toHaveText('Đã trả lời, chờ duyệt');

  // 5. The operator publishes the answer.
  await operator.reload();
  await operator.getByRole('button', { name: 'Công khai kết quả' }).click();
  await expect(operator.getByTestId('manage-status')).toHaveText('Đã có kết quả');

  // 6. The citizen reads the answer and is not satisfied: it reopens.
  await citizen.goto(trackingHref!);
  await expect(citizen.getByTestId('answer')).toHaveText('Phường đã vá ổ gà bằng bê tông nhựa ngày hôm nay.');
  await expect(citizen.locator('.feedback-photos img')).toHaveCount(2);
  await expectAccessible(citizen, 'public report page (phone)');
  await citizen.getByLabel('Ý kiến (không bắt buộc)').fill('Vá chưa phẳng, vẫn đọng nước');
  await citizen.getByRole('button', { name: 'Không hài lòng' }).click();
  await expect(citizen.getByTestId('report-status')).toHaveText('Xử lý lại');

  // 7. The public map and list show it among the open reports.
  const visitor = await phone(browser, baseURL);
  await visitor.goto('/phan-anh');
  await expect(visitor.locator('.feedback-map svg')).toBeVisible();
  await expect(visitor.getByTestId('feedback-list').getByRole('link', { name: code })).toBeVisible();
  await expectAccessible(visitor, 'public map (phone)');

  // 8. The statistics: the city's figures, fair rankings, the hotspot map; no page wider than the phone.
  await visitor.getByRole('link', { name: 'Thống kê phản ánh' }).click();
  await expect(visitor.getByRole('heading', { name: 'Thống kê phản ánh hiện trường' })).toBeVisible();
  await expect(visitor.getByTestId('feedback-stats-communes').locator('tbody tr').first()).toBeVisible();
  await expect(visitor.getByTestId('feedback-stats-city')).toContainText('Tiếp nhận');
  await expect(visitor.locator('.feedback-map svg')).toBeVisible();
  await expectAccessible(visitor, 'feedback statistics (phone)');
});

test('an operator imports reports from another system: a bad row is named, then the file goes in whole', async ({
  browser,
  baseURL,
}) => {
  const operator = await signedIn(browser, baseURL, 'dieuhanh@cqs.demo');
  await operator.goto('/lam-viec/phan-anh');
  const header = 'ma_nguon,thoi_diem,linh_vuc,noi_dung,vi_do,kinh_do,kenh';
  const row = `E2E-${Date.now()},05/11/2026 08:15,rac-thai,Rác tồn đọng ở chợ nhiều ngày,${POINT.lat},${POINT.lng},hotline`;
  const file = (csv: string) => ({ name: 'phan-anh.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await operator
    .getByLabel('Tệp CSV', { exact: true })
    .setInputFiles(
      file(`${header}\n${row}\nE2E-x,05/11/2026 08:15,khong-co,Nội dung đủ dài,${POINT.lat},${POINT.lng},`),
    );
  await operator.getByRole('button', { name: 'Kiểm tra tệp' }).click();
  await expect(operator.getByTestId('fb-import-errors')).toContainText(
    'Dòng 3: lĩnh vực “khong-co” không có trong danh mục phản ánh.',
  );
  await expectAccessible(operator, 'feedback import with row errors');
  await operator.getByLabel('Tệp CSV', { exact: true }).setInputFiles(file(`${header}\n${row}\n`));
  await operator.getByRole('button', { name: 'Nhập', exact: true }).click();
  await expect(operator.getByTestId('fb-import-result')).toContainText('Đã nhập 1 phản ánh');
  // The hotline intake: the report form asks for the channel.
  await operator.getByRole('link', { name: 'Nhập phản ánh qua điện thoại, Zalo, mạng xã hội' }).click();
  await expect(operator.getByLabel('Kênh tiếp nhận')).toHaveValue('hotline');
});

test('an administrator issues an Open311 key, sees it listed and revokes it', async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, baseURL, 'admin@cqs.demo');
  await admin.goto('/quan-tri/khoa-open311');
  await expect(admin.getByRole('heading', { level: 1, name: 'Khóa API Open311' })).toBeVisible();
  const name = `Ứng dụng E2E ${Date.now()}`;
  await admin.getByLabel('Tên ứng dụng').fill(name);
  await admin.getByRole('button', { name: 'Cấp khóa', exact: true }).click();
  await expect(admin.getByText(`Đã cấp khóa cho ${name}`)).toBeVisible();
  // The whole key, once (the list shows only its first characters).
  await expect(admin.getByText(/^o311_[A-Za-z0-9_-]{32}$/)).toBeVisible();
  const row = admin.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('Đang dùng');
  await expectAccessible(admin, 'Open311 API keys');
  admin.once('dialog', (d) => d.accept());
  await row.getByRole('button', { name: `Thu hồi khóa của ${name}` }).click();
  await expect(row).toContainText('Đã thu hồi');
  await expect(row.getByRole('button', { name: /Thu hồi/ })).toHaveCount(0);
});
