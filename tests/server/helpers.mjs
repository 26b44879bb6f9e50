// Shared by the server tests: spawn the server binary, and validate bodies
// and stream events against the component schemas of the OpenAPI spec.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

/** Spawns `$GPT_IMAGE_SERVER_BIN --port 0 --exit-after 600 ...args`; resolves to { base, stop }. */
export async function startServer(args = [], env = {}) {
  const bin = process.env.GPT_IMAGE_SERVER_BIN;
  if (!bin) throw new Error('set GPT_IMAGE_SERVER_BIN to the gpt-image-server binary');
  const child = spawn(bin, ['--port', '0', '--exit-after', '600', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const base = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
    lines.once('line', (line) => {
      const match = /^listening on (http:\/\/\S+)$/.exec(line);
      if (match) resolve(match[1]);
      else reject(new Error(`unexpected first line: ${line}`));
    });
  });
  return { base, stop: () => child.kill() };
}

const specPath = fileURLToPath(new URL('../spec/images.openapi.yaml', import.meta.url));
const spec = YAML.parse(readFileSync(specPath, 'utf8'));
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addFormat('unixtime', { type: 'number', validate: (value) => Number.isInteger(value) });
ajv.addSchema({ $id: 'spec', components: spec.components });

const compiled = new Map();

/**
 * Validates `value` against the spec's component schema `name` and throws
 * with every error when it does not match.
 *
 * `relaxSize`: the spec's `size` enums list only 1024x1024, 1024x1536 and
 * 1536x1024 (and `auto`), but the API documents custom `WIDTHxHEIGHT` sizes
 * for gpt-image-2. For answers to such requests, and only those, the `size`
 * enum is dropped (the field must still be a string) before validating.
 *
 * `relaxQuality`: the spec copy (2026-08-21) predates GPT Image 2.5 and its
 * `xhigh` and `max` qualities; for answers of those models the `quality`
 * enum is dropped the same way (the test checks the value itself).
 */
export function assertSchema(name, value, { relaxSize = false, relaxQuality = false } = {}) {
  const key = `${name}:${relaxSize}:${relaxQuality}`;
  if (!compiled.has(key)) {
    let schema = { $ref: `spec#/components/schemas/${name}` };
    if (relaxSize || relaxQuality) {
      const copy = structuredClone(spec.components.schemas[name]);
      if (relaxSize && copy.properties?.size) copy.properties.size = { type: 'string', pattern: '^(auto|[1-9][0-9]*x[1-9][0-9]*)$' };
      if (relaxQuality && copy.properties?.quality) copy.properties.quality = { type: 'string' };
      schema = { ...copy, $id: `relaxed-${name}-${relaxSize}-${relaxQuality}` };
      // Refs inside the copy point at the spec document.
      schema = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"spec#/components/'));
    }
    compiled.set(key, ajv.compile(schema));
  }
  const validate = compiled.get(key);
  if (!validate(value)) {
    const shown = JSON.stringify(value, (k, v) => (k === 'b64_json' ? `<${v.length} chars>` : v));
    throw new Error(`${name} does not match the spec: ${ajv.errorsText(validate.errors)}\n${shown}`);
  }
}

/** Parses a text/event-stream body into [{ event, data }]. */
export function parseSse(text) {
  return text
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? null;
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { event, data: JSON.parse(data) };
    });
}

