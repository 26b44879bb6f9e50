// gpt-image-wasm for edge workers (Cloudflare's workerd, Vercel's Edge
// Runtime, and others whose bundler imports a `.wasm` file as a compiled
// `WebAssembly.Module`): the package's API (`index.js`), with that module
// as what `init()` loads when it is given nothing. Such workers cannot
// compile WebAssembly from bytes, nor read files.
import wasm from './gpt_image_wasm_bg.wasm?module';
import { init } from './index.js';

init[Symbol.for('gpt-image-wasm.source')] = () => wasm;

export * from './index.js';
export { default } from './index.js';
