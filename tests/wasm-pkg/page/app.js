// The page script of the bundled pages: imports the package by its name, as
// an application does, and is bundled by esbuild, Vite or webpack (see
// consumer.test.mjs) from main.js (the wasm where the package says) or
// main-init.js (the wasm file's URL from esbuild's `file` loader, given to `init`).
// The whole namespace: checks.js looks up every export (and `default`) by name.
import * as lib from 'gpt-image-wasm';
import { runChecks } from './checks.js';

/** Loads the package (from `wasmUrl`, if given), runs the checks and leaves the results in `window.__checks`. */
export function start(wasmUrl) {
  const run = async () => {
    if (wasmUrl !== undefined) await lib.init(wasmUrl);
    return runChecks(lib);
  };
  run().then(
    (result) => {
      window.__checks = result;
    },
    (error) => {
      window.__checks = { ok: false, checks: [{ name: 'page', ok: false, error: String(error?.stack ?? error) }] };
    },
  );
}
