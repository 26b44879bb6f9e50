// What the package's checks (../page/checks.js) need outside a page, the
// same in Node, Deno and Bun: the server's origin, PNGs made by hand (no
// canvas), the request corpus read from its file, and no CORS. Also the
// checks that only make sense there: Node's `Buffer` as an upload, and
// results written to files the way the package's README shows.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { Buffer } from 'node:buffer';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** An 8-bit RGBA PNG of `width` x `height` whose pixel (x, y) is `pixel(x, y)`, `[r, g, b, a]`. */
export function png(width, height, pixel) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = new Uint8Array(height * (1 + 4 * width));
  for (let y = 0, at = 0; y < height; y++) {
    rows[at++] = 0; // filter: none
    for (let x = 0; x < width; x++, at += 4) rows.set(pixel(x, y), at);
  }
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ];
  return new Uint8Array(Buffer.concat(parts));
}

/** An opaque PNG (a yellow square on green) and a mask of its size whose left half is transparent. */
async function testImages(width, height) {
  const inside = (x, y) => x >= width / 4 && x < (3 * width) / 4 && y >= height / 4 && y < (3 * height) / 4;
  const image = png(width, height, (x, y) => (inside(x, y) ? [0xff, 0xdd, 0x22, 255] : [0x22, 0xaa, 0x66, 255]));
  const mask = png(width, height, (x) => (x < width / 2 ? [0, 0, 0, 0] : [0, 0, 0, 255]));
  return { image: new Blob([image], { type: 'image/png' }), mask: new Blob([mask], { type: 'image/png' }) };
}

/**
 * The `env` of `runChecks` outside a page: `origin` of the server, the
 * corpus at `corpusPath`, and `outDir` for the files the checks write.
 */
export function runtimeEnv({ origin, corpusPath, outDir }) {
  return {
    origin,
    testImages,
    corpus: async () => JSON.parse(await readFile(corpusPath, 'utf8')),
    cors: false,
    more: (lib) => moreChecks(lib, origin, outDir),
  };
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const isPng = (bytes) => bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;

/** The checks of what a server-side runtime adds: its `Buffer`, its `Blob`s, its files. */
function moreChecks(lib, origin, outDir) {
  const client = new lib.ImagesClient({ baseURL: `${origin}/v1`, apiKey: null });
  const quick = { model: 'gpt-image-2', size: '1024x640', quality: 'low' };
  return {
    async 'edit with a Buffer; the Blobs are the runtime\'s own; results written to files as the README shows'() {
      const { image, mask } = await testImages(256, 256);
      const buffer = Buffer.from(await image.arrayBuffer());
      const res = await client.images.editBlobs({ ...quick, image: buffer, mask: Buffer.from(await mask.arrayBuffer()), prompt: 'x' });
      assert(res.data[0].blob instanceof Blob && res.data[0].blob.constructor === globalThis.Blob, 'a Blob of the runtime');
      // The README's Node example, as written there.
      await mkdir(outDir, { recursive: true });
      for (const { index, blob } of res.data) {
        await writeFile(`${outDir}/image-${index}.png`, Buffer.from(await blob.arrayBuffer()));
      }
      const json = await client.images.generate({ ...quick, prompt: 'a lighthouse' });
      await writeFile(`${outDir}/generated.png`, Buffer.from(json.data[0].b64_json, 'base64'));
      for (const file of ['image-0.png', 'generated.png']) {
        const bytes = new Uint8Array(await readFile(`${outDir}/${file}`));
        assert(isPng(bytes), `${file} is a PNG`);
        assert(new DataView(bytes.buffer, bytes.byteOffset).getUint32(16) === 1024, `${file} is 1024 wide`);
      }
    },
  };
}
