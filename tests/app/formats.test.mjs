// Images known by their bytes: an animated GIF plays in the run and in the
// gallery and downloads as .gif; an SVG shows as a picture, downloads as
// .svg, and a script inside it never runs in this page's origin (it is
// only ever an <img> of a data: URL, and Open hands it over as a file).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { open, screenshot, send, stored } from './helpers.mjs';

/** Picks a model and an output format, as a person does. */
async function choose(page, model, format) {
  await page.getByLabel('Model', { exact: true }).selectOption(model);
  await page.getByLabel('Format', { exact: true }).selectOption(format);
}

/**
 * How many different pictures `img` (a locator) shows in screenshots
 * taken 60 ms apart (a canvas would draw an animation's first frame only):
 * more than one when it plays.
 */
async function picturesShown(img, shots = 10) {
  await img.evaluate((element) => element.decode());
  const seen = new Set();
  for (let shot = 0; shot < shots; shot += 1) {
    seen.add((await img.screenshot()).toString('base64'));
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  return seen.size;
}

/** The frames of a GIF file: its image descriptors, walked block by block. */
function gifFrames(bytes) {
  let at = 13;
  const packed = bytes[10];
  if (packed & 0x80) at += 3 * 2 ** ((packed & 7) + 1);
  let frames = 0;
  const skipBlocks = () => {
    while (bytes[at] !== 0) at += bytes[at] + 1;
    at += 1;
  };
  while (at < bytes.length && bytes[at] !== 0x3b) {
    if (bytes[at] === 0x21) {
      at += 2;
      skipBlocks();
    } else if (bytes[at] === 0x2c) {
      frames += 1;
      const local = bytes[at + 9];
      at += 10;
      if (local & 0x80) at += 3 * 2 ** ((local & 7) + 1);
      at += 1;
      skipBlocks();
    } else {
      throw new Error(`not a GIF block at ${at}: ${bytes[at]}`);
    }
  }
  return frames;
}

/** Clicks `link` and returns the suggested file name of the download it starts, and its bytes. */
async function download(page, link) {
  const [started] = await Promise.all([page.waitForEvent('download'), link.click()]);
  return { name: started.suggestedFilename(), bytes: await readFile(await started.path()) };
}

/** An SVG document holding a script that would mark the page, were it ever run. */
const SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="96" height="64" viewBox="0 0 96 64">
  <script>window.svgScriptRan = true; try { top.svgScriptRan = true; } catch (e) {}</script>
  <rect width="96" height="64" fill="#0b57d0"/><circle cx="48" cy="32" r="20" fill="#ffcc00" onload="window.svgScriptRan = true"/>
</svg>`;

describe('GIF and SVG results', () => {
  test('an animated GIF plays in the run and in the gallery and downloads as .gif', async (t) => {
    const { page } = await open(t);
    await choose(page, 'gpt-image-2.6-flare', 'gif');
    await page.getByLabel('Frames', { exact: true }).fill('3');
    await page.getByLabel('Frame ms', { exact: true }).fill('100');
    const asked = page.waitForRequest('**/v1/images/generations');
    await send(page);
    const body = JSON.parse((await asked).postData());
    assert.equal(body.output_format, 'gif');
    assert.equal(body.frame_count, 3);
    assert.equal(body.frame_duration_ms, 100);
    const run = page.locator('.run');
    assert.match(await run.locator('.facts').innerText(), / · GIF · /, 'known as a GIF by its bytes');
    assert.ok((await picturesShown(run.locator('.picture img'))) > 1, 'it plays');
    const file = await download(page, run.getByRole('link', { name: 'Download', exact: true }));
    assert.match(file.name, /\.gif$/);
    assert.equal(file.bytes.subarray(0, 6).toString('latin1'), 'GIF89a');
    assert.equal(gifFrames(file.bytes), 3, 'every frame asked for');
    // The gallery (after a reload) shows it from its stored thumbnail, still a GIF.
    await stored(page, 1);
    await page.reload();
    await page.locator('.card img').first().waitFor();
    assert.ok((await picturesShown(page.locator('.card img').first())) > 1, 'its thumbnail plays too');
    await screenshot(page, 'gif-gallery');
  });

  test('an SVG shows as a picture, downloads as .svg, and its script never runs', async (t) => {
    const { page } = await open(t);
    // The answer is an SVG of this test's, with a script in it.
    await page.route('**/v1/images/generations', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ created: 1, data: [{ b64_json: Buffer.from(SVG).toString('base64') }] }),
      }),
    );
    await choose(page, 'gpt-image-2.6-sunburst', 'svg');
    await page.getByLabel('SVG author model', { exact: true }).fill('gpt-5.1');
    const asked = page.waitForRequest('**/v1/images/generations');
    await send(page);
    assert.deepEqual(JSON.parse((await asked).postData()).svg, { model: 'gpt-5.1' });
    const run = page.locator('.run');
    assert.match(await run.locator('.facts').innerText(), / · SVG · /, 'known as an SVG by its bytes');
    const image = await run.locator('.picture img').evaluate(async (img) => {
      await img.decode();
      return { src: img.src, width: img.naturalWidth };
    });
    assert.equal(image.width, 96, 'shown as a picture');
    const file = await download(page, run.getByRole('link', { name: 'Download', exact: true }));
    assert.match(file.name, /\.svg$/);
    assert.equal(file.bytes.toString(), SVG);
    // Open hands it over as a file: a download, not a page of this origin.
    await run.getByRole('button', { name: 'More actions' }).click();
    const opened = await download(page, run.getByRole('link', { name: 'Open as a file' }));
    assert.match(opened.name, /\.svg$/);
    assert.equal(await run.locator('a[target="_blank"]').count(), 0, 'no link opens it in a tab');
    assert.equal(await page.locator('object, iframe, embed').count(), 0);
    // Its <img> source opened in a tab (as "Open image in new tab" does) is a
    // document of no origin: nothing of this page's is within its reach.
    assert.match(image.src, /^data:image\/svg\+xml;base64,/);
    const tab = await page.context().newPage();
    await tab.goto(image.src).catch(() => {});
    const reach = await tab
      .evaluate(() => {
        try {
          return `${window.origin} ${localStorage.length}`;
        } catch {
          return `${window.origin} no storage`;
        }
      })
      .catch(() => 'not opened');
    assert.ok(reach === 'not opened' || reach === 'null no storage', `the tab reaches: ${reach}`);
    await tab.close();
    await stored(page, 1);
    await page.reload();
    assert.equal(await page.locator('.card img').first().evaluate(async (img) => (await img.decode(), img.naturalWidth)), 96);
    assert.equal(await page.evaluate(() => window.svgScriptRan ?? false), false, 'the script never ran');
    await screenshot(page, 'svg-gallery');
  });
});
