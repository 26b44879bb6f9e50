// Node as an edge worker sees the package (`node --conditions=workerd
// --import ./edge-hooks.mjs`): `import wasm from './x.wasm?module'` gives a
// compiled `WebAssembly.Module`, as the bundlers of Cloudflare's workerd and
// Vercel's Edge Runtime make it, and, as there, WebAssembly cannot be
// compiled from bytes at run time: the package must use the module it imported.
import { register } from 'node:module';

const { Module, instantiate } = WebAssembly;
/** What the `?module` import runs: the bundler's compilation, before the worker starts. */
globalThis.__edgeCompile = (bytes) => new Module(bytes);
/** Whether the package's own code (its glue) is compiling: Node's fetch compiles its HTTP parser too. */
const fromPackage = () => /gpt_image_wasm\.js/.test(new Error().stack);
const refused = () => new WebAssembly.CompileError('WebAssembly compilation from bytes is disallowed here (an edge worker)');
WebAssembly.Module = function (bytes) {
  if (fromPackage()) throw refused();
  return new Module(bytes);
};
WebAssembly.Module.prototype = Module.prototype;
WebAssembly.instantiate = (source, imports) =>
  source instanceof Module || !fromPackage() ? instantiate(source, imports) : Promise.reject(refused());
WebAssembly.instantiateStreaming = () => Promise.reject(refused());

register('./edge-loader.mjs', import.meta.url);
