import { expect, type Page, test } from '@playwright/test';
import { totpAt } from '../../src/server/platform/auth/totp.ts';
import { expectAccessible } from './a11y.ts';
import { linkSentTo } from './kept-messages.ts';

// The platform foundation, as people use it: a visitor, the administrator, a new official, a citizen.
// One journey in order; the server starts on a fresh data directory with the demo seed.
test.describe.configure({ mode: 'serial' });

const DEMO_PASSWORD = 'Cqs@2026demo';
const CITY_COMMITTEE = 'Ủy ban nhân dân Thành phố Hồ Chí Minh';
const NEW_AGENCY = { code: '000.00.61.H29', name: 'Sở Khoa học và Công nghệ' };
const OFFICIAL = {
  fullName: 'Hoàng Thị Lan',
  title: 'Chuyên viên',
  email: 'hoang.lan@khcn.example.vn',
  password: 'Mùa thu Hà Nội 2026!',
};
const CITIZEN = { fullName: 'Lý Văn Phúc', phone: '0987654321', password: 'Cây tre làng tôi 1975' };

/** Signs in; waits until the app has moved on, unless a second factor is expected. */
async function signIn(
  page: Page,
  identifier: string,
  password: string,
  opts: { codeExpected?: boolean } = {},
) {
  await page.goto('/dang-nhap');
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  if (opts.codeExpected) await expect(page.getByLabel(/^Mã xác thực/)).toBeVisible();
  else await expect(page).not.toHaveURL(/\/dang-nhap/);
}

async function signOut(page: Page) {
  await page.locator('.account-button').click();
  await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
  await expect(
    page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đăng nhập' }),
  ).toBeVisible();
}

async function openAdmin(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Quản trị' }).getByRole('link', { name: section }).click();
  await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
}

test('a visitor sees the home page in Vietnamese and can switch to English, remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Thủ tục được làm nhiều nhất' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('CQS — Chính quyền số');
  await expect(page.getByRole('banner')).toContainText('Thành phố Hồ Chí Minh');
  await expect(page.getByText('Bản trình diễn — dữ liệu và tài khoản là dữ liệu mẫu')).toBeVisible();
  await expect(page).toHaveTitle(/Chính quyền số/);
  await expectAccessible(page, 'home (vi)');

  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Online public services' })).toBeVisible();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Online public services' })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'cqs_lang')?.value).toBe('en');
  await expectAccessible(page, 'home (en)');

  await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(page.getByRole('heading', { level: 1, name: 'Dịch vụ công trực tuyến' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Thủ tục được làm nhiều nhất' })).toBeVisible();

  // A protected page sends a guest to the login page, with the way back.
  await page.goto('/quan-tri/nguoi-dung');
  await expect(page).toHaveURL(/\/dang-nhap\?next=%2Fquan-tri%2Fnguoi-dung/);
  await expect(page.getByText('Vui lòng đăng nhập để mở trang này.')).toBeVisible();
  await expectAccessible(page, 'login');
});

test('the administrator creates an agency and an official in it', async ({ page }) => {
  await signIn(page, 'admin@cqs.demo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/lam-viec$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Không gian làm việc' })).toBeVisible();
  await expect(page.getByTestId('route-announcer')).toHaveText('Không gian làm việc');
  await expectAccessible(page, 'workspace (admin)');

  // Agencies: a new department under the city People's Committee.
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Quản trị' })
    .click();
  await openAdmin(page, 'Cơ quan, đơn vị');
  await expectAccessible(page, 'agencies');
  await page.getByRole('button', { name: new RegExp(`^${CITY_COMMITTEE}`) }).click();
  await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
  const code = page.getByLabel('Mã định danh điện tử');
  await code.fill('H29-SAI');
  await page.getByLabel('Tên cơ quan, đơn vị').fill(NEW_AGENCY.name);
  await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
  // Checked in the browser with the shared schema: the message sits by the field and is linked to it.
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#agency-code-error')).toContainText('XXX.XX.XX.HNN');
  await expect(code).toHaveAttribute('aria-describedby', /agency-code-error/);
  await expectAccessible(page, 'agency form with errors');
  await code.fill(NEW_AGENCY.code);
  await page.getByLabel('Loại cơ quan').selectOption('department');
  await page.getByRole('button', { name: 'Thêm đơn vị', exact: true }).click();
  await expect(page.getByText(`Đã thêm ${NEW_AGENCY.name}.`)).toBeVisible();
  await expect(page.locator('.tree-row.is-selected')).toContainText(NEW_AGENCY.code);

  // Users: an official with a role in the new department.
  await openAdmin(page, 'Người dùng');
  await expectAccessible(page, 'users');
  await page.getByRole('link', { name: 'Thêm cán bộ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Thêm tài khoản cán bộ' })).toBeVisible();
  await page.getByLabel('Họ và tên').fill(OFFICIAL.fullName);
  await page.getByLabel('Chức danh').fill(OFFICIAL.title);
  await page.getByLabel('Thư điện tử').fill(OFFICIAL.email);
  await page.getByLabel('Mật khẩu ban đầu').fill(OFFICIAL.password);
  const agencySelect = page.getByLabel('Cơ quan, đơn vị 1');
  const agencyValue = await agencySelect
    .locator('option', { hasText: NEW_AGENCY.name })
    .first()
    .getAttribute('value');
  await agencySelect.selectOption(agencyValue ?? '');
  await page.getByLabel('Vai trò 1').selectOption('specialist');
  await expectAccessible(page, 'new official form');
  await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
  await expect(page.getByRole('heading', { level: 1, name: OFFICIAL.fullName })).toBeVisible();
  await expect(page.getByText('Đã tạo tài khoản cán bộ.')).toBeVisible();
  await expectAccessible(page, 'edit official');

  await page.getByRole('link', { name: 'Về danh sách' }).click();
  await page.getByLabel('Tên, thư điện tử hoặc số điện thoại').fill('Hoàng Thị Lan');
  await page.getByRole('button', { name: 'Tìm kiếm' }).click();
  const row = page.getByRole('row', { name: new RegExp(OFFICIAL.fullName) });
  await expect(row).toContainText(NEW_AGENCY.name);
  await expect(row).toContainText('Chuyên viên xử lý');

  // Administrative units: the tree (a table of communes) and the map drawn from the served boundaries.
  await openAdmin(page, 'Đơn vị hành chính');
  await expect(page.locator('.unit-map svg path').first()).toBeVisible();
  expect(await page.locator('.unit-map svg path').count()).toBeGreaterThan(100);
  const communes = page.locator('#unit-communes tbody tr');
  expect(await communes.count()).toBeGreaterThan(100);
  await expectAccessible(page, 'units');
  await page.getByLabel('Chỉ các đơn vị thuộc tỉnh Bình Dương cũ').check();
  await expect(page.getByText('36 đơn vị thuộc tỉnh Bình Dương cũ')).toBeVisible();
  await expect(communes).toHaveCount(36);
  await expectAccessible(page, 'units (former Bình Dương)');

  // Audit log: the writes just made are there, and the filter finds them.
  await openAdmin(page, 'Nhật ký hệ thống');
  await expectAccessible(page, 'audit log');
  await page.getByLabel('Hành động').selectOption('agency.create');
  await page.getByRole('button', { name: 'Lọc', exact: true }).click();
  await expect(page.locator('tbody tr')).toHaveCount(1);
  await expect(page.locator('tbody tr').first()).toContainText('Thêm cơ quan, đơn vị');
  await expect(page.locator('tbody tr').first()).toContainText('Nguyễn Văn Quản');

  await signOut(page);
});

