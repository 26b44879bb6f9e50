// Shared by the tests of the built npm package (crates/wasm/pkg): where
// things are, and a readable line diff.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built package (`cargo xtask pkg`). */
export const pkgDir = path.join(root, 'crates/wasm/pkg');
/** The package's hand-written sources, copied into pkg/ by `cargo xtask pkg`. */
export const jsDir = path.join(root, 'crates/wasm/js');
/** Where tests may write (gitignored). */
export const outputDir = path.join(root, 'tests/output/wasm-pkg');

/** Throws a clear error when the package has not been built. */
export function requirePkg() {
  for (const file of ['index.js', 'index.d.ts', 'gpt_image_wasm.js', 'gpt_image_wasm.d.ts', 'gpt_image_wasm_bg.wasm']) {
    if (!existsSync(path.join(pkgDir, file))) {
      throw new Error(`${path.join(pkgDir, file)} is missing: build the package first with \`cargo xtask pkg\``);
    }
  }
}

/**
 * A unified diff of two texts, line by line, with `context` unchanged lines
 * around each change; empty when they are equal.
 */
export function lineDiff(expected, actual, { expectedName = 'expected', actualName = 'actual', context = 3 } = {}) {
  if (expected === actual) return '';
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Longest common subsequence table, from the ends (files here are small).
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  // The edit script: [' ', line] kept, ['-', line] only expected, ['+', line] only actual.
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) ops.push([' ', a[i++], i, j++ + 1]);
    else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) ops.push(['-', a[i++], i, j]);
    else ops.push(['+', b[j++], i, j]);
  }
  // Hunks: changes with their context, merged when they touch.
  const out = [`--- ${expectedName}`, `+++ ${actualName}`];
  let k = 0;
  while (k < ops.length) {
    if (ops[k][0] === ' ') {
      k++;
      continue;
    }
    let start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end][0] !== ' ') {
        end++;
        continue;
      }
      let run = end;
      while (run < ops.length && ops[run][0] === ' ') run++;
      if (run === ops.length || run - end > 2 * context) {
        end = Math.min(run, end + context);
        break;
      }
      end = run;
    }
    const hunk = ops.slice(start, end);
    const firstA = hunk.find((op) => op[0] !== '+');
    const firstB = hunk.find((op) => op[0] !== '-');
    const countA = hunk.filter((op) => op[0] !== '+').length;
    const countB = hunk.filter((op) => op[0] !== '-').length;
    out.push(`@@ -${firstA ? firstA[2] : ops[start][2]},${countA} +${firstB ? firstB[3] : ops[start][3]},${countB} @@`);
    for (const [sign, line] of hunk) out.push(`${sign}${line}`);
    k = end;
  }
  return out.join('\n');
}
