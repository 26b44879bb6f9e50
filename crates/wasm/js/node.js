// gpt-image-wasm for Node (20 and later), Deno and Bun: the package's API
// (`index.js`), with the WebAssembly read from the file beside this module
// when `init()` is given nothing. `fetch`, `Blob`, `File`, `FormData`,
// `AbortController` and web streams are these runtimes' own globals.
import { readFile } from 'node:fs/promises';
import { init } from './index.js';

init[Symbol.for('gpt-image-wasm.source')] = () => readFile(new URL('gpt_image_wasm_bg.wasm', import.meta.url));

export * from './index.js';
export { default } from './index.js';
