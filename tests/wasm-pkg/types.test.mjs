// `tsc --strict --noEmit` of a TypeScript user of the package
// (wasm-pkg/types/consumer.ts) against the built package's declarations.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { requirePkg, root } from './helpers.mjs';

test('a strict TypeScript consumer type-checks against pkg/index.d.ts', () => {
  requirePkg();
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const project = path.join(root, 'tests/wasm-pkg/types/tsconfig.json');
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], {
    cwd: path.join(root, 'tests'),
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `tsc -p ${path.relative(root, project)} failed:\n${result.stdout}${result.stderr}`);
});
