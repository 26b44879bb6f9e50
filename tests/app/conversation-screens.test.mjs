// Screenshots of the conversation mode at desktop and phone sizes, light and
// dark: a thread of two turns, a partial image on its way, the `@` list, the
// picker, and a branch; each screen is checked for sideways scrolling.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot, stored } from './helpers.mjs';
import { answered, converse, say } from './conversation-helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

/** Fails when the page scrolls sideways. */
async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

describe('the conversation mode on screens', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}`, async (t) => {
        const { page } = await open(t, ['--latency-ms', '1500'], { ...device, colorScheme }, { prompt: null });
        const shot = async (state, options) => {
          await noSidewaysScroll(page, state);
          await screenshot(page, `conversation-${name}-${colorScheme}-${state}`, options);
        };
        await converse(page);
        await shot('start');
        await say(page, 'a red kite over the sea', 1);
        await page.getByLabel('Stream', { exact: true }).check();
        await page.getByLabel('Partial images').fill('2');
        await page.getByLabel('Message', { exact: true }).fill('now make the kite blue');
        await page.getByRole('button', { name: 'Send', exact: true }).click();
        await page.locator('.turn .placeholder img').waitFor({ timeout: 10_000 });
        await page.locator('.turn .placeholder').scrollIntoViewIfNeeded();
        await shot('partial');
        await answered(page, 2);
        await stored(page, 2);
        await page.locator('.turns > .turn').nth(1).locator('.said').scrollIntoViewIfNeeded();
        await shot('thread');

        const message = page.getByLabel('Message', { exact: true });
        await message.pressSequentially('like @');
        await page.getByRole('listbox', { name: 'Images of this conversation' }).waitFor();
        await page.locator('.composer').scrollIntoViewIfNeeded();
        await shot('mentions');
        await message.press('Enter');
        await page.getByRole('button', { name: 'Attach image' }).click();
        await page.getByRole('dialog', { name: 'Attach an image' }).locator('.pick img').first().waitFor();
        await shot('picker');
        await page.getByRole('dialog', { name: 'Attach an image' }).getByRole('button', { name: 'Close' }).click();

        const first = page.locator('.turns > .turn').first();
        await first.getByRole('button', { name: 'Edit', exact: true }).click();
        await first.getByLabel('Edit this turn').fill('a green kite in the mountains');
        await first.getByRole('button', { name: 'Send as a new branch' }).click();
        await answered(page, 1);
        await page.locator('.conversation').scrollIntoViewIfNeeded();
        await shot('branch');
      });
    }
  }
});
