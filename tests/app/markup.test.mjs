// A markup edit (GPT Image 2.6): marks drawn over the first input go out
// as `markup`, a transparent PNG of that input's size, and never with a mask.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, prompt, screenshot, send } from './helpers.mjs';

/**
 * Records, in the page, the form fields of every edit it sends (files as
 * `{ type, width, height, corner, mark }`: their size, the alpha of a
 * corner pixel and the colour at (45%, 50%)), in `window.sentEdits`.
 */
const recordEdits = () => {
  window.sentEdits = [];
  const original = window.fetch;
  window.fetch = function (input, init) {
    const request = input instanceof Request ? input.clone() : new Request(input, init);
    if (request.url.includes('/images/edits')) {
      window.sentEdits.push(
        request.formData().then(async (form) => {
          const fields = {};
          for (const [name, value] of form) {
            if (typeof value === 'string') {
              fields[name] = value;
              continue;
            }
            const bitmap = await createImageBitmap(value);
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext('2d');
            context.drawImage(bitmap, 0, 0);
            const at = (x, y) => [...context.getImageData(x, y, 1, 1).data];
            fields[name] = {
              type: value.type,
              width: bitmap.width,
              height: bitmap.height,
              corner: at(2, 2)[3],
              mark: at(Math.round(bitmap.width * 0.45), Math.round(bitmap.height * 0.5)),
            };
          }
          return fields;
        }),
      );
    }
    return original.call(this, input, init);
  };
};

describe('markup', () => {
  test('marks drawn on the first input are sent as markup of its size, and no mask goes with them', async (t) => {
    const { page } = await open(t);
    await page.addInitScript(recordEdits);
    await page.reload();
    await send(page);
    await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
    await page.getByRole('img', { name: /^Input image 1:/ }).waitFor();
    await page.getByLabel('Model', { exact: true }).selectOption('gpt-image-2.6-flare');
    await page.waitForFunction(() => document.querySelector('.markup-dialog canvas')?.width > 1);
    const [width, height] = await page.evaluate(() => {
      const canvas = document.querySelector('.markup-dialog canvas');
      return [canvas.width, canvas.height];
    });
    await page.getByRole('button', { name: 'Draw markup' }).click();
    await page.getByLabel('Yellow').check();
    const box = await page.getByLabel('Markup drawing area').boundingBox();
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await screenshot(page, 'markup-dialog');
    await page.getByRole('button', { name: 'Done' }).click();
    assert.equal(await page.getByRole('button', { name: 'Draw a mask' }).isDisabled(), true, 'no mask with markup');
    await prompt(page).fill('make what is underlined yellow gold');
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.waitForFunction(() => window.sentEdits.length === 1);
    const sent = await page.evaluate(() => window.sentEdits[0]);
    assert.equal(sent.model, 'gpt-image-2.6-flare');
    assert.ok(sent.markup, 'markup is sent');
    assert.equal(sent.mask, undefined, 'no mask is sent with it');
    assert.equal(sent.markup.type, 'image/png');
    assert.deepEqual([sent.markup.width, sent.markup.height], [width, height], "the first input's size");
    assert.equal(sent.markup.corner, 0, 'unmarked pixels are transparent');
    assert.deepEqual(sent.markup.mark, [255, 204, 0, 255], 'a mark in the colour chosen');
  });
});
