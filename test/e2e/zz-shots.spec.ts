import { test } from '@playwright/test';
import { official } from './journey.ts';
test('shots', async ({ browser, baseURL }) => {
  const page = await official(browser, baseURL, 'admin@cqs.demo');
  for (const [path, name] of <[string, string][]>[['/quan-tri/thu-tuc/1_009994', 'proc'], ['/quan-tri/thu-tuc/2_000488', 'proc2'], ['/quan-tri/lich-lam-viec', 'cal'], ['/quan-tri/mau-van-ban', 'tpl']]) {
    await page.goto(path);
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `/tmp/ui/${name}.png`, fullPage: true });
  }
  const svg = page.locator('svg.workflow-svg');
  await page.goto('/quan-tri/thu-tuc/1_009994');
  await svg.first().screenshot({ path: '/tmp/ui/diagram.png' });
  for (const code of ['1_001193','2_000815','2_000488','2_000591','2_000720','1_012766','1_000894','1_012274']) {
    await page.goto(`/quan-tri/thu-tuc/${code}`); await page.waitForTimeout(1500);
    if (await svg.count()) await svg.first().screenshot({ path: `/tmp/ui/d-${code}.png` }).catch(() => {});
  }
});
