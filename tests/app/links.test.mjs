// Images a provider answers only as links that this page cannot fetch (a
// host that sends no CORS headers, as many storage buckets do): paid for,
// so they are shown from their links, with what went wrong and Open and
// Download, and nothing pretends they are in the gallery.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { open, prompt, screenshot } from './helpers.mjs';

test('an image behind a link without CORS is shown from its link, with why it is not kept', async (t) => {
  const { page } = await open(t, ['--fault', 'links_without_cors:1']);
  await prompt(page).fill('a lighthouse behind a bucket');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const figure = page.locator('.run .link-image');
  await figure.waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => {
    const img = document.querySelector('.run .link-image img');
    return img?.complete && img.naturalWidth > 0;
  });
  const src = await figure.locator('img').getAttribute('src');
  assert.match(src, /^http:\/\/127\.0\.0\.1:\d+\//, 'the image comes from its link');
  assert.match(await figure.locator('figcaption').innerText(), /^Not kept in the gallery: the image at data\[0\]\.url could not be fetched .+ Open or download it while the link lasts\./);
  assert.equal(await figure.getByRole('link', { name: 'Open' }).getAttribute('href'), src);
  assert.equal(await figure.getByRole('link', { name: 'Download' }).getAttribute('href'), src);
  assert.equal(await page.locator('.run .failure').count(), 0, 'no error for an image the person paid for');
  await page.waitForFunction(() => /^0 images · /.test(document.querySelector('.gallery-totals')?.textContent ?? ''));
  await screenshot(page, 'link-without-cors');
});
