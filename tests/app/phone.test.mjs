// On a phone: no keyboard hint on a touch screen, Generate brings
// the new result into view, and the actions of an image stay in one row.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot } from './helpers.mjs';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const keysHint = (page) => page.getByText('Ctrl+Enter or ⌘+Enter sends it.');

describe('on a phone', () => {
  test('no keyboard hint on a touch screen; a desktop has it', async (t) => {
    const { page } = await open(t, [], phone);
    assert.equal(await keysHint(page).isVisible(), false);
    const { page: desktop } = await open(t);
    assert.equal(await keysHint(desktop).isVisible(), true);
  });

  test('Generate scrolls to the new result, whose actions fit in one row', async (t) => {
    const { page } = await open(t, ['--latency-ms', '800'], phone);
    assert.equal(await page.evaluate(() => window.scrollY), 0);
    await page.getByRole('button', { name: 'Generate', exact: true }).tap();
    const run = page.locator('.run').first();
    await run.waitFor();
    await page.waitForFunction(() => {
      const { top } = document.querySelector('.run').getBoundingClientRect();
      return top >= 0 && top < 100;
    });
    await screenshot(page, 'phone-scrolled-to-result');
    await run.locator('.picture img').waitFor({ timeout: 20_000 });
    const tops = await run.locator('.image-actions > :is(a, button)').evaluateAll((items) => items.map((item) => Math.round(item.getBoundingClientRect().top)));
    assert.equal(new Set(tops).size, 1, `one row: ${tops}`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
  });
});
