// Keeping images: the gallery in IndexedDB survives a reload, searches and
// marks favourites, exports a ZIP that imports back into an empty browser,
// says plainly when storage is full, and downloads and copies images.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { menuAction, newPage, open, prompt, screenshot, send, stored } from './helpers.mjs';

const cards = (page) => page.locator('.gallery .card');

/** Waits until the gallery shows `count` cards whose thumbnails have loaded. */
async function thumbnailsShown(page, count) {
  await page.waitForFunction(
    (n) => {
      const images = [...document.querySelectorAll('.gallery .card img')];
      return document.querySelectorAll('.gallery .card').length === n && images.length === n && images.every((img) => img.complete && img.naturalWidth > 0);
    },
    count,
    { timeout: 20_000 },
  );
}

/**
 * Waits until IndexedDB holds `count` entries, `favourites` of them
 * favourites (a write finishes a little after the page shows it).
 */
async function storedUntil(page, { count, favourites = 0 }) {
  await page.waitForFunction(
    async ([count, favourites]) => {
      const db = await new Promise((resolve, reject) => {
        const request = indexedDB.open('gpt-image-playground');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const entries = await new Promise((resolve) => {
        const request = db.transaction('entries').objectStore('entries').getAll();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return entries.length === count && entries.filter((entry) => entry.favourite).length === favourites;
    },
    [count, favourites],
    { timeout: 10_000 },
  );
}

describe('the gallery', () => {
  test('keeps every image across a reload, with search and favourites', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await send(page, { count: 2 });
    await prompt(page).fill('a red bicycle in the snow');
    await page.getByLabel('Images', { exact: true }).fill('1');
    await send(page);
    await stored(page, 3);
    assert.equal(await cards(page).count(), 0, 'the images of this page are shown by their requests, once');
    await page.reload();
    await thumbnailsShown(page, 3);
    assert.match(await page.locator('.gallery-totals').innerText(), /^3 images · [1-9][\d,]* tokens · ≈ \$\d+\.\d{3}$/);
    await page.getByRole('button', { name: 'Favourite' }).first().click();
    await page.waitForFunction(() => document.querySelector('.gallery .star')?.getAttribute('aria-pressed') === 'true');
    await storedUntil(page, { count: 3, favourites: 1 });

    await page.reload();
    await thumbnailsShown(page, 3);
    assert.equal(await page.locator('.run').count(), 0, 'the requests of the old page are gone');
    assert.match(await cards(page).first().innerText(), /a red bicycle in the snow/, 'newest first');
    assert.equal(await page.locator('.gallery .star[aria-pressed=true]').count(), 1, 'the favourite was kept');
    assert.match(await page.locator('.gallery-totals').innerText(), /^3 images · [1-9][\d,]* tokens/, 'usage was kept');
    await screenshot(page, 'gallery');

    await page.getByLabel('Search prompts').fill('lighthouse');
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 2);
    await page.getByLabel('Search prompts').fill('');
    await page.getByLabel('Favourites only').check();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 1);
    await page.getByLabel('Favourites only').uncheck();

    await cards(page).nth(1).getByRole('button', { name: /^Open:/ }).click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    await viewer.locator('img').waitFor();
    assert.match(await viewer.locator('.facts').innerText(), /^1024x1024 · PNG · \d+\.\d KB · [\d,]+ tokens/);
    await menuAction(viewer, 'Delete');
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 2);
    // Erased from IndexedDB when the undo bar goes (see undo.test.mjs).
    await viewer.getByRole('button', { name: 'Dismiss' }).click();
    await storedUntil(page, { count: 2, favourites: 1 });
    await page.reload();
    await thumbnailsShown(page, 2);
  });

  test('closing the tab while a request runs asks first; once the image is stored it does not', async (t) => {
    const { page } = await open(t, ['--latency-ms', '1500']);
    const dialogs = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.locator('.run').first().waitFor();
    const asked = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    assert.equal((await asked).type(), 'beforeunload', 'asked while the request runs');
    assert.equal(page.isClosed(), false, 'staying keeps the page');
    await stored(page, 1);
    await page.waitForFunction(() => document.querySelector('.run').getAttribute('aria-busy') === 'false');
    const closed = page.waitForEvent('close');
    await page.close({ runBeforeUnload: true });
    await closed;
    assert.deepEqual(dialogs, ['beforeunload'], 'no question once everything is stored');
  });

  test('exports a ZIP of images and metadata that imports into an empty browser', async (t) => {
    const { page, server } = await open(t);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await send(page, { count: 2 });
    await stored(page, 2);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export all as ZIP' }).click()]);
    assert.match(download.suggestedFilename(), /^gpt-image-gallery-\d{4}-\d{2}-\d{2}\.zip$/, 'named by the date');
    const zip = readFileSync(await download.path());
    const text = zip.toString('latin1');
    assert.equal(zip.readUInt32LE(0), 0x04034b50, 'a ZIP file');
    assert.match(text, /"format": "gpt-image-playground\/1"/);
    assert.equal(text.split('\x89PNG\r\n\x1a\n').length - 1, 2, 'two PNG files, stored as they are');
    assert.match(text, /images\/0001-a-lighthouse-at-dawn-watercolour\.png/, 'images named by their prompts');
    assert.doesNotMatch(text, /"id":/, 'no database ids');

    const fresh = await newPage(t, server.base);
    assert.equal(await cards(fresh).count(), 0);
    await fresh.getByLabel('Import ZIP').setInputFiles(await download.path());
    await thumbnailsShown(fresh, 2);
    assert.match(await fresh.locator('.gallery-status').innerText(), /^Imported 2 images\.$/);
    assert.match(await cards(fresh).first().innerText(), /a lighthouse at dawn/);
    await fresh.getByLabel('Import ZIP').setInputFiles({ name: 'notes.zip', mimeType: 'application/zip', buffer: Buffer.from('not a zip') });
    await fresh.getByText(/^The import failed: this is not a ZIP file/).waitFor();
    assert.equal(await cards(fresh).count(), 2, 'a bad file changes nothing');
  });

  test('says plainly when storage is full, and keeps what is shown and stored', async (t) => {
    const { page, server } = await open(t);
    // Room for one image (Chromium applies a quota override from the first write on).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.base, quotaSize: 150_000 });
    await send(page);
    await stored(page, 1);
    await send(page);
    const alert = page.locator('.storage-problem');
    await alert.waitFor();
    assert.match(await alert.innerText(), /^Browser storage is full: this image was not kept\. Everything stored before is safe/);
    assert.equal(await page.locator('.run .picture').count(), 2, 'the new image is still shown');
    assert.match(await page.locator('.gallery-totals').innerText(), /^1 image · /);
    await screenshot(page, 'storage-full');
    await page.reload();
    await thumbnailsShown(page, 1);
  });
});

