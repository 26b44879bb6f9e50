// Nothing lost in the browser: a delete (one image, or a selection) can be
// undone; a reload right after Delete neither loses the image nor leaves it
// half-deleted; an image still being stored when the page closed is
// reported; and the gallery says how much the browser stores and whether it
// may evict it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { audit } from './audit.mjs';
import { menuAction, open, screenshot, send, stored } from './helpers.mjs';

const cards = (page) => page.locator('.gallery .card');

/** Generates `count` images in one request, then reloads: the gallery shows them as cards. */
async function galleryOf(page, count) {
  await page.getByLabel('Images', { exact: true }).fill(String(count));
  await send(page, { count });
  await stored(page, count);
  await page.waitForFunction(() => !document.querySelector('.run[aria-busy=true]'));
  await page.reload();
  await page.waitForFunction((n) => document.querySelectorAll('.gallery .card img').length === n, count, { timeout: 20_000 });
}

/** The keys of the three object stores of the gallery's database. */
const database = (page) =>
  page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const request = indexedDB.open('gpt-image-playground');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys = (store) =>
      new Promise((resolve) => {
        const request = db.transaction(store).objectStore(store).getAllKeys();
        request.onsuccess = () => resolve(request.result);
      });
    const result = { entries: await keys('entries'), thumbs: await keys('thumbs'), images: await keys('images') };
    db.close();
    return result;
  });

/** Asserts the database is whole (each entry with its thumbnail and image) and holds `count` entries. */
async function wholeWith(page, count) {
  const { entries, thumbs, images } = await database(page);
  assert.equal(entries.length, count, `entries: ${entries}`);
  assert.deepEqual(thumbs, entries, 'a thumbnail for each entry, and no other');
  assert.deepEqual(images, entries, 'an image for each entry, and no other');
}

describe('undo', () => {
  test('Delete in the viewer can be undone; once the bar goes, the image is erased whole', async (t) => {
    const { page } = await open(t);
    await galleryOf(page, 2);
    await cards(page).first().getByRole('button', { name: /^Open:/ }).click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    await viewer.locator('img').waitFor();
    await menuAction(viewer, 'Delete');
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 1);
    assert.equal(await viewer.locator('.undo').innerText().then((text) => text.split('\n')[0]), 'Deleted 1 image.');
    assert.equal(await viewer.locator('.viewer-count').innerText(), '1 of 1', 'the viewer shows the next image');
    await screenshot(page, 'undo-viewer');
    assert.deepEqual(await audit(page), [], 'axe: the viewer with its undo bar');
    await viewer.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 2);
    await page.keyboard.press('Escape');
    await wholeWith(page, 2);

    await cards(page).first().getByRole('button', { name: /^Open:/ }).click();
    await menuAction(viewer, 'Delete');
    await page.keyboard.press('Escape');
    const bar = page.locator('.undo-toast .undo');
    await bar.getByRole('button', { name: 'Undo' }).waitFor();
    await screenshot(page, 'undo-toast');
    await wholeWith(page, 2);
    await bar.getByRole('button', { name: 'Dismiss' }).click();
    await page.waitForFunction(() => !document.querySelector('.undo.active'));
    await page.waitForFunction(async () => {
      const db = await new Promise((resolve) => {
        const request = indexedDB.open('gpt-image-playground');
        request.onsuccess = () => resolve(request.result);
      });
      const count = await new Promise((resolve) => {
        const request = db.transaction('entries').objectStore('entries').count();
        request.onsuccess = () => resolve(request.result);
      });
      db.close();
      return count === 1;
    });
    await wholeWith(page, 1);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card img').length === 1);
    assert.equal(await page.locator('.undo.active').count(), 0);
  });

  test('a selection is deleted at once, and undone at once', async (t) => {
    const { page } = await open(t);
    await galleryOf(page, 3);
    await page.getByRole('button', { name: 'Select all' }).click();
    await page.getByRole('button', { name: 'Delete 3 selected' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 0);
    assert.match(await page.locator('.undo-toast .undo').innerText(), /^Deleted 3 images\./);
    assert.match(await page.locator('.gallery-totals').innerText(), /^0 images/);
    await screenshot(page, 'undo-selection');
    assert.deepEqual(await audit(page), [], 'axe: the gallery with its undo bar and storage note');
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 3);
    await wholeWith(page, 3);
    // Part of a selection: the chosen ones go.
    await cards(page).nth(1).getByLabel('Select').check();
    await page.getByRole('button', { name: 'Delete 1 selected' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 2);
  });

  test('Delete then an immediate reload neither loses the image nor half-deletes it', async (t) => {
    const { page } = await open(t);
    await galleryOf(page, 2);
    await cards(page).first().getByRole('button', { name: /^Open:/ }).click();
    const viewer = page.getByRole('dialog', { name: 'Stored image' });
    await viewer.locator('img').waitFor();
    await menuAction(viewer, 'Delete');
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card img').length === 1, null, { timeout: 20_000 });
    const bar = page.locator('.undo-toast .undo');
    assert.match(await bar.innerText(), /^1 image was deleted just before the page was reloaded\./);
    await wholeWith(page, 2);
    await bar.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card').length === 2);
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.gallery .card img').length === 2, null, { timeout: 20_000 });
    assert.equal(await page.locator('.undo.active').count(), 0, 'undone for good');
    await wholeWith(page, 2);
  });

  test('an image still being stored when the page closed is reported when it opens again', async (t) => {
    const { page } = await open(t);
    await page.waitForFunction(() => sessionStorage.getItem('gpt-image-playground.tab'));
    // What a page closed in the middle of storing an image leaves behind: a
    // note of this tab's (an earlier page of it: over for sure), and an old
    // one of another tab; another tab's fresh note may be a write in flight.
    await page.evaluate(() => {
      const tab = sessionStorage.getItem('gpt-image-playground.tab');
      const now = Date.now();
      localStorage.setItem(`gpt-image-playground.writing.${tab}.1`, `${now}\n${now}\na red kite`);
      localStorage.setItem('gpt-image-playground.writing.other.1', `${now - 120_000}\n${now - 120_000}\na blue whale`);
      localStorage.setItem('gpt-image-playground.writing.other.2', `${now}\n${now}\na green frog`);
    });
    await page.reload();
    const problem = page.locator('.storage-problem');
    await problem.waitFor();
    assert.equal(
      await problem.innerText(),
      '2 images (“a blue whale”, “a red kite”) were still being stored when the page closed, and are not in the gallery.',
    );
    const left = await page.evaluate(() => Object.keys(localStorage).filter((key) => key.includes('.writing.')));
    assert.deepEqual(left, ['gpt-image-playground.writing.other.2'], 'reported once; the fresh one of another tab waits');
  });
});

