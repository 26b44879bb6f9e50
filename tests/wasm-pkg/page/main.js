// Entry of the bundled pages: the package loads its wasm from
// `new URL('gpt_image_wasm_bg.wasm', import.meta.url)`, which Vite and
// webpack turn into the asset they emit; for esbuild, the test copies the
// wasm next to the bundle.
import { start } from './app.js';

start();
