// Entry of the bundled page that says where the wasm is: esbuild's `file`
// loader copies the package's wasm into the output folder (its name hashed)
// and gives its URL, which goes to init().
import wasmUrl from 'gpt-image-wasm/gpt_image_wasm_bg.wasm';
import { start } from './app.js';

start(wasmUrl);
