// The package benchmark, in one run against the local server in headless
// Chromium. `cargo xtask bench` runs it; by hand, from tests/, with
// crates/wasm/pkg built (`cargo xtask pkg`):
//
//   GPT_IMAGE_SERVER_BIN=<release gpt-image-server> node wasm-pkg/bench/run.mjs
//
// - size: gpt-image-wasm as a page loads it (minified bundle + .wasm) next
//   to the `openai` package's bundle for the same call, gzipped at level 9;
// - time to get n = 10 images of 1536x1024 as Blobs by (a) generateBlobs,
//   (b) generate + atob, (c) openai + atob, and (d) a bare fetch +
//   arrayBuffer() of the same answer (the floor): medians of interleaved
//   rounds, as ratios; once from the live server, once from a stored body;
// - memory of the page while each method runs, and after 100 calls of (a).
//
// Prints a table and writes tests/output/pkg-bench.json. A missed target is
// reported, not failed; only errors fail.
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { launchChromium } from '../../chromium.mjs';
import { startServer } from '../../server/helpers.mjs';
import { PARAMS } from './params.js';

const here = dirname(fileURLToPath(import.meta.url));
const testsDir = resolve(here, '../..');
/** The package as `cargo xtask pkg` builds it; GPT_IMAGE_WASM_PKG names another build. */
const pkgDir = process.env.GPT_IMAGE_WASM_PKG ?? resolve(testsDir, '../crates/wasm/pkg');
const WASM = 'gpt_image_wasm_bg.wasm';
const OUTPUT = join(testsDir, 'output/pkg-bench.json');

/** Interleaved rounds of every method, after one warm-up each. */
const ROUNDS = Number(process.env.PKG_BENCH_ROUNDS ?? 15);
/** Calls of (a) in the leak check. */
const LEAK_CALLS = Number(process.env.PKG_BENCH_LEAK_CALLS ?? 100);
/** Calls of the leak check after which the page counts as warm (compiled code, caches). */
const WARM_CALLS = 10;
/** Runs of each method whose memory is sampled; the highest peak is kept. */
const PEAK_RUNS = 3;
/** Milliseconds between memory samples. */
const SAMPLE_MS = 5;
/** Longest wait for one CDP command (the whole leak check is one). */
const CALL_TIMEOUT_MS = 300_000;

const METHODS = {
  a: 'gpt-image-wasm generateBlobs',
  b: 'gpt-image-wasm generate + atob',
  c: 'openai images.generate + atob',
  d: 'bare fetch + arrayBuffer (floor)',
};

/** The package's size budget, gzipped bytes of the files as published: 0.72 of the `openai` bundle. */
const SIZE_BUDGET = 62_000;
/** The targets for the time ratios, on the live server. */
const TARGETS = { 'a/d': 1.15, 'a/c': 0.6 };
/** The target for the page's peak above idle while (a) runs, per decoded image byte. */
const PEAK_TARGET = 1.5;
/**
 * Growth after the leak check that still counts as none, per decoded image
 * byte of one call (code and feedback the calls compile; noise). Keeping
 * every call's results would be LEAK_CALLS.
 */
const GROWTH_ALLOWANCE = 0.1;

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `after − before`, figure by figure. */
function difference(after, before) {
  return Object.fromEntries(Object.keys(before).map((key) => [key, after[key] - before[key]]));
}

/** The highest of each figure over `rows`. */
function highest(rows) {
  return Object.fromEntries(Object.keys(rows[0]).map((key) => [key, Math.max(...rows.map((row) => row[key]))]));
}

// Size

/** Bundles `contents` (an entry module) for browsers, minified; resolves to the JavaScript. */
async function bundle(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    alias: { 'gpt-image-wasm': pkgDir },
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].contents;
}

/**
 * Sizes of what a page ships for the same `images.generate` call: this
 * package (its bundle plus the .wasm it fetches; also its files as
 * published, unbundled) and the `openai` package.
 */
