// `tsc --strict --noEmit` of TypeScript users of the package against the
// built package's declarations: wasm-pkg/types/consumer.ts with the DOM
// library, wasm-pkg/types/node/node-consumer.ts with Node's types alone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { requirePkg, root } from './helpers.mjs';

for (const [who, project] of [
  ['a strict TypeScript consumer (DOM library)', 'tests/wasm-pkg/types/tsconfig.json'],
  ['a server-side consumer with @types/node and no DOM library', 'tests/wasm-pkg/types/node/tsconfig.json'],
]) {
  test(`${who} type-checks against pkg/index.d.ts`, () => {
    requirePkg();
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, project), '--pretty', 'false'], {
      cwd: path.join(root, 'tests'),
      encoding: 'utf8',
    });
    assert.equal(result.status, 0, `tsc -p ${project} failed:\n${result.stdout}${result.stderr}`);
  });
}
