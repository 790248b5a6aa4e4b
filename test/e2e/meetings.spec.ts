import { expect, type Page, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';
import { official } from './journey.ts';

/** A tablet held upright (iPad-sized), as members read and vote. */
const TABLET = { width: 768, height: 1024 };

// The secretary prepares a recurring working meeting in the browser and invites. Then the demo's coming
// regular session of the city People's Committee, several people at once: the secretary's list and the
// hall display; two members on tablets (one remote) reply, send a question in advance, read the
// submission and annotate it privately; the chair reads the question, opens the session and a content;
// two members ask to speak and are called; a named and a secret vote with the remote member voting;
// the hall display follows live.
test('a session on tablets: replies, reading and private notes, speakers, a named and a secret vote, the hall display', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const secretary = await official(browser, baseURL, 'thuky.ubnd@cqs.demo');
  await secretary
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Họp không giấy' })
    .click();
  await expect(secretary.getByRole('heading', { level: 1, name: 'Họp không giấy' })).toBeVisible();
  await expectAccessible(secretary, 'meetings list');

  // The secretary prepares a weekly working meeting from its kind's template, adds a content with its
  // presenting unit, time budget and expected outcome, creates the series and sends the invitations.
  await secretary.getByRole('link', { name: 'Chuẩn bị cuộc họp' }).click();
  await expect(secretary.getByRole('heading', { level: 1, name: 'Chuẩn bị cuộc họp' })).toBeVisible();
  await secretary.getByLabel('Loại cuộc họp (mẫu)').selectOption({ label: 'Cuộc họp làm việc' });
  const title = secretary.getByLabel(/^Tên cuộc họp/);
  await expect(title).toHaveValue('Cuộc họp giao ban');
  await title.fill('Họp giao ban tuần về chuyển đổi số');
  const day = new Date(Date.now() + 7 * 3_600_000 + 14 * 86_400_000).toISOString().slice(0, 10);
  const when = secretary.getByRole('group', { name: /^Thời gian bắt đầu/ });
  await when
    .getByLabel('Ngày', { exact: true })
    .fill(`${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`);
  await when.getByLabel(/^Giờ/).fill('14:00');
  await expect(secretary.getByLabel(/^Lặp lại/)).toHaveValue('weekly');
  await secretary.getByLabel(/^Số cuộc họp trong chuỗi/).fill('4');
  await expect(secretary.getByRole('group', { name: 'Nội dung 1' }).getByLabel(/^Tên nội dung/)).toHaveValue(
    'Kết quả công việc trong tuần và việc tuần tới',
  );
  await secretary.getByRole('button', { name: 'Thêm nội dung' }).click();
  const added = secretary.getByRole('group', { name: 'Nội dung 2' });
  await added.getByLabel(/^Tên nội dung/).fill('Tiến độ số hóa hồ sơ thủ tục hành chính');
  await added.getByLabel(/^Cơ quan trình bày/).fill('Sở Khoa học và Công nghệ');
  await added.getByLabel(/^Thời lượng dự kiến/).fill('20');
  await added.getByLabel('Kết quả mong đợi').selectOption({ label: 'Cho ý kiến' });
  await expectAccessible(secretary, 'prepare a meeting');
  await secretary.getByRole('button', { name: 'Tạo chuỗi 4 cuộc họp' }).click();
  await expect(
    secretary.getByRole('heading', { level: 1, name: 'Họp giao ban tuần về chuyển đổi số' }),
  ).toBeVisible();
  await expect(
    secretary.getByText(/^Tiến độ số hóa hồ sơ thủ tục hành chính — Sở Khoa học và Công nghệ — 20 phút/),
  ).toBeVisible();
  await secretary.getByRole('button', { name: 'Gửi giấy mời' }).click();
  await expect(secretary.getByText('Đã gửi giấy mời', { exact: true })).toBeVisible();
  await expectAccessible(secretary, 'prepared meeting, invitations sent');
  await secretary
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Họp không giấy' })
    .click();
  await expect(secretary.getByRole('link', { name: 'Họp giao ban tuần về chuyển đổi số' })).toHaveCount(4);
  const link = secretary.getByRole('link', { name: /Phiên họp thường kỳ tháng 12/ });
  const href = (await link.getAttribute('href'))!;

  const tablet = async (email: string) => {
    const page = await official(browser, baseURL, email);
    await page.setViewportSize(TABLET);
    await page.goto(href);
    return page;
  };
  const member = await tablet('lanhdao.xaydung@cqs.demo');
  await member.getByRole('button', { name: 'Dự họp trực tiếp' }).click();
  await expect(member.getByText('Bạn đã xác nhận dự họp.')).toBeVisible();
  // A question sent in advance on the first content, for the chair and the presenting unit.
  await member
    .getByLabel(/^Câu hỏi hoặc ý kiến gửi trước/)
    .fill('Đề nghị làm rõ nguồn vốn đầu tư công năm 2027');
  await member.getByRole('button', { name: 'Gửi trước cuộc họp' }).click();
  await expect(member.getByText('Đã gửi câu hỏi, ý kiến của bạn.')).toBeVisible();

  // Reading the submission on the tablet and keeping a private note on page 2.
  const submission = /Tờ trình số 215\/TTr-SXD/;
  await member.getByRole('button', { name: submission }).click();
  await expect(member.getByRole('img', { name: /^Trang 1 của Tờ trình số 215/ })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    member.getByText(/Báo cáo tình hình an ninh, trật tự \(Mật\).*tài liệu mật: chỉ phát bản giấy/),
  ).toBeVisible();
  await member.getByLabel('Trang', { exact: true }).selectOption('2');
  await member.getByLabel('Ghi chú', { exact: true }).fill('Hỏi Sở Xây dựng về quy mô dưới 5 héc-ta');
  await member.getByRole('button', { name: 'Lưu ghi chú' }).click();
  await expect(member.getByText('Trang 2: Hỏi Sở Xây dựng về quy mô dưới 5 héc-ta')).toBeVisible();
  await expectAccessible(member, 'member tablet: reader and notes');
  await member.getByRole('button', { name: 'Đóng tài liệu' }).click();
  await member.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(member.getByText(/Có mặt 1\/8 thành viên/)).toBeVisible();

  const remote = await tablet('lanhdao.taichinh@cqs.demo');
  await remote.getByRole('button', { name: 'Dự họp trực tuyến' }).click();
  // The same document: the other member's note is not there.
  await remote.getByRole('button', { name: submission }).click();
  await expect(remote.getByRole('heading', { name: 'Ghi chú của tôi' })).toBeVisible();
  await expect(remote.getByText('Hỏi Sở Xây dựng về quy mô dưới 5 héc-ta')).toHaveCount(0);
  await remote.getByRole('button', { name: 'Đóng tài liệu' }).click();
  await remote.getByRole('button', { name: 'Điểm danh' }).click();

  const chair = await official(browser, baseURL, 'lanhdao.ubnd@cqs.demo');
  await chair.goto(href);
  await chair.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(chair.getByText(/Có mặt 3\/8 thành viên/)).toBeVisible();
  await expect(
    chair.getByText(/^Câu hỏi — .*: Đề nghị làm rõ nguồn vốn đầu tư công năm 2027$/),
  ).toBeVisible();
  await chair.getByRole('button', { name: 'Khai mạc' }).click();
  await chair.getByRole('button', { name: 'Mở nội dung' }).first().click();
  await expect(chair.getByText(/^1\. Báo cáo tình hình kinh tế/)).toBeVisible();
  await expectAccessible(chair, 'chair console');

  // The hall display follows live.
  const hall = secretary;
  await hall.goto(`${href}?view=hall`);
  await expect(hall.getByText(/^1\. Báo cáo tình hình kinh tế/)).toBeVisible();

  // Two members ask to speak; the chair calls them in turn.
  for (const speaker of [member, remote]) {
    const ask = speaker.getByRole('button', { name: 'Đăng ký phát biểu' });
    await expect(ask).toBeVisible({ timeout: 15_000 });
    await ask.click();
  }
  const next = chair.getByRole('button', { name: 'Mời người phát biểu tiếp theo' });
  await next.click();
  await expect(hall.getByText(/^Đang phát biểu: /)).toBeVisible({ timeout: 15_000 });
  const first = await hall.getByText(/^Đang phát biểu: /).textContent();
  await next.click();
  await expect(hall.getByText(/^Đang phát biểu: /)).not.toHaveText(first!, { timeout: 15_000 });

  const vote = async (voters: Page[], choice: string) => {
    for (const voter of voters) {
      const button = voter.getByRole('button', { name: choice, exact: true });
      await expect(button).toBeVisible({ timeout: 15_000 });
      await button.click();
      await expect(button).toBeHidden();
    }
  };
  await chair.getByRole('button', { name: 'Mở biểu quyết', exact: true }).click();
  await vote([member, remote, chair], 'Đồng ý');
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  // 3 agree of 8 members (no quorum: 3 < two thirds): announced, not adopted.
  await expect(hall.getByText(/đồng ý 3, không đồng ý 0, không biểu quyết 0/)).toBeVisible({
    timeout: 15_000,
  });
  await expect(hall.getByText('Không thông qua.')).toBeVisible();

  await chair.getByRole('button', { name: 'Mở biểu quyết kín' }).click();
  await vote([member, chair], 'Đồng ý');
  await vote([remote], 'Không đồng ý');
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  await expect(
    hall.getByText(/^Kết quả biểu quyết "Bỏ phiếu kín: .*đồng ý 2, không đồng ý 1, không biểu quyết 0/),
  ).toBeVisible({
    timeout: 15_000,
  });
  await expectAccessible(hall, 'hall display');
  await expectAccessible(member, 'member tablet in session');

  // The secretariat's report: time and paper against the demo's baseline sessions.
  await secretary
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Họp không giấy' })
    .click();
  await secretary.getByRole('link', { name: 'Báo cáo thời gian và giấy' }).click();
  await expect(secretary.getByRole('heading', { level: 1, name: 'Báo cáo thời gian và giấy' })).toBeVisible();
  await expect(secretary.getByText('Số liệu gốc').first()).toBeVisible();
  await expectAccessible(secretary, 'meetings report');
});
