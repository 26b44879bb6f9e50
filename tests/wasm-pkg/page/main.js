// Entry of the bundled page: the package loads gpt_image_wasm_bg.wasm from
// next to the bundle, where the test copies it.
import { start } from './app.js';

start();
