import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { readSheet } from 'read-excel-file/node';
import { expectAccessible } from './a11y.ts';

// The city leader opens the statistics, drills from the city score to a department and to its late
// dossiers, and exports Excel; a visitor reads the public statistics. The server holds a generated history.
test.describe.configure({ mode: 'serial' });

const DEMO_PASSWORD = 'Cqs@2026demo';

async function signIn(page: Page, identifier: string) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
  await page.getByLabel(/^Mật khẩu/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).not.toHaveURL(/\/dang-nhap/);
}

test('the city leader drills from the city score to a department’s late dossiers and exports Excel', async ({
  page,
}) => {
  await signIn(page, 'lanhdao.ubnd@cqs.demo');
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Thống kê' })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Thống kê, đánh giá chất lượng phục vụ' }),
  ).toBeVisible();

  // The whole year so far.
  await page.getByLabel('Loại kỳ').selectOption('year');
  await page.getByRole('button', { name: 'Xem số liệu' }).click();
  const year = new Date().getFullYear();
  await expect(page).toHaveURL(new RegExp(`ky=${year}`));
  await expect(
    page.getByRole('heading', { level: 2, name: 'Điểm chỉ số 766: Toàn Thành phố' }),
  ).toBeVisible();
  await expect(page.locator('.stats-total strong')).toHaveText(/\d/);
  await expectAccessible(page, 'statistics, whole city');

  // A department with late dossiers, as the API counts them.
  const units = await (await page.request.get(`/api/stats/breakdown?period=${year}&by=unit`)).json();
  const department = (units.items as { label: string; agencyId: string; counts: { late: number } }[])
    .filter((u) => u.label.startsWith('Sở ') && u.counts.late > 0)
    .sort((a, b) => b.counts.late - a.counts.late)[0]!;
  expect(department, 'a department with late dossiers in the generated history').toBeTruthy();
  await page
    .getByRole('table', { name: /Số liệu theo sở, ngành và xã, phường/ })
    .getByRole('link', { name: department.label, exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 2, name: `Điểm chỉ số 766: ${department.label}` }),
  ).toBeVisible();

  // Its late dossiers: the figure in the table is a link to the list behind it.
  const statusTable = page.getByRole('table', { name: /Số hồ sơ theo trạng thái/ });
  const lateRow = statusTable.getByRole('row', { name: /Đã giải quyết quá hạn/ });
  await expect(lateRow).toContainText(department.counts.late.toLocaleString('vi-VN'));
  await lateRow.getByRole('link').click();
  await expect(
    page.getByRole('heading', { level: 2, name: `Đã giải quyết quá hạn: ${department.label}` }),
  ).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: `${department.counts.late.toLocaleString('vi-VN')} hồ sơ` }),
  ).toBeVisible();
  const list = page.getByRole('table', { name: 'Danh sách hồ sơ' });
  await expect(list.getByRole('row')).toHaveCount(Math.min(department.counts.late, 50) + 1);
  await expect(list.getByRole('link').first()).toHaveText(/H29-\d{6}-\d{4}/);
  await expectAccessible(page, 'statistics, late dossiers of a department');

  // Excel of the department's figures by unit.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải Excel (.xlsx)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`thong-ke-unit-${year}.xlsx`);
  const rows = await readSheet(readFileSync((await download.path())!));
  expect(rows[1]![0]).toBe('Đơn vị');
  expect(rows.slice(2).map((r) => r[0])).toContain(department.label);
});

test('a visitor reads the public statistics: figures, ranking, map, no personal data', async ({ page }) => {
  await page.goto('/');
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Thống kê công khai' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thống kê công khai' })).toBeVisible();
  await expect(page.getByText(/Chỉ xếp hạng đơn vị có từ 30 hồ sơ/)).toBeVisible();
  // The map loads when the reader scrolls to it.
  await page.locator('.stats-map-pending').scrollIntoViewIfNeeded();
  await expect(page.getByRole('img', { name: /Bản đồ các xã, phường/ })).toBeVisible();
  await expect(page.locator('body')).not.toContainText(/H29-\d{6}-\d{4}/);
  await expectAccessible(page, 'public statistics');
});