describe('image actions', () => {
  test('download has the right extension; copy puts a PNG on the clipboard', async (t) => {
    const { page } = await open(t, [], { permissions: ['clipboard-read', 'clipboard-write'] });
    await page.getByLabel('Format', { exact: true }).selectOption('jpeg');
    await send(page);
    const link = page.locator('.run').getByRole('link', { name: 'Download' });
    assert.match(await link.getAttribute('download'), /^gpt-image-\d+\.jpg$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xff, 0xd8, 0xff], 'the file is a JPEG');
    await page.locator('.run').getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied.').waitFor();
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      const blob = await item.getType('image/png');
      const bitmap = await createImageBitmap(blob);
      return { types: item.types, width: bitmap.width };
    });
    assert.deepEqual(copied, { types: ['image/png'], width: 1024 });
  });

  test('reuse settings loads an image\'s settings into the form', async (t) => {
    const { page } = await open(t);
    await prompt(page).fill('a paper boat');
    await page.getByLabel('Quality').selectOption('high');
    await send(page);
    await prompt(page).fill('something else');
    await page.getByLabel('Quality').selectOption('low');
    await menuAction(page.locator('.run'), 'Reuse settings');
    assert.equal(await prompt(page).inputValue(), 'a paper boat');
    assert.equal(await page.getByLabel('Quality').inputValue(), 'high');
  });
});
