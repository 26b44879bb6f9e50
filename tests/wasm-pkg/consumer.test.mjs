// The built package (crates/wasm/pkg) as web pages use it, in headless
// Chromium against gpt-image-server (which also serves the pages). The
// bundlers build a copy of page/ (output/wasm-pkg/app/) that sits next to a
// copy of the package in output/wasm-pkg/node_modules/, as in an application
// that installed it; page/main.js → page/app.js imports 'gpt-image-wasm' by
// name. The pages are listed in `pages` below.
//
// Each page runs page/checks.js and leaves `{ ok, checks }` in
// `window.__checks`; every check becomes a subtest here. Each page must also
// fetch the one wasm file in its folder, and nothing else ending in .wasm.
//
// Needs GPT_IMAGE_SERVER_BIN (the gpt-image-server binary) and Chromium at
// /usr/bin/chromium (or CHROMIUM_PATH). Writes only under tests/output/wasm-pkg/.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { launchChromium } from '../chromium.mjs';
import * as vite from 'vite';
import webpack from 'webpack';
import { startServer } from '../server/helpers.mjs';
import { outputDir, pkgDir, requirePkg, root } from './helpers.mjs';

const pageDir = path.join(root, 'tests/wasm-pkg/page');
const siteDir = path.join(outputDir, 'site');
/** The application the bundlers build: a copy of page/, with index.html from page/bundled.html. */
const appDir = path.join(outputDir, 'app');

const PAGE_TIMEOUT_MS = 180_000;
const WASM_NAME = 'gpt_image_wasm_bg.wasm';

/** Bundles `entry` from the app into `outDir` as `main.js` with esbuild. */
async function esbuildBundle(entry, outDir, options = {}) {
  await esbuild.build({
    entryPoints: { main: path.join(appDir, entry) },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    logLevel: 'warning',
    ...options,
  });
  cpSync(path.join(pageDir, 'bundled.html'), path.join(outDir, 'index.html'));
}

/**
 * The pages, each built into site/<dir>/ by `build(outDir)` and served at
 * /<dir>/. `hashed`: the wasm the page loads was emitted by the bundler,
 * under a name of its own.
 */
const pages = [
  {
    // The package's default: the wasm at `new URL('gpt_image_wasm_bg.wasm',
    // import.meta.url)`, copied next to the bundle as esbuild leaves it alone.
    name: 'bundled by esbuild (wasm next to the bundle)',
    dir: 'bundled',
    async build(outDir) {
      await esbuildBundle('main.js', outDir);
      cpSync(path.join(pkgDir, WASM_NAME), path.join(outDir, WASM_NAME));
    },
  },
  {
    // page/main-init.js: the wasm's URL from esbuild's `file` loader, given to `init()`.
    name: 'bundled by esbuild (init(url) with the file loader)',
    dir: 'bundled-init',
    hashed: true,
    build: (outDir) => esbuildBundle('main-init.js', outDir, { loader: { '.wasm': 'file' } }),
  },
  {
    // `vite build` of the app's index.html, no plugin: Vite emits the wasm
    // as an asset from the `new URL(…, import.meta.url)` in the package.
    name: 'bundled by Vite (the wasm emitted as an asset)',
    dir: 'vite',
    hashed: true,
    build: (outDir) =>
      vite.build({
        root: appDir,
        base: './',
        configFile: false,
        logLevel: 'warn',
        build: { outDir, emptyOutDir: true },
      }),
  },
  {
    // webpack 5 in production mode, an ES module as the page loads it, no
    // loader or plugin: its built-in asset modules emit the wasm from the
    // `new URL(…, import.meta.url)` in the package.
    name: 'bundled by webpack 5 (the wasm emitted as an asset)',
    dir: 'webpack',
    hashed: true,
    async build(outDir) {
      const config = {
        mode: 'production',
        context: appDir,
        entry: './main.js',
        output: { path: outDir, module: true, filename: 'main.js' },
      };
      await new Promise((resolve, reject) => {
        webpack(config, (error, stats) => {
          if (error || stats.hasErrors()) reject(error ?? new Error(stats.toString('errors-only')));
          else resolve();
        });
      });
      cpSync(path.join(pageDir, 'bundled.html'), path.join(outDir, 'index.html'));
    },
  },
  {
    // No bundler: page/plain.html imports ./pkg/index.js as files.
    name: 'no bundler (<script type="module"> importing ./pkg/index.js)',
    dir: 'plain',
    build(outDir) {
      cpSync(pkgDir, path.join(outDir, 'pkg'), { recursive: true });
      cpSync(path.join(pageDir, 'plain.html'), path.join(outDir, 'index.html'));
      cpSync(path.join(pageDir, 'checks.js'), path.join(outDir, 'checks.js'));
    },
  },
];

