// The module hook of edge-hooks.mjs: `*.wasm?module` is a compiled
// `WebAssembly.Module` as the default export.
export async function load(url, context, nextLoad) {
  if (!url.endsWith('.wasm?module')) return nextLoad(url, context);
  const file = url.slice(0, -'?module'.length);
  const source = `import { readFileSync } from 'node:fs';
export default globalThis.__edgeCompile(readFileSync(new URL(${JSON.stringify(file)})));
`;
  return { format: 'module', source, shortCircuit: true };
}
