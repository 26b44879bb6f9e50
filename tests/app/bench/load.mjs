// The playground's load benchmark, in one run against the local server in
// headless Chromium. From tests/, with the release build in dist/
// (`cargo xtask dist`, as `cargo xtask play` and `cargo xtask bench` build it):
//
//   GPT_IMAGE_SERVER_BIN=<release gpt-image-server> [FLOOR_PAGE_DIR=<floor-page build>] node app/bench/load.mjs
//
// - on a phone (see phone.mjs): first-load bytes, first paint, prompt ready
//   and app ready, on a slow network with a slow CPU, against a static page
//   with one textarea (and the floor page, when built), interleaved;
// - prompt ready on a desktop (1280x900, no throttling): time from
//   navigation start until the first animation frame in which the prompt box
//   (the page's `textarea`) is visible and enabled (performance.now() in the
//   page); typing into it then checks that it takes input. Cold: a new
//   browser context per load (empty HTTP cache and storage). Warm: reloads in
//   one context (cached files). Medians of LOADS loads of each. Baseline: a
//   static HTML page with one textarea on the same server binary, measured
//   the same way, interleaved with the app. Target: within 300 ms, cold and warm;
// - gallery reopen: with 300 images stored (generated through the page, 10
//   at a time), time from navigation start of a reload until every gallery
//   card whose top is in the viewport shows a loaded thumbnail (at least one
//   card), polled each animation frame. Median of RELOADS reloads. Baseline:
//   reloads of the page with an empty gallery (another browser context on
//   the same origin) until the prompt is ready, interleaved. Target: within
//   500 ms.
//
// The playground is served as `cargo xtask play` serves it: dist/ with the
// headers of dist/_headers. Prints a table and writes
// tests/output/app-bench.json. A missed target is reported, not failed; only
// errors fail.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../chromium.mjs';
import { startServer } from '../../server/helpers.mjs';
import { hostHeaders } from '../dist.mjs';
import { floorSite, measurePhone, phoneLines } from './phone.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = resolve(here, '../..');
const dist = resolve(testsDir, '../dist');
const OUTPUT = join(testsDir, 'output/app-bench.json');

/** Loads of each kind (cold, warm; app, baseline) for the prompt-ready medians. */
const LOADS = Number(process.env.APP_BENCH_LOADS ?? 15);
/** Reloads of each gallery (300 images, empty) for the reopen medians. */
const RELOADS = Number(process.env.APP_BENCH_RELOADS ?? 9);
/** Images stored before the gallery is reopened, and per Generate (the form's maximum). */
const GALLERY_IMAGES = 300;
const IMAGES_PER_REQUEST = 10;

const TARGETS = { promptReadyMs: 300, galleryMs: 500 };
/** Which parts run (`phone,desktop,gallery` by default; a subset for a quicker look). */
const PARTS = (process.env.APP_BENCH_PARTS ?? 'phone,desktop,gallery').split(',');

const VIEWPORT = { width: 1280, height: 900 };

