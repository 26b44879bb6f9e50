// The gallery's viewer fits the screen (a 1024x1024 image whole, its facts
// and actions in sight without scrolling) on a desktop and a phone, light
// and dark, with Previous and Next by button and arrow key; thumbnails show
// the whole image.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { menuAction, open, screenshot, send, stored } from './helpers.mjs';

const screens = [
  ['desktop', { viewport: { width: 1280, height: 800 } }],
  ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

/** Where the viewer's parts are, against the screen. */
const placement = (page) =>
  page.evaluate(() => {
    const box = (element) => {
      const { top, bottom, left, right, width, height } = element.getBoundingClientRect();
      return { top, bottom, left, right, width, height };
    };
    const dialog = document.querySelector('dialog.viewer');
    const image = dialog.querySelector('.viewer-image img');
    return {
      screen: { width: innerWidth, height: innerHeight },
      dialog: box(dialog),
      scrolls: dialog.scrollHeight > dialog.clientHeight + 1 || dialog.scrollWidth > dialog.clientWidth + 1,
      image: box(image),
      fit: getComputedStyle(image).objectFit,
      natural: [image.naturalWidth, image.naturalHeight],
      download: box(dialog.querySelector('.image-actions a')),
      more: box(dialog.querySelector('.image-actions .more')),
      facts: box(dialog.querySelector('.facts')),
    };
  });

const inside = (part, screen) => part.top >= 0 && part.left >= 0 && part.bottom <= screen.height && part.right <= screen.width;

describe('the viewer', () => {
  for (const [name, device] of screens) {
    for (const colorScheme of ['light', 'dark']) {
      test(`${name}, ${colorScheme}: a 1024x1024 image fits with its actions; Previous, Next and the arrow keys`, async (t) => {
        const { page } = await open(t, [], { ...device, colorScheme });
        await page.getByLabel('Images', { exact: true }).fill('3');
        await send(page, { count: 3 });
        await stored(page, 3);
        await page.waitForFunction(() => !document.querySelector('.run[aria-busy=true]'));
        await page.reload();
        await page.waitForFunction(() => document.querySelectorAll('.gallery .card img').length === 3, null, { timeout: 20_000 });
        await screenshot(page, `viewer-gallery-${name}-${colorScheme}`, { fullPage: true });
        await page.locator('.gallery .card').first().getByRole('button', { name: /^Open:/ }).click();
        const viewer = page.getByRole('dialog', { name: 'Stored image' });
        await page.waitForFunction(() => document.querySelector('.viewer-image img')?.complete);
        const where = await placement(page);
        assert.deepEqual(where.natural, [1024, 1024]);
        assert.equal(where.fit, 'contain', 'the whole image, letterboxed');
        assert.equal(where.scrolls, false, 'nothing to scroll to');
        for (const part of ['dialog', 'image', 'download', 'more', 'facts']) {
          assert.ok(inside(where[part], where.screen), `${part} ${JSON.stringify(where[part])} is on the ${JSON.stringify(where.screen)} screen`);
        }
        const shown = Math.min(where.image.width, where.image.height);
        assert.ok(shown >= Math.min(where.screen.width, where.screen.height) * 0.6, `the image is large: ${shown} px`);
        await screenshot(page, `viewer-${name}-${colorScheme}`);

        const count = viewer.locator('.viewer-count');
        assert.equal(await count.innerText(), '1 of 3');
        assert.equal(await viewer.getByRole('button', { name: 'Previous image' }).isDisabled(), true);
        await viewer.getByRole('button', { name: 'Next image' }).click();
        assert.equal(await count.innerText(), '2 of 3');
        await page.keyboard.press('ArrowRight');
        assert.equal(await count.innerText(), '3 of 3');
        assert.equal(await viewer.getByRole('button', { name: 'Next image' }).isDisabled(), true);
        await page.keyboard.press('ArrowRight');
        assert.equal(await count.innerText(), '3 of 3', 'the last stays the last');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        assert.equal(await count.innerText(), '1 of 3');
        // Delete: the next image, and the undo bar in the viewer, then on the page.
        await menuAction(viewer, 'Delete');
        await viewer.locator('.undo.active').waitFor();
        assert.equal(await count.innerText(), '1 of 2');
        await screenshot(page, `viewer-undo-${name}-${colorScheme}`);
        await page.keyboard.press('Escape');
        await viewer.waitFor({ state: 'detached' });
        await page.locator('.undo-toast .undo.active').waitFor();
        await screenshot(page, `undo-toast-${name}-${colorScheme}`);
      });
    }
  }

  test('thumbnails show the whole image, not its centre', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Size', { exact: true }).selectOption('1536x1024');
    await send(page);
    await stored(page, 1);
    await page.waitForFunction(() => !document.querySelector('.run[aria-busy=true]'));
    await page.reload();
    const thumb = page.locator('.gallery .card img');
    await page.waitForFunction(() => document.querySelector('.gallery .card img')?.complete);
    const { fit, natural, box } = await thumb.evaluate((img) => ({
      fit: getComputedStyle(img).objectFit,
      natural: img.naturalWidth / img.naturalHeight,
      box: img.getBoundingClientRect().width / img.getBoundingClientRect().height,
    }));
    assert.equal(fit, 'contain');
    assert.ok(Math.abs(natural - 1.5) < 0.01, `the thumbnail keeps the image's shape: ${natural}`);
    assert.ok(box <= natural, 'its square box holds the whole width');
    await screenshot(page, 'viewer-thumbnail-wide', { clip: await page.locator('.gallery').boundingBox() });
  });
});