test('the new official sees only the officer workspace', async ({ page }) => {
  await signIn(page, OFFICIAL.email, OFFICIAL.password);
  await expect(page).toHaveURL(/\/lam-viec$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Không gian làm việc' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hồ sơ cần xử lý' })).toBeVisible();
  const memberships = page.getByRole('region', { name: 'Đơn vị công tác và vai trò' });
  await expect(memberships).toContainText(NEW_AGENCY.name);
  await expect(memberships).toContainText('Chuyên viên xử lý');
  const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
  await expect(nav.getByRole('link', { name: 'Không gian làm việc' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
  await expectAccessible(page, 'workspace (official)');

  await page.goto('/quan-tri/nguoi-dung');
  await expect(page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' })).toBeVisible();
  await expectAccessible(page, 'forbidden');

  await page.goto('/tai-khoan');
  await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' })).toBeVisible();
  // Two-step verification is offered to administrators only.
  await expect(page.getByRole('heading', { name: 'Xác thực hai lớp' })).toHaveCount(0);
  await expectAccessible(page, 'account (official)');

  await signOut(page);
});

test('a citizen registers, opens the link sent to their phone and lands on their dossiers', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Đăng ký tài khoản công dân' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Đăng ký tài khoản công dân' })).toBeVisible();
  await expectAccessible(page, 'register');

  // An empty form: a summary that takes focus, and a message by each field.
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  const name = page.getByLabel('Họ và tên');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAttribute('aria-describedby', 'reg-fullName-error');
  await expect(page.locator('#reg-email-error')).toHaveText(/thư điện tử hoặc số điện thoại/);
  await expectAccessible(page, 'register with errors');

  await name.fill(CITIZEN.fullName);
  await page.getByLabel('Số điện thoại di động').fill(CITIZEN.phone);
  await page.getByLabel(/^Mật khẩu/).fill(CITIZEN.password);
  await page.getByLabel('Nhập lại mật khẩu').fill(CITIZEN.password);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  // The same answer whether or not the number has an account: the link sent there finishes it.
  await expect(page.getByText('Đã ghi nhận yêu cầu đăng ký')).toBeVisible();
  await expectAccessible(page, 'register sent');

  await page.goto(await linkSentTo(CITIZEN.phone, '/xac-nhan-dang-ky'));
  await expect(page.getByRole('heading', { level: 1, name: 'Xác nhận đăng ký' })).toBeVisible();
  await expectAccessible(page, 'confirm registration');
  await page.getByRole('button', { name: 'Xác nhận và đăng nhập' }).click();

  await expect(page).toHaveURL(/\/ho-so-cua-toi$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' })).toBeVisible();
  await expect(page.getByText('Bạn chưa có hồ sơ nào')).toBeVisible();
  await expect(page).toHaveTitle('Hồ sơ của tôi · CQS — Chính quyền số');
  await expect(page.locator('.account-button')).toContainText(CITIZEN.fullName);
  await expectAccessible(page, 'my dossiers');

  // A citizen has no officer workspace.
  await page.goto('/lam-viec');
  await expect(page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' })).toBeVisible();
});