async function buildSite() {
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  cpSync(pkgDir, path.join(outputDir, 'node_modules/gpt-image-wasm'), { recursive: true });
  cpSync(pageDir, appDir, { recursive: true });
  cpSync(path.join(pageDir, 'bundled.html'), path.join(appDir, 'index.html'));
  // What the server answers for unknown paths: a wasm fetched from a wrong
  // place gets this page, and loading fails loudly.
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>not here</title><p>no such file</p>\n');
  for (const { dir, build } of pages) await build(path.join(siteDir, dir));
  // The request corpus gpt-image-core's tests judge too: the pages check the package against it.
  cpSync(path.join(root, 'tests/spec/validation-corpus.json'), path.join(siteDir, 'validation-corpus.json'));
}

let server;
let browser;

before(async () => {
  requirePkg();
  await buildSite();
  server = await startServer(['--static', siteDir]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/**
 * Opens a page of the site and waits for its checks; returns them with what
 * the console said and the answers to requests for .wasm files, as `status url`.
 */
async function runPage(route) {
  const page = await browser.newPage();
  const logs = [];
  const wasm = [];
  page.on('console', (message) => logs.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => logs.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.wasm')) wasm.push(`${response.status()} ${response.url()}`);
  });
  try {
    await page.goto(`${server.base}${route}`);
    const handle = await page.waitForFunction(() => window.__checks, null, { timeout: PAGE_TIMEOUT_MS, polling: 100 });
    return { result: await handle.jsonValue(), logs, wasm };
  } catch (error) {
    throw new Error(`${route}: the page did not finish: ${error.message}\n${logs.join('\n')}`);
  } finally {
    await page.close();
  }
}

for (const { name, dir, hashed } of pages) {
  describe(`the package in a page: ${name}`, () => {
    let run;
    before(async () => {
      run = await runPage(`/${dir}/`);
    });

    test('the page ran its checks', () => {
      assert.ok(run.result.checks.length > 1, `only: ${JSON.stringify(run.result)}\n${run.logs.join('\n')}`);
    });

    test(`the page fetched the one wasm file of its folder${hashed ? ', emitted under a hashed name' : ''}`, () => {
      const files = readdirSync(path.join(siteDir, dir), { recursive: true }).filter((file) => file.endsWith('.wasm'));
      assert.equal(files.length, 1, `wasm files in site/${dir}/: ${files.join(', ')}`);
      assert.equal(path.basename(files[0]) !== WASM_NAME, Boolean(hashed), `the wasm file's name: ${files[0]}`);
      assert.deepEqual(run.wasm, [`200 ${server.base}/${dir}/${files[0].split(path.sep).join('/')}`]);
    });

    // The names of the checks are only known once the page has run, so each
    // becomes a subtest of this one.
    test('every check passes', async (t) => {
      for (const check of run.result.checks) {
        await t.test(`${check.name} (${check.ms} ms)`, () => {
          assert.ok(check.ok, `${check.error}\n\nbrowser console:\n${run.logs.join('\n')}`);
        });
      }
    });
  });
}
