// The playground (the release build in dist/, `cargo xtask dist`) in
// headless Chromium, served by the local server as `cargo xtask play` does:
// generating, streaming, cancelling, a failure and Retry, the audit.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/helpers.mjs';
import { firstImageSize, menuAction, newPage, open, prompt, root, screenshot, send, stored } from './helpers.mjs';

describe('the playground', () => {
  test('generates images that render, with their facts', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Generate' }).click();
    assert.deepEqual(await firstImageSize(page), [1024, 1024]);
    await page.locator('.picture').nth(1).waitFor();
    const facts = await page.locator('.run-facts').first().innerText();
    assert.match(facts, /^gpt-image-2 generation · \d+\.\d s · [\d,]+ tokens · ≈ \$\d/);
    assert.match(await page.locator('.facts').first().innerText(), /^1024x1024 · PNG · \d+\.\d KB · [\d,]+ tokens · ≈ \$\d+\.\d{3}$/);
    const download = page.getByRole('link', { name: 'Download' }).first();
    assert.match(await download.getAttribute('download'), /\.png$/);
    assert.match(await page.locator('.totals').innerText(), /^This session: [1-9][\d,]* tokens · ≈ \$\d+\.\d{3}$/);
    await screenshot(page, 'generate');
    await menuAction(page.locator('.run'), 'Delete');
    await page.waitForFunction(() => document.querySelectorAll('.picture').length === 1);
  });

  test('an image stays put, and keeps the focus, while its facts arrive', async (t) => {
    // Slow bytes: the first image shows while the second is still on its way;
    // its gallery id and its tokens arrive afterwards.
    const { page } = await open(t, ['--fault', 'trickle:1']);
    await page.getByLabel('Images', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const first = page.locator('.run .picture').first();
    await first.locator('img').waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.run').getAttribute('aria-busy'), 'true', 'the answer is still arriving');
    await first.locator('img').evaluate((img) => (img.dataset.mark = 'first'));
    await first.getByRole('link', { name: 'Download' }).focus();
    await page.waitForFunction(() => document.querySelector('.run').getAttribute('aria-busy') === 'false', null, { timeout: 20_000 });
    await stored(page, 2);
    assert.match(await first.locator('.facts').innerText(), / tokens · ≈ \$/, 'the facts arrived');
    const kept = await page.evaluate(() => {
      const focused = document.activeElement;
      return [document.querySelector('.run .picture img')?.dataset.mark, focused.textContent, focused.closest('.picture')?.querySelector('img')?.dataset.mark];
    });
    assert.deepEqual(kept, ['first', 'Download', 'first'], 'the same image element, and the focus where it was');
  });

  test('Ctrl+Enter generates; a custom gpt-image-2 size and a transparent background show as such', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Size', { exact: true }).selectOption('custom');
    await page.getByLabel('Width').fill('1280');
    await page.getByLabel('Height').fill('720');
    await page.getByLabel('Background').selectOption('transparent');
    await prompt(page).press('Control+Enter');
    assert.deepEqual(await firstImageSize(page), [1280, 720]);
    assert.equal(await page.locator('.picture.transparent').count(), 1, 'shown on the checkerboard');
    await screenshot(page, 'custom-size-transparent');
  });

  test('an invalid setting blocks Generate and says why, next to its control', async (t) => {
    const { page } = await open(t);
    await page.getByLabel('Size', { exact: true }).selectOption('custom');
    await page.getByLabel('Width').fill('1000');
    const button = page.getByRole('button', { name: 'Generate' });
    await assert.doesNotReject(() => page.waitForFunction(() => document.querySelector('button[type=submit]').disabled));
    assert.equal(await page.locator('#blocked').innerText(), 'Fix what is marked above first.');
    assert.match(await page.locator('.problem.error').first().innerText(), /^size 1000x1152/);
    assert.equal(await button.isDisabled(), true);
    await screenshot(page, 'invalid');
  });

  test('streams partial images, then the final one', async (t) => {
    const { page } = await open(t, ['--latency-ms', '600']);
    await page.getByLabel('Stream', { exact: true }).check();
    await page.getByLabel('Partial images').fill('2');
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.locator('.placeholder img').waitFor({ timeout: 10_000 });
    await screenshot(page, 'streaming');
    assert.deepEqual(await firstImageSize(page), [1024, 1024]);
    assert.equal(await page.locator('.placeholder').count(), 0);
  });

  test('a failure is explained next to its request, and Retry succeeds', async (t) => {
    // Three failures: the first try and the client's two retries.
    const { page } = await open(t, ['--fault', 'server_error:3']);
    await page.getByRole('button', { name: 'Generate' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 10_000 });
    assert.match(await alert.innerText(), /^The provider failed: retry in a moment\. .* It was already retried 2 times\./);
    assert.equal(await prompt(page).inputValue(), 'a lighthouse at dawn, watercolour', 'the form is kept');
    await screenshot(page, 'error');
    await alert.getByRole('button', { name: 'Retry' }).click();
    assert.deepEqual(await firstImageSize(page), [1024, 1024]);
  });

  test('Cancel aborts a request', async (t) => {
    const { page } = await open(t, ['--latency-ms', '5000']);
    await page.getByRole('button', { name: 'Generate' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Cancelled.').waitFor({ timeout: 2_000 });
    assert.equal(await page.locator('.picture').count(), 0);
  });
});

describe('layout and theme', () => {
  test('a phone-sized screen has no sideways scrolling; dark mode follows the system', async (t) => {
    const { page } = await open(t, [], { viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await firstImageSize(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow} px wider than the screen`);
    const background = await page.locator('.gpt-image').evaluate((root) => getComputedStyle(root).backgroundColor);
    assert.equal(background, 'rgb(19, 19, 20)', 'the dark palette');
    await screenshot(page, 'phone-dark');
  });
});

describe('static build', () => {
  test('works from a sub-path, with hashed asset names', async (t) => {
    const files = readdirSync(path.join(root, 'dist'));
    assert.ok(files.some((file) => /^gpt-image-app-[0-9a-f]{16}_bg\.wasm$/.test(file)), files.join(' '));
    assert.ok(files.some((file) => /^gpt-image-app-[0-9a-f]{16}\.js$/.test(file)), files.join(' '));
    // The style sheet is inline (the first response paints the page), allowed by its hash.
    assert.match(readFileSync(path.join(root, 'dist/index.html'), 'utf8'), /<style>[^]*\.gpt-image \{/);
    assert.match(readFileSync(path.join(root, 'dist/_headers'), 'utf8'), /style-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
    // A project page: the build copied to /playground/ of a site.
    const site = mkdtempSync(path.join(tmpdir(), 'site-'));
    t.after(() => rmSync(site, { recursive: true, force: true }));
    cpSync(path.join(root, 'dist'), path.join(site, 'playground'), { recursive: true });
    const server = await startServer(['--static', site, '--latency-ms', '0']);
    t.after(server.stop);
    const page = await newPage(t, `${server.base}/playground`);
    const fetched = [];
    page.on('response', (response) => fetched.push(new URL(response.url()).pathname));
    await page.reload();
    await prompt(page).waitFor();
    assert.ok(fetched.filter((file) => /\.(wasm|js|css)$/.test(file)).every((file) => file.startsWith('/playground/')), fetched.join(' '));
    await send(page);
  });
});

describe('accessibility', () => {
  test('axe finds no serious or critical violations: empty, with results, editing, viewing a stored image', async (t) => {
    const { page } = await open(t);
    const axePath = fileURLToPath(import.meta.resolve('axe-core/axe.min.js'));
    const audit = async () => {
      // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts.
      await page.evaluate(readFileSync(axePath, 'utf8'));
      const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      return violations
        .filter((violation) => ['serious', 'critical'].includes(violation.impact))
        .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    };
    assert.deepEqual(await audit(), [], 'the empty page');
    await page.getByRole('button', { name: 'Generate' }).click();
    await firstImageSize(page);
    await page.getByLabel('Size', { exact: true }).selectOption('custom');
    await page.getByLabel('Width').fill('1000');
    await page.locator('.problem.error').first().waitFor();
    assert.deepEqual(await audit(), [], 'with a result and a problem shown');
    await page.locator('.run .picture').first().getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('button', { name: 'Reuse settings' }).waitFor();
    assert.deepEqual(await audit(), [], 'with an image\'s menu open');
    await page.keyboard.press('Escape');
    await page.locator('.run').getByRole('button', { name: 'Edit this image' }).click();
    await page.getByRole('button', { name: 'Draw a mask' }).click();
    await page.getByLabel('Mask drawing area').waitFor();
    assert.deepEqual(await audit(), [], 'the edit mode with an input and the mask editor');
    await page.getByRole('button', { name: 'Done' }).click();
    // Stored images are cards once the requests of the page are gone.
    await page.reload();
    await page.locator('.gallery .card').first().getByRole('button', { name: /^Open:/ }).click();
    const close = page.getByRole('dialog', { name: 'Stored image' }).getByRole('button', { name: 'Close' });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Close');
    assert.deepEqual(await audit(), [], 'the gallery with a stored image open');
    await page.keyboard.press('Escape');
    await close.waitFor({ state: 'detached' });
  });
});
