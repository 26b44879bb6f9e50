// Shared by the playground's page tests: Chromium, a fresh local server
// serving the release build (dist/), and a page of the playground on it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before } from 'node:test';
import { launchChromium } from '../chromium.mjs';
import { startServer } from '../server/helpers.mjs';
import { dist, hostHeaders, root } from './dist.mjs';

export { root };

const shots = path.join(root, 'tests/output/app');
mkdirSync(shots, { recursive: true });

let browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser?.close());

/**
 * A page of the playground on a fresh server started with `args` (each
 * server has its own port, so its own origin and an empty gallery).
 * `context` options go to the browser context (permissions, viewport);
 * `options` go to `newPage`.
 */
export async function open(t, args = [], context = {}, options = {}) {
  const latency = args.includes('--latency-ms') ? [] : ['--latency-ms', '0'];
  const server = await startServer(['--static', dist, ...hostHeaders(), ...latency, ...args]);
  t.after(server.stop);
  const page = await newPage(t, server.base, context, options);
  return { page, server };
}

/** What the tests type into the prompt box, which starts empty (its placeholder is an example). */
export const DEFAULT_PROMPT = 'a lighthouse at dawn, watercolour';

/**
 * Another page (in its own browser context, so its own storage) on `base`.
 * `prompt` (default `DEFAULT_PROMPT`) is typed into the prompt box when it
 * is empty, as a person does before Generate; `null` types nothing.
 */
export async function newPage(t, base, context = {}, { prompt: typed = DEFAULT_PROMPT } = {}) {
  const page = await newContextPage(t, context);
  await page.goto(`${base}/`);
  await prompt(page).waitFor();
  await appReady(page);
  if (typed !== null && (await prompt(page).inputValue()) === '') await prompt(page).fill(typed);
  return page;
}

/**
 * A blank page in a new browser context (`context`: its options), failing
 * the test on any uncaught error or Content-Security-Policy report in it.
 * The playground's service worker is blocked unless `context.serviceWorkers`
 * is `'allow'` (offline.test.mjs): requests a worker handles are out of
 * reach of `page.route`, which many tests use.
 */
export async function newContextPage(t, context = {}) {
  const browserContext = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    serviceWorkers: 'block',
    ...context,
  });
  t.after(() => browserContext.close());
  const page = await browserContext.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) errors.push(message.text());
  });
  t.after(() => assert.deepEqual(errors, [], 'no uncaught errors in the page'));
  return page;
}

/** Waits until the app has taken the place of the page's first paint (the shell of web/index.html). */
export const appReady = (page) => page.waitForFunction(() => !document.getElementById('shell'), null, { timeout: 20_000 });

/** The prompt box. */
export const prompt = (page) => page.getByLabel('Prompt', { exact: true });

/** Clicks Generate (or Edit) and waits for `count` more result pictures than before. */
export async function send(page, { count = 1, button = 'Generate' } = {}) {
  const before = await page.locator('.run .picture').count();
  await page.getByRole('button', { name: button, exact: true }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.run .picture img').length >= n, before + count, { timeout: 20_000 });
}

/**
 * Waits until the gallery holds `count` images (its totals say so): the
 * images of this page's requests are shown by their runs, not as cards.
 */
export const stored = (page, count, scope = page) =>
  scope.locator('.gallery-totals').filter({ hasText: new RegExp(`^${count} images? · `) }).waitFor({ timeout: 20_000 });

/** Runs one of an image's actions from its "More actions" menu (the first image in `scope`). */
export async function menuAction(scope, name) {
  await scope.getByRole('button', { name: 'More actions' }).first().click();
  await scope.getByRole('button', { name, exact: true }).first().click();
}

/** The natural size of the first result image, once it has loaded. */
export async function firstImageSize(page) {
  const image = page.locator('.picture img').first();
  await image.waitFor({ timeout: 20_000 });
  await page.waitForFunction(() => {
    const img = document.querySelector('.picture img');
    return img?.complete && img.naturalWidth > 0;
  });
  return image.evaluate((img) => [img.naturalWidth, img.naturalHeight]);
}

/** Saves a screenshot of the page under tests/output/app/. */
export const screenshot = (page, name, options = {}) => page.screenshot({ path: path.join(shots, `${name}.png`), ...options });
