// The playground's first load on a phone, as `cargo xtask play` serves it:
// Chromium driven through the DevTools protocol at 390x844 (touch), 150 ms
// latency per request, 200 KB/s down (200,000 bytes/s), the CPU slowed 4x
// and the HTTP cache off. Cold loads of each page, interleaved:
//
// - the app: dist/ on the server with its headers (Content-Security-Policy),
//   as `cargo xtask play` serves it, sending the precompressed copies;
// - the baseline: a static page with one textarea on the same server binary;
// - the floor (when FLOOR_PAGE_DIR names a wasm-bindgen build of
//   crates/xtask/floors/page): the least Leptos page that generates with
//   gpt-image-wasm, compressed the way `cargo xtask dist` compresses.
//
// For each load: first-load bytes (what went over the wire: compressed
// bodies and headers, CDP's encodedDataLength, until the page is ready and
// the network idle), first paint (first-contentful-paint), prompt ready (the
// first animation frame in which the prompt box is visible and enabled; typing
// into it is then checked) and app ready (the first frame in which Generate
// is visible and enabled; clicking it must then send the request, with what
// was typed while the page loaded as its prompt).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Cold loads of each page. */
export const PHONE_LOADS = Number(process.env.APP_BENCH_PHONE_LOADS ?? 9);

export const PHONE = {
  viewport: { width: 390, height: 844 },
  latencyMs: 150,
  downBytesPerSecond: 200_000,
  cpuSlowdown: 4,
};

export const PHONE_TARGETS = { promptReadyMs: 700, promptReadyRatio: 1.5, appReadyMs: 2000, bytes: 260_000 };

/** What the bench types while the page loads; the request must carry it. */
const TYPED = 'a paper boat on a pond';

/**
 * In the page (an init script): records in `window.loadBench` the first
 * animation frame in which the prompt box is visible and enabled
 * (`promptReady`) and in which a Generate button is (`appReady`).
 */
function recordReadiness() {
  window.loadBench ??= {};
  const usable = (element) => element && !element.disabled && element.checkVisibility() && element.getBoundingClientRect().width > 0;
  const poll = () => {
    const bench = window.loadBench;
    if (bench.promptReady === undefined && usable(document.querySelector('textarea'))) bench.promptReady = performance.now();
    const generate = [...document.querySelectorAll('button')].find((button) => button.textContent.trim() === 'Generate');
    if (bench.appReady === undefined && usable(generate)) bench.appReady = performance.now();
    if (bench.promptReady === undefined || bench.appReady === undefined) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const tenths = (value) => Math.round(value * 10) / 10;

/**
 * A page in a new browser context with the phone profile applied through
 * the DevTools protocol; `requests()` gives every request finished so far
 * ({ url, status, encoding, bytes }) and `inFlight()` how many are still open.
 */
async function phonePage(browser) {
  const context = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.addInitScript(recordReadiness);
  const cdp = await context.newCDPSession(page);
  const open = new Map();
  const finished = [];
  cdp.on('Network.requestWillBeSent', ({ requestId, request }) => open.set(requestId, { url: request.url }));
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const request = open.get(requestId) ?? { url: response.url };
    open.set(requestId, { ...request, status: response.status, encoding: response.headers['content-encoding'] ?? response.headers['Content-Encoding'] });
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const request = open.get(requestId);
    open.delete(requestId);
    if (request?.url.startsWith('http')) finished.push({ ...request, bytes: encodedDataLength });
  });
  cdp.on('Network.loadingFailed', ({ requestId }) => open.delete(requestId));
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.latencyMs,
    downloadThroughput: PHONE.downBytesPerSecond,
    uploadThroughput: PHONE.downBytesPerSecond,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  return { page, requests: () => [...finished], inFlight: () => open.size };
}

/** Waits for `loadBench[key]`; resolves to it (ms from navigation start). */
async function recorded(page, key) {
  const handle = await page.waitForFunction((name) => window.loadBench?.[name], key, { timeout: 60_000, polling: 50 });
  return handle.jsonValue();
}

/** Resolves once no request has been open for `quietMs`. */
async function networkIdle(inFlight, quietMs = 500) {
  let quietSince = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (inFlight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
  }
}

/**
 * One cold load of `base`. `ready`: wait for Generate too; `send`: and check
 * that it sends the request with what was typed. Resolves to the figures.
 */
async function load(browser, base, { ready, send }) {
  const { page, requests, inFlight } = await phonePage(browser);
  try {
    await page.goto(`${base}/`, { waitUntil: 'commit' });
    const promptReady = await recorded(page, 'promptReady');
    const box = page.getByLabel('Prompt', { exact: true });
    await box.fill(TYPED);
    const appReady = ready ? await recorded(page, 'appReady') : null;
    await networkIdle(inFlight);
    const files = requests();
    const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
    if (send) {
      const typed = await page.getByLabel('Prompt', { exact: true }).inputValue();
      if (typed !== TYPED) throw new Error(`the prompt box holds ${JSON.stringify(typed)} once the app is ready`);
      const sent = page.waitForRequest((request) => request.url().endsWith('/images/generations'), { timeout: 10_000 });
      await page.getByRole('button', { name: 'Generate', exact: true }).click();
      const prompt = JSON.parse((await sent).postData() ?? '{}').prompt;
      if (prompt !== TYPED) throw new Error(`Generate sent the prompt ${JSON.stringify(prompt)}, not what was typed while loading`);
    }
    return { firstPaint, promptReady, appReady, bytes: files.reduce((sum, file) => sum + file.bytes, 0), files };
  } finally {
    await page.context().close();
  }
}

