// Helpers for the public-services journeys: one browser context per person, sign-in, files to upload,
// and the forms of the dossier page.
import { readFile } from 'node:fs/promises';
import { type Browser, type Download, expect, type Locator, type Page } from '@playwright/test';
import { OFFICE_SCREEN } from './a11y.ts';
import { linkSentTo } from './kept-messages.ts';

export const DEMO_PASSWORD = 'Cqs@2026demo';

/** The same options as the config's `use`, for the extra contexts a journey opens. */
export function contextOptions(baseURL: string | undefined) {
  return {
    baseURL,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  };
}

/**
 * Fills the login form; true when the app moved on, false when the password was refused. Sign-in is
 * limited to 10 attempts a minute from one address, and a journey signs in many people: when the
 * server says so, wait for the window to pass and try again.
 */
export async function tryLogin(page: Page, identifier: string, password = DEMO_PASSWORD) {
  for (let attempt = 0; attempt < 8; attempt++) {
    await page.goto('/dang-nhap');
    await page.getByLabel('Thư điện tử hoặc số điện thoại').fill(identifier);
    await page.getByLabel(/^Mật khẩu/).fill(password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const moved = page.waitForURL((u) => !u.pathname.startsWith('/dang-nhap')).then(() => 'in' as const);
    const refused = page
      .locator('.error-summary')
      .waitFor()
      .then(() => 'refused' as const);
    const outcome = await Promise.race([moved, refused]);
    if (outcome === 'in') return true;
    if (!(await page.locator('.error-summary').textContent())?.includes('thao tác quá nhanh')) return false;
    await page.waitForTimeout(10_000);
  }
  return false;
}

/** A new browser context signed in as one of the demo officials, on an office screen of 1024 × 768. */
export async function official(browser: Browser, baseURL: string | undefined, email: string) {
  const context = await browser.newContext({ ...contextOptions(baseURL), viewport: OFFICE_SCREEN });
  const page = await context.newPage();
  expect(await tryLogin(page, email), `sign-in of ${email}`).toBe(true);
  await expect(page).toHaveURL(/\/lam-viec$/);
  return page;
}

/**
 * The demo citizen (congdan@cqs.demo, phone 0912345678). Another journey may have changed that
 * account's password (the foundation spec resets it); then a citizen is registered for this journey,
 * with a phone that also ends in 5678, so the journey never depends on another one's data.
 */
export async function citizen(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext(contextOptions(baseURL));
  const page = await context.newPage();
  if (await tryLogin(page, 'congdan@cqs.demo')) {
    await expect(page).toHaveURL(/\/ho-so-cua-toi$/);
    return { page, phone: '0912345678', fullName: 'Nguyễn Thị Hồng Nhung' };
  }
  const phone = `09${String(Math.floor(Math.random() * 10_000)).padStart(4, '0')}5678`;
  const fullName = 'Nguyễn Thị Hồng Nhung';
  await page.goto('/dang-ky');
  await page.getByLabel('Họ và tên').fill(fullName);
  await page.getByLabel('Số điện thoại di động').fill(phone);
  const password = 'Nắng sớm trên sông Sài Gòn 2026';
  await page.getByLabel(/^Mật khẩu/).fill(password);
  await page.getByLabel('Nhập lại mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Đã ghi nhận yêu cầu đăng ký')).toBeVisible();
  await page.goto(await linkSentTo(phone, '/xac-nhan-dang-ky'));
  await page.getByRole('button', { name: 'Xác nhận và đăng nhập' }).click();
  await expect(page).toHaveURL(/\/ho-so-cua-toi$/);
  return { page, phone, fullName };
}

export async function anonymous(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext(contextOptions(baseURL));
  return context.newPage();
}

/** A minimal, valid one-page PDF. */
export function pdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
  ];
  const stream = `BT /F1 12 Tf 20 60 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  objects.push('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const pdfFile = (name: string, text = name) => ({
  name,
  mimeType: 'application/pdf',
  buffer: pdf(text),
});

/** Clicks a download link and returns the downloaded bytes. */
export async function download(page: Page, link: Locator): Promise<{ bytes: Buffer; file: Download }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = await file.path();
  return { bytes: await readFile(path), file };
}

/** The form of one action on the dossier page (a disclosure named after the action), opened. */
export async function actionCard(page: Page, name: string): Promise<Locator> {
  const card = page
    .locator('details.action-card')
    .filter({ has: page.locator('summary').getByText(name, { exact: true }) });
  await expect(card).toHaveCount(1);
  if ((await card.getAttribute('open')) === null) await card.locator('summary').click();
  return card;
}

/** Opens a dossier from the official's list of dossiers to handle. */
export async function openFromInbox(page: Page, id: string) {
  await page.goto('/lam-viec/ho-so');
  await expect(page.getByRole('heading', { level: 1, name: 'Hồ sơ cần xử lý' })).toBeVisible();
  const link = page.locator(`a[href="/lam-viec/ho-so/${id}"]`);
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/lam-viec/ho-so/${id}$`));
  await expect(page.locator('h1')).toBeVisible();
}

/** Takes a workflow step from the dossier page: optional comment and file, then the action's button. */
export async function takeStep(
  page: Page,
  name: string,
  opts: { comment?: string; file?: ReturnType<typeof pdfFile> } = {},
) {
  const card = await actionCard(page, name);
  if (opts.comment) await card.getByLabel(/^Ý kiến xử lý/).fill(opts.comment);
  if (opts.file) {
    await card.locator('input[type="file"]').setInputFiles(opts.file);
    await expect(card.getByText(`Đã tải lên: ${opts.file.name}`)).toBeVisible();
  }
  await card.getByRole('button', { name, exact: true }).click();
  await expect(page.getByText(`Đã thực hiện: ${name}.`)).toBeVisible();
}
