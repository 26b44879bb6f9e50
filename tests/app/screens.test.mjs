// Screenshots of the playground at desktop and phone sizes, light and dark,
// through a whole session: the empty page, results, the action menu, an edit
// with the mask dialog, the before/after comparison, a size that breaks a
// rule, and a streamed partial image. Each screen is checked for sideways
// scrolling; tests/output/app/before/ holds the same screens of an older layout.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, prompt, screenshot, send } from './helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

/** Fails when the page scrolls sideways. */
async function noSidewaysScroll(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what}: the page is ${overflow} px wider than the screen`);
}

describe('the playground on screens', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}`, async (t) => {
        const { page } = await open(t, ['--latency-ms', '300'], { ...device, colorScheme });
        const shot = async (state, options) => {
          await noSidewaysScroll(page, state);
          await screenshot(page, `screen-${name}-${colorScheme}-${state}`, options);
        };
        await shot('start');
        await page.getByLabel('Size', { exact: true }).selectOption('1536x1024');
        await page.getByLabel('Images', { exact: true }).fill('2');
        await send(page, { count: 2 });
        await page.waitForFunction(() => document.querySelector('.run')?.getAttribute('aria-busy') === 'false');
        // Every image decoded and the fonts in, then two frames painted: the screen as a person sees it.
        await page.waitForFunction(() =>
          [...document.images].every((img) => img.complete) && document.fonts.status === 'loaded');
        await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
        await shot('results');
        // A full-page screenshot drops the touch emulation for a moment: the desktop's only.
        if (name === 'desktop') await shot('results-full', { fullPage: true });
        const first = page.locator('.run .picture').first();
        await first.getByRole('button', { name: 'More actions' }).click();
        await first.getByRole('button', { name: 'Reuse settings' }).waitFor();
        await shot('menu');
        await page.keyboard.press('Escape');

        await first.getByRole('button', { name: 'Edit this image' }).click();
        await page.getByRole('button', { name: 'Draw a mask' }).click();
        const canvas = page.getByLabel('Mask drawing area');
        await page.waitForFunction(() => document.querySelector('.mask canvas, .mask-dialog canvas')?.width === 1536);
        const box = await canvas.boundingBox();
        await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.3);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5, { steps: 6 });
        await page.mouse.up();
        await shot('mask');
        await page.getByRole('button', { name: 'Done' }).click();
        await prompt(page).fill('add a red kite in the sky');
        await page.getByLabel('Size', { exact: true }).scrollIntoViewIfNeeded();
        await shot('edit-form');
        await send(page, { button: 'Edit' });
        await page.waitForFunction(() => [...document.querySelectorAll('.run .compare img')].every((img) => img.complete && img.naturalWidth > 0));
        await page.locator('.run').first().scrollIntoViewIfNeeded();
        await shot('compare');

        await page.getByLabel('Generate', { exact: true }).check();
        await page.getByLabel('Size', { exact: true }).selectOption('custom');
        await page.getByLabel('Width').fill('4000');
        await page.getByLabel('Height').fill('1000');
        await page.getByRole('button', { name: /^Use \d+x\d+$/ }).waitFor();
        await page.getByLabel('Width').scrollIntoViewIfNeeded();
        await shot('invalid');

        await page.getByRole('button', { name: /^Use \d+x\d+$/ }).click();
        await page.getByLabel('Stream', { exact: true }).check();
        await page.getByLabel('Partial images').fill('2');
        await page.getByLabel('Images', { exact: true }).fill('1');
        await page.getByRole('button', { name: 'Generate', exact: true }).click();
        await page.locator('.placeholder img').waitFor({ timeout: 10_000 });
        await shot('partial');
      });
    }
  }
});