/** POSTs JSON and returns the fetch Response. */
export function postJson(base, path, body, headers = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** The first bytes of an image file tell its format. */
export function formatOf(bytes) {
  if (bytes[0] === 0x89 && bytes[1] === 0x50) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'jpeg';
  if (bytes.subarray(0, 4).toString() === 'RIFF' && bytes.subarray(8, 12).toString() === 'WEBP') return 'webp';
  if (bytes.subarray(0, 6).toString() === 'GIF89a' || bytes.subarray(0, 6).toString() === 'GIF87a') return 'gif';
  if (/^\s*(<\?xml[^>]*\?>\s*)?<svg[\s>]/.test(bytes.subarray(0, 512).toString())) return 'svg';
  return 'unknown';
}

/**
 * Reads a GIF's structure by hand: the screen's size and, per frame, its
 * size, its delay in milliseconds (from the graphic control extension) and
 * whether it has a transparent colour. Throws on bytes that are not a
 * complete GIF (every block is walked up to the trailer).
 */
export function gifFrames(bytes) {
  const signature = bytes.subarray(0, 6).toString('latin1');
  if (signature !== 'GIF89a' && signature !== 'GIF87a') throw new Error(`not a GIF: ${signature}`);
  const width = bytes.readUInt16LE(6);
  const height = bytes.readUInt16LE(8);
  const colourTable = (packed) => (packed & 0x80 ? 3 * 2 ** ((packed & 0x07) + 1) : 0);
  let at = 13 + colourTable(bytes[10]);
  const skipSubBlocks = () => {
    while (bytes[at] !== 0) {
      if (at >= bytes.length) throw new Error('the GIF ends inside a block');
      at += bytes[at] + 1;
    }
    at += 1;
  };
  const frames = [];
  let control = { delayMs: 0, transparent: false };
  for (;;) {
    if (at >= bytes.length) throw new Error('the GIF has no trailer');
    const introducer = bytes[at];
    if (introducer === 0x3b) break;
    if (introducer === 0x21) {
      const label = bytes[at + 1];
      at += 2;
      if (label === 0xf9) {
        control = { delayMs: bytes.readUInt16LE(at + 2) * 10, transparent: (bytes[at + 1] & 0x01) === 1 };
      }
      skipSubBlocks();
    } else if (introducer === 0x2c) {
      const frame = { width: bytes.readUInt16LE(at + 5), height: bytes.readUInt16LE(at + 7), ...control };
      at += 10 + colourTable(bytes[at + 9]);
      at += 1; // LZW minimum code size
      skipSubBlocks();
      frames.push(frame);
      control = { delayMs: 0, transparent: false };
    } else {
      throw new Error(`unexpected GIF block 0x${introducer.toString(16)} at ${at}`);
    }
  }
  return { width, height, frames };
}

/**
 * A small XML parser, enough to prove a document well-formed: one root
 * element, every tag closed in order, attributes quoted, only XML's own
 * entities. Returns the root as { name, attributes, children, text }.
 */
export function parseXml(text) {
  const token = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([\w:.-]+)\s*>|<([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  const entities = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const unescape = (raw) =>
    raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|\w+);|&/g, (whole, name) => {
      if (!name) throw new Error('a bare & in XML text');
      if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      if (!(name in entities)) throw new Error(`unknown entity &${name};`);
      return entities[name];
    });
  const stack = [];
  let root = null;
  for (const [whole, close, open, attributes, selfClosing, chars, stray] of text.matchAll(token)) {
    if (stray) throw new Error(`a < that starts no tag near ${JSON.stringify(text.slice(text.indexOf(whole, 0), 40))}`);
    if (whole.startsWith('<?') || whole.startsWith('<!--')) continue;
    if (chars !== undefined) {
      if (stack.length) stack.at(-1).text += unescape(chars);
      else if (chars.trim()) throw new Error('text outside the root element');
      continue;
    }
    if (close) {
      const element = stack.pop();
      if (element?.name !== close) throw new Error(`</${close}> closes <${element?.name}>`);
      continue;
    }
    const element = { name: open, attributes: {}, children: [], text: '' };
    for (const [, name, value] of attributes.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      element.attributes[name] = unescape(value ?? '');
    }
    if (stack.length) stack.at(-1).children.push(element);
    else if (root) throw new Error('more than one root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (!root) throw new Error('no root element');
  if (stack.length) throw new Error(`<${stack.at(-1).name}> is never closed`);
  return root;
}

/** Every element below `element`, depth first. */
export function descendants(element) {
  return element.children.flatMap((child) => [child, ...descendants(child)]);
}

/** Width and height from a PNG's IHDR. */
export function pngSize(bytes) {
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}
