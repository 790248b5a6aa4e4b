import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';
import { download, official } from './journey.ts';

// The administrator keeps the catalogue and the calendar: a procedure edited into a new version
// (a broken workflow refused at its field first), its diagram, an annual calendar notice, and a
// template preview; another procedure given its own time limit for online dossiers. This file runs
// before foundation.spec.ts, which turns on two-step sign-in for admin@cqs.demo (Playwright runs the
// files in name order, one worker).

const PERMIT = 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ';
// No other journey submits this one, so its new limits change no other test's due dates.
const HOUSEHOLD_BUSINESS = 'Đăng ký thành lập hộ kinh doanh';

test('an administrator edits a procedure into a new version, reads its diagram and enters a calendar notice', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const page = await official(browser, baseURL, 'admin@cqs.demo');
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Quản trị' })
    .click();
  const side = page.getByRole('navigation', { name: 'Quản trị' });
  await side.getByRole('link', { name: 'Thủ tục hành chính' }).click();

  // ---- the catalogue ----
  await expect(page.getByRole('heading', { level: 1, name: 'Danh mục thủ tục hành chính' })).toBeVisible();
  await expect(page.getByRole('link', { name: PERMIT })).toBeVisible();
  await expectAccessible(page, 'procedure catalogue');
  await page.getByRole('link', { name: PERMIT }).click();

  // ---- the procedure: versions and the diagram of version 1 ----
  await expect(page.getByRole('heading', { level: 1, name: PERMIT })).toBeVisible();
  const diagram = page.getByRole('img', { name: /^Sơ đồ quy trình xử lý: .*phiên bản 1$/ });
  await expect(diagram).toBeVisible();
  // The drawing is computed from the definition: one box per step, the consultation step dashed.
  await expect(diagram.locator('.workflow-node:not(.workflow-done)')).toHaveCount(7);
  await expect(diagram.locator('.workflow-consultation')).toHaveCount(2);
  await expect(diagram.locator('.workflow-consultation').first()).toContainText('Liên thông');
  // The same content as tables, for screen readers.
  const steps = page.getByRole('table', { name: 'Các bước của quy trình' }).first();
  await expect(steps.getByRole('rowheader', { name: /Liên thông lấy ý kiến Sở Xây dựng/ })).toBeVisible();
  await expect(steps).toContainText('Sở Xây dựng');
  await expect(steps).toContainText('7 ngày làm việc');
  await expectAccessible(page, 'procedure administration');

  // ---- a broken workflow is refused, the problem shown at the workflow field ----
  const workflow = page.getByLabel(/^Quy trình \(JSON\)/);
  const original = await workflow.inputValue();
  const broken = JSON.parse(original) as { start: string };
  broken.start = 'khong_co_buoc_nay';
  await workflow.fill(JSON.stringify(broken, null, 2));
  await page.getByLabel(/^Thời hạn giải quyết \(lời văn công khai\)/).fill('14 ngày làm việc');
  await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole('link', { name: /^Quy trình \(JSON\): start: .*khong_co_buoc_nay/ }),
  ).toBeVisible();
  await expect(page.locator('#proc-workflow-error')).toContainText('khong_co_buoc_nay');
  await expect(workflow).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'procedure editor with errors');
  await summary.getByRole('link', { name: /^Quy trình \(JSON\)/ }).click();
  await expect(workflow).toBeFocused();

  // ---- fixed, published as version 2 from today ----
  await workflow.fill(original);
  await page.getByRole('button', { name: 'Công bố phiên bản mới' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã công bố phiên bản 2' })).toBeVisible();
  const versions = page.getByRole('table', { name: 'Các phiên bản' });
  await expect(versions.getByRole('row')).toHaveCount(3);
  await expect(page.getByRole('img', { name: /phiên bản 2$/ })).toBeVisible();
  // the older version's diagram is still there to read
  await page.getByRole('button', { name: 'Xem sơ đồ quy trình của phiên bản 1' }).click();
  await expect(page.getByRole('img', { name: /phiên bản 1$/ })).toBeVisible();
  // and the published page shows the new wording
  await page.goto('/thu-tuc/1_009994');
  await expect(page.getByRole('heading', { level: 1, name: PERMIT })).toBeVisible();
  await expect(page.getByText('14 ngày làm việc')).toBeVisible();
  // officers read the workflow on the procedure page too
  await expect(page.getByRole('heading', { level: 2, name: 'Quy trình xử lý nội bộ' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Sơ đồ quy trình xử lý' })).toBeVisible();
  await expectAccessible(page, 'procedure page with its workflow');

  // ---- the annual calendar notice ----
  await page.goto('/quan-tri/lich-lam-viec');
  await expect(page.getByRole('heading', { level: 1, name: 'Lịch làm việc' })).toBeVisible();
  const year = Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date()),
  );
  await expect(page.getByRole('table', { name: `Tháng 1/${year}` })).toBeVisible();
  await expectAccessible(page, 'working calendar');
  await page.getByLabel(/^Ngày/).first().fill(`${year}-12-31`);
  await page.getByLabel('Chỉ làm buổi sáng').check();
  await page.getByLabel('Tên dịp').selectOption({ label: 'Ngày nghỉ theo thông báo' });
  await page.getByLabel(/^Căn cứ pháp lý/).fill('Thông báo số 99/TB-UBND ngày 01/12 của UBND Thành phố');
  await page.getByRole('button', { name: 'Lưu ngày này' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Đã lưu ngày 31/12/${year}` })).toBeVisible();
  const entered = page.getByRole('table', { name: `Các ngày đã nhập cho năm ${year}` });
  await expect(entered.getByRole('row', { name: new RegExp(`31/12/${year}`) })).toContainText(
    'Chỉ làm buổi sáng',
  );
  const special = page.getByRole('table', { name: `Các ngày nghỉ, làm bù và nửa ngày trong năm ${year}` });
  await expect(special.getByRole('row', { name: new RegExp(`31/12/${year}`) })).toContainText('Làm nửa ngày');
  await expect(special.getByRole('row', { name: new RegExp(`31/12/${year}`) })).toContainText(
    'Thông báo số 99/TB-UBND',
  );
  await expect(page.getByRole('table', { name: `Tháng 12/${year}` }).locator('td.day-half_day')).toHaveCount(
    1,
  );
  await expectAccessible(page, 'working calendar after a notice');

  // ---- a deadline rule, changed with its legal source (issue 11 item 17) ----
  const cutoff = page.getByRole('region', { name: 'Thủ tục giải quyết trong ngày' });
  await expect(cutoff).toContainText('Giá trị mặc định của hệ thống');
  await cutoff.getByLabel(/^Giờ chốt nhận hồ sơ trong ngày/).fill('16:00');
  await cutoff.getByRole('button', { name: 'Lưu quy tắc' }).click();
  await expect(cutoff.getByRole('link', { name: /Văn bản làm căn cứ/ })).toBeVisible(); // no source: refused
  await cutoff.getByLabel(/^Văn bản làm căn cứ/).fill('Quyết định số 12/2025/QĐ-UBND, Điều 8');
  await cutoff.getByRole('button', { name: 'Lưu quy tắc' }).click();
  await expect(cutoff.getByRole('status')).toContainText('Đã lưu quy tắc');
  await expect(cutoff).toContainText('Quyết định số 12/2025/QĐ-UBND, Điều 8');
  await expect(cutoff).toContainText('16:00');
  await expectAccessible(page, 'working calendar with its deadline rules');

  // ---- a template preview downloads as a PDF ----
  await side.getByRole('link', { name: 'Mẫu văn bản, thông báo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mẫu văn bản và thông báo' })).toBeVisible();
  await expect(page.getByLabel(/^Nội dung mẫu \(JSON\)/)).not.toBeEmpty();
  await expectAccessible(page, 'templates');
  const { bytes } = await download(page, page.getByRole('button', { name: 'Xem trước (tải PDF)' }));
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
});

test('an administrator gives a procedure its own time limit for online dossiers', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const page = await official(browser, baseURL, 'admin@cqs.demo');
  await page.goto('/quan-tri/thu-tuc/2_000720');
  await expect(page.getByRole('heading', { level: 1, name: HOUSEHOLD_BUSINESS })).toBeVisible();
  const online = page.getByLabel(/^Thời hạn giải quyết khi nộp trực tuyến/);
  const onlineUnit = page.getByLabel(/^Đơn vị thời hạn khi nộp trực tuyến/);
  const add = page.getByRole('button', { name: 'Thêm thời hạn riêng khi nộp trực tuyến' });
  const publish = page.getByRole('button', { name: 'Công bố phiên bản mới' });
  const summary = page.locator('.error-summary');

  // ---- added: it starts from the general limit (3 working days), the focus on its value ----
  await expect(online).toHaveCount(0);
  await add.click();
  await expect(online).toBeFocused();
  await expect(online).toHaveValue('3');
  await expect(onlineUnit).toHaveValue('working_days');

  // ---- out of range: the form's own check puts the problem at the field ----
  await online.fill('4000');
  await publish.click();
  await expect(summary).toBeFocused();
  await expect(
    summary.getByRole('link', { name: /^Thời hạn giải quyết khi nộp trực tuyến: Không quá 3650/ }),
  ).toBeVisible();
  await expect(online).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'procedure editor with a time limit problem');
  // and so does the server's check (here for a request that skipped the form's check)
  await online.fill('2');
  await page.route(
    '**/api/admin/procedures',
    async (route) => {
      const body = route.request().postDataJSON() as {
        definition: { timeLimit: { online: { value: number } } };
      };
      body.definition.timeLimit.online.value = 4000;
      await route.continue({ postData: JSON.stringify(body) });
    },
    { times: 1 },
  );
  await publish.click();
  await expect(summary).toBeFocused();
  await expect(page.locator('#proc-onlineLimitValue-error')).toContainText('không hợp lệ');
  await expect(online).toHaveAttribute('aria-invalid', 'true');

  // ---- published: the new version has it, after a reload too ----
  await onlineUnit.selectOption({ label: 'ngày làm việc' });
  await publish.click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã công bố phiên bản 2' })).toBeVisible();
  await expect(online).toHaveValue('2');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: HOUSEHOLD_BUSINESS })).toBeVisible();
  await expect(online).toHaveValue('2');
  await expect(onlineUnit).toHaveValue('working_days');
  await expect(page.getByRole('button', { name: 'Thêm thời hạn riêng khi nộp tại quầy' })).toBeVisible();
  await expectAccessible(page, 'procedure editor with an online time limit');
  // removing it (not published here) hands the focus to the button that adds it back
  await page.getByRole('button', { name: 'Bỏ thời hạn riêng khi nộp trực tuyến' }).click();
  await expect(online).toHaveCount(0);
  await expect(add).toBeFocused();

  // ---- the published page gives both limits ----
  await page.goto('/thu-tuc/2_000720');
  await expect(page.getByRole('heading', { level: 1, name: HOUSEHOLD_BUSINESS })).toBeVisible();
  const limits = page.locator('dl.facts').filter({ hasText: 'Theo quy định' });
  await expect(limits.locator('div').filter({ hasText: 'Theo quy định' })).toContainText('3 ngày làm việc');
  await expect(limits.locator('div').filter({ hasText: 'Khi nộp trực tuyến' })).toContainText(
    '2 ngày làm việc',
  );
  await expectAccessible(page, 'procedure page with an online time limit');
});