async function sizes() {
  const ours = await bundle(`import { ImagesClient } from 'gpt-image-wasm';
export const generate = (baseURL, params) => new ImagesClient({ baseURL, apiKey: null }).images.generate(params);`);
  const openai = await bundle(`import OpenAI from 'openai';
export const generate = (baseURL, params) =>
  new OpenAI({ baseURL, apiKey: 'x', dangerouslyAllowBrowser: true }).images.generate(params);`);
  const wasm = await readFile(join(pkgDir, WASM));
  const published = await publishedFiles();
  return {
    ours: {
      bundle: ours.length,
      bundleGz: gz(ours),
      wasm: wasm.length,
      wasmGz: gz(wasm),
      totalGz: gz(ours) + gz(wasm),
      unbundledGz: published.reduce((sum, file) => sum + gz(readFileSync(file)), 0),
    },
    openai: { bundle: openai.length, bundleGz: gz(openai) },
  };
}

/** The package's files a page loads without a bundler (as `cargo xtask pkg` counts them). */
async function publishedFiles() {
  const files = ['index.js', 'gpt_image_wasm.js', WASM].map((file) => join(pkgDir, file));
  const snippets = await readdir(join(pkgDir, 'snippets'), { recursive: true, withFileTypes: true }).catch(() => []);
  return files.concat(snippets.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name)));
}

// The page

