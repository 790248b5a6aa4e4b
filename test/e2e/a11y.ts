import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';

/** The officer's screen the journeys use (issue 11: the officer's journey at 1024 × 768). */
export const OFFICE_SCREEN = { width: 1024, height: 768 };

/** Every step checked here is also kept as a screenshot in the test's output folder (issue 11, Tests). */
let shots = 0;
async function keepScreenshot(page: Page, what: string | undefined) {
  const info = test.info();
  const name = `${String(++shots).padStart(3, '0')}-${(what ?? new URL(page.url()).pathname).replace(/[^\p{L}\p{N}]+/gu, '-')}`;
  await page.screenshot({ path: info.outputPath(`${name}.png`) });
}

/**
 * Checks the page with axe (WCAG 2.0/2.1 A and AA): no serious or critical violations, no raw strings;
 * an officer's page (the 1024 px office screen) has nothing wider than the screen. Keeps a screenshot.
 */
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
  await expectNoRawStrings(page, what);
  const viewport = page.viewportSize();
  if (viewport?.width === OFFICE_SCREEN.width) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, `width of ${what ?? page.url()} on a ${viewport.width} px screen`).toBeLessThanOrEqual(
      viewport.width,
    );
  }
  await keepScreenshot(page, what);
  return results;
}

// Every key of every locale file that has a dot: such a key on a page is a string left untranslated.
const LOCALE_KEYS: ReadonlySet<string> = (() => {
  const dir = join(import.meta.dirname, '../../src/locales/vi');
  const keys = new Set<string>();
  for (const file of readdirSync(dir))
    for (const key of Object.keys(JSON.parse(readFileSync(join(dir, file), 'utf8'))))
      if (key.includes('.')) keys.add(key.replace(/_(one|other)$/, ''));
  return keys;
})();

/** No `{{placeholder}}` left unreplaced and no locale key shown as text (issue 11, item 12). */
export async function expectNoRawStrings(page: Page, what?: string) {
  // Code samples and editors may show placeholders on purpose (the template editor lists them).
  const text = await page.evaluate(() => {
    const body = document.body.cloneNode(true) as HTMLElement;
    for (const el of body.querySelectorAll('code, pre, kbd, textarea, input')) el.remove();
    // biome-ignore lint/performance/useDomNodeTextContent: what a reader sees, without hidden text and with line breaks between blocks
    return body.innerText || body.textContent || '';
  });
  const placeholders = text.match(/\{\{\s*\w+\s*\}\}/g) ?? [];
  const keys = (text.match(/\b[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+\b/g) ?? []).filter((w) => LOCALE_KEYS.has(w));
  expect([...placeholders, ...keys], `raw strings on ${what ?? page.url()}`).toEqual([]);
}
