// The built package (crates/wasm/pkg) as web pages use it, in headless
// Chromium against gpt-image-server (which also serves the pages):
//
// - bundled: page/main.js → page/app.js, which imports 'gpt-image-wasm' by
//   name, bundled (and minified) by esbuild; the wasm copied next to the bundle;
// - bundled, init(url): page/main-init.js, the wasm's URL from esbuild's `file`
//   loader given to `init()`, and no wasm next to the bundle;
// - no bundler: page/plain.html imports ./pkg/index.js as files.
//
// Each page runs page/checks.js and leaves `{ ok, checks }` in
// `window.__checks`; every check becomes a subtest here.
//
// Needs GPT_IMAGE_SERVER_BIN (the gpt-image-server binary) and Chromium at
// /usr/bin/chromium (or CHROMIUM_PATH). Writes only under tests/output/wasm-pkg/.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../server/helpers.mjs';
import { outputDir, pkgDir, requirePkg, root } from './helpers.mjs';

const pageDir = path.join(root, 'tests/wasm-pkg/page');
const siteDir = path.join(outputDir, 'site');
/** A node_modules folder holding a copy of the package, for esbuild's nodePaths. */
const modulesDir = path.join(outputDir, 'node_modules');

const PAGE_TIMEOUT_MS = 180_000;

/** Bundles `entry` from page/ into `outDir` as `main.js`, resolving 'gpt-image-wasm' to the built package. */
async function bundle(entry, outDir, options = {}) {
  await esbuild.build({
    entryPoints: { main: path.join(pageDir, entry) },
    outdir: outDir,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    nodePaths: [modulesDir],
    logLevel: 'warning',
    ...options,
  });
}

async function buildSite() {
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(siteDir, { recursive: true });
  cpSync(pkgDir, path.join(modulesDir, 'gpt-image-wasm'), { recursive: true });
  // What the server answers for unknown paths: a wasm fetched from a wrong
  // place gets this page, and loading fails loudly.
  writeFileSync(path.join(siteDir, 'index.html'), '<!doctype html><title>not here</title><p>no such file</p>\n');

  const plain = path.join(siteDir, 'plain');
  cpSync(pkgDir, path.join(plain, 'pkg'), { recursive: true });
  cpSync(path.join(pageDir, 'plain.html'), path.join(plain, 'index.html'));
  cpSync(path.join(pageDir, 'checks.js'), path.join(plain, 'checks.js'));

  const bundled = path.join(siteDir, 'bundled');
  await bundle('main.js', bundled);
  cpSync(path.join(pkgDir, 'gpt_image_wasm_bg.wasm'), path.join(bundled, 'gpt_image_wasm_bg.wasm'));
  cpSync(path.join(pageDir, 'bundled.html'), path.join(bundled, 'index.html'));

  const withInit = path.join(siteDir, 'bundled-init');
  await bundle('main-init.js', withInit, { loader: { '.wasm': 'file' } });
  cpSync(path.join(pageDir, 'bundled.html'), path.join(withInit, 'index.html'));
  const wasm = readdirSync(withInit).filter((name) => name.endsWith('.wasm'));
  assert.ok(
    wasm.length === 1 && wasm[0] !== 'gpt_image_wasm_bg.wasm',
    `the file loader should emit one hashed wasm, found ${wasm.join(', ')}`,
  );
}

let server;
let browser;

before(async () => {
  requirePkg();
  await buildSite();
  server = await startServer(['--static', siteDir]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** Opens a page of the site and waits for its checks; returns them with what the console said. */
async function runPage(route) {
  const page = await browser.newPage();
  const logs = [];
  page.on('console', (message) => logs.push(`console.${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`page error: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => logs.push(`request failed: ${request.url()} ${request.failure()?.errorText}`));
  try {
    await page.goto(`${server.base}${route}`);
    const handle = await page.waitForFunction(() => window.__checks, null, { timeout: PAGE_TIMEOUT_MS, polling: 100 });
    return { result: await handle.jsonValue(), logs };
  } catch (error) {
    throw new Error(`${route}: the page did not finish: ${error.message}\n${logs.join('\n')}`);
  } finally {
    await page.close();
  }
}

for (const [name, route] of [
  ['bundled by esbuild (wasm next to the bundle)', '/bundled/'],
  ['bundled by esbuild (init(url) with the file loader)', '/bundled-init/'],
  ['no bundler (<script type="module"> importing ./pkg/index.js)', '/plain/'],
]) {
  describe(`the package in a page: ${name}`, () => {
    let run;
    before(async () => {
      run = await runPage(route);
    });

    test('the page ran its checks', () => {
      assert.ok(run.result.checks.length > 1, `only: ${JSON.stringify(run.result)}\n${run.logs.join('\n')}`);
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
