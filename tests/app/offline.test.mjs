// Installable and open without a network (web/manifest.webmanifest,
// web/sw.js, web/offline.js): once opened, the playground opens offline
// with its form and its gallery; the service worker keeps only the app
// shell, never an API call; a new version waits until the person accepts it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders } from './dist.mjs';
import { appReady, newContextPage, newPage, prompt, screenshot, send, stored } from './helpers.mjs';

const WORKERS = { serviceWorkers: 'allow' };

/** Waits until the service worker controls the page. */
const controlled = (page) => page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });

/** The paths of everything the page's caches hold. */
const cachedPaths = (page) =>
  page.evaluate(async () => {
    const paths = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) paths.push(`${name} ${new URL(request.url).pathname}`);
    }
    return paths;
  });

/** A copy of dist/ at `/playground/` of a site of its own, served with the headers it ships with. */
async function site(t) {
  const folder = mkdtempSync(path.join(tmpdir(), 'offline-site-'));
  t.after(() => rmSync(folder, { recursive: true, force: true }));
  cpSync(dist, path.join(folder, 'playground'), { recursive: true });
  const server = await startServer(['--static', folder, ...hostHeaders(), '--latency-ms', '0']);
  t.after(server.stop);
  return { folder: path.join(folder, 'playground'), base: `${server.base}/playground` };
}

describe('offline', () => {
  test('the manifest names the page and its icons, maskable ones among them', () => {
    const manifest = JSON.parse(readFileSync(path.join(dist, 'manifest.webmanifest'), 'utf8'));
    assert.equal(manifest.start_url, './');
    assert.equal(manifest.display, 'standalone');
    for (const icon of manifest.icons) {
      const bytes = readFileSync(path.join(dist, icon.src));
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG', icon.src);
      const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      assert.equal(`${width}x${height}`, icon.sizes, icon.src);
    }
    assert.ok(manifest.icons.some((icon) => icon.purpose === 'maskable' && icon.sizes === '512x512'));
    assert.match(readFileSync(path.join(dist, '_headers'), 'utf8'), /manifest-src 'self'; worker-src 'self'/);
  });

  for (const [name, device] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    test(`opened once, it opens without a network with its form and gallery, ${name}`, async (t) => {
      const { base } = await site(t);
      const page = await newPage(t, base, { ...WORKERS, ...device });
      await controlled(page);
      await prompt(page).fill('a lighthouse kept for later');
      await send(page);
      await stored(page, 1);

      await page.context().setOffline(true);
      await page.reload();
      await appReady(page);
      assert.equal(await prompt(page).inputValue(), 'a lighthouse kept for later', 'the form is kept');
      await page.waitForFunction(() => {
        const images = [...document.querySelectorAll('.gallery .card img')];
        return images.length === 1 && images.every((img) => img.complete && img.naturalWidth > 0);
      });

      // An API call goes to the network, which is gone: a connection failure, never an answer from a cache.
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      await page.locator('.run .failure').waitFor({ timeout: 30_000 });
      const cached = await cachedPaths(page);
      assert.ok(cached.length > 5, cached.join('\n'));
      assert.ok(cached.every((entry) => entry.split(' ')[1].startsWith('/playground/')), cached.join('\n'));
      assert.ok(!cached.some((entry) => entry.includes('/v1/')), 'no API call is kept');
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `offline-${name}-${scheme}`);
      }
    });
  }

  test('a new version is offered, and taken only when the person accepts it', async (t) => {
    const { folder, base } = await site(t);
    const page = await newPage(t, base, { ...WORKERS, viewport: { width: 390, height: 844 }, isMobile: true });
    await controlled(page);
    const [before] = await page.evaluate(() => caches.keys());

    // The host deploys a new version: another shell, so another worker.
    const worker = path.join(folder, 'sw.js');
    writeFileSync(worker, readFileSync(worker, 'utf8').replace(/const VERSION = '([0-9a-f]+)'/, "const VERSION = '$1-next'"));
    for (const copy of ['sw.js.br', 'sw.js.gz']) rmSync(path.join(folder, copy), { force: true });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((registration) => registration.update()));
    const bar = page.locator('.update-ready');
    await bar.waitFor({ timeout: 20_000 });
    assert.equal(await bar.getByRole('button', { name: 'Reload' }).isVisible(), true);
    assert.equal(await page.evaluate(() => caches.keys().then((names) => names.includes(names.find((name) => !name.endsWith('-next'))))), true);
    assert.equal(
      await page.evaluate(() => navigator.serviceWorker.controller.scriptURL.endsWith('/playground/sw.js')),
      true,
      'the old worker still serves this page',
    );
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `offline-update-offered-phone-${scheme}`);
    }

    // Until it is accepted, a reload stays on the old version.
    await page.reload();
    await appReady(page);
    assert.ok((await page.evaluate(() => caches.keys())).includes(before), 'the old shell is still kept');

    await page.locator('.update-ready').waitFor();
    await Promise.all([page.waitForEvent('load'), page.locator('.update-ready').getByRole('button', { name: 'Reload' }).click()]);
    await appReady(page);
    await page.waitForFunction((old) => caches.keys().then((names) => names.length === 1 && names[0] !== old), before);
    assert.equal(await page.locator('.update-ready').count(), 0, 'the offer is gone');
  });

  test('the iframe mode registers no service worker', async (t) => {
    const { base } = await site(t);
    const page = await newContextPage(t, WORKERS);
    await page.goto(`${base}/?embed`);
    await appReady(page);
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(1000); // a window for a registration that must not come
    assert.equal(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length)), 0);
  });
});
