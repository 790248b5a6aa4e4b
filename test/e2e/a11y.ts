import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Checks the page with axe (WCAG 2.0/2.1 A and AA): no serious or critical violations. */
export async function expectAccessible(page: Page, what?: string) {
  // Let the page settle: its heading is shown and nothing is loading.
  await expect(page.locator('h1')).toBeVisible();
  await expect(page.locator('.loading')).toHaveCount(0);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  if (process.env.E2E_AXE_VERBOSE) {
    const rest = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical');
    console.log(
      `axe ${what ?? page.url()}: ${results.passes.length} rules passed;`,
      rest.map((v) => `${v.impact} ${v.id}`),
    );
  }
  expect(blocking, `accessibility of ${what ?? page.url()}`).toEqual([]);
  return results;
}
