import { expect, type Page, test } from '@playwright/test';
import { pdfPages } from '../../src/server/platform/pdf/test-support.ts';
import { expectAccessible } from './a11y.ts';
import { citizen, download, official, pdf } from './journey.ts';

// Fees paid online: a citizen's criminal-record-certificate request (fees due with the submission) is
// paid through the sandbox payment gateway — a separate server started by server.mjs — and the
// electronic receipt downloads; the desk sees the payment, and finance staff reconcile the day.

const CRIMINAL_RECORD = '2.000488';

/** Submits through the API as the signed-in citizen (the e-form journey is covered in services.spec). */
async function submitCriminalRecord(page: Page, fullName: string, phone: string): Promise<string> {
  const session = await (await page.request.get('/api/auth/session')).json();
  const csrf = { 'x-csrf-token': session.csrfToken as string };
  const upload = async (name: string) => {
    const res = await page.request.post('/api/files', {
      headers: csrf,
      multipart: { file: { name, mimeType: 'application/pdf', buffer: pdf(name) } },
    });
    expect(res.status(), await res.text()).toBe(200);
    return (await res.json()).id as string;
  };
  const procedure = await (await page.request.get(`/api/procedures/${CRIMINAL_RECORD}`)).json();
  const res = await page.request.post('/api/dossiers', {
    headers: csrf,
    data: {
      procedureCode: CRIMINAL_RECORD,
      channel: 'online',
      agencyId: procedure.offeredBy[0].id,
      applicant: { type: 'citizen', fullName, phone },
      formData: {
        certificateType: 'so_1',
        fullName,
        sex: 'nu',
        birthDate: '1990-05-12',
        birthPlace: 'Thủ Dầu Một, Bình Dương',
        nationality: 'Việt Nam',
        idNumber: '074190001234',
        permanentResidence: 'Số 12 đường Yersin, Phường Thủ Dầu Một',
        fatherFullName: 'Nguyễn Văn Hùng',
        motherFullName: 'Lê Thị Thu',
        includeBanInfo: false,
        purpose: 'Bổ sung hồ sơ xin việc',
        copies: 3,
        deliveryFormat: 'dien_tu',
        feeCategory: 'thong_thuong',
      },
      components: [
        { componentKey: 'to_khai', fileId: await upload('to-khai.pdf') },
        { componentKey: 'giay_to_tuy_than', fileId: await upload('can-cuoc.pdf') },
      ],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).id;
}

test('a citizen pays the fees online through the sandbox gateway and downloads the receipt', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { page, phone, fullName } = await citizen(browser, baseURL);
  const id = await submitCriminalRecord(page, fullName, phone);

  // ---- the dossier page: what is due and why, clearly a test gateway ----
  await page.goto(`/ho-so-cua-toi/${id}`);
  const fees = page.getByRole('region', { name: 'Phí, lệ phí', exact: true });
  await expect(fees).toBeVisible();
  await expect(fees.getByText('Cổng thanh toán thử nghiệm (sandbox / môi trường thử nghiệm)')).toBeVisible();
  await expect(fees.getByRole('table', { name: 'Các khoản phí, lệ phí phải nộp' })).toContainText(
    'Phí cung cấp thông tin lý lịch tư pháp',
  );
  await expect(fees.getByRole('table')).toContainText('Phí cấp thêm Phiếu lý lịch tư pháp');
  await expect(fees).toContainText('205.000 đ');
  await expect(fees).toContainText('Chờ thanh toán');
  const reference = (await fees.locator('code').first().textContent())!;
  expect(reference).toMatch(/^LP\d{6}/);
  await expectAccessible(page, 'dossier page with fees due');

  // ---- the gateway's own page (the sandbox server), then back ----
  await fees.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:8191\/pay\//);
  await expect(page.getByRole('note')).toContainText('Môi trường thử nghiệm');
  await expect(page.locator('#reference')).toHaveText(reference);
  await expect(page.locator('#amount')).toContainText('205.000');
  await expectAccessible(page, 'sandbox payment page');
  await page.getByRole('button', { name: 'Thanh toán (thử nghiệm)' }).click();

  await expect(page).toHaveURL(new RegExp(`/ho-so-cua-toi/${id}`));
  await expect(page.getByRole('status').filter({ hasText: 'Thanh toán thành công' })).toBeVisible();
  await expect(fees).toContainText('Đã thanh toán');
  await expect(fees).toContainText('Trực tuyến');
  const receiptLink = fees.getByRole('link', { name: /^Tải biên lai điện tử số/ });
  const { bytes, file } = await download(page, receiptLink);
  expect(file.suggestedFilename()).toBe(`bien-lai-${new Date().getFullYear()}-${reference}.pdf`);
  const text = (await pdfPages(bytes)).join('\n').replace(/\s+/g, ' ');
  for (const expected of [
    'BIÊN LAI THU PHÍ, LỆ PHÍ',
    'Phí cung cấp thông tin lý lịch tư pháp',
    'Hai trăm linh năm nghìn đồng',
    reference,
    fullName,
    'Thanh toán trực tuyến qua cổng thanh toán',
  ])
    expect(text).toContain(expected);
  await expectAccessible(page, 'dossier page after payment');

  // ---- the one-stop desk sees the payment on the dossier ----
  const desk = await official(browser, baseURL, 'motcua.ttpvhcc@cqs.demo');
  await desk.goto(`/lam-viec/ho-so/${id}`);
  const deskFees = desk.getByRole('region', { name: 'Phí, lệ phí', exact: true });
  await expect(deskFees).toContainText('Đã thanh toán');
  await expect(deskFees).toContainText(reference);

  // ---- finance staff reconcile the day: the payment matches ----
  const finance = await official(browser, baseURL, 'ketoan.ttpvhcc@cqs.demo');
  await finance
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Đối soát thanh toán' })
    .click();
  await expect(finance.getByRole('heading', { level: 1, name: 'Đối soát thanh toán' })).toBeVisible();
  const row = finance.getByRole('row').filter({ hasText: reference });
  await expect(row).toContainText('Khớp');
  await expect(row).toContainText('205.000 đ');
  await expectAccessible(finance, 'reconciliation page');
  const csv = await download(finance, finance.getByRole('link', { name: 'Tải CSV' }));
  const body = csv.bytes.toString('utf8');
  expect(body).toContain('"Kết quả đối soát","Mã thanh toán"');
  expect(body).toContain(`"Khớp","${reference}"`);
});