/** Writes the page into `dir`: index.html, the bench.js bundle and the .wasm next to it. */
async function buildPage(dir) {
  await esbuild.build({
    entryPoints: [join(here, 'bench.js')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    alias: { 'gpt-image-wasm': pkgDir },
    outdir: dir,
    logLevel: 'warning',
  });
  await copyFile(join(here, 'index.html'), join(dir, 'index.html'));
  await copyFile(join(pkgDir, WASM), join(dir, WASM));
}

/** Stores one answer to the benchmark's request as `dir/cached.json`; resolves to its length. */
async function storeCachedBody(base, dir) {
  const response = await fetch(`${base}/v1/images/generations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(PARAMS),
  });
  if (!response.ok) throw new Error(`storing the cached body: HTTP ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  await writeFile(join(dir, 'cached.json'), body);
  return body.length;
}

/**
 * A page Playwright does not instrument, driven over CDP. Playwright's own
 * pages run with the DevTools Network domain enabled, which keeps a copy of
 * every response body in the renderer (up to 200 MB: about one body of
 * growth per call) and reports every chunk of every body. This page is
 * opened in a browser context Playwright does not know, which it detaches
 * from, and is driven through Playwright's browser-level session with
 * `Target.sendMessageToTarget` (deprecated in the protocol, still served),
 * with no domain enabled.
 */
class Page {
  constructor(browserSession, sessionId, contextId) {
    Object.assign(this, { browserSession, sessionId, contextId, lastId: 0, pending: new Map() });
    browserSession.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== sessionId) return;
      const message = JSON.parse(event.message);
      this.pending.get(message.id)?.(message);
      this.pending.delete(message.id);
    });
  }

  /** Opens the benchmark page at `url` and starts its wasm. */
  static async open(browserSession, url) {
    const { browserContextId } = await browserSession.send('Target.createBrowserContext');
    const { targetId } = await browserSession.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId, flatten: false });
    const page = new Page(browserSession, sessionId, browserContextId);
    await page.send('Page.navigate', { url });
    for (let waited = 0; ; waited += 50) {
      const status = await page.evaluate(`window.bench ? 'ready' : document.getElementById('status')?.textContent`);
      if (status === 'ready') break;
      if (status?.startsWith('error') || waited > 30_000) throw new Error(`the page did not load: ${status}`);
      await sleep(50);
    }
    await page.bench('ready');
    return page;
  }

  /** Sends a CDP command to the page; resolves to its result. */
  send(method, params = {}) {
    const id = ++this.lastId;
    const answered = new Promise((resolve, reject) => {
      const late = () => reject(new Error(`${method}: no answer in ${CALL_TIMEOUT_MS} ms`));
      const timer = setTimeout(late, CALL_TIMEOUT_MS);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result);
      });
    });
    const message = JSON.stringify({ id, method, params });
    this.browserSession.send('Target.sendMessageToTarget', { sessionId: this.sessionId, message }).catch(() => {});
    return answered;
  }

  /** The value of a JavaScript expression in the page, promises awaited. */
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  }

  /** Calls `window.bench[name](...args)` in the page (bench.js). */
  bench(name, ...args) {
    return this.evaluate(`window.bench.${name}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
  }

  async close() {
    await this.browserSession.send('Target.disposeBrowserContext', { browserContextId: this.contextId });
  }
}

// Time

/** One timed run of a method in the page; checks that it got every image. */
async function runOnce(page, method, cached = false) {
  const run = await page.bench('run', method, cached);
  if (method === 'd') return run;
  if (run.images !== PARAMS.n) throw new Error(`(${method}) got ${run.images} images, not ${PARAMS.n}`);
  if (run.types.some((type) => !type.startsWith('image/'))) throw new Error(`(${method}) made Blobs of ${run.types}`);
  return run;
}

/** Checks that (a), (b) and (c) get the very same files. */
async function checkSameImages(page) {
  const digests = {};
  for (const method of ['a', 'b', 'c']) digests[method] = JSON.stringify(await page.bench('digests', method));
  if (digests.a !== digests.b || digests.a !== digests.c) {
    throw new Error(`the methods got different images: ${JSON.stringify(digests)}`);
  }
}

/**
 * Times every method: one warm-up each, then ROUNDS rounds of a, b, c, d
 * on the live server then a, b, c, d on the stored body. Every image run
 * must get the same number of image bytes.
 */
async function timeMethods(page) {
  const sets = { live: false, cached: true };
  const samples = { live: {}, cached: {} };
  const bytes = {};
  for (let round = -1; round < ROUNDS; round++) {
    for (const [set, cached] of Object.entries(sets)) {
      for (const method of Object.keys(METHODS)) {
        const run = await runOnce(page, method, cached);
        const kind = method === 'd' ? `${set} body` : 'images';
        bytes[kind] ??= run.bytes;
        if (run.bytes !== bytes[kind]) throw new Error(`(${method}) got ${run.bytes} bytes, not ${bytes[kind]}`);
        if (round >= 0) (samples[set][method] ??= []).push(run.ms);
      }
    }
  }
  const summary = (set) => {
    const m = Object.fromEntries(Object.entries(set).map(([method, ms]) => [method, median(ms)]));
    const ratios = { 'a/d': m.a / m.d, 'a/c': m.a / m.c, 'b/d': m.b / m.d, 'c/d': m.c / m.d };
    return { medians: m, ratios, samples: set };
  };
  return {
    rounds: ROUNDS,
    imageBytes: bytes.images,
    bodyBytes: bytes['live body'],
    live: summary(samples.live),
    cached: summary(samples.cached),
  };
}

// Memory

/** Resident set sizes of Chromium's processes, from /proc, by process type. */
class ProcessMemory {
  constructor(processes) {
    this.processes = processes;
  }

  /** Chromium's processes as they are now (`SystemInfo.getProcessInfo`). */
  static async of(browserSession) {
    const { processInfo } = await browserSession.send('SystemInfo.getProcessInfo');
    return new ProcessMemory(processInfo.map(({ type, id }) => ({ type, pid: id })));
  }

  /** `{ renderer, browser, all }` in bytes; `all` adds the GPU and utility (network) processes. */
  read() {
    const rss = { renderer: 0, browser: 0, all: 0 };
    for (const { type, pid } of this.processes) {
      let pages;
      try {
        pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
      } catch {
        continue; // gone
      }
      rss.all += pages * PAGE_SIZE;
      if (type in rss) rss[type] += pages * PAGE_SIZE;
    }
    return rss;
  }
}

const PAGE_SIZE = 4096;

/**
 * The memory of a page: V8's counters (`Runtime.getHeapUsage`: JS heap
 * used, ArrayBuffer backing stores), the wasm module's linear memory, and
 * the RSS of Chromium's processes. `js` is the page's own working memory:
 * heap + ArrayBuffers + wasm memory.
 */
class Memory {
  constructor(page, processes) {
    Object.assign(this, { page, processes, wasmCounted: false });
  }

  static async of(page, browserSession) {
    const memory = new Memory(page, await ProcessMemory.of(browserSession));
    memory.wasmCounted = await memory.countsWasmMemory();
    return memory;
  }

  /**
   * Whether `backingStorageSize` includes WebAssembly memories (then wasm
   * memory is not added again): a 64 MiB memory held by the page must show.
   */
  async countsWasmMemory() {
    await this.gc();
    const before = (await this.heap()).arrayBuffers;
    await this.page.evaluate('window.probe = new WebAssembly.Memory({ initial: 1024 }), 0');
    const after = (await this.heap()).arrayBuffers;
    await this.page.evaluate('delete window.probe');
    await this.gc();
    return after - before >= 60 * 2 ** 20;
  }

  /** Full garbage collection, then a pause for the browser process to drop released Blobs. */
  async gc() {
    for (let i = 0; i < 2; i++) await this.page.send('HeapProfiler.collectGarbage');
    await sleep(300);
  }

  async heap() {
    const usage = await this.page.send('Runtime.getHeapUsage');
    if (!('backingStorageSize' in usage)) throw new Error('Runtime.getHeapUsage gives no backingStorageSize');
    return { heap: usage.usedSize, arrayBuffers: usage.backingStorageSize };
  }

  /** One sample, flat: js, heap, arrayBuffers, wasm, rendererRss, browserRss, allRss. */
  async sample(wasm) {
    const { heap, arrayBuffers } = await this.heap();
    const rss = this.processes.read();
    const js = heap + arrayBuffers + (this.wasmCounted ? 0 : wasm);
    return { js, heap, arrayBuffers, wasm, rendererRss: rss.renderer, browserRss: rss.browser, allRss: rss.all };
  }

  /** The settled level after garbage collection. */
  async idle() {
    await this.gc();
    return this.sample(await this.page.bench('wasmMemory'));
  }

  /**
   * The highest level of each figure while `work` runs, sampled every
   * SAMPLE_MS (a sample waits while the page's thread is busy). Wasm memory
   * only grows, so its level at the end is its peak, counted in every sample.
   */
  async peakDuring(work, wasm) {
    let done = false;
    const running = work().finally(() => (done = true));
    const samples = [];
    while (!done) {
      samples.push(await this.sample(wasm));
      await sleep(SAMPLE_MS);
    }
    await running;
    const last = await this.sample(await this.page.bench('wasmMemory'));
    for (const sample of samples) {
      sample.js += this.wasmCounted ? 0 : last.wasm - sample.wasm;
      sample.wasm = last.wasm;
    }
    return { peak: highest([...samples, last]), samples: samples.length + 1 };
  }

  /**
   * Peak above idle while `method` runs once: garbage collection and idle
   * level before each of PEAK_RUNS runs, highest of each figure kept.
   */
  async peakAboveIdle(method) {
    const runs = [];
    for (let i = 0; i < PEAK_RUNS; i++) {
      const idle = await this.idle();
      const { peak, samples } = await this.peakDuring(() => runOnce(this.page, method), idle.wasm);
      runs.push({ ...difference(peak, idle), samples });
    }
    return highest(runs);
  }
}

/**
 * Memory, in a page of its own: the idle level after the first call of (a);
 * the peak above idle while (a) runs; the levels after WARM_CALLS and
 * LEAK_CALLS more calls (results released); then the peaks of (b), (c), (d)
 * for comparison.
 */
async function measureMemory(browserSession, url) {
  const page = await Page.open(browserSession, url);
  try {
    const memory = await Memory.of(page, browserSession);
    await runOnce(page, 'a');
    const idle = await memory.idle();
    const peaks = { a: await memory.peakAboveIdle('a') };
    const start = Date.now();
    await page.bench('repeat', 'a', WARM_CALLS);
    const warm = await memory.idle();
    await page.bench('repeat', 'a', LEAK_CALLS - WARM_CALLS);
    const leakSeconds = (Date.now() - start) / 1000;
    const after = await memory.idle();
    for (const method of ['b', 'c', 'd']) {
      await runOnce(page, method);
      peaks[method] = await memory.peakAboveIdle(method);
    }
    return {
      wasmCountedInArrayBuffers: memory.wasmCounted,
      calls: LEAK_CALLS,
      warmCalls: WARM_CALLS,
      leakSeconds,
      idle,
      warm,
      after,
      growth: difference(after, idle),
      lateGrowth: difference(after, warm),
      peaks,
    };
  } finally {
    await page.close();
  }
}

/** Runs both pages in headless Chromium; resolves to the timings and memory figures. */
async function measure(base) {
  const browser = await launchChromium();
  try {
    const browserSession = await browser.newBrowserCDPSession();
    const url = `${base}/index.html`;
    const page = await Page.open(browserSession, url);
    let timing;
    try {
      await checkSameImages(page);
      timing = await timeMethods(page);
    } finally {
      await page.close();
    }
    const memory = await measureMemory(browserSession, url);
    return { chromium: browser.version(), timing, memory: { imageBytes: timing.imageBytes, ...memory } };
  } finally {
    await browser.close();
  }
}

// Report

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const signed = (bytes) => `${bytes >= 0 ? '+' : '-'}${kb(Math.abs(bytes))}`;
const times = (ratio) => `${ratio.toFixed(2)}x`;
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const row = (label, value) => `    ${label}`.padEnd(64) + value;

function sizeLines({ ours, openai }) {
  return [
    `  Size, gzip -9:`,
    row(`gpt-image-wasm as loaded (bundle ${kb(ours.bundle)} + wasm ${kb(ours.wasm)})`, `${kb(ours.totalGz)} gz`),
    row(`gpt-image-wasm files as published, unbundled`, `${kb(ours.unbundledGz)} gz`),
    row(`openai bundle (${kb(openai.bundle)} minified)`, `${kb(openai.bundleGz)} gz`),
    row(`gpt-image-wasm / openai`, (ours.totalGz / openai.bundleGz).toFixed(2)),
    row(`budget for the files as published`, `${kb(SIZE_BUDGET)}: ${verdict(ours.unbundledGz <= SIZE_BUDGET)}`),
  ];
}

function timeLines(timing) {
  const lines = [
    `  Time to ${PARAMS.n} images ${PARAMS.size} ${PARAMS.output_format} as Blobs ` +
      `(${kb(timing.imageBytes)} of images in a ${kb(timing.bodyBytes)} body), ` +
      `median of ${timing.rounds} interleaved rounds:`,
    row('', `${'live'.padStart(9)}${'stored body'.padStart(14)}`),
  ];
  for (const [method, name] of Object.entries(METHODS)) {
    const [live, stored] = [timing.live, timing.cached].map((set) => `${set.medians[method].toFixed(1)} ms`);
    lines.push(row(`(${method}) ${name}`, `${live.padStart(9)}${stored.padStart(14)}`));
  }
  for (const name of ['a/d', 'a/c', 'b/d', 'c/d']) {
    const [live, stored] = [timing.live, timing.cached].map((set) => set.ratios[name].toFixed(3));
    const target = TARGETS[name];
    const ok = timing.live.ratios[name] <= target;
    const judged = target === undefined ? '' : `   target <= ${target} (live): ${verdict(ok)}`;
    lines.push(row(`ratio ${name}`, `${live.padStart(9)}${stored.padStart(14)}${judged}`));
  }
  return lines;
}

function peakLines(memory) {
  const images = memory.imageBytes;
  const lines = [
    `  Memory, peak above idle while one call runs (garbage collected before each; highest of ${PEAK_RUNS} runs),`,
    `  per byte of decoded images (${kb(images)}):`,
    row('', `${'page'.padStart(9)}${'ArrayBuffers'.padStart(14)}${'RSS all'.padStart(10)}${'browser'.padStart(10)}`),
  ];
  for (const [method, name] of Object.entries(METHODS)) {
    const peak = memory.peaks[method];
    const columns = [[peak.js, 9], [peak.arrayBuffers, 14], [peak.allRss, 10], [peak.browserRss, 10]];
    const cells = columns.map(([bytes, width]) => times(bytes / images).padStart(width));
    lines.push(row(`(${method}) ${name}`, cells.join('')));
  }
  const peak = memory.peaks.a.js / images;
  const judged = `${times(peak).padStart(9)}   target <= ${PEAK_TARGET}x: ${verdict(peak <= PEAK_TARGET)}`;
  lines.push(row(`(a) page peak ${kb(memory.peaks.a.js)}`, judged));
  return lines;
}

function leakLines(memory) {
  const images = memory.imageBytes;
  const allowance = GROWTH_ALLOWANCE * images;
  const warm = difference(memory.warm, memory.idle);
  const { growth, lateGrowth: late } = memory;
  const columns = (first, second) => `${first.padStart(11)}${second.padStart(12)}   `;
  const judged = (bytes) =>
    `= ${times(bytes / images)} one call's images   target <= ${GROWTH_ALLOWANCE}x: ${verdict(bytes <= allowance)}`;
  return [
    `  Memory after more calls of (a) (results released; garbage collected), against idle after the first call:`,
    row('', columns(`${memory.warmCalls} calls`, `${memory.calls} calls`)),
    row('page (heap + ArrayBuffers + wasm)', columns(signed(warm.js), signed(growth.js)) + judged(growth.js)),
    row('  of which wasm linear memory', columns(signed(warm.wasm), signed(growth.wasm)) +
      `(${kb(memory.idle.wasm)} -> ${kb(memory.after.wasm)}; it never shrinks)`),
    row('  of which JS heap', columns(signed(warm.heap), signed(growth.heap))),
    row(`page, calls ${memory.warmCalls + 1}-${memory.calls} alone (what keeps growing)`,
      columns('', signed(late.js)) + judged(late.js)),
    row('RSS, all Chromium processes', columns(signed(warm.allRss), signed(growth.allRss)) +
      `(browser ${signed(growth.browserRss)}, renderer ${signed(growth.rendererRss)})`),
    row(`  keeping every call's Blobs would add`, columns('', signed(memory.calls * images))),
  ];
}

function noteLines(memory, cachedBodyBytes) {
  return [
    `  Notes: times are measured in the page (performance.now). Live times include the server drawing and`,
    `    encoding the images (the same for every method); stored-body times replace that with sending the`,
    `    stored ${kb(cachedBodyBytes)} answer as a static file: the clients' own cost. (d) makes no Blobs.`,
    `    "page" is V8's JS heap + ArrayBuffer backing stores (CDP Runtime.getHeapUsage)` +
      `${memory.wasmCountedInArrayBuffers ? '' : ' + the wasm linear memory'},`,
    `    sampled while the call runs; garbage not yet collected counts. Blob contents are not in these`,
    `    counters (Chromium keeps them in the browser process): they show only in the RSS columns (all`,
    `    processes, and the browser process alone), which are noisy: allocators keep freed pages. The`,
    `    pages run without Playwright's instrumentation, which keeps a copy of every response body.`,
  ];
}

/** The figures, for a person. */
function print({ chromium: version, sizes: sizeFigures, timing, memory, cachedBodyBytes }) {
  const lines = [
    `\nPackage in the browser (headless Chromium ${version}, local release server, latency 0):`,
    ...sizeLines(sizeFigures),
    ...timeLines(timing),
    ...peakLines(memory),
    ...leakLines(memory),
    ...noteLines(memory, cachedBodyBytes),
  ];
  console.log(lines.map((line) => line.trimEnd()).join('\n'));
}

async function main() {
  const wasm = join(pkgDir, WASM);
  if (!existsSync(wasm)) throw new Error(`${wasm} is missing: build the package with \`cargo xtask pkg\``);
  const dir = await mkdtemp(join(tmpdir(), 'gpt-image-pkg-bench-'));
  try {
    const sizeFigures = await sizes();
    await buildPage(dir);
    const server = await startServer(['--latency-ms', '0', '--static', dir]);
    try {
      const cachedBodyBytes = await storeCachedBody(server.base, dir);
      const { chromium: version, timing, memory } = await measure(server.base);
      const targets = {
        ...TARGETS,
        pagePeakPerImageByte: PEAK_TARGET,
        growthPerImageByte: GROWTH_ALLOWANCE,
        publishedGzBytes: SIZE_BUDGET,
      };
      const report = { date: new Date().toISOString(), chromium: version, params: PARAMS, cachedBodyBytes };
      Object.assign(report, { sizes: sizeFigures, timing, memory, targets });
      print(report);
      await mkdir(dirname(OUTPUT), { recursive: true });
      await writeFile(OUTPUT, `${JSON.stringify(report, null, 2)}\n`);
      console.log(`  Figures: ${OUTPUT}`);
    } finally {
      server.stop();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
