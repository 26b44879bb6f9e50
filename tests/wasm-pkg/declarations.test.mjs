// The package's type declarations, checked in and diffed:
//
// - `pkg/gpt_image_wasm.d.ts`, written by wasm-bindgen from the Rust exports,
//   must equal `tests/wasm-pkg/expected/gpt_image_wasm.d.ts`. When the Rust
//   exports change on purpose, rewrite the expected file with
//   `UPDATE_EXPECTED=1 node --test wasm-pkg/declarations.test.mjs` (in tests/) and review its diff.
// - `pkg/index.d.ts`, `pkg/node.js`, `pkg/edge.js` must equal their sources
//   in `crates/wasm/js/`, and `pkg/index.js` its source minified by esbuild
//   (`cargo xtask pkg` writes them so): otherwise the package is stale and
//   the other tests would check old code.
//
// The numbers wasm-bindgen gives its internal closure shims
// (`__wasm_bindgen_func_elem_2092`) change with any change to the Rust code
// (and with them the order of their lines): they are compared as
// `__wasm_bindgen_func_elem_N`, each run of such lines sorted.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
import { jsDir, lineDiff, pkgDir, requirePkg, root } from './helpers.mjs';

const update = process.env.UPDATE_EXPECTED === '1';
const expectedDir = path.join(root, 'tests/wasm-pkg/expected');

const rel = (file) => path.relative(root, file);

function normalize(text) {
  const shim = /__wasm_bindgen_func_elem_\d+/;
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; ) {
    if (!shim.test(lines[i])) {
      out.push(lines[i++]);
      continue;
    }
    const run = [];
    while (i < lines.length && shim.test(lines[i])) run.push(lines[i++].replace(shim, '__wasm_bindgen_func_elem_N'));
    out.push(...run.sort());
  }
  return out.join('\n');
}

test('pkg/gpt_image_wasm.d.ts (wasm-bindgen) is the expected one', () => {
  requirePkg();
  const built = path.join(pkgDir, 'gpt_image_wasm.d.ts');
  const expected = path.join(expectedDir, 'gpt_image_wasm.d.ts');
  const actualText = readFileSync(built, 'utf8');
  if (update) {
    mkdirSync(expectedDir, { recursive: true });
    writeFileSync(expected, actualText);
    return;
  }
  const diff = lineDiff(normalize(readFileSync(expected, 'utf8')), normalize(actualText), {
    expectedName: rel(expected),
    actualName: rel(built),
  });
  assert.ok(
    !diff,
    `the declarations wasm-bindgen generates changed:\n\n${diff}\n\n` +
      'If the change is intended, update the expected file (cd tests && UPDATE_EXPECTED=1 node --test wasm-pkg/declarations.test.mjs) ' +
      'and update crates/wasm/js/index.js and index.d.ts to match.',
  );
});

// The hand-written files as `cargo xtask pkg` writes them: index.js minified
// by esbuild (as `crates/xtask/src/pkg.rs`'s `minify` does), the rest copied.
const published = {
  'index.js': (source) =>
    esbuild.buildSync({ entryPoints: [source], minify: true, format: 'esm', write: false, logLevel: 'warning' }).outputFiles[0].text,
  'node.js': (source) => readFileSync(source, 'utf8'),
  'edge.js': (source) => readFileSync(source, 'utf8'),
  'index.d.ts': (source) => readFileSync(source, 'utf8'),
};

for (const [file, write] of Object.entries(published)) {
  test(`pkg/${file} is crates/wasm/js/${file}${file === 'index.js' ? ', minified' : ''}`, () => {
    requirePkg();
    const source = path.join(jsDir, file);
    const built = path.join(pkgDir, file);
    const diff = lineDiff(write(source), readFileSync(built, 'utf8'), {
      expectedName: rel(source),
      actualName: rel(built),
    });
    assert.ok(!diff, `the package is stale; rebuild it with \`cargo xtask pkg\`:\n\n${diff}`);
  });
}
