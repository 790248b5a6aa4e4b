// Written, not yet run green (the shared machine could not start the e2e server in time): rename to
// meetings.spec.ts once it passes with `E2E_PORT=8315 npx playwright test test/e2e/meetings.spec.ts`.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './a11y.ts';
import { official } from './journey.ts';

// The demo's coming regular session of the city People's Committee, several people at once: the
// secretary's list and hall display, two members on tablets (one remote) reply and check in, the
// chair opens the session, a content and a vote; the members vote and the hall display shows the result.
test('a session: members reply and check in, the chair runs a vote, the hall display follows', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const secretary = await official(browser, baseURL, 'thuky.ubnd@cqs.demo');
  await secretary
    .getByRole('navigation', { name: 'Điều hướng chính' })
    .getByRole('link', { name: 'Họp không giấy' })
    .click();
  await expect(secretary.getByRole('heading', { level: 1, name: 'Họp không giấy' })).toBeVisible();
  await expectAccessible(secretary, 'meetings list');
  const link = secretary.getByRole('link', { name: /Phiên họp thường kỳ tháng 12/ });
  const href = (await link.getAttribute('href'))!;

  const tablet = { width: 1024, height: 768 };
  const member = await official(browser, baseURL, 'lanhdao.xaydung@cqs.demo');
  await member.setViewportSize(tablet);
  await member.goto(href);
  await member.getByRole('button', { name: 'Dự họp trực tiếp' }).click();
  await member.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(member.getByText(/Có mặt 1\/8 thành viên/)).toBeVisible();
  await expectAccessible(member, 'member tablet');

  const remote = await official(browser, baseURL, 'lanhdao.taichinh@cqs.demo');
  await remote.setViewportSize(tablet);
  await remote.goto(href);
  await remote.getByRole('button', { name: 'Dự họp trực tuyến' }).click();
  await remote.getByRole('button', { name: 'Điểm danh' }).click();

  const chair = await official(browser, baseURL, 'lanhdao.ubnd@cqs.demo');
  await chair.goto(href);
  await chair.getByRole('button', { name: 'Điểm danh' }).click();
  await expect(chair.getByText(/Có mặt 3\/8 thành viên/)).toBeVisible();
  await chair.getByRole('button', { name: 'Khai mạc' }).click();
  await chair.getByRole('button', { name: 'Mở nội dung' }).first().click();
  await expect(chair.getByText(/^1\. Báo cáo tình hình kinh tế/)).toBeVisible();
  await expectAccessible(chair, 'chair console');

  // The hall display follows live.
  await secretary.goto(`${href}?view=hall`);
  await expect(secretary.getByText(/^1\. Báo cáo tình hình kinh tế/)).toBeVisible();

  await chair.getByRole('button', { name: 'Mở biểu quyết' }).click();
  for (const voter of [member, remote, chair]) {
    const agree = voter.getByRole('button', { name: 'Đồng ý', exact: true });
    await expect(agree).toBeVisible({ timeout: 15_000 });
    await agree.click();
    await expect(agree).toBeHidden();
  }
  await chair.getByRole('button', { name: 'Kết thúc biểu quyết' }).click();
  // 3 agree of 8 members (no quorum: 3 < two thirds): announced, not adopted.
  await expect(secretary.getByText(/đồng ý 3, không đồng ý 0, không biểu quyết 0/)).toBeVisible({
    timeout: 15_000,
  });
  await expect(secretary.getByText('Không thông qua.')).toBeVisible();
  await expectAccessible(secretary, 'hall display');
});