/** The baseline page: one labelled textarea. */
const STATIC_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Baseline</title></head>
<body><label>Prompt <textarea rows="3"></textarea></label></body>
</html>
`;

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const tenths = (ms) => Math.round(ms * 10) / 10;

/** Median and samples, rounded to 0.1 ms. */
const summary = (samples) => ({ median: tenths(median(samples)), samples: samples.map(tenths) });

// In the page (init scripts: they run in every document before its own scripts)

/**
 * Records in `window.loadBench.promptReady` the first animation frame in
 * which a textarea is visible and enabled.
 */
function recordPromptReady() {
  window.loadBench ??= {};
  const poll = () => {
    const box = document.querySelector('textarea');
    if (box && !box.disabled && box.checkVisibility() && box.getBoundingClientRect().width > 0) window.loadBench.promptReady = performance.now();
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/**
 * Records in `window.loadBench.firstScreen` the first animation frame in
 * which every gallery card whose top is in the viewport has a loaded
 * thumbnail, and there is at least one (and in `cardsInView` how many).
 */
function recordFirstScreen() {
  window.loadBench ??= {};
  const shown = (card) => {
    const img = card.querySelector('img');
    return img !== null && img.complete && img.naturalWidth > 0;
  };
  const poll = () => {
    const cards = [...document.querySelectorAll('.gallery .card')].filter((card) => {
      const { top } = card.getBoundingClientRect();
      return top >= 0 && top < innerHeight;
    });
    if (cards.length > 0 && cards.every(shown)) Object.assign(window.loadBench, { firstScreen: performance.now(), cardsInView: cards.length });
    else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

// Pages

/** Uncaught errors of every page; any one fails the run at the end. */
const pageErrors = [];

/** A page in a new browser context (its own HTTP cache and storage) with `scripts` installed. */
async function newPage(browser, scripts) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  for (const script of scripts) await page.addInitScript(script);
  return page;
}

const promptBox = (page) => page.getByLabel('Prompt', { exact: true });

/** Waits for `loadBench[key]` in the page; resolves to it (ms from navigation start). */
async function recorded(page, key) {
  const handle = await page.waitForFunction((name) => window.loadBench?.[name], key, { timeout: 30_000 });
  return handle.jsonValue();
}

/** The prompt-ready time of the page just loaded, after checking that the box takes typing. */
async function promptReady(page) {
  const ms = await recorded(page, 'promptReady');
  const box = promptBox(page);
  await box.fill('');
  await box.pressSequentially('typed');
  const value = await box.inputValue();
  if (value !== 'typed') throw new Error(`${page.url()}: the prompt box holds ${JSON.stringify(value)} after typing`);
  return ms;
}

// Prompt ready

/** One cold load of `base` in a new browser context; resolves to its prompt-ready time. */
async function coldLoad(browser, base) {
  const page = await newPage(browser, [recordPromptReady]);
  await page.goto(`${base}/`);
  const ms = await promptReady(page);
  await page.context().close();
  return ms;
}

/** LOADS cold loads of each of `bases`, interleaved; resolves to the samples by name. */
async function coldLoads(browser, bases) {
  const samples = Object.fromEntries(Object.keys(bases).map((name) => [name, []]));
  for (let i = 0; i < LOADS; i++) {
    for (const [name, base] of Object.entries(bases)) samples[name].push(await coldLoad(browser, base));
  }
  return samples;
}

/**
 * `count` reloads of each page of `pages` (already loaded once), interleaved;
 * `measure(name, page)` times each one. Resolves to the samples by name.
 */
async function reloads(pages, count, measure) {
  const samples = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let i = 0; i < count; i++) {
    for (const [name, page] of Object.entries(pages)) {
      await page.reload();
      samples[name].push(await measure(name, page));
    }
  }
  return samples;
}

/** Prompt ready, cold and warm, for the app and the static baseline. */
async function measurePromptReady(browser, bases) {
  const cold = await coldLoads(browser, bases);
  const pages = {};
  for (const [name, base] of Object.entries(bases)) {
    pages[name] = await newPage(browser, [recordPromptReady]);
    await pages[name].goto(`${base}/`);
    await promptReady(pages[name]);
  }
  const warm = await reloads(pages, LOADS, (name, page) => promptReady(page));
  for (const page of Object.values(pages)) await page.context().close();
  const figures = (samples) => ({ app: summary(samples.app), baseline: summary(samples.baseline), ratio: median(samples.app) / median(samples.baseline) });
  return { loads: LOADS, cold: figures(cold), warm: figures(warm) };
}

// Gallery reopen

const totalsText = (page) => page.locator('.gallery-totals').innerText();

/** Generates GALLERY_IMAGES images through the form, IMAGES_PER_REQUEST at a time, each batch stored. */
async function seedGallery(page) {
  await page.getByLabel('Images', { exact: true }).fill(String(IMAGES_PER_REQUEST));
  const generate = page.getByRole('button', { name: 'Generate', exact: true });
  for (let stored = IMAGES_PER_REQUEST; stored <= GALLERY_IMAGES; stored += IMAGES_PER_REQUEST) {
    await generate.click();
    await page.waitForFunction(
      (n) => document.querySelector('.storage-problem') || document.querySelector('.gallery-totals')?.textContent.startsWith(`${n} images`),
      stored,
      { timeout: 60_000 },
    );
    const problem = page.locator('.storage-problem');
    if (await problem.count()) throw new Error(`seeding the gallery stopped at ${await totalsText(page)}: ${await problem.innerText()}`);
  }
}

/** The reopen time of the page just reloaded: the first screen of thumbnails, or for the empty gallery, the prompt. */
async function reopened(name, page) {
  if (name === 'empty') return recorded(page, 'promptReady');
  const ms = await recorded(page, 'firstScreen');
  const totals = await totalsText(page);
  if (!totals.startsWith(`${GALLERY_IMAGES} images`)) throw new Error(`the reopened gallery says ${JSON.stringify(totals)}`);
  return ms;
}

/** Seeds a gallery on `base`, then times reloads of it and of an empty one on the same origin. */
async function measureGallery(browser, base) {
  const pages = {};
  for (const name of ['gallery', 'empty']) {
    pages[name] = await newPage(browser, [recordPromptReady, recordFirstScreen]);
    await pages[name].goto(`${base}/`);
    await promptReady(pages[name]);
  }
  const seedStart = Date.now();
  await seedGallery(pages.gallery);
  const seedSeconds = (Date.now() - seedStart) / 1000;
  const samples = await reloads(pages, RELOADS, reopened);
  const cardsInView = await pages.gallery.evaluate(() => window.loadBench.cardsInView);
  for (const page of Object.values(pages)) await page.context().close();
  return {
    images: GALLERY_IMAGES,
    seedSeconds,
    cardsInView,
    reloads: RELOADS,
    gallery: summary(samples.gallery),
    empty: summary(samples.empty),
    ratio: median(samples.gallery) / median(samples.empty),
  };
}

// Report

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const verdict = (ok) => (ok ? 'target met' : 'MISSED');
const row = (label, value) => `    ${label}`.padEnd(64) + value;

function promptLines(prompt) {
  const lines = [
    `  Prompt ready (navigation start to the first frame with the textarea visible and enabled), median of ${prompt.loads} loads:`,
    row('', `${'app'.padStart(11)}${'baseline'.padStart(11)}${'ratio'.padStart(8)}`),
  ];
  const kinds = { cold: 'cold (new browser context each)', warm: 'warm (reload, same context)' };
  for (const [kind, label] of Object.entries(kinds)) {
    const { app, baseline, ratio } = prompt[kind];
    const judged = `   target <= ${TARGETS.promptReadyMs} ms: ${verdict(app.median <= TARGETS.promptReadyMs)}`;
    lines.push(row(label, `${ms(app.median).padStart(11)}${ms(baseline.median).padStart(11)}${ratio.toFixed(2).padStart(8)}${judged}`));
  }
  return lines;
}

function galleryLines(gallery) {
  const judged = `   target <= ${TARGETS.galleryMs} ms: ${verdict(gallery.gallery.median <= TARGETS.galleryMs)}`;
  return [
    `  Gallery reopen (reload to the first screen of thumbnails), median of ${gallery.reloads} reloads:`,
    row(`${gallery.images} images stored (${gallery.cardsInView} cards in view)`, `${ms(gallery.gallery.median).padStart(11)}${judged}`),
    row('baseline: empty gallery, to the prompt ready', ms(gallery.empty.median).padStart(11)),
    row('ratio', gallery.ratio.toFixed(2).padStart(11)),
    `    (seeding ${gallery.images} images through the page took ${gallery.seedSeconds.toFixed(1)} s)`,
  ];
}

/** The figures, for a person. */
function print({ chromium: version, phone, prompt, gallery }) {
  const lines = [
    `\nPlayground load (headless Chromium ${version}, local release server):`,
    ...(phone ? phoneLines(phone) : []),
    `\n  On a desktop (${VIEWPORT.width}x${VIEWPORT.height}, no throttling, latency 0):`,
    ...(prompt ? promptLines(prompt) : []),
    ...(gallery ? galleryLines(gallery) : []),
    `  Notes: times are performance.now() in the page, from navigation start; the baselines run on the same`,
    `    server binary, interleaved with the app.`,
  ];
  console.log(lines.map((line) => line.trimEnd()).join('\n'));
}

/** Starts a server for `dir` (with `headers`); resolves to { base, stop }. */
const serve = (dir, headers = []) => startServer(['--static', dir, ...headers, '--latency-ms', '0']);

async function main() {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist} has no build: run \`cargo xtask dist\``);
  const dir = await mkdtemp(join(tmpdir(), 'gpt-image-app-bench-'));
  const servers = [];
  const browser = await launchChromium();
  try {
    await mkdir(join(dir, 'baseline'));
    await writeFile(join(dir, 'baseline/index.html'), STATIC_PAGE);
    const start = async (root, headers) => {
      const server = await serve(root, headers);
      servers.push(server);
      return server.base;
    };
    const app = await start(dist, hostHeaders());
    const baseline = await start(join(dir, 'baseline'));
    const phonePages = { app: { base: app, ready: true, send: true }, baseline: { base: baseline, ready: false } };
    if (process.env.FLOOR_PAGE_DIR) {
      await floorSite(process.env.FLOOR_PAGE_DIR, join(dir, 'floor'));
      phonePages.floor = { base: await start(join(dir, 'floor')), ready: true };
    }
    const phone = PARTS.includes('phone') ? await measurePhone(browser, phonePages) : null;
    const prompt = PARTS.includes('desktop') ? await measurePromptReady(browser, { app, baseline }) : null;
    const gallery = PARTS.includes('gallery') ? await measureGallery(browser, await start(dist, hostHeaders())) : null;
    if (pageErrors.length) throw new Error(`uncaught errors in the pages:\n${pageErrors.join('\n')}`);
    const report = { date: new Date().toISOString(), chromium: browser.version(), viewport: VIEWPORT, targets: TARGETS };
    Object.assign(report, { phone, prompt, gallery });
    print(report);
    await mkdir(dirname(OUTPUT), { recursive: true });
    await writeFile(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`  Figures: ${OUTPUT}`);
  } finally {
    await browser.close();
    for (const server of servers) server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
