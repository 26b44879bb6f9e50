// Edits: the size follows the input image, and says so before
// anything is sent; the mask is drawn in a large dialog; the before/after
// line moves by dragging on the image itself.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { copyPng } from '../clipboard.mjs';
import { open, prompt, screenshot, send } from './helpers.mjs';

const size = (page) => page.getByLabel('Size', { exact: true });

/** In the page: records the `size` of every multipart form the page builds. */
function recordSentSizes() {
  window.sentSizes = [];
  const append = FormData.prototype.append;
  FormData.prototype.append = function (name, value, ...rest) {
    if (name === 'size') window.sentSizes.push(String(value));
    return append.call(this, name, value, ...rest);
  };
}

/** Generates one image of the `asked` size and makes it the input of an edit. */
async function editOf(page, asked) {
  await size(page).selectOption(asked);
  await send(page);
  await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
  await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
}

describe('the size of an edit', () => {
  test('follows a 1536x1024 input, says so before sending, and the result lines up with it', async (t) => {
    const { page } = await open(t, [], { viewport: { width: 1280, height: 800 } });
    await page.evaluate(recordSentSizes);
    await editOf(page, '1536x1024');
    await page.waitForFunction(() => document.querySelector('#choice-size').value === '1536x1024');
    const note = page.getByRole('status').filter({ hasText: 'Size set to' });
    assert.equal(await note.innerText(), 'Size set to 1536x1024 to follow the input image (1536x1024).');
    await prompt(page).fill('add a red kite');
    await send(page, { button: 'Edit' });
    assert.deepEqual(await page.evaluate(() => window.sentSizes), ['1536x1024'], 'the edit asked for it');
    const sizes = await page.locator('.run').first().locator('.compare img').evaluateAll((images) =>
      images.map((img) => `${img.naturalWidth}x${img.naturalHeight}`),
    );
    assert.deepEqual(sizes, ['1536x1024', '1536x1024'], 'before and after have the same shape');
  });

  test('is auto for a model of fixed sizes, which then follows the input\'s shape', async (t) => {
    const { page } = await open(t);
    await editOf(page, '1536x1024');
    await page.getByLabel('Model', { exact: true }).selectOption('gpt-image-1.5');
    await page.waitForFunction(() => document.querySelector('#choice-size').value === 'auto');
    assert.equal(
      await page.getByRole('status').filter({ hasText: 'Size set to' }).innerText(),
      'Size set to auto: gpt-image-1.5 follows the input image\'s shape (1536x1024).',
    );
    await send(page, { button: 'Edit' });
    const result = await page.locator('.run').first().locator('.compare img.after').evaluate((img) => `${img.naturalWidth}x${img.naturalHeight}`);
    assert.equal(result, '1536x1024');
  });

  test('a small pasted image: the nearest valid size of its shape', async (t) => {
    const { page } = await open(t, [], { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.getByLabel('Edit', { exact: true }).check();
    await copyPng(page, 64, 48);
    await prompt(page).focus();
    await page.keyboard.press('ControlOrMeta+V');
    await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    await page.waitForFunction(() => document.querySelector('#choice-size').value === 'custom');
    const [width, height] = await Promise.all([page.getByLabel('Width').inputValue(), page.getByLabel('Height').inputValue()].map((value) => value.then(Number)));
    assert.ok(Math.abs(width / height - 4 / 3) < 0.02, `${width}x${height} has the input's 4:3 shape`);
    assert.ok(width * height >= 655_360 && width % 16 === 0 && height % 16 === 0, `${width}x${height} is valid`);
    assert.equal(await page.locator('.problem.error').count(), 0);
  });
});

describe('the mask and the comparison', () => {
  test('the mask is drawn in a dialog as large as the screen allows', async (t) => {
    const { page } = await open(t, [], { viewport: { width: 1280, height: 800 } });
    await editOf(page, '1536x1024');
    await page.getByRole('button', { name: 'Draw a mask' }).click();
    const dialog = page.getByRole('dialog', { name: 'Paint where the image may change' });
    await dialog.waitFor();
    const canvas = await page.getByLabel('Mask drawing area').boundingBox();
    assert.ok(canvas.width >= 800, `the drawing area is ${Math.round(canvas.width)}x${Math.round(canvas.height)}`);
    assert.ok(Math.abs(canvas.width / canvas.height - 1.5) < 0.01, 'in the image\'s shape');
    assert.ok(canvas.y + canvas.height <= 800, 'all of it on the screen');
    await page.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.4, { steps: 5 });
    await page.mouse.up();
    await screenshot(page, 'mask-dialog');
    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.mask-state').innerText(), 'Mask: drawn; only the painted area may change.');
  });

  test('the before/after line follows a drag on the image', async (t) => {
    const { page } = await open(t);
    await editOf(page, '1024x1024');
    await send(page, { button: 'Edit' });
    const compare = page.locator('.run').first().locator('.compare');
    const stage = await compare.locator('.compare-stage').boundingBox();
    await page.mouse.move(stage.x + stage.width * 0.8, stage.y + stage.height / 2);
    await page.mouse.down();
    await page.mouse.move(stage.x + stage.width * 0.25, stage.y + stage.height / 2, { steps: 6 });
    await page.mouse.up();
    assert.match(await compare.getAttribute('style'), /--split: 25%/);
    assert.equal(await compare.getByLabel('Before / after').inputValue(), '25', 'the slider follows');
  });
});
