// Screenshots of GPT Image 2.6's controls at desktop and phone sizes, light
// and dark: GIF frames and duration, the SVG author model, a typed model
// name, and the markup brush on an edit. Each screen is checked for
// sideways scrolling.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot, send } from './helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

/** Fails when the page scrolls sideways. */
async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

describe('GPT Image 2.6 on screens', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}`, async (t) => {
        const { page } = await open(t, [], { ...device, colorScheme });
        const shot = async (state) => {
          await noSidewaysScroll(page, state);
          await screenshot(page, `screen-2-6-${name}-${colorScheme}-${state}`);
        };
        const model = page.getByLabel('Model', { exact: true });
        await model.selectOption('gpt-image-2.6-flare');
        await page.getByLabel('Complexity', { exact: true }).selectOption('medium');
        await page.getByLabel('Format', { exact: true }).selectOption('gif');
        await page.getByLabel('Frames', { exact: true }).fill('4');
        await page.getByLabel('Frames', { exact: true }).scrollIntoViewIfNeeded();
        await shot('gif');
        await page.getByLabel('Format', { exact: true }).selectOption('svg');
        await page.getByLabel('SVG author model', { exact: true }).fill('gpt-5.1');
        await shot('svg');
        await model.selectOption('other model');
        await page.getByLabel('Model name, sent as typed').fill('flux-pro');
        await page.getByLabel('Model name, sent as typed').press('Tab');
        await model.scrollIntoViewIfNeeded();
        await shot('other-model');

        await model.selectOption('gpt-image-2');
        await page.getByLabel('Format', { exact: true }).selectOption('png');
        await send(page);
        await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
        await model.selectOption('gpt-image-2.6-sunburst');
        await page.waitForFunction(() => document.querySelector('.markup-dialog canvas')?.width > 1);
        await page.getByRole('button', { name: 'Draw markup' }).click();
        await page.getByLabel('Green').check();
        const box = await page.getByLabel('Markup drawing area').boundingBox();
        await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.3);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.6, { steps: 6 });
        await page.mouse.up();
        const dialogOverflow = await page.locator('.markup-dialog').evaluate((dialog) => dialog.scrollWidth - dialog.clientWidth);
        assert.ok(dialogOverflow <= 0, `the markup dialog is ${dialogOverflow} px wider than itself`);
        await shot('markup-dialog');
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByRole('button', { name: 'Draw markup' }).or(page.getByRole('button', { name: 'Edit the markup' })).scrollIntoViewIfNeeded();
        await shot('markup-form');
      });
    }
  }
});
