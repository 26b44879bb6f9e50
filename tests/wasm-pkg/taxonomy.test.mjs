// The tables `index.js` keeps for what must work before the WebAssembly is
// loaded, held against the Rust side that owns them (run in Node, on the
// built package's own files):
//
// - `APIError.generate(status)` picks the class `statusClass(status)` (Rust's
//   `gpt_image_wasm::status_class`, the table the calls' errors are classed by)
//   names, for every status;
// - every class name the Rust side can give is an export of `index.js`;
// - `new ImagesClient({ baseURL })` refuses exactly the base URLs that Rust's
//   `ClientOptions::report` refuses, with the same issue.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { before, test } from 'node:test';
import { pkgDir, requirePkg } from './helpers.mjs';

let lib;
let glue;

before(async () => {
  requirePkg();
  glue = await import(pathToFileURL(path.join(pkgDir, 'gpt_image_wasm.js')).href);
  glue.initSync({ module: readFileSync(path.join(pkgDir, 'gpt_image_wasm_bg.wasm')) });
  lib = await import(pathToFileURL(path.join(pkgDir, 'index.js')).href);
});

test('APIError.generate follows the Rust status table for every status', () => {
  const differ = [];
  for (let status = 0; status <= 999; status++) {
    const made = lib.APIError.generate(status, undefined, 'm', undefined);
    const rust = glue.statusClass(status);
    if (made.constructor.name !== rust || made.name !== rust) differ.push(`${status}: index.js ${made.name}, Rust ${rust}`);
  }
  assert.deepEqual(differ, []);
});

test('every class the Rust side names is an error class of index.js', () => {
  const named = new Set(Array.from({ length: 1000 }, (_, status) => glue.statusClass(status)));
  // Error::class_name's other classes (validation, connection, timeout, abort).
  for (const name of ['ValidationError', 'APIConnectionError', 'APIConnectionTimeoutError', 'APIUserAbortError', 'APIError']) named.add(name);
  for (const name of named) {
    assert.equal(typeof lib[name], 'function', name);
    assert.ok(lib[name].prototype instanceof lib.ImagesError, `${name} is an ImagesError`);
    assert.equal(lib[name].prototype.name, name);
  }
});

test('the constructor refuses the base URLs the Rust side refuses, with the same issue', () => {
  const urls = [
    'https://api.openai.com/v1',
    'HTTPS://API.OPENAI.COM/v1',
    'http://localhost:8787/v1',
    'http://127.0.0.1:18787/v1/',
    'http://[::1]:8787/v1',
    'https://relay.example/openai/v1?x=1#top',
    'https://relay.example',
    'https://a[b/v1',
    'api.openai.com',
    'api.openai.com/v1',
    'localhost:8787/v1',
    '/v1',
    'v1',
    '',
    '//api.openai.com/v1',
    'ftp://api.openai.com/v1',
    'https:/api.openai.com/v1',
    'https://',
    'https:///v1',
    'https://user:secret@api.openai.com/v1',
    'https://api.openai.com:port/v1',
    'https://api.openai.com:/v1',
    'https://api.openai.com:123456/v1',
    'https://h:80:90/v1',
    'https://[::1/v1',
    'https://[abc/v1',
    'https://[::1]x/v1',
    'https://[]/v1',
    ' https://api.openai.com/v1',
    'https://api openai.com/v1',
    'https://api.openai.com\t/v1',
    'https://ex\u00e4mple.com/v1',
  ];
  const issueOf = (make) => {
    try {
      make();
      return undefined;
    } catch (error) {
      return error.issues ?? error;
    }
  };
  for (const baseURL of urls) {
    const js = issueOf(() => new lib.ImagesClient({ baseURL, apiKey: 'sk-test' }));
    const rust = issueOf(() => new glue.WasmClient({ baseURL, apiKey: 'sk-test' }));
    assert.deepEqual(js, rust, JSON.stringify(baseURL));
    if (js) assert.equal(js[0].field, 'baseURL');
  }
  // The default is usable.
  assert.equal(issueOf(() => new lib.ImagesClient()), undefined);
});
