// The benchmark page: the four ways to get n images as Blobs, each timed in
// the page, for run.mjs to call through `window.bench`.
//
// a: gpt-image-wasm's binary path (`generateBlobs`)
// b: gpt-image-wasm's JSON path (`generate`) + the usual atob decoding
// c: the `openai` package (`images.generate`) + the same atob decoding
// d: a bare fetch + arrayBuffer() of the same answer: the floor
//
// `cached: true` answers every generation with the bytes of one answer
// stored as a static file (cached.json), so the server only sends them: the
// clients' own cost, without the server's drawing and PNG encoding.
import { ImagesClient, init } from 'gpt-image-wasm';
import initGlue from 'gpt-image-wasm/gpt_image_wasm.js';
import OpenAI from 'openai';
import { PARAMS } from './params.js';

const baseURL = `${location.origin}/v1`;
const CACHED_PATH = '/cached.json';
const realFetch = globalThis.fetch.bind(globalThis);

/** `fetch`, with generations answered by the stored body. */
function cachedFetch(input, init) {
  const url = input instanceof Request ? input.url : String(input);
  if (!url.endsWith('/images/generations')) return realFetch(input, init);
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  return realFetch(CACHED_PATH, { signal });
}

const ours = new ImagesClient({ baseURL, apiKey: null });
const openai = new OpenAI({ baseURL, apiKey: 'x', dangerouslyAllowBrowser: true });
const openaiCached = new OpenAI({ baseURL, apiKey: 'x', dangerouslyAllowBrowser: true, fetch: cachedFetch });

/** The usual decoding of a `b64_json`: atob, bytes, Blob. */
function blobOfBase64(b64, type) {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}

function blobsOfJson(body) {
  const type = `image/${body.output_format ?? 'png'}`;
  return body.data.map((image) => blobOfBase64(image.b64_json, type));
}

/** Runs `body` with the global fetch answering generations from the stored body. */
async function withCachedFetch(cached, body) {
  if (!cached) return body();
  globalThis.fetch = cachedFetch;
  try {
    return await body();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** Each method resolves to its Blobs (d: to the body's byte length). */
const methods = {
  a: (cached) => withCachedFetch(cached, async () => (await ours.images.generateBlobs(PARAMS)).data.map((d) => d.blob)),
  b: (cached) => withCachedFetch(cached, async () => blobsOfJson(await ours.images.generate(PARAMS))),
  c: async (cached) => blobsOfJson(await (cached ? openaiCached : openai).images.generate(PARAMS)),
  d: async (cached) => {
    const response = cached
      ? await realFetch(CACHED_PATH)
      : await realFetch(`${baseURL}/images/generations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(PARAMS),
        });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.arrayBuffer()).byteLength;
  },
};

/** What one run gives back: its time and what it got, never the Blobs themselves. */
function summary(ms, result) {
  if (typeof result === 'number') return { ms, images: 0, bytes: result };
  const bytes = result.reduce((sum, blob) => sum + blob.size, 0);
  return { ms, images: result.length, bytes, types: [...new Set(result.map((blob) => blob.type))] };
}

/**
 * The wasm module's linear memory, in bytes. The wasm-bindgen glue's init
 * returns the module's exports once loaded (the package does not export the
 * glue; the bundler reaches it through the alias).
 */
async function wasmMemory() {
  const exports = await initGlue();
  return exports.memory.buffer.byteLength;
}

window.bench = {
  params: PARAMS,
  /** Loads the wasm module. */
  async ready() {
    await init();
    return { wasmMemory: await wasmMemory() };
  },
  /** One timed run of a method. */
  async run(method, cached = false) {
    const start = performance.now();
    const result = await methods[method](cached);
    return summary(performance.now() - start, result);
  },
  /** `count` runs of a method, results released as they come. */
  async repeat(method, count) {
    for (let i = 0; i < count; i++) await methods[method](false);
  },
  /** SHA-256 of each image of a method's answer, to check the methods get the same files. */
  async digests(method) {
    const blobs = await methods[method](false);
    const hex = (buffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return Promise.all(blobs.map(async (blob) => hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))));
  },
  wasmMemory,
};
document.getElementById('status').textContent = 'ready';
