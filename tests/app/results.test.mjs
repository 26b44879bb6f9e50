// Results: placeholders and partial images in the shape of the
// asked size with "partial k of n"; results as large as the column allows,
// with one row of actions and a menu for the rest, each image shown once
// (by its request, not again in the gallery); one token count that adds up.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { firstImageSize, menuAction, open, prompt, screenshot, send, stored } from './helpers.mjs';

/** The box of the first element matching `selector`, rounded to tenths of a pixel. */
const box = (page, selector) =>
  page.evaluate((selector) => {
    const { x, y, width, height } = document.querySelector(selector).getBoundingClientRect();
    return [x, y, width, height].map((value) => Math.round(value * 10) / 10);
  }, selector);

describe('results', () => {
  test('placeholders and partial images have the shape of the asked size, with "partial k of n"; the image lands in their place', async (t) => {
    const { page } = await open(t, ['--latency-ms', '2400']);
    await page.getByLabel('Size', { exact: true }).selectOption('2048x1152');
    await page.getByLabel('Stream', { exact: true }).check();
    await page.getByLabel('Partial images').fill('2');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const placeholder = page.locator('.placeholder');
    await placeholder.waitFor();
    const [, , width, height] = await box(page, '.placeholder');
    assert.ok(Math.abs(width / height - 2048 / 1152) < 0.01, `the placeholder is ${width}x${height}, not 16:9`);
    await page.getByText('partial 1 of 2').waitFor({ timeout: 10_000 });
    const partial = await page.locator('.placeholder img').evaluate((img) => {
      const { width, height } = img.getBoundingClientRect();
      return { box: width / height, natural: img.naturalWidth / img.naturalHeight, fit: getComputedStyle(img).objectFit };
    });
    assert.ok(Math.abs(partial.box - partial.natural) < 0.01 && partial.fit !== 'cover', `the partial is shown whole: ${JSON.stringify(partial)}`);
    assert.match(await placeholder.getAttribute('aria-label'), /partial 1 of 2$/);
    await screenshot(page, 'partial-16-9');
    const waiting = await box(page, '.placeholder');
    await page.getByText('partial 2 of 2').waitFor({ timeout: 10_000 });
    assert.deepEqual(await firstImageSize(page), [2048, 1152]);
    assert.deepEqual(await box(page, '.run .picture .frame'), waiting, 'the image takes the placeholder\'s place exactly');
  });

  test('a result is large, with one row of actions and a menu for the rest, and shown once', async (t) => {
    const { page } = await open(t, [], { viewport: { width: 1280, height: 800 } });
    await send(page);
    const [, , width] = await box(page, '.run .picture .frame');
    // The height of the screen bounds a square image, not a fixed width.
    assert.ok(width >= 550, `the image is ${width} px wide in a column of about 760`);
    const row = await page.locator('.run .image-actions > :is(a, button)').evaluateAll((items) =>
      items.map((item) => [item.textContent, Math.round(item.getBoundingClientRect().top)]),
    );
    assert.deepEqual(row.map(([name]) => name), ['Download', 'Copy', 'Edit', 'More']);
    assert.equal(new Set(row.map(([, top]) => top)).size, 1, `one row: ${JSON.stringify(row)}`);
    const more = page.locator('.run').getByRole('button', { name: 'More actions' });
    assert.equal(await page.getByRole('button', { name: 'Reuse settings' }).count(), 0, 'the rest waits in the menu');
    await more.click();
    const menu = page.locator('.run .menu');
    assert.deepEqual(await menu.locator(':is(a, button)').allInnerTexts(), ['Open full size', 'Reuse settings', 'Delete']);
    const [menuBox, moreBox] = await Promise.all([menu.boundingBox(), more.boundingBox()]);
    const below = menuBox.y >= moreBox.y + moreBox.height - 1;
    const above = menuBox.y + menuBox.height <= moreBox.y + 1;
    assert.ok(below || above, 'the menu opens by its button (under it, or over it near the bottom of the screen)');
    assert.ok(menuBox.x + menuBox.width >= moreBox.x && menuBox.x <= moreBox.x + moreBox.width, 'and lines up with it');
    await screenshot(page, 'result-menu');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });

    await stored(page, 1);
    assert.equal(await page.locator('.gallery .card').count(), 0, 'the new image is not shown a second time in the gallery');
    assert.equal(await page.locator('.run .picture').count(), 1);
    await page.reload();
    await page.locator('.gallery .card img').waitFor();
    assert.equal(await page.locator('.gallery .card').count(), 1, 'after a reload, the gallery shows it');
  });

  test('a deleted result leaves the gallery too, even while it is being stored', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await send(page, { count: 2 });
    await menuAction(page.locator('.run .picture').first(), 'Delete');
    await page.waitForFunction(() => document.querySelectorAll('.run .picture').length === 1);
    await stored(page, 1);
    await page.reload();
    await page.locator('.gallery .card img').waitFor();
    assert.equal(await page.locator('.gallery .card').count(), 1);
  });

  test('one token count: images, their request, the session and the gallery agree', async (t) => {
    const { page } = await open(t);
    await prompt(page).fill('four small boats in a harbour at dusk, oil on canvas');
    await page.getByLabel('Images', { exact: true }).fill('4');
    await send(page, { count: 4 });
    await page.waitForFunction(() => document.querySelector('.run')?.getAttribute('aria-busy') === 'false');
    await stored(page, 4);
    await page.waitForFunction(() => [...document.querySelectorAll('.run .facts')].every((facts) => / tokens/.test(facts.textContent)));
    const tokens = (text) => Number(/([\d,]+) tokens/.exec(text)?.[1].replaceAll(',', ''));
    const images = (await page.locator('.run .facts').allInnerTexts()).map(tokens);
    const run = tokens(await page.locator('.run-facts').innerText());
    assert.notEqual(run % 4, 0, `this request's ${run} tokens do not split evenly, which is the case to check`);
    assert.equal(images.reduce((sum, each) => sum + each, 0), run, `the images' ${images.join(' + ')} add up to the request's ${run}`);
    assert.ok(Math.max(...images) - Math.min(...images) <= 1, 'shared as evenly as whole tokens allow');
    assert.equal(tokens(await page.locator('.totals').innerText()), run, 'the session');
    await page.waitForFunction((run) => new RegExp(` ${run.toLocaleString('en-US')} tokens`).test(document.querySelector('.gallery-totals').textContent), run);
  });
});