describe('storage', () => {
  test('the gallery shows how much is stored and whether the browser may evict it; asking again can change that', async (t) => {
    // A browser profile on disk: an incognito-like context never grants persistent storage.
    const server = await startServer(['--static', dist, ...hostHeaders(), '--latency-ms', '0']);
    t.after(server.stop);
    const profile = mkdtempSync(path.join(tmpdir(), 'gallery-profile-'));
    t.after(() => rmSync(profile, { recursive: true, force: true }));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: { width: 1280, height: 800 },
    });
    t.after(() => context.close());
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    t.after(() => assert.deepEqual(errors, [], 'no uncaught errors in the page'));
    await page.goto(`${server.base}/`);
    const note = page.locator('.storage-note');
    await note.filter({ hasText: /^Stored in this browser: / }).waitFor();
    assert.match(await note.innerText(), /^Stored in this browser: [\d.]+ (bytes|KB|MB|GB) of the [\d.]+ (KB|MB|GB) it allows this site\. Not kept for sure: the browser may clear the gallery when the disk runs low/);
    assert.equal(await note.locator('.warning').count(), 1, 'said as a warning');
    await screenshot(page, 'storage-evictable');

    // Nearly full: the browser allows this site little more than it uses
    // (its estimate stands in for a full disk, which Chromium's quota
    // override does not show in `estimate()`).
    await page.addInitScript(() => {
      const estimate = StorageManager.prototype.estimate;
      StorageManager.prototype.estimate = async function () {
        const { usage } = await estimate.call(this);
        return { usage, quota: Math.ceil(usage * 1.1) };
      };
    });
    await page.reload();
    await note.filter({ hasText: /It is nearly full: export and delete some images to make room\./ }).waitFor();
    // Granted: asking again turns the warning into a promise.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Browser.grantPermissions', { origin: server.base, permissions: ['durableStorage'] });
    await page.getByRole('button', { name: 'Ask to keep it' }).click();
    await note.filter({ hasText: /Kept: the browser will not clear the gallery to make room\./ }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Ask to keep it' }).count(), 0);
    await screenshot(page, 'storage-kept-nearly-full');
  });
});