test('a citizen who forgot the password resets it with the link the system sent', async ({ page }) => {
  await page.goto('/dang-nhap');
  await page.getByRole('link', { name: 'Quên mật khẩu?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quên mật khẩu' })).toBeVisible();
  await page.getByLabel('Thư điện tử hoặc số điện thoại').fill('congdan@cqs.demo');
  await page.getByRole('button', { name: 'Gửi đường dẫn đặt lại mật khẩu' }).click();
  await expect(page.getByText('Đã ghi nhận yêu cầu')).toBeVisible();
  await expectAccessible(page, 'forgot password');

  // The demo keeps e-mails instead of sending them. The administrator sees the message in the outbox,
  // its link masked: only the recipient may open it.
  await signIn(page, 'admin@cqs.demo', DEMO_PASSWORD);
  await page.goto('/quan-tri/thu-gui');
  await expect(page.getByRole('heading', { level: 1, name: 'Hộp thư đi' })).toBeVisible();
  const message = page.getByRole('row', { name: /congdan@cqs\.demo/ }).first();
  await expect(message).toContainText('Đã lưu (không gửi)');
  await expectAccessible(page, 'outbox');
  const body = (await message.locator('.message-body').textContent()) ?? '';
  expect(body).toContain('/dat-lai-mat-khau?token=••••••');
  await signOut(page);

  // The citizen opens the link from their mailbox (the server's kept copy).
  await page.goto(await linkSentTo('congdan@cqs.demo', '/dat-lai-mat-khau'));
  await expect(page.getByRole('heading', { level: 1, name: 'Đặt lại mật khẩu' })).toBeVisible();
  await expectAccessible(page, 'reset password');
  const newPassword = 'Sông Sài Gòn mùa nước nổi 2026';
  await page.getByLabel(/^Mật khẩu mới/).fill(newPassword);
  await page.getByLabel(/^Nhập lại mật khẩu/).fill(newPassword);
  await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
  await expect(page.getByText('Đã đặt lại mật khẩu.')).toBeVisible();

  await signIn(page, '0912345678', newPassword);
  await expect(page).toHaveURL(/\/ho-so-cua-toi$/);
});

test('the administrator turns on two-step verification and then signs in with a code', async ({ page }) => {
  await signIn(page, 'admin@cqs.demo', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/lam-viec$/);
  await page
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Tài khoản' })
    .click();
  const panel = page.getByRole('region', { name: 'Xác thực hai lớp' });
  await expect(panel).toContainText('Chưa bật');
  await panel.getByRole('button', { name: 'Thiết lập xác thực hai lớp' }).click();
  await expect(panel.getByRole('img', { name: /Mã QR/ })).toBeVisible();
  const secret = ((await panel.locator('.secret').textContent()) ?? '').replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectAccessible(page, 'account (TOTP set-up)');
  await panel.getByLabel(/^Mã xác thực/).fill(totpAt(secret, Date.now()));
  await panel.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
  await expect(panel.getByText('Đã bật xác thực hai lớp.')).toBeVisible();
  await expect(panel).toContainText('Đang bật');
  await signOut(page);

  await signIn(page, 'admin@cqs.demo', DEMO_PASSWORD, { codeExpected: true });
  const code = page.getByLabel(/^Mã xác thực/);
  await expect(code).toBeFocused();
  await code.fill('000000');
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#totp-error')).toContainText('Mã xác thực không đúng');
  await expectAccessible(page, 'login (wrong code)');
  // The next step's code (accepted for clock drift): the current one may be the code that enabled the
  // factor, which the server rightly refuses to take twice.
  await code.fill(totpAt(secret, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page).toHaveURL(/\/lam-viec$/);
});
