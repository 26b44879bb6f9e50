// Editing: a result becomes the input of an edit, a mask is drawn over it,
// and the server (which keeps every pixel the mask covers) proves the mask
// arrived at the image's exact size; the result shows a before/after slider.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyPng } from '../clipboard.mjs';
import { open, prompt, screenshot, send } from './helpers.mjs';

/** RGBA of pixel (x, y) of each image in `selectors`, read through a canvas. */
const pixels = (page, selectors, x, y) =>
  page.evaluate(
    ({ selectors, x, y }) =>
      selectors.map((selector) => {
        const img = document.querySelector(selector);
        const canvas = new OffscreenCanvas(img.naturalWidth, img.naturalHeight);
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0);
        return [...context.getImageData(x, y, 1, 1).data];
      }),
    { selectors, x, y },
  );

describe('edit', () => {
  test('edits a result with a drawn mask; only the painted area changes', async (t) => {
    const { page } = await open(t);
    await send(page);
    await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
    assert.equal(await page.getByLabel('Edit', { exact: true }).isChecked(), true, 'the form is in edit mode');
    await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    const canvas = page.getByLabel('Mask drawing area');
    await page.waitForFunction(() => document.querySelector('.mask-dialog canvas')?.width === 1024);
    await page.getByRole('button', { name: 'Draw a mask' }).click();
    const box = await canvas.boundingBox();
    // A stroke across the top-left quarter (the brush is 64 image pixels wide).
    await page.mouse.move(box.x + box.width * 0.05, box.y + box.height * 0.1);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.1, { steps: 8 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Done' }).click();
    await prompt(page).fill('paint a sun');
    await screenshot(page, 'edit-mask');
    await send(page, { button: 'Edit' });
    const run = page.locator('.run').first();
    assert.match(await run.locator('.run-facts').innerText(), /^gpt-image-2 edit · /);
    const after = '.run .compare img.after';
    const before = '.run .compare img:not(.after)';
    await page.waitForFunction(
      // An <img> without a source counts as complete: wait for decoded pixels.
      (selectors) =>
        selectors.every((selector) => {
          const img = document.querySelector(selector);
          return img?.complete && img.naturalWidth > 0;
        }),
      [after, before],
    );
    const [kept, input] = await pixels(page, [after, before], 900, 900);
    assert.deepEqual(kept, input, 'outside the mask the input is kept exactly');
    const [painted, original] = await pixels(page, [after, before], 200, 102);
    assert.notDeepEqual(painted, original, 'under the stroke the image changed');
    const slider = run.getByLabel('Before / after');
    await slider.fill('20');
    assert.match(await run.locator('.compare').getAttribute('style'), /--split: 20%/);
    await screenshot(page, 'edit-result');
  });

  test('the mask can be drawn with the keyboard alone', async (t) => {
    const { page } = await open(t);
    await send(page);
    await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
    await page.waitForFunction(() => document.querySelector('.mask-dialog canvas')?.width === 1024);
    await page.getByRole('button', { name: 'Draw a mask' }).click();
    const canvas = page.getByLabel('Mask drawing area');
    await canvas.focus();
    await page.locator('.mask-cursor').waitFor();
    // From the centre (512, 512): a dot, then a stroke 3 × 32 px to the right.
    await page.keyboard.press('Space');
    for (let step = 0; step < 3; step += 1) await page.keyboard.press('Shift+ArrowRight');
    const painted = await canvas.evaluate((element) => {
      const context = element.getContext('2d');
      const alpha = (x, y) => context.getImageData(x, y, 1, 1).data[3];
      return [alpha(512, 512), alpha(600, 512), alpha(635, 512), alpha(512, 700), alpha(100, 100)];
    });
    assert.deepEqual(painted.map((alpha) => alpha > 0), [true, true, true, false, false], `alpha at the points: ${painted}`);
    await page.getByRole('button', { name: 'Undo' }).click();
    const undone = await canvas.evaluate((element) => element.getContext('2d').getImageData(635, 512, 1, 1).data[3]);
    assert.equal(undone, 0, 'Undo takes the last step (576 to 608, so up to 640 with the round cap) back');
    await page.keyboard.press('Escape');
    await send(page, { button: 'Edit' });
  });

  test('a mask of another size is named before anything is sent', async (t) => {
    const { page } = await open(t);
    await send(page);
    await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
    await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    // A 16x16 PNG: the mask must be the first image's size.
    const png = await page.evaluate(async () => {
      const canvas = new OffscreenCanvas(16, 16);
      canvas.getContext('2d').fillRect(0, 0, 16, 16);
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      return [...new Uint8Array(await blob.arrayBuffer())];
    });
    await page.getByLabel('Upload a mask').setInputFiles({ name: 'small.png', mimeType: 'image/png', buffer: Buffer.from(png) });
    await page.getByText('the mask is 16x16 but the first image is 1024x1024').first().waitFor();
    assert.equal(await page.getByRole('button', { name: 'Edit', exact: true }).isDisabled(), true);
    await page.getByRole('button', { name: 'Clear mask' }).click();
    await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
  });

  test('a pasted image becomes an input, with the focus in the form or nowhere', async (t) => {
    const { page } = await open(t, [], { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.getByLabel('Edit', { exact: true }).check();
    await copyPng(page, 64, 48);
    const text = await prompt(page).inputValue();
    await prompt(page).focus();
    await page.keyboard.press('ControlOrMeta+V');
    await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    assert.equal(await prompt(page).inputValue(), text, 'nothing is pasted into the prompt as text');
    await page.evaluate(() => document.activeElement.blur());
    await copyPng(page, 32, 32);
    await page.keyboard.press('ControlOrMeta+V');
    await page.getByRole('img', { name: /^Input image 2:/ }).waitFor();
    assert.match(await page.locator('.inputs li').nth(1).innerText(), /32x32/);
  });
});
