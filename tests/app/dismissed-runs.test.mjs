// A run that was cancelled, or whose stream failed, after some of its images
// arrived: its images are in the gallery, shown by the run while it is on
// the page, and by the gallery's own cards once the run is dismissed; what
// it spent stays in "This session".
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { open, screenshot, stored } from './helpers.mjs';

const GENERATIONS = '**/v1/images/generations';

/** Streams `count` images from the form. */
async function streamImages(page, count) {
  await page.getByLabel('Images', { exact: true }).fill(String(count));
  await page.getByLabel('Stream', { exact: true }).check();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

/** The session's totals line. */
const session = (page) => page.locator('.totals').innerText();

/** Dismisses the failed or cancelled run, once its image is stored. */
async function dismiss(page) {
  const failure = page.locator('.run .failure');
  await failure.waitFor({ timeout: 20_000 });
  await stored(page, 1);
  assert.equal(await page.locator('.gallery .card').count(), 0, 'while the run is on the page, it shows its image');
  await failure.getByRole('button', { name: 'Dismiss' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.run').length === 0);
}

/**
 * Checks that the gallery shows a card for each image its header counts,
 * and that "Select all" can be used.
 */
async function galleryShowsIt(page, name) {
  await page.locator('.gallery .card img').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('.gallery-totals').innerText(), /^1 image · /);
  assert.equal(await page.locator('.gallery .card').count(), 1, 'the gallery shows the image it counts');
  assert.equal(await page.getByRole('button', { name: 'Select all' }).isEnabled(), true);
  await screenshot(page, `${name}-dismissed`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, `${name}-dismissed-phone`, { fullPage: true });
  await page.getByRole('button', { name: 'Select all' }).click();
  await page.getByRole('status').filter({ hasText: '1 selected' }).waitFor();
}

/** A page whose provider's stream breaks after the first image is completed; two images asked for, streamed. */
async function brokenStream(t) {
  const { page } = await open(t);
  await page.route(GENERATIONS, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const end = body.indexOf('\n\n', body.indexOf('image_generation.completed')) + 2;
    const error = { type: 'error', error: { type: 'server_error', code: null, message: 'The stream broke.', param: null } };
    await route.fulfill({ response, body: `${body.slice(0, end)}event: error\ndata: ${JSON.stringify(error)}\n\n` });
  });
  await streamImages(page, 2);
  await page.locator('.run .failure').waitFor({ timeout: 20_000 });
  assert.equal(await page.locator('.run .picture img').count(), 1, 'the image that was completed is kept');
  return page;
}

describe('a dismissed run hands its images to the gallery', () => {
  test('cancelled after its first image: its card is in the gallery', async (t) => {
    const { page } = await open(t, ['--latency-ms', '4000']);
    await streamImages(page, 2);
    await page.locator('.run .picture img').first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled.').waitFor({ timeout: 5_000 });
    assert.equal(await page.locator('.run .picture img').count(), 1);
    await dismiss(page);
    await galleryShowsIt(page, 'cancelled');
  });

  test('a stream that failed after its first image: its card is in the gallery', async (t) => {
    const page = await brokenStream(t);
    await dismiss(page);
    await galleryShowsIt(page, 'stream-failed');
  });

  test('"This session" keeps what a dismissed run spent', async (t) => {
    const page = await brokenStream(t);
    await page.locator('.run .failure').waitFor({ timeout: 20_000 });
    const spent = await session(page);
    assert.match(spent, /^This session: [1-9][\d,]* tokens · ≈ \$0\.0[1-9]\d$/, 'the image that arrived was paid for');
    await dismiss(page);
    assert.equal(await session(page), spent, 'dismissing a run does not give its money back');
  });
});
