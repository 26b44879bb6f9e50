// On a phone: no keyboard hint on a touch screen, Generate brings
// the new result into view, the actions of an image stay in one row, and
// an error's advice wraps its long request id within the screen.
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

  test("an error's advice, with the provider's long request id, wraps within the screen", async (t) => {
    const { page } = await open(t, ['--fault', 'unauthorized:1'], phone);
    await page.getByRole('button', { name: 'Generate', exact: true }).tap();
    const failure = page.locator('.run .failure');
    await failure.waitFor({ timeout: 20_000 });
    assert.match(await failure.innerText(), /req_[0-9a-f]{32}/, 'the request id is shown');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    const right = await failure.evaluate((element) => element.getBoundingClientRect().right);
    assert.ok(right <= 390, `the advice ends at ${right} px, inside the screen`);
    await screenshot(page, 'phone-advice-wraps');
  });

  test('in the conversation mode the thread comes first, its settings after it', async (t) => {
    const { page } = await open(t, [], phone, { prompt: null });
    await page.getByRole('radio', { name: 'Conversation' }).check();
    const top = (selector) => page.locator(selector).evaluate((element) => element.getBoundingClientRect().top);
    await page.locator('.conversation').waitFor();
    assert.ok((await top('.conversation')) < (await top('form.generate')), 'the thread is above the form');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    await screenshot(page, 'phone-conversation-first', { fullPage: true });
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