/**
 * The loads of every page of `bases` ({ name: { base, ready, send } }, see
 * `load`), interleaved.
 */
export async function measurePhone(browser, bases) {
  const samples = Object.fromEntries(Object.keys(bases).map((name) => [name, []]));
  for (let i = 0; i < PHONE_LOADS; i++) {
    for (const [name, { base, ...what }] of Object.entries(bases)) samples[name].push(await load(browser, base, what));
  }
  const figures = (loads) => {
    const of = (key) => {
      const values = loads.map((sample) => sample[key]).filter((value) => value !== null);
      return values.length ? { median: tenths(median(values)), samples: values.map(tenths) } : null;
    };
    return { firstPaint: of('firstPaint'), promptReady: of('promptReady'), appReady: of('appReady'), bytes: of('bytes'), files: loads[0].files };
  };
  return { profile: PHONE, loads: PHONE_LOADS, ...Object.fromEntries(Object.entries(samples).map(([name, loads]) => [name, figures(loads)])) };
}

/**
 * A folder to serve the floor page from: its wasm-bindgen output (`dir`),
 * a page that boots it, and Brotli and gzip copies as `cargo xtask dist` writes them.
 */
export async function floorSite(dir, into) {
  await cp(dir, into, { recursive: true });
  const names = await readdir(into);
  const script = names.find((name) => name.endsWith('.js'));
  const wasm = names.find((name) => name.endsWith('_bg.wasm'));
  await writeFile(join(into, 'boot.js'), `import init from './${script}';\nawait init({ module_or_path: './${wasm}' });\n`);
  await writeFile(
    join(into, 'index.html'),
    `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>floor-page</title>
  <script type="module" src="./boot.js"></script>
  <link rel="modulepreload" href="./${script}">
  <link rel="preload" href="./${wasm}" as="fetch" type="application/wasm" crossorigin>
</head>
<body></body>
</html>
`,
  );
  for (const name of await readdir(into, { recursive: true })) {
    if (!/\.(html|js|wasm)$/.test(name)) continue;
    const bytes = await readFile(join(into, name));
    const brotli = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 22 } });
    await writeFile(join(into, `${name}.br`), brotli);
    await writeFile(join(into, `${name}.gz`), gzipSync(bytes, { level: 9 }));
  }
}

// Report

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const ms = (value) => `${value.toFixed(1)} ms`;
const verdict = (ok) => (ok ? 'target met' : 'MISSED');
const row = (label, value) => `    ${label}`.padEnd(58) + value;

/** The phone figures, for a person. */
export function phoneLines(phone) {
  const { app, baseline, floor } = phone;
  const lines = [
    `\nPlayground on a phone (${phone.profile.viewport.width}x${phone.profile.viewport.height} touch, ${phone.profile.latencyMs} ms latency, ` +
      `${phone.profile.downBytesPerSecond / 1000} KB/s down, CPU ${phone.profile.cpuSlowdown}x slower, cache off), served as \`cargo xtask play\` serves it;`,
    `  medians of ${phone.loads} cold loads of each page, interleaved (KB = 1,000 bytes, as transferred: compressed bodies and headers):`,
    `  First load of the app, per file (first run):`,
  ];
  for (const file of [...app.files].sort((a, b) => b.bytes - a.bytes)) {
    const { pathname } = new URL(file.url);
    const note = [file.status === 200 ? '' : `HTTP ${file.status}`, file.encoding ?? 'identity'].filter(Boolean).join(', ');
    lines.push(row(`${pathname} (${note})`, kb(file.bytes).padStart(11)));
  }
  const header = `${'app'.padStart(11)}${'baseline'.padStart(11)}${'ratio'.padStart(8)}${floor ? `${'floor'.padStart(11)}${'app/floor'.padStart(11)}` : ''}`;
  lines.push(row('', header));
  const figure = (label, key, format, target) => {
    const a = app[key].median;
    const b = baseline[key]?.median;
    const f = floor?.[key]?.median;
    const floorPart = floor ? `${format(f).padStart(11)}${(a / f).toFixed(2).padStart(11)}` : '';
    const baselinePart = key === 'appReady' ? `${'-'.padStart(11)}${'-'.padStart(8)}` : `${format(b).padStart(11)}${(a / b).toFixed(2).padStart(8)}`;
    lines.push(row(label, `${format(a).padStart(11)}${baselinePart}${floorPart}${target ? `   ${target}` : ''}`));
  };
  const t = PHONE_TARGETS;
  figure('first-load bytes', 'bytes', kb, `target <= ${kb(t.bytes)}: ${verdict(app.bytes.median <= t.bytes)}`);
  figure('first paint (first-contentful-paint)', 'firstPaint', ms);
  const promptOk = app.promptReady.median <= t.promptReadyMs && app.promptReady.median / baseline.promptReady.median <= t.promptReadyRatio;
  figure('prompt ready (visible, enabled, takes typing)', 'promptReady', ms, `target <= ${t.promptReadyMs} ms and <= ${t.promptReadyRatio}x: ${verdict(promptOk)}`);
  figure('app ready (Generate sends the request)', 'appReady', ms, `target <= ${t.appReadyMs} ms: ${verdict(app.appReady.median <= t.appReadyMs)}`);
  if (!floor) lines.push('    (no floor: set FLOOR_PAGE_DIR to a wasm-bindgen build of crates/xtask/floors/page)');
  return lines;
}
